"""Pickers and tables over a network too big to send whole: the first matches of a search, a page at a time."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db, tracking
from ui.pickers import MATCHES_SHOWN, WHOLE_LIST_AT_MOST, search_key

BIG = WHOLE_LIST_AT_MOST + 100  # people in the network: more than a picker sends whole


def big_network(app: Callable[..., AppTest]) -> tuple[AppTest, int, int]:
    """An app on a store whose one seeker has more contacts than a picker lists: the app, the seeker's
    id, and the id of Zoë Nwosu, the one person whose name is unlike the others."""
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        ana = store.list_seekers(conn)[0].id
        for n in range(BIG - 1):
            person = tracking.NewContact("Bo", f"Berg{n:04d}", company=f"Company {n % 9}")
            tracking.add_contact(conn, ana, person, today=date(2026, 1, 1))
        zoe = tracking.add_contact(
            conn, ana, tracking.NewContact("Zoë", "Nwosu", company="Brightwave"), today=date(2026, 1, 1)
        )
    return at, ana, zoe


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_asking_someone_in_a_big_network_finds_them_by_search(app: Callable[..., AppTest]) -> None:
    at, ana, zoe = big_network(app)
    at.switch_page("app_pages/ask.py").run()
    assert not at.exception, at.exception
    to = at.selectbox(key="ask_contact")
    assert len(to.options) == MATCHES_SHOWN
    assert not any("Zoë" in o for o in to.options)
    assert any(f"Showing the first {MATCHES_SHOWN} of {BIG:,}" in c for c in captions(at))
    at.text_input(key=search_key("ask_contact")).input("zoe").run()
    assert at.selectbox(key="ask_contact").options == ["Zoë Nwosu · Brightwave"]
    at.selectbox(key="ask_contact").set_value(zoe).run()
    at.button(key="ask_log").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        asked = store.load_outreach(conn, ana)
    assert asked["contact_id"].tolist() == [zoe]


def test_a_search_keeps_the_person_picked_and_says_how_many_match(app: Callable[..., AppTest]) -> None:
    at, _, zoe = big_network(app)
    at.switch_page("app_pages/ask.py").run()
    at.text_input(key=search_key("ask_contact")).input("Nwosu").run()
    at.selectbox(key="ask_contact").set_value(zoe).run()
    at.text_input(key=search_key("ask_contact")).input("company").run()
    to = at.selectbox(key="ask_contact")
    assert to.value == zoe  # still picked, though "company" does not match her
    assert len(to.options) == MATCHES_SHOWN + 1
    assert any(f"Showing the first {MATCHES_SHOWN} of {BIG - 1:,} matches" in c for c in captions(at))
    at.text_input(key=search_key("ask_contact")).input("berg0007").run()
    assert at.selectbox(key="ask_contact").options == ["Zoë Nwosu · Brightwave", "Bo Berg0007 · Company 7"]
    assert "1 match." in captions(at)


def test_logging_a_conversation_with_someone_found_by_search(app: Callable[..., AppTest]) -> None:
    at, ana, zoe = big_network(app)
    at.switch_page("app_pages/meetings.py").run()
    assert not at.exception, at.exception
    assert len(at.selectbox(key="meetings_0_contact").options) == MATCHES_SHOWN
    at.text_input(key=search_key("meetings_0_contact")).input("bright").run()
    at.selectbox(key="meetings_0_contact").set_value(zoe).run()
    at.button(key="meetings_0_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        assert store.load_meetings(conn, ana)["contact_id"].tolist() == [zoe]
    # The saved conversation is open to edit: still with her, though she is not among the first.
    assert at.selectbox(key="meetings_pick").value != 0
    picked = at.selectbox(key=f"meetings_{at.selectbox(key='meetings_pick').value}_contact")
    assert picked.value == zoe


def test_contacts_open_and_merge_search_the_whole_network(app: Callable[..., AppTest]) -> None:
    at, ana, zoe = big_network(app)
    at.switch_page("app_pages/contacts.py").run()
    assert not at.exception, at.exception
    assert len(at.selectbox(key="contacts_open").options) == MATCHES_SHOWN
    at.text_input(key=search_key("contacts_open")).input("zoë").run()
    assert at.selectbox(key="contacts_open").options == ["Bo Berg0000", "Zoë Nwosu"]  # the one open stays
    at.selectbox(key="contacts_open").set_value(zoe).run()
    with db.session(os.environ["COACH_DB"]) as conn:
        twin = tracking.add_contact(
            conn, ana, tracking.NewContact("Zoe", "Nwosu-Twin", company="Elsewhere"), today=date(2026, 2, 1)
        )
    at.run()
    merge = at.selectbox(key="contacts_merge")
    assert len(merge.options) <= MATCHES_SHOWN + 1
    at.text_input(key=search_key("contacts_merge")).input("twin").run()
    at.selectbox(key="contacts_merge").set_value(twin).run()
    at.checkbox(key="contacts_merge_ok").check().run()
    at.button(key="contacts_merge_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        ids = set(store.load_contacts(conn, ana)["id"])
    assert zoe in ids and twin not in ids


def test_the_contacts_editor_shows_a_page_and_saves_an_edit_on_page_two(app: Callable[..., AppTest]) -> None:
    at, ana, _ = big_network(app)
    at.switch_page("app_pages/contacts.py").run()
    first_page = at.dataframe[0].value
    assert len(first_page) == 100
    at.number_input(key="contacts_page").set_value(2).run()
    assert not at.exception, at.exception
    second_page = at.dataframe[0].value
    assert len(second_page) == 100
    assert set(second_page["name"]).isdisjoint(first_page["name"])
    name = second_page["name"].iloc[3]
    at.session_state["contacts_editor_0_2"] = {
        "edited_rows": {3: {"warmth": "referral", "note": "Met at the fair"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, ana)
        notes = store.load_notes(conn, ana)
    edited = people[people["warmth"] == "referral"]
    assert edited["name"].tolist() == [name]
    assert notes["contact_id"].tolist() == [int(edited["id"].iloc[0])]


def test_recording_an_answer_on_one_of_many_requests_found_by_search(app: Callable[..., AppTest]) -> None:
    at, ana, zoe = big_network(app)
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, ana)
        for contact_id in people["id"].head(BIG - 1):
            if int(contact_id) != zoe:
                request = tracking.Request(int(contact_id), date(2026, 1, 5), "linkedin")
                tracking.log_outreach(conn, ana, request, today=date(2026, 1, 5))
        request_id = tracking.log_outreach(
            conn, ana, tracking.Request(zoe, date(2026, 2, 2), "email"), today=date(2026, 2, 2)
        )
    at.switch_page("app_pages/ask.py").run()
    assert not at.exception, at.exception
    assert len(at.selectbox(key="ask_pick").options) == MATCHES_SHOWN
    at.text_input(key=search_key("ask_pick")).input("nwosu").run()
    picker = at.selectbox(key="ask_pick")
    assert any(o.startswith("Zoë Nwosu") for o in picker.options)
    picker.set_value(request_id).run()
    next(s for s in at.selectbox if s.label == "Answer").set_value("agreed")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        outreach = store.load_outreach(conn, ana).set_index("id")
    assert outreach.loc[request_id, "outcome"] == "agreed"
    assert (outreach["outcome"] == "agreed").sum() == 1
