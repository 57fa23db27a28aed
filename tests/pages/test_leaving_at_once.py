"""A save is kept when the user clicks it and at once moves to another screen.

The browser then sends the click and the page change together (or the change interrupts the
rerun the click started): a save made in the page's body never runs, one made in the button's
callback always does.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db
from tests.conftest import ANCHOR
from tests.pages.test_questions_settings import as_maya

ELSEWHERE = "app_pages/home.py"


def test_an_action_added_on_due_is_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/due.py")
    next(t for t in at.text_input if t.label == "What").input("Ask Priya about the panel")
    next(b for b in at.button if b.label == "Add action").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("This week")
    with db.session(os.environ["COACH_DB"]) as conn:
        titles = store.load_follow_ups(conn, maya.id)["title"].tolist()
    assert "Ask Priya about the panel" in titles
    assert any("Action added" in t.proto.body for t in at.toast)


def test_saved_settings_are_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/settings.py")
    next(n for n in at.number_input if n.label == "Requests to send each week").set_value(11)
    next(b for b in at.button if b.label == "Save settings").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        assert store.get_seeker(conn, maya.id).weekly_goal == 11


def test_a_refused_save_says_why_on_the_next_screen(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/settings.py")
    inputs = {n.label: n for n in at.number_input}
    inputs["Red below this many people"].set_value(6)
    inputs["Amber below this many people"].set_value(4)
    next(b for b in at.button if b.label == "Save settings").click()
    at.switch_page(ELSEWHERE).run()
    assert "cannot be below the red one" in at.error[0].value
    drawn = [type(node).__name__ for node in at.main]
    assert drawn.index("Title") < drawn.index("Error")  # the screen says where it is, then why
    with db.session(os.environ["COACH_DB"]) as conn:
        assert store.get_seeker(conn, maya.id).red_min_people == 3


def test_the_weeks_reflection_is_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/home.py")
    next(t for t in at.text_area if t.label == "Reflection on the week").input("Two alumni said yes")
    next(b for b in at.button if b.label == "Save reflection").click()
    at.switch_page("app_pages/due.py").run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        kept = conn.execute("SELECT body FROM week_note WHERE seeker_id = ?", [maya.id]).fetchall()
    assert ("Two alumni said yes",) in kept


def test_a_contact_added_by_hand_is_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/contacts.py")
    fields = {t.label: t for t in at.text_input}
    fields["First name"].input("Ines")
    fields["Last name"].input("Okafor")
    fields["Company"].input("Harbour Labs")
    next(b for b in at.button if b.label == "Add contact").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, maya.id)
    assert people[people["name"] == "Ines Okafor"]["company"].tolist() == ["Harbour Labs"]


def test_a_session_and_its_actions_are_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/sessions.py")
    next(t for t in at.text_input if t.label == "Agenda").input("Shortlist review")
    at.text_input(key="sessions_action_0").input("Email two alumni")
    next(b for b in at.button if b.label == "Save session").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        actions = store.load_follow_ups(conn, maya.id)["title"].tolist()
    assert "Email two alumni" in actions


def test_an_item_marked_done_stays_done(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/due.py")
    with db.session(os.environ["COACH_DB"]) as conn:
        first = store.due_for(conn, store.get_seeker(conn, maya.id), as_of=ANCHOR)[0]
    at.button(key=f"due_done_{first.key}").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        left = store.due_for(conn, store.get_seeker(conn, maya.id), as_of=ANCHOR)
    assert first.key not in {item.key for item in left}


def test_a_request_logged_with_its_last_words_is_kept(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/ask.py")
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, maya.id)
        asked = set(store.load_outreach(conn, maya.id)["contact_id"])
    target = int(people[~people["id"].isin(asked)]["id"].iloc[0])
    at.selectbox(key="ask_contact").set_value(target).run()
    area = next(t for t in at.text_area if t.key and t.key.startswith("ask_message_"))
    area.input((area.value or "") + "\nPS: typed just before the click.")  # sent with the click itself
    at.button(key="ask_log").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        logged = store.load_outreach(conn, maya.id)
    (message,) = logged.loc[logged["contact_id"] == target, "message"]
    assert message.endswith("PS: typed just before the click.")


def test_a_conversation_logged_with_its_last_words_is_kept(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/meetings.py")
    with db.session(os.environ["COACH_DB"]) as conn:
        contact = int(store.load_contacts(conn, maya.id)["id"].iloc[3])
    at.selectbox(key="meetings_0_contact").set_value(contact).run()
    at.text_area(key="meetings_0_insights").input("Clinics hire analysts from the inside first")
    at.button(key="meetings_0_save").click()
    at.switch_page(ELSEWHERE).run()
    assert not at.exception and not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        meetings = store.load_meetings(conn, maya.id)
    assert "Clinics hire analysts from the inside first" in meetings["insights"].tolist()
