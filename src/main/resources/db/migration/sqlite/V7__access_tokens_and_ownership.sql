-- API tokens, dashboard sessions and one-time login codes. Only a SHA-256 hash of each secret is stored.
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
);
CREATE INDEX access_tokens_by_kind ON access_tokens (kind, revoked_at);

-- Who created a ticket (the caller's name); null for tickets created before access control or in demo mode.
ALTER TABLE tickets ADD COLUMN created_by TEXT;
CREATE INDEX tickets_by_creator ON tickets (created_by, id);

-- Internal comments are for agents only.
ALTER TABLE comments ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
