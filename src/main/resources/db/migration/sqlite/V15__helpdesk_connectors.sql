-- Tickets of external helpdesks (Zammad, GLPI, ...), one row per helpdesk ticket the product knows, for every
-- connector alike. A live row ('live') is written in the transaction that creates its product ticket, so a helpdesk
-- ticket never becomes two product tickets, whichever process (webhook or poller) sees it first: the unique
-- (connector, external_id) refuses the second. A history row ('history') marks a closed ticket taken into the
-- knowledge base by an import, so a re-run imports only what is new. Groups and priorities are the helpdesk's own
-- names. ticket_id has no foreign key: a deleted product ticket's helpdesk ticket stays known and is not taken again.
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
CREATE UNIQUE INDEX connector_tickets_by_external_id ON connector_tickets (connector, external_id);
CREATE INDEX connector_tickets_by_ticket ON connector_tickets (ticket_id);
CREATE INDEX connector_tickets_by_decision ON connector_tickets (connector, decided_at);
CREATE INDEX connector_tickets_by_title ON connector_tickets (connector, title);

-- Where each connector's polling stands (an opaque value the connector chooses, such as a last-updated time),
-- saved after the tickets it covers are committed: a restart resumes there, and what it sees again changes nothing.
CREATE TABLE connector_cursors (
    connector  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (connector, name)
);

-- Which process polls a connector: the holder of an unexpired lease, so that several workers never poll one at once.
CREATE TABLE connector_leases (
    connector   TEXT    PRIMARY KEY,
    holder      TEXT,
    lease_until INTEGER NOT NULL
);
