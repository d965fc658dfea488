-- The whole schema at version 17 in one script, for a new SQLite database: Flyway runs this baseline instead of
-- V1 to V17 when the database is empty (a first start creates a new database file, and running one script is
-- faster than running seventeen). A database that already has a schema history keeps taking the V scripts.
-- Made from a database migrated with V1 to V17; SchemaBaselineTests checks that both ways give the same schema
-- and rows. Do not edit: a change to the schema is a new V script, which applies after this baseline too.

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    priority        TEXT    NOT NULL,
    level           TEXT    NOT NULL,
    assigned_to     TEXT    NOT NULL DEFAULT '',
    confidence      REAL,
    status          TEXT    NOT NULL,
    -- who set each routed field: default, requester, engine or agent; the engine never overwrites an agent
    priority_source TEXT    NOT NULL,
    level_source    TEXT    NOT NULL,
    team_source     TEXT    NOT NULL,
    triage_reason   TEXT,
    explanation     TEXT,
    closed_at       INTEGER
, engine_team TEXT, possible_duplicates TEXT, incident_id INTEGER, created_by TEXT, requested_priority TEXT, requested_level TEXT, channel TEXT NOT NULL DEFAULT 'api', requester_email TEXT, assignee TEXT, assignee_source TEXT, assignment_reason TEXT, first_response_due INTEGER, resolution_due INTEGER, first_response_at INTEGER, sla_paused_ms INTEGER NOT NULL DEFAULT 0, first_response_warned INTEGER NOT NULL DEFAULT 0, resolution_warned INTEGER NOT NULL DEFAULT 0, first_response_breached INTEGER NOT NULL DEFAULT 0, resolution_breached INTEGER NOT NULL DEFAULT 0, first_response_warn_at INTEGER, resolution_warn_at INTEGER);
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
, internal INTEGER NOT NULL DEFAULT 0);
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    type         TEXT    NOT NULL,
    subject_id   INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    run_at       INTEGER NOT NULL,
    locked_until INTEGER,
    locked_by    TEXT,
    last_error   TEXT,
    created_at   INTEGER NOT NULL
);
CREATE TABLE examples (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    priority     TEXT,
    level        TEXT,
    source       TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    vector       BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
, ticket_id INTEGER);
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    field      TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE incidents (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT    NOT NULL,
    team       TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE ticket_vectors (
    ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    vector     BLOB    NOT NULL,
    created_at INTEGER NOT NULL
, seq INTEGER NOT NULL DEFAULT 0, incident_id INTEGER);
CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL, -- api, session or login
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL, -- requester, agent or admin
    secret_hash  TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at   INTEGER,
    revoked_at   INTEGER
, parent_id INTEGER);
CREATE TABLE webhooks (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    url               TEXT    NOT NULL,
    events            TEXT    NOT NULL,
    description       TEXT,
    secret            TEXT    NOT NULL,
    internal_comments INTEGER NOT NULL DEFAULT 0,
    active            INTEGER NOT NULL DEFAULT 1,
    paused_reason     TEXT,
    -- when the current run of failed attempts began; null while deliveries succeed
    failing_since     INTEGER,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE TABLE webhook_deliveries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id    INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    delivery_id   TEXT    NOT NULL UNIQUE,
    event         TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    occurred_at   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    state         TEXT    NOT NULL, -- pending, sending, delivered or failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    -- when a sender may take it: its next attempt, or the end of the lease of the sender that has it; null once final
    due_at        INTEGER,
    locked_by     TEXT,
    last_status   INTEGER,
    last_error    TEXT,
    delivered_at  INTEGER,
    redelivery_of TEXT
);
CREATE TABLE example_retractions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    example_id   INTEGER NOT NULL,
    retracted_at INTEGER NOT NULL
);
CREATE TABLE incident_clock (
    id  INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);
