"""The Meetings screen logs a conversation with its options, questions and referrals, and edits one."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from coach import db, store
from tests.conftest import ANCHOR
from ui.meetings import parse_referrals

PAGE = "app_pages/meetings.py"


def test_parse_referrals() -> None:
    people = parse_referrals("Zoë Nwosu, Brightwave\n\n  Bo  \nAna María López,")
    assert [(p.first_name, p.last_name, p.company) for p in people] == [
        ("Zoë", "Nwosu", "Brightwave"),
        ("Bo", "", None),
        ("Ana", "María López", None),
    ]


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


def shown_in_order(at: AppTest) -> list[object]:
    """Every element and block of the screen's main area, in the order shown."""

    def walk(node: object) -> list[object]:
        children = getattr(node, "children", {})
        return [node, *(n for key in sorted(children) for n in walk(children[key]))]

    return walk(at.main)


def test_etiquette_is_one_collapsed_line_after_the_conversations(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    from coach import followups

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
