"""The seeded demo data: two current-looking demo seekers that exercise every screen and warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from coach import store, vocabulary
from coach.demo import DemoSummary, build_demo, ensure_demo
from coach.rules.metrics import NO_RESPONSE, PENDING, RESPONDED, outreach_status, week_start
from coach.store import db

ANCHOR = date(2026, 3, 18)  # a Wednesday
TABLES = (
    "seeker",
    "career_option",
    "target_org",
    "contact",
    "contact_note",
    "outreach",
    "meeting",
    "meeting_option",
    "question",
    "meeting_question",
    "referral",
    "follow_up",
)

# An organisation as DOMAIN.md compares them: lower-cased, trimmed, no punctuation, no legal suffix.
ORG = (
    "nullif(trim(regexp_replace(trim(regexp_replace(regexp_replace(lower(m.company), '[^a-z0-9 ]', ' ', 'g'),"
    " '\\s+', ' ', 'g')), '( (inc|ltd|llc|gmbh|ag|sa|plc|corp|co))+$', '')), '')"
)


def evidence(conn: db.Connection, *, as_of: date) -> list[dict[str, Any]]:
    """People and organisations met about each option, as of its decided-on date (else ``as_of``)."""
    return db.rows(
        conn,
        f"""
        SELECT s.name AS seeker, co.title, co.status, co.decided_on,
               count(DISTINCT m.contact_id) AS people, count(DISTINCT {ORG}) AS orgs
        FROM career_option co
        JOIN seeker s ON s.id = co.seeker_id
        LEFT JOIN meeting_option mo ON mo.career_option_id = co.id
        LEFT JOIN meeting m ON m.id = mo.meeting_id AND m.held_on <= coalesce(co.decided_on, ?)
        GROUP BY ALL ORDER BY s.name, co.title
        """,
        [as_of],
    )


def level(people: int, orgs: int) -> str:
    """DOMAIN.md's default sample-size warning."""
    if people < 3 or orgs <= 1:
        return "red"
    if people < 5 or orgs < 3:
        return "amber"
    return "ok"


def table_rows(conn: db.Connection, table: str) -> list[tuple[Any, ...]]:
    """A whole table, in a stable order."""
    return conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def seeker_id(conn: db.Connection, name: str) -> int:
    """The id of the seeker with this name."""
    return int(db.scalar(conn, "SELECT id FROM seeker WHERE name = ?", [name]))


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[db.Connection, DemoSummary]]:
    """A migrated in-memory store holding the demo as of ANCHOR, shared by the tests that only read it."""
    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    yield conn, build_demo(conn, anchor=ANCHOR)
    conn.close()


