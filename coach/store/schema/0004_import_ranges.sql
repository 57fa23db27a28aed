-- An import records the rows it inserted as runs of consecutive ids: row_id to
-- last_row_id, both included (NULL: the one row row_id). A 30,000-contact import is
-- then a handful of rows here instead of 30,000. Updates, and inserts into
-- meeting_option (whose row_id is a meeting_id), stay one row each.
ALTER TABLE import_change ADD COLUMN last_row_id INTEGER;
