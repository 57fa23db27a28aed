-- History is not a to-do list: a thank-you, nudge, referral loop or next contact
-- more than this many days past its due day is let go (counted, not listed).
-- The range (7 to 365 days) is checked where settings are changed: DuckDB cannot
-- add a CHECK constraint to an existing table.
--
-- Keep-in-touch reads the day each contact was added to the store
-- (contact.added_on, the import day for imported people), which 0001 records
-- already, so nothing needs backfilling.
ALTER TABLE seeker ADD COLUMN let_go_days INTEGER NOT NULL DEFAULT 30;