CREATE TABLE mail_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  TEXT    NOT NULL,
    sender      TEXT,
    outcome     TEXT    NOT NULL, -- ticket, reply, ignored, throttled or rejected
    reason      TEXT,
    ticket_id   INTEGER,
    comment_id  INTEGER,
    received_at INTEGER NOT NULL
);
CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id     INTEGER NOT NULL,
    kind          TEXT    NOT NULL, -- received, reply or closed
    message_id    TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    in_reply_to   TEXT,
    refs          TEXT,
    created_at    INTEGER NOT NULL,
    sent_at       INTEGER,
    failed_reason TEXT
);
CREATE TABLE mail_poller_lease (
    name        TEXT    PRIMARY KEY,
    holder      TEXT,
    lease_until INTEGER NOT NULL
);
CREATE TABLE agents (
    name             TEXT    PRIMARY KEY,
    email            TEXT,
    availability     TEXT    NOT NULL, -- available or away
    max_open_tickets INTEGER NOT NULL,
    -- bumped by every assignment to this agent: the row lock that keeps two processes from both giving the agent
    -- their last free place
    assignments      INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE TABLE agent_teams (
    agent TEXT NOT NULL REFERENCES agents (name) ON DELETE CASCADE,
    team  TEXT NOT NULL,
    PRIMARY KEY (agent, team)
);
CREATE TABLE team_policies (
    team        TEXT    PRIMARY KEY,
    assignment  TEXT,             -- round_robin, least_loaded, expertise or none; NULL: the default
    last_agent  TEXT,             -- round_robin: who was given the team's last ticket
    turns       INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);
CREATE TABLE sla_targets (
    priority               TEXT    PRIMARY KEY,
    first_response_minutes INTEGER NOT NULL,
    resolution_minutes     INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);
CREATE TABLE connector_tickets (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    connector          TEXT    NOT NULL,
    external_id        TEXT    NOT NULL,
    kind               TEXT    NOT NULL, -- live or history
    ticket_id          INTEGER,          -- the product ticket of a live row
    title              TEXT,             -- a history row's title: similar past tickets in notes link to it
    -- the group and priority the helpdesk ticket had when the product first saw it: a different value later is an
    -- agent's choice in the helpdesk, which write-backs never overwrite
    created_group      TEXT,
    created_priority   TEXT,
    -- as last seen, to tell a move to another group, a new priority, a close or a reopen
    last_group         TEXT,
    last_priority      TEXT,
    last_state         TEXT,
    -- the engine's decision (shadow figures): team, priority, calibrated confidence, and whether it met the team's
    -- threshold, i.e. whether auto mode would set it
    predicted_team     TEXT,
    predicted_priority TEXT,
    confidence         REAL,
    auto_routable      INTEGER,
    decided_at         INTEGER,
    -- what the helpdesk finally had when it closed the ticket
    final_group        TEXT,
    final_priority     TEXT,
    closed_at          INTEGER,
    -- what a write-back set (or is about to set) in the helpdesk, so that seeing it again is not taken for an agent's
    -- change
    written_group      TEXT,
    written_priority   TEXT,
    writeback_state    TEXT    NOT NULL DEFAULT 'none', -- none, pending, done, skipped or failed
    writeback_action   TEXT,
    writeback_error    TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE TABLE connector_cursors (
    connector  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (connector, name)
);
CREATE TABLE connector_leases (
    connector   TEXT    PRIMARY KEY,
    holder      TEXT,
    lease_until INTEGER NOT NULL
);
CREATE TABLE team_hours (
    team         TEXT    PRIMARY KEY,
    time_zone    TEXT    NOT NULL, -- an IANA zone id, e.g. Europe/Paris
    days         TEXT    NOT NULL, -- comma-separated: MON,TUE,WED,THU,FRI
    start_minute INTEGER NOT NULL,
    end_minute   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX tickets_by_status ON tickets (status, id);
CREATE INDEX tickets_by_team ON tickets (assigned_to, id);
CREATE INDEX comments_by_ticket ON comments (ticket_id, id);
CREATE UNIQUE INDEX jobs_one_per_subject ON jobs (type, subject_id);
CREATE INDEX jobs_ready ON jobs (state, run_at);
CREATE UNIQUE INDEX examples_by_content ON examples (content_hash);
CREATE UNIQUE INDEX examples_by_ticket ON examples (ticket_id);
CREATE INDEX corrections_by_ticket ON corrections (ticket_id);
CREATE INDEX corrections_by_time ON corrections (created_at);
CREATE INDEX tickets_by_created ON tickets (created_at);
CREATE INDEX ticket_vectors_by_time ON ticket_vectors (created_at);
CREATE INDEX access_tokens_by_kind ON access_tokens (kind, revoked_at);
CREATE INDEX tickets_by_creator ON tickets (created_by, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at);
CREATE INDEX example_retractions_by_time ON example_retractions (retracted_at);
CREATE INDEX ticket_vectors_by_seq ON ticket_vectors (seq);
CREATE INDEX access_tokens_by_parent ON access_tokens (parent_id);
CREATE INDEX tickets_pending_by_creator ON tickets (created_by) WHERE status = 'pending';
CREATE UNIQUE INDEX mail_messages_by_message_id ON mail_messages (message_id);
CREATE INDEX mail_messages_by_sender ON mail_messages (sender, received_at);
CREATE INDEX mail_messages_by_ticket ON mail_messages (ticket_id);
CREATE UNIQUE INDEX mail_outbox_by_message_id ON mail_outbox (message_id);
CREATE INDEX mail_outbox_by_ticket ON mail_outbox (ticket_id, id);
CREATE INDEX tickets_open_by_assignee ON tickets (assignee) WHERE status <> 'closed';
CREATE INDEX tickets_by_assignee ON tickets (assignee, id);
CREATE INDEX tickets_waiting_by_team ON tickets (assigned_to, id) WHERE status = 'routed' AND assignee IS NULL;
CREATE INDEX tickets_first_response_due ON tickets (first_response_due)
    WHERE status <> 'closed' AND first_response_at IS NULL AND first_response_breached = 0;
CREATE INDEX tickets_resolution_due ON tickets (resolution_due)
    WHERE status <> 'closed' AND resolution_breached = 0;
CREATE INDEX agent_teams_by_team ON agent_teams (team, agent);
CREATE UNIQUE INDEX connector_tickets_by_external_id ON connector_tickets (connector, external_id);
CREATE INDEX connector_tickets_by_ticket ON connector_tickets (ticket_id);
CREATE INDEX connector_tickets_by_decision ON connector_tickets (connector, decided_at);
CREATE INDEX connector_tickets_by_title ON connector_tickets (connector, title);
INSERT INTO incident_clock (id, seq) VALUES (1, 0);
INSERT INTO mail_poller_lease (name, holder, lease_until) VALUES ('mailbox', NULL, 0);
