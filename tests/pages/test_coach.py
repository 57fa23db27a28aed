"""The coach's screens: the clients overview, managing clients, and session notes."""

from __future__ import annotations

import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db, registry
from tests.conftest import ANCHOR


def test_overview_has_one_row_per_client_with_counts(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    at.switch_page("app_pages/clients.py").run()
    assert not at.exception
    with db.session(demo_file) as conn:
        expected = registry.seeker_overview(conn, ANCHOR)
    table = at.dataframe[0].value.set_index("Client")
    assert list(table.index) == [r.name for r in expected]
    for row in expected:
        shown = table.loc[row.name]
        assert shown["Requests this week"] == f"{row.sent_this_week} of {row.goal}"
        assert shown["Response rate"] == f"{row.responded} of {row.closed}"
        assert shown["Overdue"] == row.overdue and shown["Decided on red"] == row.red_decisions
    assert table.loc["Maya Chen", "Decided on red"] == 1


def test_opening_a_client_switches_the_picker(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    at.switch_page("app_pages/clients.py").run()
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at.selectbox(key="clients_pick").set_value(maya.id).run()
    next(b for b in at.button if b.label == "Open this client").click().run()
    assert not at.exception
    assert at.title[0].value == "This week · Maya Chen"
    assert at.sidebar.selectbox[0].value == maya.id


def test_archive_delete_and_remove_demo(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    at.switch_page("app_pages/clients.py").run()
    next(t for t in at.text_input if t.label == "Name").input("Ana Lopez")
    next(b for b in at.button if b.label == "Add client").click().run()
    path = os.environ["COACH_DB"]
    with db.session(path) as conn:
        ana = store.find_seeker(conn, "Ana Lopez")
    at.selectbox(key="clients_pick").set_value(ana.id).run()
    next(b for b in at.button if b.label == "Archive").click().run()
    with db.session(path) as conn:
        assert store.get_seeker(conn, ana.id).archived
    at.text_input(key="clients_delete_name").input("ana")
    at.button(key="clients_delete").click().run()
    assert "Type the client's name exactly" in at.error[0].value
    at.text_input(key="clients_delete_name").input("Ana Lopez")
    at.button(key="clients_delete").click().run()
    at.button(key="clients_remove_demo").click().run()
    with db.session(path) as conn:
        assert store.list_seekers(conn, include_archived=True) == []
        assert db.scalar(conn, "SELECT count(*) FROM contact") == 0


def test_session_notes_and_their_actions(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    seeker = at.session_state["seeker"]
    at.switch_page("app_pages/sessions.py").run()
    assert "No session notes yet" in at.info[0].value
    next(t for t in at.text_input if t.label == "Agenda").input("Review outreach")
    at.text_input(key="sessions_action_0").input("Send two alumni requests")
    next(b for b in at.button if b.label == "Save session").click().run()
    assert not at.error
    assert any("Review outreach" in m.value for m in at.markdown)
    with db.session(os.environ["COACH_DB"]) as conn:
        actions = store.load_follow_ups(conn, seeker.id)
    assert "Send two alumni requests" in actions["title"].tolist()
