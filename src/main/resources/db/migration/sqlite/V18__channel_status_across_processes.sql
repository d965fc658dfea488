-- How each intake channel last fared, as the process that polls it (or writes back to it) saw it: 'zammad', 'glpi',
-- 'mail'. One row per channel, written once per poll and on each failure, never per ticket, so that any API process
-- answers the status endpoints with what the polling worker saw. Times are epoch milliseconds.
CREATE TABLE channel_status (
    channel       TEXT    PRIMARY KEY,
    state         TEXT,             -- up or down; NULL while no process has polled it (webhooks only, or not yet)
    last_poll     INTEGER,          -- the last successful poll
    watch         TEXT,             -- mail only: how new mail is noticed while up (idle or poll)
    last_error    TEXT,             -- the last error met, kept after a recovery; its time tells whether it is current
    last_error_at INTEGER,
    updated_at    INTEGER NOT NULL
);
