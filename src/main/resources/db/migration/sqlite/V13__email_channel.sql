-- Where a ticket came from: the REST API and dashboard ('api') or the support mailbox ('email'); for e-mail, the
-- address it was sent from, which notifications go to and replies are compared with.
ALTER TABLE tickets ADD COLUMN channel TEXT NOT NULL DEFAULT 'api';
ALTER TABLE tickets ADD COLUMN requester_email TEXT;

-- Every message taken in from the mailbox, by its Message-ID, written in the transaction that creates its ticket or
-- comment: a message is never taken twice, whatever happened between that commit and flagging it in the mailbox.
-- ticket_id has no foreign key: a deleted ticket's messages stay known, so they are not taken again.
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
CREATE UNIQUE INDEX mail_messages_by_message_id ON mail_messages (message_id);
CREATE INDEX mail_messages_by_sender ON mail_messages (sender, received_at);
CREATE INDEX mail_messages_by_ticket ON mail_messages (ticket_id);

-- Notifications to requesters, written with the change they announce and sent by a durable job.
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
CREATE UNIQUE INDEX mail_outbox_by_message_id ON mail_outbox (message_id);
CREATE INDEX mail_outbox_by_ticket ON mail_outbox (ticket_id, id);

-- Which process polls the mailbox: the holder of an unexpired lease, so that several workers never poll at once.
CREATE TABLE mail_poller_lease (
    name        TEXT    PRIMARY KEY,
    holder      TEXT,
    lease_until INTEGER NOT NULL
);
INSERT INTO mail_poller_lease (name, holder, lease_until) VALUES ('mailbox', NULL, 0);
