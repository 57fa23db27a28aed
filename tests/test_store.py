"""Seekers and career options in the store."""

from __future__ import annotations

from datetime import date

import pytest

from coach import store
from coach.store import db


def test_add_and_find_seeker_ignores_case_and_spacing(conn: db.Connection) -> None:
    added = store.add_seeker(conn, "  Ana   Lopez ", weekly_goal=4)
    assert added.name == "Ana Lopez" and added.weekly_goal == 4
    assert added.answer_window_days == 14 and added.red_min_people == 3 and added.cadence == "default"
    assert store.find_seeker(conn, "ana lopez").id == added.id


def test_duplicate_seeker_is_refused(conn: db.Connection) -> None:
    store.add_seeker(conn, "Ana Lopez")
    with pytest.raises(db.Invalid, match="already exists"):
        store.add_seeker(conn, "ANA LOPEZ")


def test_similar_seeker_name_needs_confirmation(conn: db.Connection) -> None:
    store.add_seeker(conn, "Ana Lopez")
    with pytest.raises(db.Invalid, match="Did you mean 'Ana Lopez'.*--new-seeker"):
        store.add_seeker(conn, "Ana Lopes")
    assert store.add_seeker(conn, "Ana Lopes", allow_similar=True).name == "Ana Lopes"


def test_unrelated_names_are_not_similar(conn: db.Connection) -> None:
    store.add_seeker(conn, "Ana Lopez")
    assert store.add_seeker(conn, "Daniel Okafor").name == "Daniel Okafor"


def test_find_seeker_suggests_close_name(conn: db.Connection) -> None:
    store.add_seeker(conn, "Ana Lopez")
    with pytest.raises(db.NotFound, match="did you mean 'Ana Lopez'"):
        store.find_seeker(conn, "Ana Lopes")


def test_option_lifecycle(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    store.add_option(conn, ana.id, "UX research", today=date(2026, 1, 5))
    store.add_option(conn, ana.id, "Data analysis", today=date(2026, 1, 5))
    chosen = store.set_option_status(conn, ana.id, "ux RESEARCH", "chosen", decided_on=date(2026, 2, 1))
    assert chosen["status"] == "chosen" and chosen["decided_on"] == date(2026, 2, 1)
    reopened = store.set_option_status(conn, ana.id, "UX research", "leaning", decided_on=date(2026, 3, 1))
    assert reopened["decided_on"] is None  # only chosen and dropped keep a decision date
    assert [o["title"] for o in store.list_options(conn, ana.id)] == ["Data analysis", "UX research"]


def test_option_errors(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    store.add_option(conn, ana.id, "UX research", today=date(2026, 1, 5))
    with pytest.raises(db.Invalid, match="already exists"):
        store.add_option(conn, ana.id, "ux research", today=date(2026, 1, 5))
    with pytest.raises(db.NotFound, match="Did you mean 'UX research'"):
        store.set_option_status(conn, ana.id, "UX reserch", "chosen", decided_on=date(2026, 2, 1))
    with pytest.raises(db.Invalid, match="not one of"):
        store.set_option_status(conn, ana.id, "UX research", "maybe", decided_on=None)
    with pytest.raises(db.Invalid, match="outside 1900-2100"):
        store.set_option_status(conn, ana.id, "UX research", "dropped", decided_on=date(1800, 1, 1))


def test_options_are_per_seeker(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    bo = store.add_seeker(conn, "Bo Berg")
    store.add_option(conn, ana.id, "UX research", today=date(2026, 1, 5))
    store.add_option(conn, bo.id, "UX research", today=date(2026, 1, 5))
    assert store.list_options(conn, bo.id)[0]["title"] == "UX research"
    with pytest.raises(db.NotFound):
        store.set_option_status(conn, bo.id, "Data analysis", "chosen", decided_on=date(2026, 2, 1))


def test_network_entry_date_follows_the_domain_rule(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    conn.execute(
        "INSERT INTO contact (id, seeker_id, first_name, connected_on, added_on) VALUES "
        "(1, ?, 'Linked', DATE '2025-01-01', DATE '2026-01-01'),"
        "(2, ?, 'Asked', NULL, DATE '2026-01-01'),"
        "(3, ?, 'Added', NULL, DATE '2026-01-01'),"
        "(4, ?, 'Referred', NULL, DATE '2026-01-01')",
        [ana.id] * 4,
    )
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel) VALUES "
        "(?, 2, DATE '2025-06-01', 'email'), (?, 2, DATE '2025-05-01', 'email')",
        [ana.id] * 2,
    )
    conn.execute(
        "INSERT INTO referral (seeker_id, referrer_id, referred_id, referred_on) VALUES (?, 1, 4, DATE '2025-07-07')",
        [ana.id],
    )
    entered = store.load_network(conn, ana.id).set_index("id")["entered_on"].dt.date.to_dict()
    assert entered == {1: date(2025, 1, 1), 2: date(2025, 5, 1), 3: date(2026, 1, 1), 4: date(2025, 7, 7)}


def test_rename_option(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    store.add_option(conn, ana.id, "UX", today=date(2026, 1, 5))
    store.add_option(conn, ana.id, "Data analysis", today=date(2026, 1, 5))
    assert store.rename_option(conn, ana.id, "ux", "UX research")["title"] == "UX research"
    assert store.rename_option(conn, ana.id, "UX research", "ux RESEARCH")["title"] == "ux RESEARCH"
    with pytest.raises(db.Invalid, match="already exists"):
        store.rename_option(conn, ana.id, "ux research", "Data Analysis")
    with pytest.raises(db.Invalid, match="needs a title"):
        store.rename_option(conn, ana.id, "ux research", "  ")
