"""The Due screen lists the engine's items and acting on one changes the list."""

from __future__ import annotations

import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import store
from coach.rules import followups
from coach.store import db
from tests.conftest import ANCHOR
from tests.markup import as_shown

PAGE = "app_pages/due.py"


def maya_due(path: str) -> list[followups.DueItem]:
    with db.session(path) as conn:
        return store.due_for(conn, store.find_seeker(conn, "Maya Chen"), as_of=ANCHOR)


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


def item_rows(at: AppTest) -> list[str]:
    return [as_shown(m.value) for m in at.markdown if m.value.startswith("**") and "** · " in m.value]


def test_kinds_come_grouped_in_priority_order_with_counts(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_due(app, demo_file)
    items = maya_due(demo_file)
    groups = followups.group_by_kind(items)
    headings = [as_shown(h.value) for h in at.subheader]
    assert headings[: len(groups)] == [followups.kind_count(kind, len(group)) for kind, group in groups]
    assert [followups.PRIORITY.index(kind) for kind, _ in groups] == sorted(
        followups.PRIORITY.index(kind) for kind, _ in groups
    )
    assert [row.split(" · ", 1)[1] for row in item_rows(at)] == [i.title for _, g in groups for i in g]


def test_done_can_be_undone_and_the_item_comes_back(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_due(app, demo_file)
    items = maya_due(demo_file)
    nudge = next(i for i in items if i.kind == "nudge")
    at.button(key=f"due_done_{nudge.key}").click().run()
    assert nudge.key not in {i.key for i in maya_due(os.environ["COACH_DB"])}
    assert any(as_shown(m.value) == f"Nudge done · {nudge.title}" for m in at.markdown)
    (undo,) = [b for b in at.button if b.label == "Undo"]
    undo.click().run()
    assert not at.exception
    assert [i.key for i in maya_due(os.environ["COACH_DB"])] == [i.key for i in items]
    with db.session(os.environ["COACH_DB"]) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        requests = store.load_outreach(conn, maya.id)
    followed = requests.loc[requests["id"] == nudge.outreach_id, "followed_up_on"]
    assert followed.isna().all() and len(followed) == 1  # the follow-up date went with the undo
    assert len(item_rows(at)) == len(items) and not [b for b in at.button if b.label == "Undo"]


def test_items_let_go_are_one_collapsed_line(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        listed = store.due_list_for(conn, daniel, as_of=ANCHOR)
    assert listed.let_go
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(daniel.id)
    at.run()
    at.switch_page(PAGE).run()
    summary = followups.let_go_summary(listed.let_go_counts)
    assert [e.label for e in at.expander if "let go" in e.label] == [summary]
    assert len(item_rows(at)) == len(listed.items)
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.get("Item", []))
    assert all(i.title in shown for i in listed.let_go)


def test_etiquette_is_one_collapsed_line_of_notes(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_due(app, demo_file)
    notes = [e for e in at.expander if "etiquette note" in e.label]
    assert len(notes) == 1 and not at.warning
    count = int(notes[0].label.split()[0])
    assert notes[0].label == (f"{count} etiquette notes" if count != 1 else "1 etiquette note")
    bullets = [m.value for m in notes[0].markdown if m.value.startswith("- ")]
    assert len(bullets[0].splitlines()) == count


def test_a_shared_screen_keeps_its_notes_collapsed_and_aliased(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    import re

    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        names = store.load_contacts(conn, maya.id)["name"].tolist()
    for page in (PAGE, "app_pages/meetings.py"):
        at = app("demo", demo_file)
        at.query_params.update({"seeker": str(maya.id), "share": "1", "aliases": "1"})
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        (line,) = [e for e in at.expander if "etiquette note" in e.label]
        assert not line.proto.expanded
        notes = as_shown(" ".join(m.value for m in line.markdown))
        assert "Contact " in notes
        assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", notes)]
