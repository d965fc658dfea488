-- The person who works on a ticket, and who chose them: 'engine' (the team's assignment policy) or 'agent' (a
-- person's choice, which the engine never overwrites). NULL while nobody is assigned: the ticket then waits in its
-- team's queue.
ALTER TABLE tickets ADD COLUMN assignee TEXT;
ALTER TABLE tickets ADD COLUMN assignee_source TEXT;
ALTER TABLE tickets ADD COLUMN assignment_reason TEXT;
-- Service levels: due times from the targets for the ticket's priority (NULL for tickets older than this version),
-- the time the ticket spent closed before being reopened (which moves the due times), the first public comment of
-- an agent, and which warnings and breaches were announced (0 or 1), each announced once by whichever process first
-- changes the flag.
ALTER TABLE tickets ADD COLUMN first_response_due BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_due BIGINT;
ALTER TABLE tickets ADD COLUMN first_response_at BIGINT;
ALTER TABLE tickets ADD COLUMN sla_paused_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_response_warned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolution_warned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_response_breached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolution_breached INTEGER NOT NULL DEFAULT 0;

-- Each agent's open tickets, counted for every assignment; and each agent's tickets, newest first ("My tickets").
CREATE INDEX tickets_open_by_assignee ON tickets (assignee) WHERE status <> 'closed';
CREATE INDEX tickets_by_assignee ON tickets (assignee, id);
-- Each team's queue: routed tickets nobody is assigned to, oldest first.
CREATE INDEX tickets_waiting_by_team ON tickets (assigned_to, id) WHERE status = 'routed' AND assignee IS NULL;
-- Open tickets whose service levels are still to be checked.
CREATE INDEX tickets_first_response_due ON tickets (first_response_due)
    WHERE status <> 'closed' AND first_response_at IS NULL AND first_response_breached = 0;
CREATE INDEX tickets_resolution_due ON tickets (resolution_due)
    WHERE status <> 'closed' AND resolution_breached = 0;

-- Agent profiles: the names are those of the agents' API tokens and logins.
CREATE TABLE agents (
    name             TEXT    PRIMARY KEY,
    email            TEXT,
    availability     TEXT    NOT NULL, -- available or away
    max_open_tickets INTEGER NOT NULL,
    -- bumped by every assignment to this agent: the row lock that keeps two processes from both giving the agent
    -- their last free place
    assignments      BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);

CREATE TABLE agent_teams (
    agent TEXT NOT NULL REFERENCES agents (name) ON DELETE CASCADE,
    team  TEXT NOT NULL,
    PRIMARY KEY (agent, team)
);
CREATE INDEX agent_teams_by_team ON agent_teams (team, agent);

-- How each team's tickets are assigned. A team without a row (or with assignment NULL) has the default policy.
-- Every assignment in a team updates its row first, so that assignments in one team take turns, in all processes.
CREATE TABLE team_policies (
    team        TEXT    PRIMARY KEY,
    assignment  TEXT,             -- round_robin, least_loaded, expertise or none; NULL: the default
    last_agent  TEXT,             -- round_robin: who was given the team's last ticket
    turns       BIGINT  NOT NULL DEFAULT 0,
    updated_at  BIGINT  NOT NULL
);

-- Service-level targets per priority, in minutes of calendar time. Priorities without a row have the defaults.
CREATE TABLE sla_targets (
    priority               TEXT    PRIMARY KEY,
    first_response_minutes INTEGER NOT NULL,
    resolution_minutes     INTEGER NOT NULL,
    updated_at             BIGINT  NOT NULL
);
