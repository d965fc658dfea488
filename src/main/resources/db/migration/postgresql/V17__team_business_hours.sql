-- A team's business hours: its service-level targets count only this working time (days of the week, from
-- start_minute to end_minute after local midnight, in time_zone). A team without a row counts calendar time.
CREATE TABLE team_hours (
    team         TEXT    PRIMARY KEY,
    time_zone    TEXT    NOT NULL, -- an IANA zone id, e.g. Europe/Paris
    days         TEXT    NOT NULL, -- comma-separated: MON,TUE,WED,THU,FRI
    start_minute INTEGER NOT NULL,
    end_minute   INTEGER NOT NULL,
    updated_at   BIGINT  NOT NULL
);

-- When 80% of the time to each target has passed, set with the due times when they are counted in working time
-- (80% of the working time is not 80% of the calendar time). NULL: 80% of the calendar time, as before.
ALTER TABLE tickets ADD COLUMN first_response_warn_at BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_warn_at BIGINT;
