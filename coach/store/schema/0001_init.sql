-- The whole domain of DOMAIN.md. Every row belongs to one seeker.
-- CHECK constraints live here because DuckDB cannot add them later.
--
-- References between tables (every *_id column) are not declared as FOREIGN
-- KEY: DuckDB checks them against indexes that only change at commit, so a
-- transaction that deletes a contact together with its requests, or a seeker
-- with all their rows, fails. The store enforces them instead: see
-- coach.store.db.REFERENCES and coach.store.db.reference_problems, checked before every
-- commit that deletes or links rows.

CREATE SEQUENCE seeker_id_seq;
CREATE TABLE seeker (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seeker_id_seq'),
    name                VARCHAR NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    weekly_goal         INTEGER NOT NULL DEFAULT 5 CHECK (weekly_goal BETWEEN 0 AND 200),
    answer_window_days  INTEGER NOT NULL DEFAULT 14 CHECK (answer_window_days BETWEEN 1 AND 90),
    thank_you_days      INTEGER NOT NULL DEFAULT 2 CHECK (thank_you_days BETWEEN 0 AND 30),
    referral_loop_days  INTEGER NOT NULL DEFAULT 2 CHECK (referral_loop_days BETWEEN 0 AND 30),
    keep_in_touch_days  INTEGER NOT NULL DEFAULT 90 CHECK (keep_in_touch_days BETWEEN 30 AND 365),
    red_min_people      INTEGER NOT NULL DEFAULT 3 CHECK (red_min_people BETWEEN 1 AND 50),
    amber_min_people    INTEGER NOT NULL DEFAULT 5 CHECK (amber_min_people BETWEEN 1 AND 100),
    amber_min_orgs      INTEGER NOT NULL DEFAULT 3 CHECK (amber_min_orgs BETWEEN 1 AND 50),
    cadence             VARCHAR NOT NULL DEFAULT 'default' CHECK (cadence IN ('default', '3b7')),
    archived            BOOLEAN NOT NULL DEFAULT false,
    is_demo             BOOLEAN NOT NULL DEFAULT false,
    created_at          TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (amber_min_people >= red_min_people)
);

