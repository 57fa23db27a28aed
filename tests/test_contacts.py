"""The contacts table, timelines and duplicate suggestions, on hand-made frames and on the store."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from coach import store
from coach.rules import contacts, paging
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


def test_filtered_keeps_the_search_and_the_warmths_and_sources_picked() -> None:
    table = pd.DataFrame(
        {
            "name": ["Zoë Nwosu", "Bo Doe", "Cy Doe"],
            "company": ["Acme", "Brightwave", "Acme"],
            "position": [None, None, None],
            "warmth": ["warm", "cold", "warm"],
            "source": ["linkedin", "alumni", "alumni"],
        },
        index=[7, 8, 9],
    )
    assert contacts.filtered(table, "").index.tolist() == [0, 1, 2]  # nothing picked: all, numbered from 0
    assert contacts.filtered(table, "acme", warmths=["warm"])["name"].tolist() == ["Zoë Nwosu", "Cy Doe"]
    assert contacts.filtered(table, "", warmths=["warm"], sources=["alumni"])["name"].tolist() == ["Cy Doe"]
    assert contacts.filtered(table, "doe", warmths=["warm", "cold"], sources=["linkedin"]).empty


def test_pages_of_a_long_table() -> None:
    assert [paging.page_count(n, contacts.PAGE_ROWS) for n in (0, 1, 100, 101, 250)] == [1, 1, 1, 2, 3]
    assert paging.page_count(5, 2) == 3
    table = pd.DataFrame({"n": range(250)})
    third = contacts.page_of(table, 3)
    assert third["n"].tolist() == list(range(200, 250)) and third.index.tolist() == list(range(50))
    assert contacts.page_of(table, 2, per_page=10)["n"].tolist() == list(range(10, 20))


def test_editor_rows_show_dashes_for_empty_text_and_a_day_for_the_last_interaction() -> None:
    page = pd.DataFrame(
        {
            "id": [1, 2],
            "name": ["Contact 12 · Acme", "Bo Doe"],
            "company": ["Acme", None],
            "position": ["", "Analyst"],
            "warmth": ["warm", "cold"],
            "next_step": [None, "Thank them"],
            "last_interaction": [date(2026, 3, 2), None],
            "source": ["linkedin", "alumni"],
            "requests": [1, 0],
            "meetings": [0, 0],
            "email": ["x@example.com", None],
        }
    )
    rows = contacts.editor_rows(page)
    assert list(rows.columns) == [*contacts.EDITOR_COLUMNS, "note"]
    assert rows.to_dict("records")[0] == {
        "name": "Contact 12",
        "company": "Acme",
        "position": "—",
        "warmth": "warm",
        "next_step": "—",
        "last_interaction": "2 Mar 2026",
        "source": "linkedin",
        "requests": 1,
        "meetings": 0,
        "note": "",
    }
    second = rows.to_dict("records")[1]
    assert [second[c] for c in ("name", "company", "position", "next_step", "last_interaction")] == [
        "Bo Doe",
        "—",
        "Analyst",
        "Thank them",
        "—",
    ]


def test_edited_cells_read_a_dash_left_in_a_cell_as_empty() -> None:
    edited = {3: {"company": "—", "warmth": "warm", "note": "Met at the fair"}, 5: {"position": "Lead"}}
    assert contacts.edited_cells(edited) == {
        3: {"company": None, "warmth": "warm", "note": "Met at the fair"},
        5: {"position": "Lead"},
    }
    assert contacts.edited_cells({}) == {}
