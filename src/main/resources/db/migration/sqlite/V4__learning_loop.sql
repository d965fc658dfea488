-- Examples learnt from tickets: one per ticket at most.
ALTER TABLE examples ADD COLUMN ticket_id INTEGER;
CREATE UNIQUE INDEX examples_by_ticket ON examples (ticket_id);

-- The engine's own choice, kept beside the final team so that routing precision can be measured at close.
ALTER TABLE tickets ADD COLUMN engine_team TEXT;

-- An agent's change of team, priority or tier: what the engine learns from, and how often it was wrong.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    field      TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX corrections_by_ticket ON corrections (ticket_id);
CREATE INDEX corrections_by_time ON corrections (created_at);
CREATE INDEX tickets_by_created ON tickets (created_at);
