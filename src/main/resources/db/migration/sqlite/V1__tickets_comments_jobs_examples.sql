-- Times are epoch milliseconds (UTC) in both vendors' schemas.
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
);
CREATE INDEX tickets_by_status ON tickets (status, id);
CREATE INDEX tickets_by_team ON tickets (assigned_to, id);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_by_ticket ON comments (ticket_id, id);

-- Durable work: a row is written in the same transaction as the change that needs it.
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
CREATE UNIQUE INDEX jobs_one_per_subject ON jobs (type, subject_id);
CREATE INDEX jobs_ready ON jobs (state, run_at);

-- Labelled examples with their embedding, computed once and kept.
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
);
CREATE UNIQUE INDEX examples_by_content ON examples (content_hash);