CREATE SEQUENCE career_option_id_seq;
CREATE TABLE career_option (
    id          INTEGER PRIMARY KEY DEFAULT nextval('career_option_id_seq'),
    seeker_id   INTEGER NOT NULL,
    title       VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    status      VARCHAR NOT NULL DEFAULT 'exploring'
                CHECK (status IN ('exploring', 'leaning', 'chosen', 'dropped')),
    decided_on  DATE CHECK (decided_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    created_on  DATE NOT NULL DEFAULT current_date,
    UNIQUE (seeker_id, title),
    CHECK ((status IN ('chosen', 'dropped')) = (decided_on IS NOT NULL))
);

CREATE SEQUENCE contact_id_seq;
CREATE TABLE contact (
    id            INTEGER PRIMARY KEY DEFAULT nextval('contact_id_seq'),
    seeker_id     INTEGER NOT NULL,
    first_name    VARCHAR NOT NULL DEFAULT '',
    last_name     VARCHAR NOT NULL DEFAULT '',
    profile_url   VARCHAR,
    email         VARCHAR,
    phone         VARCHAR,
    company       VARCHAR,
    position      VARCHAR,
    source        VARCHAR NOT NULL DEFAULT 'other'
                  CHECK (source IN ('linkedin', 'alumni', 'association', 'event', 'referral', 'other')),
    warmth        VARCHAR NOT NULL DEFAULT 'unknown'
                  CHECK (warmth IN ('inner_circle', 'shared_affiliation', 'referral', 'cold', 'unknown')),
    connected_on  DATE CHECK (connected_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    added_on      DATE NOT NULL DEFAULT current_date
                  CHECK (added_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    CHECK (length(trim(first_name || last_name)) > 0)
);

CREATE SEQUENCE contact_note_id_seq;
CREATE TABLE contact_note (
    id          INTEGER PRIMARY KEY DEFAULT nextval('contact_note_id_seq'),
    seeker_id   INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    written_on  DATE NOT NULL CHECK (written_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    body        VARCHAR NOT NULL CHECK (length(trim(body)) > 0),
    private     BOOLEAN NOT NULL DEFAULT true
);

CREATE SEQUENCE outreach_id_seq;
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
    CHECK (responded_on IS NULL OR outcome IS NOT NULL)
);

CREATE SEQUENCE meeting_id_seq;
CREATE TABLE meeting (
    id               INTEGER PRIMARY KEY DEFAULT nextval('meeting_id_seq'),
    seeker_id        INTEGER NOT NULL,
    contact_id       INTEGER NOT NULL,
    outreach_id      INTEGER,
    held_on          DATE NOT NULL CHECK (held_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    mode             VARCHAR NOT NULL DEFAULT 'video'
                     CHECK (mode IN ('coffee', 'phone', 'video', 'in_person', 'other')),
    company          VARCHAR,
    minutes_planned  INTEGER CHECK (minutes_planned BETWEEN 1 AND 240),
    minutes_actual   INTEGER CHECK (minutes_actual BETWEEN 1 AND 600),
    talk_share       INTEGER CHECK (talk_share BETWEEN 0 AND 100),  -- the seeker's share, in percent
    fit              INTEGER CHECK (fit BETWEEN 1 AND 5),
    insights         VARCHAR,
    thank_you_on     DATE CHECK (thank_you_on >= held_on AND thank_you_on <= DATE '2100-12-31')
);

-- Which career options a meeting was about, and what it said for or against each.
CREATE TABLE meeting_option (
    seeker_id         INTEGER NOT NULL,
    meeting_id        INTEGER NOT NULL,
    career_option_id  INTEGER NOT NULL,
    signal            VARCHAR NOT NULL DEFAULT 'neutral' CHECK (signal IN ('for', 'against', 'neutral')),
    PRIMARY KEY (meeting_id, career_option_id)
);

CREATE SEQUENCE question_id_seq;
CREATE TABLE question (
    id                INTEGER PRIMARY KEY DEFAULT nextval('question_id_seq'),
    seeker_id         INTEGER NOT NULL,
    career_option_id  INTEGER,
    text              VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    theme             VARCHAR NOT NULL DEFAULT 'general',
    priority          INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10)
);

CREATE TABLE meeting_question (
    seeker_id    INTEGER NOT NULL,
    meeting_id   INTEGER NOT NULL,
    question_id  INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, question_id)
);

CREATE SEQUENCE referral_id_seq;
CREATE TABLE referral (
    id                INTEGER PRIMARY KEY DEFAULT nextval('referral_id_seq'),
    seeker_id         INTEGER NOT NULL,
    referrer_id       INTEGER NOT NULL,
    referred_id       INTEGER NOT NULL,
    referred_on       DATE NOT NULL CHECK (referred_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    meeting_id        INTEGER,
    referrer_told_on  DATE CHECK (referrer_told_on >= referred_on AND referrer_told_on <= DATE '2100-12-31'),
    UNIQUE (referrer_id, referred_id),
    CHECK (referrer_id <> referred_id)
);

-- A dated duty. Derived duties (thank-you, nudge, referral loop, keep in touch)
-- are computed from the other tables; a row here records what was done with one,
-- or holds a duty that nothing derives (an action agreed in a coach session).
CREATE SEQUENCE follow_up_id_seq;
CREATE TABLE follow_up (
    id             INTEGER PRIMARY KEY DEFAULT nextval('follow_up_id_seq'),
    seeker_id      INTEGER NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('thank_you', 'nudge', 'referral_loop', 'keep_in_touch',
                                                     'next_contact', 'action')),
    contact_id     INTEGER,
    outreach_id    INTEGER,
    meeting_id     INTEGER,
    referral_id    INTEGER,
    title          VARCHAR,
    due_on         DATE NOT NULL CHECK (due_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    done_on        DATE CHECK (done_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    snoozed_until  DATE CHECK (snoozed_until BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    skipped_on     DATE CHECK (skipped_on BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    skip_reason    VARCHAR,
    CHECK (kind <> 'action' OR title IS NOT NULL),
    CHECK (done_on IS NULL OR skipped_on IS NULL)
);