def test_two_demo_seekers(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, summary = demo
    seekers = db.rows(conn, "SELECT id, name, weekly_goal, is_demo, archived FROM seeker ORDER BY id")
    assert [(s["name"], s["weekly_goal"]) for s in seekers] == [("Maya Chen", 5), ("Daniel Okafor", 3)]
    assert all(s["is_demo"] and not s["archived"] for s in seekers)
    assert summary.seekers == ("Maya Chen", "Daniel Okafor")
    assert summary.seeker_ids == tuple(s["id"] for s in seekers)
    assert summary.counts == {table: len(table_rows(conn, table)) for table in TABLES}
    assert summary.total == sum(summary.counts.values())


def test_counts_per_seeker_are_realistic(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    counts = {
        (row["name"], row["t"]): row["n"]
        for row in db.rows(
            conn,
            """
            SELECT s.name, x.t, count(*) AS n FROM (
                SELECT seeker_id, 'contact' AS t FROM contact
                UNION ALL SELECT seeker_id, 'outreach' FROM outreach
                UNION ALL SELECT seeker_id, 'meeting' FROM meeting
                UNION ALL SELECT seeker_id, 'referral' FROM referral
                UNION ALL SELECT seeker_id, 'career_option' FROM career_option
            ) x JOIN seeker s ON s.id = x.seeker_id
            GROUP BY ALL
            """,
        )
    }
    assert 240 <= counts["Maya Chen", "contact"] <= 300
    assert 70 <= counts["Daniel Okafor", "contact"] <= 110
    assert 50 <= counts["Maya Chen", "outreach"] <= 70
    assert 10 <= counts["Daniel Okafor", "outreach"] <= 20
    assert 20 <= counts["Maya Chen", "meeting"] <= 30
    assert 3 <= counts["Daniel Okafor", "meeting"] <= 8
    assert 8 <= counts["Maya Chen", "referral"] <= 12
    assert 3 <= counts["Maya Chen", "career_option"] <= 4
    assert 2 <= counts["Daniel Okafor", "career_option"] <= 3
    per_option = db.rows(
        conn,
        "SELECT count(*) AS n FROM question q JOIN seeker s ON s.id = q.seeker_id "
        "WHERE s.name = 'Maya Chen' AND q.career_option_id IS NOT NULL GROUP BY q.career_option_id",
    )
    assert len(per_option) == counts["Maya Chen", "career_option"]
    assert all(8 <= row["n"] <= 10 for row in per_option)
    assert db.scalar(conn, "SELECT count(*) FROM meeting_question") > 20
    assert db.scalar(conn, "SELECT count(DISTINCT private) FROM contact_note") == 2
    assert db.scalar(conn, "SELECT count(*) FROM follow_up WHERE kind = 'action' AND done_on IS NULL") >= 1


def test_same_seed_gives_identical_rows_and_another_seed_differs() -> None:
    def build(seed: int) -> dict[str, list[tuple[Any, ...]]]:
        conn = duckdb.connect(":memory:")
        db.migrate(conn)
        build_demo(conn, anchor=ANCHOR, seed=seed)
        return {table: table_rows(conn, table) for table in TABLES}

    first, again, other = build(7), build(7), build(8)
    assert first == again
    assert first["contact"] != other["contact"]
    assert first["outreach"] != other["outreach"]


def test_rebuilding_replaces_the_demo_and_leaves_real_seekers_alone(conn: db.Connection) -> None:
    real = store.add_seeker(conn, "Ana Lopez", weekly_goal=4)
    store.add_option(conn, real.id, "Nursing", today=ANCHOR)
    conn.execute(
        "INSERT INTO contact (seeker_id, first_name, added_on) VALUES (?, 'Rita', ?)", [real.id, ANCHOR]
    )
    before = {table: table_rows(conn, table) for table in TABLES}

    first = build_demo(conn, anchor=ANCHOR)
    second = build_demo(conn, anchor=ANCHOR + timedelta(days=30))

    assert second.counts["seeker"] == 2
    assert db.scalar(conn, "SELECT count(*) FROM seeker WHERE is_demo") == 2
    assert not set(first.seeker_ids) & set(second.seeker_ids)
    for table in TABLES:
        mine = f"SELECT count(*) FROM {table} WHERE {'id' if table == 'seeker' else 'seeker_id'} IN (?, ?)"
        assert db.scalar(conn, mine, list(second.seeker_ids)) == second.counts[table]
        kept = [row for row in table_rows(conn, table) if row in before[table]]
        assert kept == before[table], table
    assert db.reference_problems(conn) == []


def test_a_real_seeker_with_a_demo_name_is_refused(conn: db.Connection) -> None:
    store.add_seeker(conn, "maya  chen")
    with pytest.raises(db.Invalid, match="not demo data"):
        build_demo(conn, anchor=ANCHOR)
    assert db.scalar(conn, "SELECT count(*) FROM seeker") == 1
    assert db.scalar(conn, "SELECT count(*) FROM contact") == 0


def test_references_are_intact(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    assert db.reference_problems(conn) == []


@pytest.mark.parametrize("seed", [7, 1, 2])
def test_nothing_is_dated_after_the_anchor_but_scheduled_meetings(conn: db.Connection, seed: int) -> None:
    build_demo(conn, anchor=ANCHOR, seed=seed)
    columns = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND data_type = 'DATE' ORDER BY ALL"
    ).fetchall()
    assert len(columns) > 15
    for table, column in columns:
        late = db.scalar(conn, f"SELECT count(*) FROM {table} WHERE {column} > ?", [ANCHOR])
        if (table, column) != ("meeting", "held_on"):
            assert late == 0, f"{table}.{column}"
    scheduled = db.rows(conn, "SELECT * FROM meeting WHERE held_on > ?", [ANCHOR])
    assert len(scheduled) == 3
    assert all(
        m["fit"] is None and m["thank_you_on"] is None and m["minutes_actual"] is None for m in scheduled
    )
    assert db.scalar(conn, "SELECT max(created_at)::DATE FROM seeker") <= ANCHOR


@pytest.mark.parametrize("seed", [7, 1, 2])
def test_exactly_one_option_was_decided_on_a_red_sample(conn: db.Connection, seed: int) -> None:
    build_demo(conn, anchor=ANCHOR, seed=seed)
    decided = [row for row in evidence(conn, as_of=ANCHOR) if row["status"] in vocabulary.DECIDED]
    red = [row for row in decided if level(row["people"], row["orgs"]) == "red"]
    assert [(row["seeker"], row["title"], row["status"], row["people"]) for row in red] == [
        ("Maya Chen", "Learning design", "dropped", 1)
    ]
    assert all(ANCHOR - timedelta(days=150) <= row["decided_on"] <= ANCHOR for row in decided)


def test_every_warning_level_shows_for_maya(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    levels = {
        row["title"]: level(row["people"], row["orgs"])
        for row in evidence(conn, as_of=ANCHOR)
        if row["seeker"] == "Maya Chen"
    }
    assert set(levels.values()) == {"red", "amber", "ok"}
    assert levels["UX research"] == "ok"


def test_legal_suffixes_matter_when_counting_organisations(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    spellings = db.scalar(
        conn,
        f"""
        SELECT max(n) FROM (
            SELECT {ORG} AS org, count(DISTINCT m.company) AS n
            FROM (SELECT company FROM meeting UNION ALL SELECT company FROM contact) m
            WHERE m.company IS NOT NULL GROUP BY 1
        )
        """,
    )
    assert spellings >= 2
    varied = (
        "SELECT count(*) FROM meeting m JOIN contact c ON c.id = m.contact_id WHERE m.company <> c.company"
    )
    assert db.scalar(conn, varied) >= 1


@pytest.mark.parametrize("anchor", [ANCHOR, date(2026, 3, 16), date(2026, 3, 22)])
def test_the_anchor_week_has_requests_and_answers(conn: db.Connection, anchor: date) -> None:
    build_demo(conn, anchor=anchor)
    maya = seeker_id(conn, "Maya Chen")
    monday = week_start(anchor)
    sent = "SELECT count(*) FROM outreach WHERE seeker_id = ? AND sent_on BETWEEN ? AND ?"
    answered = "SELECT count(*) FROM outreach WHERE seeker_id = ? AND responded_on BETWEEN ? AND ?"
    assert db.scalar(conn, sent, [maya, monday, anchor]) >= 2
    assert 1 <= db.scalar(conn, answered, [maya, monday, anchor]) <= 3


def test_requests_are_pending_answered_and_unanswered(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    outreach = store.load_outreach(conn, seeker_id(conn, "Maya Chen"))
    status = outreach_status(outreach, as_of=ANCHOR, window_days=14).value_counts()
    assert status[PENDING] >= 3
    assert status[NO_RESPONSE] >= 10
    assert 0.35 <= status[RESPONDED] / len(outreach) <= 0.65
    pending = db.rows(
        conn,
        "SELECT sent_on, followed_up_on FROM outreach "
        "WHERE responded_on IS NULL AND outcome IS NULL AND ? < greatest(sent_on, coalesce(followed_up_on, sent_on)) + 14",
        [ANCHOR],
    )
    assert len(pending) >= 4
    assert db.scalar(conn, "SELECT count(*) FROM outreach WHERE responded_on > followed_up_on") >= 2
    assert set(outreach["channel"]) >= {"linkedin", "email", "in_person"}


def test_meetings_come_from_agreed_requests(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    bad = db.scalar(
        conn,
        """
        SELECT count(*) FROM meeting m JOIN outreach o ON o.id = m.outreach_id
        WHERE m.contact_id <> o.contact_id OR o.outcome <> 'agreed' OR m.held_on < o.responded_on
           OR m.minutes_planned IS DISTINCT FROM o.minutes_asked
        """,
    )
    assert bad == 0
    assert db.scalar(conn, "SELECT count(*) FROM meeting WHERE outreach_id IS NULL") >= 2
    assert db.scalar(conn, "SELECT count(*) FROM meeting WHERE minutes_actual > minutes_planned + 5") >= 1
    assert db.scalar(conn, "SELECT min(talk_share) >= 30 AND max(talk_share) <= 65 FROM meeting")
    thank_you_due = "SELECT count(*) FROM meeting WHERE thank_you_on IS NULL AND held_on <= ?"
    assert db.scalar(conn, thank_you_due, [ANCHOR - timedelta(days=2)]) >= 1


def test_referrals_form_a_chain_of_people_met_and_leave_a_loop_open(
    demo: tuple[db.Connection, DemoSummary],
) -> None:
    conn, _ = demo
    met = {
        row[0]
        for row in conn.execute("SELECT contact_id FROM meeting WHERE held_on <= ?", [ANCHOR]).fetchall()
    }
    edges = conn.execute("SELECT referrer_id, referred_id FROM referral").fetchall()
    assert all(referrer in met for referrer, _ in edges)
    chains = [(a, b, c) for a, b in edges for b2, c in edges if b == b2 and {a, b, c} <= met]
    assert chains
    loop_open = db.scalar(
        conn,
        "SELECT count(*) FROM referral r JOIN meeting m ON m.contact_id = r.referred_id "
        "WHERE m.held_on <= ? AND r.referrer_told_on IS NULL",
        [ANCHOR],
    )
    assert loop_open >= 1
    referred = db.rows(
        conn,
        "SELECT c.source, c.warmth, c.added_on, r.referred_on FROM referral r JOIN contact c ON c.id = r.referred_id",
    )
    assert all(r["source"] == "referral" and r["warmth"] == "referral" for r in referred)
    assert all(r["added_on"] == r["referred_on"] for r in referred)


def test_contacts_look_like_a_linkedin_network(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    contacts = db.rows(conn, "SELECT * FROM contact")
    emails = [c["email"] for c in contacts if c["email"]]
    assert 0.08 <= len(emails) / len(contacts) <= 0.25
    assert all(e.endswith(("@example.com", "@example.org")) for e in emails)
    phones = [c["phone"] for c in contacts if c["phone"]]
    assert phones and all(p.startswith("+1 555 01") for p in phones)
    assert all(
        c["profile_url"].startswith("https://www.linkedin.com/in/") for c in contacts if c["profile_url"]
    )
    assert {c["source"] for c in contacts} == {
        "linkedin",
        "alumni",
        "association",
        "event",
        "referral",
        "other",
    }
    assert {c["warmth"] for c in contacts} == {
        "inner_circle",
        "shared_affiliation",
        "referral",
        "cold",
        "unknown",
    }
    linkedin = [c for c in contacts if c["source"] == "linkedin"]
    assert all(ANCHOR - timedelta(days=731) <= c["connected_on"] <= ANCHOR for c in linkedin)
    assert any(c["connected_on"] is None for c in contacts)
    names = [c["first_name"] + c["last_name"] for c in contacts]
    assert any(not name.isascii() and name.isalpha() and "a" <= name[0].lower() <= "z" for name in names)
    assert any(all(not ch.isascii() for ch in name) for name in names)
    assert len({c["profile_url"] for c in contacts if c["profile_url"]}) == sum(
        bool(c["profile_url"]) for c in contacts
    )


def test_no_person_appears_for_both_seekers(demo: tuple[db.Connection, DemoSummary]) -> None:
    conn, _ = demo
    shared = db.scalar(
        conn,
        """
        SELECT count(*) FROM contact a JOIN contact b
          ON a.seeker_id < b.seeker_id AND a.first_name = b.first_name AND a.last_name = b.last_name
        """,
    )
    assert shared == 0


def test_ensure_demo_builds_only_into_an_empty_store(tmp_path: Path) -> None:
    path = str(tmp_path / "coach.duckdb")
    assert ensure_demo(path, today=ANCHOR) is True
    assert ensure_demo(path, today=ANCHOR) is False
    with db.session(path) as conn:
        assert db.scalar(conn, "SELECT count(*) FROM seeker WHERE is_demo") == 2
        assert db.reference_problems(conn) == []
