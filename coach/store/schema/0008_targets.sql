-- Who to ask next: the organisations a seeker aims at for each career option, and the field
-- and role words of each option.
--
-- career_option.keywords holds the words comma-separated ("ESG, sustainability"; '' for none),
-- written normalised by the store. As in 0005_let_go.sql, it has no CHECK: DuckDB cannot add
-- one to an existing table.
--
-- As in 0001_init.sql, references (seeker_id, career_option_id) are enforced by the store, not
-- declared as FOREIGN KEY. An organisation is a target of an option once, as organisations are
-- compared (coach.names.normalise_org: "Acme, Inc." and "ACME inc" are one). SQL cannot compare
-- them that way, so the store's write refuses a second spelling; name keeps the one the seeker
-- typed, and the UNIQUE constraint only backs that up for the same spelling.

ALTER TABLE career_option ADD COLUMN keywords VARCHAR NOT NULL DEFAULT '';

CREATE SEQUENCE target_org_id_seq;
CREATE TABLE target_org (
    id                INTEGER PRIMARY KEY DEFAULT nextval('target_org_id_seq'),
    seeker_id         INTEGER NOT NULL,
    career_option_id  INTEGER NOT NULL,
    name              VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    added_on          DATE NOT NULL DEFAULT current_date
                      CHECK (added_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    UNIQUE (career_option_id, name)
);
