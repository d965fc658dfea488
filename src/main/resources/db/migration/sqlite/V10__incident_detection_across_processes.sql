-- Duplicate and incident detection runs in every worker process. Each keeps the recent tickets' vectors in
-- memory and catches up with what the others did through seq: every assessment takes the next number from
-- incident_clock, whose row lock also makes the assessments of all processes take turns, and stamps the rows it
-- writes (a new vector, or a ticket attached to an incident) with it.
ALTER TABLE ticket_vectors ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_vectors ADD COLUMN incident_id INTEGER;
UPDATE ticket_vectors SET incident_id = (SELECT t.incident_id FROM tickets t WHERE t.id = ticket_vectors.ticket_id);
CREATE INDEX ticket_vectors_by_seq ON ticket_vectors (seq);

CREATE TABLE incident_clock (
    id  INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);
INSERT INTO incident_clock (id, seq) VALUES (1, 0);
