-- Outbound webhook subscriptions. The secret is encrypted with a key kept outside the database (see
-- docs/webhooks.md); events is a comma-separated list of event names, or *.
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

-- The webhook outbox: a row is written in the same transaction as the change it announces.
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
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at);
