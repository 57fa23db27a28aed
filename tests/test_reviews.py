"""Week notes, coach sessions, edited templates and managing clients."""

from __future__ import annotations

from datetime import date

import pytest

from coach import store
from coach.rules import checker
from coach.store import db, reviews


@pytest.fixture
def ana(conn: db.Connection) -> store.Seeker:
    return store.add_seeker(conn, "Ana Lopez")


def test_week_notes_are_kept_per_iso_week(conn: db.Connection, ana: store.Seeker) -> None:
    reviews.save_week_note(conn, ana.id, date(2026, 3, 18), "Good week: three answers.")
    assert reviews.week_note(conn, ana.id, date(2026, 3, 22)) == "Good week: three answers."  # same week
    assert reviews.week_note(conn, ana.id, date(2026, 3, 23)) == ""
    reviews.save_week_note(conn, ana.id, date(2026, 3, 16), "Edited.")
    assert reviews.week_note(conn, ana.id, date(2026, 3, 16)) == "Edited."
    reviews.save_week_note(conn, ana.id, date(2026, 3, 16), "  ")
    assert reviews.week_note(conn, ana.id, date(2026, 3, 16)) == ""


def test_session_actions_become_due_items(conn: db.Connection, ana: store.Seeker) -> None:
    reviews.add_session(
        conn,
        ana.id,
        held_on=date(2026, 3, 18),
        agenda="Outreach review",
        notes="Warm contacts answer more.",
        actions=[("Send three alumni requests", date(2026, 3, 25))],
    )
    assert reviews.list_sessions(conn, ana.id)[0]["agenda"] == "Outreach review"
    actions = store.load_follow_ups(conn, ana.id)
    assert actions[["kind", "title"]].values.tolist() == [["action", "Send three alumni requests"]]
    with pytest.raises(db.Invalid, match="needs an agenda"):
        reviews.add_session(conn, ana.id, held_on=date(2026, 3, 18), agenda=" ", notes="", actions=[])
    with pytest.raises(db.Invalid, match="needs a title"):
        reviews.add_session(
            conn, ana.id, held_on=date(2026, 3, 18), agenda="x", notes="", actions=[(" ", date(2026, 3, 25))]
        )
    assert len(reviews.list_sessions(conn, ana.id)) == 1


def test_templates_can_be_edited_and_reset(conn: db.Connection, ana: store.Seeker) -> None:
    assert reviews.templates(conn, ana.id) == checker.TEMPLATES
    reviews.save_template(conn, ana.id, "cold", "Hi {first_name}, 15 minutes?")
    reviews.save_template(conn, ana.id, "conference", "Hi {first_name}, we met at the conference.")
    mine = reviews.templates(conn, ana.id)
    assert mine["cold"] == "Hi {first_name}, 15 minutes?" and "conference" in mine
    reviews.reset_template(conn, ana.id, "cold")
    assert reviews.templates(conn, ana.id)["cold"] == checker.TEMPLATES["cold"]
    with pytest.raises(db.Invalid, match="needs a name"):
        reviews.save_template(conn, ana.id, " ", "text")


def test_archive_delete_and_remove_demo(conn: db.Connection, ana: store.Seeker) -> None:
    from coach.demo import build_demo

    build_demo(conn, anchor=date(2026, 3, 18))
    reviews.set_archived(conn, ana.id, True)
    assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]
    reviews.set_archived(conn, ana.id, False)
    with pytest.raises(db.Invalid, match="Type the client's name exactly"):
        reviews.delete_confirmed(conn, ana.id, typed_name="ana lopez")
    assert reviews.remove_demo(conn) == 2
    assert [s.name for s in store.list_seekers(conn)] == ["Ana Lopez"]
    assert db.scalar(conn, "SELECT count(*) FROM contact") == 0
    reviews.delete_confirmed(conn, ana.id, typed_name="Ana Lopez")
    assert store.list_seekers(conn, include_archived=True) == []
    assert db.reference_problems(conn) == []
