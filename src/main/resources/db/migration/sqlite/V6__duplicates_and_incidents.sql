-- Near-duplicate open tickets found at triage, as a JSON list of {id, similarity}.
ALTER TABLE tickets ADD COLUMN possible_duplicates TEXT;
-- The incident a ticket was grouped under when many similar tickets arrived together.
ALTER TABLE tickets ADD COLUMN incident_id INTEGER;

CREATE TABLE incidents (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT    NOT NULL,
    team       TEXT,
    created_at INTEGER NOT NULL
);

-- Each triaged ticket's embedding, so that duplicates and storms are found across restarts without re-embedding.
CREATE TABLE ticket_vectors (
    ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    vector     BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ticket_vectors_by_time ON ticket_vectors (created_at);
