"""Done, Snooze and Skip on a due item can be undone: exactly the record written goes away."""

from __future__ import annotations

from datetime import date

import pytest

from coach import store
from coach.rules import followups
from coach.store import db, tracking

D = date
DAY = D(2026, 3, 16)


def setup(conn: db.Connection) -> tuple[store.Seeker, int, int]:
    """A seeker with one meeting waiting for its thank-you and one agreed action; their ids."""
    seeker = store.add_seeker(conn, "Ana Lopez")
    contact = db.scalar(
        conn,
        "INSERT INTO contact (seeker_id, first_name, last_name) VALUES (?, 'Ben', 'Kim') RETURNING id",
        [seeker.id],
    )
    meeting = db.scalar(
        conn,
        "INSERT INTO meeting (seeker_id, contact_id, held_on) VALUES (?, ?, ?) RETURNING id",
        [seeker.id, contact, D(2026, 3, 10)],
    )
    action = tracking.record_follow_up(
        conn, seeker.id, {"kind": "action", "title": "Update CV", "due_on": D(2026, 3, 12)}
    )
    return seeker, int(meeting), action


def due(conn: db.Connection, seeker: store.Seeker) -> dict[str, followups.DueItem]:
    return {i.key: i for i in store.due_for(conn, seeker, as_of=DAY)}


def table(conn: db.Connection, sql: str) -> list[tuple[object, ...]]:
    return conn.execute(sql).fetchall()


def test_undoing_a_done_thank_you_removes_the_record_and_the_thank_you_date(conn: db.Connection) -> None:
    seeker, meeting, _ = setup(conn)
    before = due(conn, seeker)
    thanks = before[f"thank_you:meeting:{meeting}"]
    follow_ups_before = table(conn, "SELECT * FROM follow_up ORDER BY id")
    written = tracking.act_on_due(conn, seeker.id, followups.record_for(thanks, "done", on=DAY))
    assert thanks.key not in due(conn, seeker)
    assert table(conn, "SELECT thank_you_on FROM meeting") == [(DAY,)]
    tracking.undo_on_due(conn, seeker.id, written)
    assert table(conn, "SELECT thank_you_on FROM meeting") == [(None,)]
    assert table(conn, "SELECT * FROM follow_up ORDER BY id") == follow_ups_before
    assert due(conn, seeker) == before


@pytest.mark.parametrize("action", ["snoozed", "skipped"])
def test_undoing_a_snooze_or_a_skip_brings_the_item_back(conn: db.Connection, action: str) -> None:
    seeker, meeting, _ = setup(conn)
    before = due(conn, seeker)
    thanks = before[f"thank_you:meeting:{meeting}"]
    record = followups.record_for(thanks, action, on=DAY, until=D(2026, 3, 20), reason="Away")
    written = tracking.act_on_due(conn, seeker.id, record)
    assert thanks.key not in due(conn, seeker)
    tracking.undo_on_due(conn, seeker.id, written)
    assert due(conn, seeker) == before


def test_undoing_an_action_puts_back_what_it_held(conn: db.Connection) -> None:
    seeker, _, action_id = setup(conn)
    action = due(conn, seeker)[f"action:follow_up:{action_id}"]
    snoozed = tracking.act_on_due(
        conn, seeker.id, followups.record_for(action, "snoozed", on=D(2026, 3, 12), until=D(2026, 3, 14))
    )
    assert snoozed["follow_up_id"] == action_id and not snoozed["inserted"]
    columns = "SELECT done_on, snoozed_until, skipped_on, skip_reason FROM follow_up WHERE id = ?"
    held = conn.execute(columns, [action_id]).fetchall()
    again = due(conn, seeker)[f"action:follow_up:{action_id}"]
    done = tracking.act_on_due(conn, seeker.id, followups.record_for(again, "done", on=DAY))
    assert conn.execute(columns, [action_id]).fetchall() == [(DAY, None, None, None)]
    tracking.undo_on_due(conn, seeker.id, done)
    assert conn.execute(columns, [action_id]).fetchall() == held == [(None, D(2026, 3, 14), None, None)]
    assert table(conn, "SELECT count(*) FROM follow_up") == [(1,)]


def test_an_undo_leaves_a_date_changed_since_alone(conn: db.Connection) -> None:
    seeker, meeting, _ = setup(conn)
    thanks = due(conn, seeker)[f"thank_you:meeting:{meeting}"]
    written = tracking.act_on_due(conn, seeker.id, followups.record_for(thanks, "done", on=DAY))
    tracking.mark_thank_you(conn, seeker.id, meeting, on=D(2026, 3, 11))  # corrected on the Meetings screen
    tracking.undo_on_due(conn, seeker.id, written)
    assert table(conn, "SELECT thank_you_on FROM meeting") == [(D(2026, 3, 11),)]


def test_an_undo_happens_once_and_only_for_the_seeker(conn: db.Connection) -> None:
    seeker, meeting, _ = setup(conn)
    other = store.add_seeker(conn, "Zoe Quist")
    thanks = due(conn, seeker)[f"thank_you:meeting:{meeting}"]
    written = tracking.act_on_due(conn, seeker.id, followups.record_for(thanks, "done", on=DAY))
    with pytest.raises(db.NotFound, match="not one of this seeker's"):
        tracking.undo_on_due(conn, other.id, written)
    tracking.undo_on_due(conn, seeker.id, written)
    with pytest.raises(db.NotFound, match="already undone"):
        tracking.undo_on_due(conn, seeker.id, written)
    assert table(conn, "SELECT thank_you_on FROM meeting") == [(None,)]
