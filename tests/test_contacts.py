"""The contacts table, timelines and duplicate suggestions, on hand-made frames and on the store."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from coach import store
from coach.rules import contacts
from coach.store import db, tracking
from coach.store.tracking import Meeting, NewContact, Referral, Request

TODAY = date(2026, 3, 18)


def seeded(conn: db.Connection) -> tuple[int, dict[str, int]]:
    ana = store.add_seeker(conn, "Ana Lopez")
    ids = {
        key: tracking.add_contact(
            conn, ana.id, NewContact(first, "Doe", company=company, email=email), today=day
        )
        for key, first, company, email, day in [
            ("Bo", "Bo", "Acme", "bo@example.com", date(2026, 1, 1)),
            ("Cy", "Cy", "Brightwave", None, date(2026, 1, 2)),
            ("Di", "Di", "Acme", None, date(2026, 1, 3)),
            ("Bo again", "Bo", "Acme Inc", "BO@example.com ", date(2026, 2, 1)),
        ]
    }
    asked = tracking.log_outreach(
        conn,
        ana.id,
        Request(ids["Cy"], date(2026, 3, 1), "email", responded_on=date(2026, 3, 3), outcome="agreed"),
        today=TODAY,
    )
    tracking.log_meeting(
        conn,
        ana.id,
        Meeting(
            ids["Cy"],
            date(2026, 3, 9),
            outreach_id=asked,
            fit=4,
            thank_you_on=date(2026, 3, 10),
            referrals=[Referral(contact_id=ids["Di"])],
        ),
        today=TODAY,
    )
    tracking.log_meeting(conn, ana.id, Meeting(ids["Cy"], date(2026, 3, 30)), today=TODAY)
    tracking.add_note(conn, ana.id, ids["Cy"], "Knows the hiring manager", private=True, on=date(2026, 3, 9))
    tracking.add_note(conn, ana.id, ids["Cy"], "Likes long walks", private=False, on=date(2026, 3, 8))
    return ana.id, ids


def test_contact_table_last_interaction_and_counts(conn: db.Connection) -> None:
    seeker_id, ids = seeded(conn)
    table = contacts.contact_table(
        store.load_contacts(conn, seeker_id),
        store.load_outreach(conn, seeker_id),
        store.load_meetings(conn, seeker_id),
        store.load_referrals(conn, seeker_id),
        as_of=TODAY,
    ).set_index("first_name", append=True)
    by_id = table.reset_index().set_index("id")
    assert by_id.loc[ids["Cy"], "last_interaction"] == date(2026, 3, 10)  # the thank-you; the 30th is to come
    assert (by_id.loc[ids["Cy"], "requests"], by_id.loc[ids["Cy"], "meetings"]) == (1, 1)
    assert by_id.loc[ids["Di"], "last_interaction"] == date(2026, 3, 9)  # referred that day
    assert by_id["last_interaction"].isna()[ids["Bo"]]


def test_search_folds_case_and_accents() -> None:
    table = pd.DataFrame(
        {
            "name": ["Zoë Nwosu", "Bo Doe"],
            "company": ["Acme", "Brightwave"],
            "position": ["UX Researcher", None],
        }
    )
    assert contacts.search(table, "zoe")["name"].tolist() == ["Zoë Nwosu"]
    assert contacts.search(table, "ux acme")["name"].tolist() == ["Zoë Nwosu"]
    assert contacts.search(table, "ux brightwave").empty
    assert len(contacts.search(table, "  ")) == 2


def test_timeline_is_newest_first_and_hides_private_notes_on_request(conn: db.Connection) -> None:
    seeker_id, ids = seeded(conn)
    frames: dict[str, Any] = dict(
        outreach=store.load_outreach(conn, seeker_id),
        meetings=store.load_meetings(conn, seeker_id),
        referrals=store.load_referrals(conn, seeker_id),
        follow_ups=store.load_follow_ups(conn, seeker_id),
        notes=store.load_notes(conn, seeker_id),
    )
    full = contacts.timeline(ids["Cy"], **frames)
    assert full["what"].tolist() == [
        "Meeting",
        "Thank-you sent",
        "Meeting",
        "Referred you to",
        "Private note",
        "Note",
        "Answer",
        "Request sent",
    ]
    assert full["on"].iloc[0] == date(2026, 3, 30)
    assert full.loc[full["what"] == "Meeting", "detail"].tolist() == ["Video call", "Video call, fit 4/5"]
    shared = contacts.timeline(ids["Cy"], **frames, show_private=False)
    assert "Knows the hiring manager" not in shared["detail"].tolist()
    assert "Likes long walks" in shared["detail"].tolist()
    assert contacts.timeline(ids["Di"], **frames)["what"].tolist() == ["Referred by"]


def test_timeline_shows_an_answer_not_marked_yet(conn: db.Connection) -> None:
    seeker_id, ids = seeded(conn)
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, responded_on) "
        "VALUES (?, ?, DATE '2026-02-02', 'linkedin', DATE '2026-02-04')",
        [seeker_id, ids["Bo"]],
    )
    frames: dict[str, Any] = dict(
        outreach=store.load_outreach(conn, seeker_id),
        meetings=store.load_meetings(conn, seeker_id),
        referrals=store.load_referrals(conn, seeker_id),
        follow_ups=store.load_follow_ups(conn, seeker_id),
        notes=store.load_notes(conn, seeker_id),
    )
    shown = contacts.timeline(ids["Bo"], **frames)
    assert shown[["what", "detail"]].values.tolist() == [
        ["Answer", "Not marked yet"],
        ["Request sent", "LinkedIn"],
    ]


def test_duplicate_pairs_keep_the_older_record(conn: db.Connection) -> None:
    seeker_id, ids = seeded(conn)
    pairs = contacts.duplicate_pairs(store.load_contacts(conn, seeker_id))
    assert pairs.values.tolist() == [[ids["Bo"], ids["Bo again"], "same e-mail"]]


def test_contact_table_on_an_empty_store(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    bo = tracking.add_contact(conn, ana.id, NewContact("Bo"), today=TODAY)
    table = contacts.contact_table(
        store.load_contacts(conn, ana.id),
        store.load_outreach(conn, ana.id),
        store.load_meetings(conn, ana.id),
        store.load_referrals(conn, ana.id),
        as_of=TODAY,
    )
    assert table[["id", "requests", "meetings"]].values.tolist() == [[bo, 0, 0]]
    assert table["last_interaction"].isna().all()


def test_best_matches_rank_a_name_start_first_then_a_word_start_then_the_rest() -> None:
    labels = {
        1: "Mazoe Hill · Acme",
        2: "Ana Zoë · Brightwave",
        3: "Zoë Nwosu · Atlas",
        4: "Bo Berg · Zoetis",
        5: "Cleo Park · Acme",
    }
    assert contacts.best_matches(labels, "zoe", limit=10) == ([3, 2, 4, 1], 4)
    assert contacts.best_matches(labels, "ZOË", limit=10) == ([3, 2, 4, 1], 4)  # case and accents folded
    assert contacts.best_matches(labels, "acme hill", limit=10) == ([1], 1)  # every word, anywhere
    assert contacts.best_matches(labels, "zoe", limit=2) == ([3, 2], 4)  # the first ones, and how many in all
    assert contacts.best_matches(labels, "  ", limit=2) == ([1, 2], 5)  # nothing typed: the labels as given
    assert contacts.best_matches(labels, "nobody", limit=10) == ([], 0)
