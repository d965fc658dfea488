-- Ids of examples removed (a ticket reopened, relabelled or deleted), so that every running process drops them
-- from its similarity index, not only the one that removed them. Kept for a day: a starting process reads the
-- examples table itself.
CREATE TABLE example_retractions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    example_id   INTEGER NOT NULL,
    retracted_at INTEGER NOT NULL
);
CREATE INDEX example_retractions_by_time ON example_retractions (retracted_at);
