-- What the requester stated at creation; the engine decides priority and level when it routes (an agent's
-- change still stands). Tickets created before this kept a stated value as their priority or level.
ALTER TABLE tickets ADD COLUMN requested_priority TEXT;
ALTER TABLE tickets ADD COLUMN requested_level TEXT;
UPDATE tickets SET requested_priority = priority WHERE priority_source = 'requester';
UPDATE tickets SET requested_level = level WHERE level_source = 'requester';
