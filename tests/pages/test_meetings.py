"""The Meetings screen logs a conversation with its options, questions and referrals, and edits one."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db
from tests.conftest import ANCHOR
from tests.markup import as_shown

PAGE = "app_pages/meetings.py"


def open_meetings(app: Callable[..., AppTest], demo_file: str) -> tuple[AppTest, store.Seeker]:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at, maya


def test_logging_a_conversation_with_an_option_and_a_referral(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, maya = open_meetings(app, demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, maya.id)
        option = store.list_options(conn, maya.id)[0]
        before = len(store.load_meetings(conn, maya.id))
    contact = int(people["id"].iloc[3])
    at.selectbox(key="meetings_0_contact").set_value(contact).run()
    at.date_input(key="meetings_0_on").set_value(date(2026, 3, 16)).run()
    at.multiselect(key="meetings_0_options").set_value([option["id"]]).run()
    at.selectbox(key="meetings_0_fit").set_value(4)
    at.text_area(key="meetings_0_referrals").input("Priya Raman, Northwind Labs")
    at.button(key="meetings_0_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        meetings = store.load_meetings(conn, maya.id)
        referrals = store.load_referrals(conn, maya.id)
        tags = store.load_meeting_options(conn, maya.id)
    assert len(meetings) == before + 1
    new = meetings[(meetings["contact_id"] == contact) & (meetings["held_on"].dt.date == date(2026, 3, 16))]
    assert new["fit"].tolist() == [4]
    new_id = int(new["id"].iloc[0])
    assert tags[tags["meeting_id"] == new_id]["title"].tolist() == [option["title"]]
    assert referrals[referrals["meeting_id"] == new_id]["referred"].tolist() == ["Priya Raman"]


def test_a_future_meeting_cannot_have_a_fit_yet(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = open_meetings(app, demo_file)
    with db.session(demo_file) as conn:
        contact = int(store.load_contacts(conn, maya.id)["id"].iloc[5])
    at.selectbox(key="meetings_0_contact").set_value(contact).run()
    at.date_input(key="meetings_0_on").set_value(date(2026, 4, 2)).run()
    assert at.selectbox(key="meetings_0_fit").disabled
    at.button(key="meetings_0_save").click().run()
    assert not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        meetings = store.load_meetings(conn, maya.id)
    scheduled = meetings[meetings["held_on"].dt.date == date(2026, 4, 2)]
    assert len(scheduled) == 1 and scheduled["fit"].isna().all()


def test_editing_and_deleting_a_conversation(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = open_meetings(app, demo_file)
    picker = at.selectbox(key="meetings_pick")
    with db.session(demo_file) as conn:
        first = store.load_meetings(conn, maya.id).sort_values("held_on", ascending=False)
    past = first[first["held_on"].dt.date <= ANCHOR].iloc[0]
    meeting_id = int(past["id"])
    picker.set_value(meeting_id).run()
    at.text_area(key=f"meetings_{meeting_id}_insights").input("Edited insight")
    at.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        assert (
            store.load_meetings(conn, maya.id).set_index("id").loc[meeting_id, "insights"] == "Edited insight"
        )
    at.button(key=f"meetings_{meeting_id}_delete").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        assert meeting_id not in set(store.load_meetings(conn, maya.id)["id"])


def test_a_conversation_saved_twice_is_caught_and_can_be_logged_anyway(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, maya = open_meetings(app, demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, maya.id)
    contact = int(people["id"].iloc[3])
    name = str(people["name"].iloc[3])
    on = date(2026, 3, 16)

    def with_them() -> list[int]:
        with db.session(os.environ["COACH_DB"]) as conn:
            meetings = store.load_meetings(conn, maya.id)
        return meetings.loc[
            (meetings["contact_id"] == contact) & (meetings["held_on"].dt.date == on), "id"
        ].tolist()

    def fill_and_save() -> None:
        at.selectbox(key="meetings_pick").set_value(0).run()
        at.selectbox(key="meetings_0_contact").set_value(contact).run()
        at.date_input(key="meetings_0_on").set_value(on).run()
        at.number_input(key="meetings_0_took").set_value(20)
        at.button(key="meetings_0_save").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]

    fill_and_save()
    [first] = with_them()
    # The saved conversation is open for editing: a second click on Save changes it, logs nothing new.
    assert at.selectbox(key="meetings_pick").value == first
    assert as_shown(at.success[0].value).startswith(f"Saved the conversation with {name} on 16 Mar 2026.")
    alerts = [
        node.type
        for node in at.main
        if getattr(node, "type", None) in ("success", "warning", "error", "info")
    ]
    assert alerts[0] == "success", alerts  # what was saved comes first, before any advice
    at.button(key=f"meetings_{first}_save").click().run()
    assert with_them() == [first]

    # Logging it again from a new form is refused, naming the first one.
    fill_and_save()
    assert with_them() == [first]
    [refusal] = [as_shown(w.value) for w in at.warning if "already logged" in as_shown(w.value)]
    assert refusal == (
        f"A conversation with {name} on 16 Mar 2026 is already logged (Video call, 20 minutes)."
        " Log it anyway to record a second one."
    )
    at.button(key="meetings_0_again").click().run()
    assert not at.exception and not at.error
    assert len(with_them()) == 2
    assert not [w for w in at.warning if "already logged" in as_shown(w.value)]


def test_on_a_shared_screen_with_aliases_the_refusal_names_the_alias(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        people = store.load_contacts(conn, maya.id)
    contact, name = int(people["id"].iloc[3]), str(people["name"].iloc[3])
    at = app("demo", demo_file)
    at.query_params.update(seeker=str(maya.id), share="1", aliases="1")
    at.run()
    at.switch_page(PAGE).run()
    for _ in range(2):
        at.selectbox(key="meetings_pick").set_value(0).run()
        at.selectbox(key="meetings_0_contact").set_value(contact).run()
        at.date_input(key="meetings_0_on").set_value(date(2026, 3, 16)).run()
        at.button(key="meetings_0_save").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    [refusal] = [as_shown(w.value) for w in at.warning if "already logged" in as_shown(w.value)]
    assert refusal.startswith(f"A conversation with Contact {contact} ")  # the alias the screen shows
    assert " on 16 Mar 2026 is already logged (Video call, 15 minutes)." in refusal
    shown = " ".join(as_shown(e.value) for e in [*at.success, *at.warning, *at.markdown, *at.caption])
    assert name not in shown


def shown_in_order(at: AppTest) -> list[object]:
    """Every element and block of the screen's main area, in the order shown."""

    def walk(node: object) -> list[object]:
        children = getattr(node, "children", {})
        return [node, *(n for key in sorted(children) for n in walk(children[key]))]

    return walk(at.main)


def test_etiquette_is_one_collapsed_line_after_the_conversations(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    from coach.rules import followups

    at, maya = open_meetings(app, demo_file)
    with db.session(demo_file) as conn:
        flags = followups.etiquette_flags(
            store.load_outreach(conn, maya.id),
            store.load_meetings(conn, maya.id),
            store.load_referrals(conn, maya.id),
            as_of=ANCHOR,
            follow_ups=store.load_follow_ups(conn, maya.id),
        )
    notes = [f for f in flags if f.kind in followups.MEETING_FLAGS]
    assert notes and not at.warning
    (line,) = [e for e in at.expander if "etiquette note" in e.label]
    assert line.label == f"{len(notes)} etiquette notes"
    order = shown_in_order(at)
    table = next(i for i, node in enumerate(order) if type(node).__name__ == "Dataframe")
    assert order.index(line) > table
