-- Mail and calendar capture: requests, answers and conversations read from the files a user
-- exports (an mbox or .eml messages, an .ics calendar).
--
-- outreach.mail_thread is the Message-ID of the message that opened the request's thread, and
-- meeting.event_uid the UID (with the recurrence id, if any) of the calendar event a
-- conversation came from: a second import of the same files finds them again and changes
-- nothing. Rows typed in by hand or imported from elsewhere leave them NULL.
--
-- import_run learns the kinds 'mail' and 'calendar' and records owner, the mailbox owner's
-- address a mail or calendar import worked with, so a later calendar import knows whose calendar
-- it reads. DuckDB cannot change a CHECK constraint, so import_run is rebuilt with the same
-- columns, ids and sequence (as 0006_unmarked.sql rebuilds outreach).

ALTER TABLE outreach ADD COLUMN mail_thread VARCHAR;
ALTER TABLE meeting ADD COLUMN event_uid VARCHAR;

CREATE TABLE import_run_before_0009 AS SELECT * FROM import_run;
DROP TABLE import_run;

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY DEFAULT nextval('import_run_id_seq'),
    seeker_id   INTEGER NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('linkedin', 'tracker', 'mail', 'calendar')),
    file_name   VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    counts      VARCHAR NOT NULL,  -- JSON: {entity: {"new": n, "updated": n, "unchanged": n, "skipped": n}}
    undone_at   TIMESTAMP,
    owner       VARCHAR             -- mail and calendar: the owner's e-mail address, lower-cased
);

INSERT INTO import_run (id, seeker_id, kind, file_name, started_at, counts, undone_at)
SELECT id, seeker_id, kind, file_name, started_at, counts, undone_at FROM import_run_before_0009 ORDER BY id;

DROP TABLE import_run_before_0009;
