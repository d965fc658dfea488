-- The API token a dashboard session was opened with: revoking the token ends its sessions.
ALTER TABLE access_tokens ADD COLUMN parent_id INTEGER;
CREATE INDEX access_tokens_by_parent ON access_tokens (parent_id);

-- Each requester's tickets waiting to be routed, counted on every ticket they create while the backlog is busy.
CREATE INDEX tickets_pending_by_creator ON tickets (created_by) WHERE status = 'pending';
