-- Every import of a LinkedIn export or a tracking spreadsheet, and what it changed,
-- so the latest one can be undone as a whole.
--
-- As in 0001_init.sql, references (seeker_id, import_id) are enforced by the
-- store, not declared as FOREIGN KEY. import_change.row_id points at a row of the
-- table named in table_name, so it is no plain reference.

CREATE SEQUENCE import_run_id_seq;
CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY DEFAULT nextval('import_run_id_seq'),
    seeker_id   INTEGER NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('linkedin', 'tracker')),
    file_name   VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    counts      VARCHAR NOT NULL,  -- JSON: {entity: {"new": n, "updated": n, "unchanged": n, "skipped": n}}
    undone_at   TIMESTAMP
);

-- One row per row an import inserted or updated. For an update, `before` is a JSON
-- object of the old values of the columns it changed; undo restores exactly those.
-- row_id is the row's id; meeting_option has no id, so there it is the meeting_id and
-- `before` of the insert holds {"career_option_id": n}.
CREATE TABLE import_change (
    seeker_id   INTEGER NOT NULL,
    import_id   INTEGER NOT NULL,
    table_name  VARCHAR NOT NULL,
    row_id      INTEGER NOT NULL,
    action      VARCHAR NOT NULL CHECK (action IN ('insert', 'update')),
    before      VARCHAR
);
