-- An answer whose outcome is not known is stored as answered with no outcome
-- (responded_on set, outcome NULL): "unmarked" until the user says whether it
-- agreed, declined or just replied. 0001_init.sql refused that combination, and
-- DuckDB cannot drop a CHECK constraint, so the outreach table is rebuilt with the
-- same columns, defaults, sequence and other checks, plus reply_excerpt: the first
-- line of the answer, when the import found its text.

CREATE TABLE outreach_before_0006 AS SELECT * FROM outreach;
DROP TABLE outreach;

CREATE TABLE outreach (
    id              INTEGER PRIMARY KEY DEFAULT nextval('outreach_id_seq'),
    seeker_id       INTEGER NOT NULL,
    contact_id      INTEGER NOT NULL,
    sent_on         DATE NOT NULL CHECK (sent_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    channel         VARCHAR NOT NULL
                    CHECK (channel IN ('email', 'linkedin', 'phone', 'letter', 'in_person', 'other')),
    message         VARCHAR,
    template        VARCHAR,
    minutes_asked   INTEGER CHECK (minutes_asked BETWEEN 1 AND 240),
    mode_offered    VARCHAR CHECK (mode_offered IN ('coffee', 'phone', 'video', 'in_person', 'their_choice')),
    followed_up_on  DATE CHECK (followed_up_on >= sent_on AND followed_up_on <= DATE '2100-12-31'),
    responded_on    DATE CHECK (responded_on >= sent_on AND responded_on <= DATE '2100-12-31'),
    outcome         VARCHAR CHECK (outcome IN ('agreed', 'declined', 'replied')),
    reply_excerpt   VARCHAR
);

-- A LinkedIn import could not tell what an answer said, yet stored every answer it
-- found as "replied". Those answers become unmarked: a request a LinkedIn import
-- inserted with "replied", or whose outcome a LinkedIn import filled with "replied"
-- (its recorded old values hold an outcome), and that still says "replied". An
-- outcome a user or a tracking sheet stated is kept. An undo of such an import
-- still restores exactly what it recorded.
INSERT INTO outreach (id, seeker_id, contact_id, sent_on, channel, message, template, minutes_asked,
                      mode_offered, followed_up_on, responded_on, outcome)
SELECT o.id, o.seeker_id, o.contact_id, o.sent_on, o.channel, o.message, o.template, o.minutes_asked,
       o.mode_offered, o.followed_up_on, o.responded_on,
       CASE WHEN o.outcome = 'replied' AND o.responded_on IS NOT NULL AND EXISTS (
                SELECT 1 FROM import_change c JOIN import_run r ON r.id = c.import_id
                WHERE r.kind = 'linkedin' AND r.undone_at IS NULL AND c.table_name = 'outreach'
                  AND ((c.action = 'insert' AND o.id BETWEEN c.row_id AND coalesce(c.last_row_id, c.row_id))
                       OR (c.action = 'update' AND c.row_id = o.id
                           AND list_contains(json_keys(c.before), 'outcome')))
            ) THEN NULL ELSE o.outcome END
FROM outreach_before_0006 o
ORDER BY o.id;

DROP TABLE outreach_before_0006;
