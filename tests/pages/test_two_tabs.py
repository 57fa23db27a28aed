"""Two browser tabs (a coach's and a client's screen) editing the same seeker: no write is lost
without the user being told; after the message, the form shows the other tab's values."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db
from tests.markup import as_shown


def widget(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


def maya(path: str) -> store.Seeker:
    with db.session(path) as conn:
        return store.find_seeker(conn, "Maya Chen")


def open_tab(make: Callable[..., AppTest], page: str, seeker_id: int) -> AppTest:
    tab = make()
    tab.query_params["seeker"] = str(seeker_id)
    tab.switch_page(page).run()
    assert not tab.exception
    return tab


def test_settings_saved_in_another_tab_are_not_overwritten(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    first = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    seeker = maya(path)
    coach = open_tab(lambda: first, "app_pages/settings.py", seeker.id)
    client = open_tab(lambda: app(None), "app_pages/settings.py", seeker.id)

    widget(coach.number_input, "Requests to send each week").set_value(seeker.weekly_goal + 4)
    widget(coach.button, "Save settings").click().run()
    assert not coach.error

    widget(client.number_input, "Days to send a thank-you").set_value(seeker.thank_you_days + 1)
    widget(client.button, "Save settings").click().run()
    assert not client.exception
    message = client.error[0].value
    assert "changed elsewhere" in message and f"weekly goal is now {seeker.weekly_goal + 4}" in message
    assert "Nothing was saved" in message
    now = maya(path)
    assert (now.weekly_goal, now.thank_you_days) == (seeker.weekly_goal + 4, seeker.thank_you_days)

    # The client's form now shows the coach's goal; saving their change again keeps both.
    assert widget(client.number_input, "Requests to send each week").value == seeker.weekly_goal + 4
    widget(client.number_input, "Days to send a thank-you").set_value(seeker.thank_you_days + 1)
    widget(client.button, "Save settings").click().run()
    assert not client.error
    now = maya(path)
    assert (now.weekly_goal, now.thank_you_days) == (seeker.weekly_goal + 4, seeker.thank_you_days + 1)


def test_a_conversation_edited_in_two_tabs(app: Callable[..., AppTest], demo_file: str) -> None:
    first = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    seeker = maya(path)
    with db.session(path) as conn:
        meetings = store.load_meetings(conn, seeker.id)
    held = meetings[meetings["minutes_actual"].notna()].iloc[-1]
    meeting_id = int(held["id"])
    tabs = [
        open_tab(lambda: first, "app_pages/meetings.py", seeker.id),
        open_tab(
            lambda: app(None),
            "app_pages/meetings.py",
            seeker.id,
        ),
    ]
    for tab in tabs:
        tab.selectbox(key="meetings_pick").set_value(meeting_id).run()
    coach, client = tabs
    coach.text_area(key=f"meetings_{meeting_id}_insights").set_value("Coach: ask about the hiring freeze.")
    coach.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not coach.error

    client.text_area(key=f"meetings_{meeting_id}_insights").set_value("Client: loved the team.")
    client.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not client.exception
    assert "This conversation was changed elsewhere" in as_shown(client.error[0].value)
    assert "insights is now Coach: ask about the hiring freeze." in as_shown(client.error[0].value)
    with db.session(path) as conn:
        stored = store.load_meetings(conn, seeker.id).set_index("id").loc[meeting_id]
    assert stored["insights"] == "Coach: ask about the hiring freeze."
    assert (
        client.text_area(key=f"meetings_{meeting_id}_insights").value == "Coach: ask about the hiring freeze."
    )
