-- The seeker's weekly reflection, a coach's session notes, and the request
-- templates a seeker has edited. References are enforced by the store.

CREATE TABLE week_note (
    seeker_id   INTEGER NOT NULL,
    week        DATE NOT NULL CHECK (week BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'
                                     AND dayofweek(week) = 1),  -- a Monday: weeks are named by it
    body        VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (seeker_id, week)
);

CREATE SEQUENCE session_note_id_seq;
CREATE TABLE session_note (
    id         INTEGER PRIMARY KEY DEFAULT nextval('session_note_id_seq'),
    seeker_id  INTEGER NOT NULL,
    held_on    DATE NOT NULL CHECK (held_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    agenda     VARCHAR NOT NULL DEFAULT '',
    notes      VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE message_template (
    seeker_id  INTEGER NOT NULL,
    name       VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    body       VARCHAR NOT NULL CHECK (length(trim(body)) > 0),
    PRIMARY KEY (seeker_id, name)
);
