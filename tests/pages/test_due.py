"""The Due screen lists the engine's items and acting on one changes the list."""

from __future__ import annotations

import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import db, followups, store
from tests.conftest import ANCHOR
from tests.markup import as_shown

PAGE = "app_pages/due.py"


def maya_due(path: str) -> list[followups.DueItem]:
    with db.session(path) as conn:
        return followups.due_for(conn, store.find_seeker(conn, "Maya Chen"), as_of=ANCHOR)


def open_due(app: Callable[..., AppTest], demo_file: str) -> AppTest:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_due_lists_every_item_and_done_removes_one(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_due(app, demo_file)
    items = maya_due(demo_file)
    shown = [m.value for m in at.markdown if m.value.startswith("**") and "** · " in m.value]
    assert len(shown) == len(items)
    assert all(any(item.title in as_shown(text) for text in shown) for item in items)
    thank_you = next(i for i in items if i.kind == "thank_you")
    at.button(key=f"due_done_{thank_you.key}").click().run()
    assert not at.exception
    after = maya_due(os.environ["COACH_DB"])
    assert thank_you.key not in {i.key for i in after} and len(after) == len(items) - 1
    assert len([m for m in at.markdown if m.value.startswith("**") and "** · " in m.value]) == len(items) - 1


def test_skip_needs_a_reason_and_snooze_hides(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_due(app, demo_file)
    items = maya_due(demo_file)
    nudge = next(i for i in items if i.kind == "nudge")
    at.button(key=f"due_skip_{nudge.key}").click().run()
    assert as_shown(at.error[0].value) == "Say why the item is skipped."
    at.text_input(key=f"due_reason_{nudge.key}").input("They changed jobs")
    at.button(key=f"due_skip_{nudge.key}").click().run()
    keep = next(i for i in items if i.kind == "keep_in_touch")
    at.button(key=f"due_snooze_{keep.key}").click().run()
    left = {i.key for i in maya_due(os.environ["COACH_DB"])}
    assert nudge.key not in left and keep.key not in left


def test_adding_an_action(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_due(app, demo_file)
    next(t for t in at.text_input if t.label == "What").input("Draft two alumni requests")
    next(b for b in at.button if b.label == "Add action").click().run()
    assert not at.exception
    with db.session(os.environ["COACH_DB"]) as conn:
        actions = store.load_follow_ups(conn, store.find_seeker(conn, "Maya Chen").id)
    assert "Draft two alumni requests" in actions["title"].tolist()
