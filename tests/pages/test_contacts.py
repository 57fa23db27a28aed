"""The Contacts screen: the table, search, inline edits that persist, adding, notes and merging."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db
from tests.markup import as_shown

PAGE = "app_pages/contacts.py"


def open_contacts(app: Callable[..., AppTest], kind: str, demo_file: str | None = None) -> AppTest:
    at = app(kind, demo_file).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def store_of(at: AppTest) -> str:
    import os

    return os.environ["COACH_DB"]


def first_seeker(path: str) -> store.Seeker:
    with db.session(path) as conn:
        return store.list_seekers(conn)[0]


def test_table_lists_every_contact_and_search_narrows_it(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_contacts(app, "demo", demo_file)
    seeker = first_seeker(demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, seeker.id)
    assert at.title[0].value == f"Contacts · {seeker.name}"
    shown = at.dataframe[0].value
    assert sorted(shown["name"]) == sorted(people["name"])
    assert any(f"{len(people)} of {len(people)} contacts" in c.value for c in at.caption)
    company = people["company"].dropna().iloc[0]
    at.text_input(key="contacts_search").input(company).run()
    expected = people["company"].fillna("").str.contains(company, case=False, regex=False).sum()
    assert any(f"{expected} of {len(people)} contacts" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == expected


def test_adding_a_contact_writes_it(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page(PAGE).run()
    assert "No contacts yet" in at.info[0].value
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["First name"].input("Zoë")
    form_inputs["Last name"].input("Nwosu")
    form_inputs["Company"].input("Brightwave")
    next(b for b in at.button if b.label == "Add contact").click().run()
    assert not at.exception
    with db.session(store_of(at)) as conn:
        people = store.load_contacts(conn, store.list_seekers(conn)[0].id)
    assert people[["name", "company"]].values.tolist() == [["Zoë Nwosu", "Brightwave"]]
    assert any("1 of 1 contact." in c.value for c in at.caption)


def test_adding_a_contact_without_a_name_says_so(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page(PAGE).run()
    next(b for b in at.button if b.label == "Add contact").click().run()
    assert as_shown(at.error[0].value) == "A contact needs a first or last name."


def test_saving_a_note_from_the_contact_panel(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_contacts(app, "demo", demo_file)
    picked = at.selectbox(key="contacts_open").value
    at.text_area[0].input("Prefers video calls")
    next(b for b in at.button if b.label == "Save note").click().run()
    assert not at.exception
    with db.session(store_of(at)) as conn:
        notes = store.load_notes(conn, first_seeker(store_of(at)).id)
    assert notes.iloc[-1][["contact_id", "body", "private"]].tolist() == [picked, "Prefers video calls", True]


def test_suggested_duplicates_merge_from_the_list(app: Callable[..., AppTest]) -> None:
    from datetime import date

    from coach.store import tracking

    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    path = store_of(at)
    with db.session(path) as conn:
        ana = store.list_seekers(conn)[0]
        keep = tracking.add_contact(
            conn, ana.id, tracking.NewContact("Bo", "Berg", email="bo@example.com"), today=date(2026, 1, 1)
        )
        dupe = tracking.add_contact(
            conn, ana.id, tracking.NewContact("Bo", "Berg", company="Acme"), today=date(2026, 2, 1)
        )
    at.switch_page(PAGE).run()
    at.button(key=f"contacts_dupe_{keep}_{dupe}").click().run()
    assert not at.exception
    with db.session(path) as conn:
        people = store.load_contacts(conn, ana.id)
    assert people[["id", "company", "email"]].values.tolist() == [[keep, "Acme", "bo@example.com"]]


def test_a_long_duplicates_list_is_drawn_a_page_at_a_time(app: Callable[..., AppTest]) -> None:
    from datetime import date

    from coach.store import tracking
    from ui.forms import DUPLICATES_SHOWN

    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    path = store_of(at)
    twins = DUPLICATES_SHOWN + 5
    with db.session(path) as conn:
        ana = store.list_seekers(conn)[0]
        for n in range(twins):
            for day in (date(2026, 1, 1), date(2026, 2, 1)):
                tracking.add_contact(conn, ana.id, tracking.NewContact("Bo", f"Berg{n}"), today=day)
    at.switch_page(PAGE).run()
    assert not at.exception

    def merges() -> list[str]:
        return [str(b.key) for b in at.button if str(b.key).startswith("contacts_dupe_")]

    assert len(merges()) == DUPLICATES_SHOWN
    at.number_input(key="contacts_dupe_page").set_value(2).run()
    assert len(merges()) == twins - DUPLICATES_SHOWN
