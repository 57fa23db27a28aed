"""Answers whose outcome is not known: stored unmarked, counted apart, marked by the user."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from coach import db


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

    assert db.migrate(con)[-1] == "0006_unmarked"

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
