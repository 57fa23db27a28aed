"""Answers whose outcome is not known: stored unmarked, counted apart, marked by the user."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd
import pytest

from coach.rules.evidence import acceptance_label, outreach_summary, wilson
from coach.rules.metrics import known_outcome, unmarked_answers
from coach.store import db
from coach.store.tracking import mark_answer


def _old_store() -> duckdb.DuckDBPyConnection:
    """A store at schema 4, before answers could be stored without an outcome."""
    con = duckdb.connect(":memory:")
    db.migrate(con, target=4)
    con.execute("INSERT INTO seeker (id, name) VALUES (1, 'Ana')")
    con.execute(
        "INSERT INTO contact (id, seeker_id, first_name) VALUES (1, 1, 'Bo'), (2, 1, 'Cy'), (3, 1, 'Di')"
    )
    return con


def _request(
    con: duckdb.DuckDBPyConnection, contact: int, outcome: str | None, channel: str = "linkedin"
) -> int:
    responded = "DATE '2026-01-09'" if outcome else "NULL"
    value = f"'{outcome}'" if outcome else "NULL"
    return int(
        con.execute(
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, message, followed_up_on, responded_on, "
            f"outcome) VALUES (1, ?, DATE '2026-01-05', ?, 'Hello', NULL, {responded}, {value}) RETURNING id",
            [contact, channel],
        ).fetchone()[0]  # type: ignore[index]
    )


def _run(con: duckdb.DuckDBPyConnection, kind: str, *, undone: bool = False) -> int:
    return int(
        con.execute(
            "INSERT INTO import_run (seeker_id, kind, file_name, counts, undone_at) VALUES (1, ?, 'x', '{}', "
            f"{'current_timestamp' if undone else 'NULL'}) RETURNING id",
            [kind],
        ).fetchone()[0]  # type: ignore[index]
    )


def _change(con: duckdb.DuckDBPyConnection, run: int, row: int, action: str, before: dict[str, object] | None,
            last: int | None = None) -> None:  # fmt: skip
    con.execute(
        "INSERT INTO import_change (seeker_id, import_id, table_name, row_id, last_row_id, action, before) "
        "VALUES (1, ?, 'outreach', ?, ?, ?, ?)",
        [run, row, last, action, None if before is None else json.dumps(before)],
    )


def test_the_migration_unmarks_what_a_linkedin_import_called_replied_and_keeps_the_rest() -> None:
    con = _old_store()
    imported = [_request(con, 1, "replied"), _request(con, 2, "replied")]  # one run of ids
    filled = _request(con, 3, "replied")  # a later LinkedIn import filled its answer
    stated = _request(con, 1, "replied", channel="email")  # typed by the user
    sheet = _request(con, 2, "replied", channel="email")  # a tracking sheet said so
    agreed = _request(con, 3, "agreed")  # inserted by a LinkedIn import, then marked by the user
    undone_run = _request(con, 3, "replied", channel="phone")  # its import was undone: not the import's now
    linkedin = _run(con, "linkedin")
    _change(con, linkedin, imported[0], "insert", None, last=imported[1])
    _change(con, linkedin, agreed, "insert", None)
    later = _run(con, "linkedin")
    _change(con, later, filled, "update", {"responded_on": None, "outcome": None})
    _change(con, _run(con, "tracker"), sheet, "insert", None)
    _change(con, _run(con, "linkedin", undone=True), undone_run, "insert", None)
    columns = [r[0] for r in con.execute("DESCRIBE outreach").fetchall()]
    next_id = con.execute("SELECT nextval('outreach_id_seq')").fetchone()[0]  # type: ignore[index]

    assert "0006_unmarked" in db.migrate(con, target=6)

    outcomes = dict(con.execute("SELECT id, outcome FROM outreach").fetchall())
    assert outcomes == {
        imported[0]: None,
        imported[1]: None,
        filled: None,
        stated: "replied",
        sheet: "replied",
        agreed: "agreed",
        undone_run: "replied",
    }
    assert con.execute("SELECT count(*) FROM outreach WHERE responded_on IS NULL").fetchone() == (0,)
    assert [r[0] for r in con.execute("DESCRIBE outreach").fetchall()] == [*columns, "reply_excerpt"]
    # The same sequence goes on; an unmarked answer can now be written; the other checks still hold.
    assert _request(con, 1, None) == next_id + 1
    con.execute("UPDATE outreach SET responded_on = DATE '2026-01-06' WHERE id = ?", [next_id + 1])
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE outreach SET outcome = 'maybe' WHERE id = ?", [stated])
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE outreach SET responded_on = DATE '2025-01-01' WHERE id = ?", [stated])
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO outreach (id, seeker_id, contact_id, sent_on, channel) VALUES (?, 1, 1, ?, 'fax')",
                    [stated, date(2026, 1, 1)])  # fmt: skip


def test_a_new_store_takes_an_answer_without_an_outcome(conn: db.Connection) -> None:
    conn.execute("INSERT INTO seeker (id, name) VALUES (1, 'Ana')")
    conn.execute("INSERT INTO contact (id, seeker_id, first_name) VALUES (1, 1, 'Bo')")
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, responded_on, reply_excerpt) "
        "VALUES (1, 1, DATE '2026-01-05', 'email', DATE '2026-01-06', 'Sure')"
    )
    assert conn.execute("SELECT outcome, reply_excerpt FROM outreach").fetchall() == [(None, "Sure")]


# --- the numbers -----------------------------------------------------------------------

AS_OF = date(2026, 3, 18)
REQUEST_COLUMNS = ["id", "contact_id", "contact", "sent_on", "followed_up_on", "responded_on", "outcome",
                   "reply_excerpt", "channel", "warmth", "source", "template"]  # fmt: skip


def requests(*rows: tuple[int, str, date, date | None, str | None]) -> pd.DataFrame:
    """Requests from (contact_id, contact, sent_on, responded_on, outcome), ids from 1."""
    records = []
    for i, (contact_id, name, sent, answered, outcome) in enumerate(rows, start=1):
        excerpt = f"Line from {name}" if answered else None
        records.append(
            [
                i,
                contact_id,
                name,
                sent,
                None,
                answered,
                outcome,
                excerpt,
                "linkedin",
                "cold",
                "linkedin",
                None,
            ]
        )
    return pd.DataFrame(records, columns=REQUEST_COLUMNS)


def conversations(*rows: tuple[int, date, int | None]) -> pd.DataFrame:
    """Meetings from (contact_id, held_on, outreach_id)."""
    return pd.DataFrame(
        [[i, c, o, d, "Acme", None] for i, (c, d, o) in enumerate(rows, start=1)],
        columns=["id", "contact_id", "outreach_id", "held_on", "company", "fit"],
    )


NO_MEETINGS = conversations()
FEB = date(2026, 2, 2)


def test_a_conversation_after_the_request_marks_an_unmarked_answer_agreed() -> None:
    frame = requests(
        (1, "Bo", FEB, date(2026, 2, 4), None),  # met after: agreed
        (2, "Cy", FEB, date(2026, 2, 4), None),  # met before the request only: still unmarked
        (3, "Di", FEB, date(2026, 2, 4), None),  # a conversation scheduled after today: agreed
        (4, "Ed", FEB, date(2026, 2, 4), "declined"),  # a stated outcome stays
        (5, "Fa", FEB, None, None),  # no answer: a meeting does not invent one
        (6, "Gu", FEB, date(2026, 2, 4), None),  # a meeting logged from this request: agreed
        (7, "Ha", FEB, date(2026, 2, 4), None),  # nobody met: unmarked
    )
    met = conversations(
        (1, date(2026, 2, 10), None),
        (2, date(2026, 1, 10), None),
        (3, date(2026, 4, 1), None),
        (4, date(2026, 2, 10), None),
        (5, date(2026, 2, 10), None),
        (9, date(2026, 2, 10), 6),
    )
    assert known_outcome(frame, met).tolist() == ["agreed", None, "agreed", "declined", None, "agreed", None]
    assert unmarked_answers(frame, met, as_of=AS_OF)["contact"].tolist() == ["Ha", "Cy"]


def test_unmarked_answers_list_the_newest_answer_first_with_its_first_line() -> None:
    frame = requests(
        (1, "Bo", FEB, date(2026, 2, 4), None),
        (2, "Cy", FEB, date(2026, 2, 9), None),
        (3, "Di", FEB, date(2026, 3, 20), None),  # answered after the day: not yet
        (4, "Ed", FEB, date(2026, 2, 5), "replied"),
    )
    listed = unmarked_answers(frame, NO_MEETINGS, as_of=AS_OF)
    assert listed[["id", "contact", "reply_excerpt"]].values.tolist() == [
        [2, "Cy", "Line from Cy"],
        [1, "Bo", "Line from Bo"],
    ]


def test_unmarked_answers_count_as_answers_and_stay_out_of_the_acceptance_rate() -> None:
    answered = date(2026, 2, 4)
    frame = requests(
        *[(i, f"A{i}", FEB, answered, "agreed") for i in range(1, 5)],  # 4 agreed
        *[(i, f"D{i}", FEB, answered, "declined") for i in range(5, 7)],  # 2 declined
        (7, "R7", FEB, answered, "replied"),
        *[(i, f"U{i}", FEB, answered, None) for i in range(8, 11)],  # 3 unmarked
        (11, "M11", FEB, answered, None),  # unmarked, then met: agreed
        *[(i, f"S{i}", FEB, None, None) for i in range(12, 14)],  # 2 silent past the window
        (14, "P14", date(2026, 3, 16), None, None),  # pending
    )
    got = outreach_summary(frame, conversations((11, date(2026, 2, 20), None)), as_of=AS_OF, window_days=14)
    assert (got.sent, got.closed, got.pending, got.responded) == (14, 13, 1, 11)
    assert (got.agreed, got.declined, got.replied, got.unmarked, got.no_response) == (5, 2, 1, 3, 2)
    assert got.response_rate == wilson(11, 13)
    assert got.acceptance_rate == wilson(5, 10)
    assert got.show_rate == wilson(0, 5)
    assert acceptance_label(got.acceptance_rate, got.unmarked) == (
        f"{got.acceptance_rate.label().replace('5 of 10', '5 of 10 known')}; 3 answers not marked yet"
    )
    assert acceptance_label(wilson(0, 0), 1) == "no known outcome yet; 1 answer not marked yet"
    assert acceptance_label(wilson(2, 4), 0) == wilson(2, 4).label()


# --- marking an answer -------------------------------------------------------------------


def _seeded(conn: db.Connection) -> tuple[int, int]:
    """A seeker with one unmarked answer; (seeker id, request id)."""
    conn.execute("INSERT INTO seeker (id, name) VALUES (1, 'Ana'), (2, 'Ben')")
    conn.execute("INSERT INTO contact (id, seeker_id, first_name) VALUES (1, 1, 'Bo'), (2, 2, 'Cy')")
    found = conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, responded_on, reply_excerpt) "
        "VALUES (1, 1, DATE '2026-01-05', 'linkedin', DATE '2026-01-06', 'Sure') RETURNING id"
    ).fetchone()
    assert found is not None
    return 1, int(found[0])


@pytest.mark.parametrize("outcome", ["agreed", "declined", "replied"])
def test_mark_answer_writes_the_outcome_and_nothing_else(conn: db.Connection, outcome: str) -> None:
    seeker_id, request = _seeded(conn)
    before = conn.execute("SELECT * EXCLUDE (outcome) FROM outreach").fetchall()
    mark_answer(conn, seeker_id, request, outcome)
    assert conn.execute("SELECT outcome FROM outreach").fetchall() == [(outcome,)]
    assert conn.execute("SELECT * EXCLUDE (outcome) FROM outreach").fetchall() == before


def test_mark_answer_refuses_what_it_cannot_mark(conn: db.Connection) -> None:
    seeker_id, request = _seeded(conn)
    with pytest.raises(db.Invalid, match="'maybe' is not one of agreed, declined, replied"):
        mark_answer(conn, seeker_id, request, "maybe")
    with pytest.raises(db.NotFound, match=f"Request {request} is not one of this seeker's"):
        mark_answer(conn, 2, request, "agreed")
    conn.execute("UPDATE outreach SET responded_on = NULL")
    with pytest.raises(db.Invalid, match="has no answer to mark"):
        mark_answer(conn, seeker_id, request, "agreed")
    conn.execute("UPDATE outreach SET responded_on = DATE '2026-01-06', outcome = 'declined'")
    with pytest.raises(db.Invalid, match="already marked declined"):
        mark_answer(conn, seeker_id, request, "agreed")
    assert conn.execute("SELECT outcome FROM outreach").fetchall() == [("declined",)]
