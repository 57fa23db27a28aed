-- How many committed transactions changed each table, so a reader can tell which of
-- its cached results are still good. Bumped by the store's connection in the same
-- transaction as the change (see coach.store.db.Counted); the row named '*' counts changes
-- to the schema, which every cached result depends on.
CREATE TABLE table_change (
    name VARCHAR PRIMARY KEY,
    changes BIGINT NOT NULL
);

-- Which store this is: a random number chosen once, when the store is made (a restore
-- makes a new store, so it gets a new one). Cached results are keyed on it too.
INSERT INTO table_change VALUES ('#store', CAST(random() * 9e18 AS BIGINT));
