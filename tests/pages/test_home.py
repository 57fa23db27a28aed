"""The "This week" home screen shows the store's real counts for the picked seeker."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from coach import store, wording
from coach.rules import metrics, suggest, weekly
from coach.store import db
from tests.conftest import ANCHOR
from tests.markup import as_shown


def expected_week(path: str, name: str) -> metrics.WeekAtAGlance:
    with db.session(path) as conn:
        seeker = store.find_seeker(conn, name)
        return metrics.week_at_a_glance(
            store.load_outreach(conn, seeker.id),
            store.load_meetings(conn, seeker.id),
            store.load_network(conn, seeker.id),
            as_of=ANCHOR,
            goal=seeker.weekly_goal,
            window_days=seeker.answer_window_days,
        )


def answerable(path: str, name: str) -> int:
    """The requests that could be answered in the week so far: the base of its answers."""
    with db.session(path) as conn:
        seeker = store.find_seeker(conn, name)
        outreach = store.load_outreach(conn, seeker.id)
    monday = metrics.week_start(ANCHOR)
    base = metrics.answerable(outreach, first=monday, last=ANCHOR, window_days=seeker.answer_window_days)
    return int(base.sum())


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_shows_the_first_seekers_week(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    assert not at.exception
    first = at.sidebar.selectbox[0].options[0]
    week = expected_week(demo_file, first)
    assert at.title[0].value == f"This week · {first}"
    assert metric_values(at) == {
        "Requests sent": f"{week.sent} of {week.goal}",
        "Answers received": f"{week.answered} of {answerable(demo_file, first)}",
        "Waiting for an answer": str(week.pending),
        "Conversations held": str(week.meetings_held),
        "People added": str(week.contacts_added),
    }
    assert week.sent > 0 and week.pending > 0  # the demo has something to show this week
    with db.session(demo_file) as conn:
        seeker = store.find_seeker(conn, first)
        waiting = metrics.waiting_requests(
            store.load_outreach(conn, seeker.id), as_of=ANCHOR, window_days=seeker.answer_window_days
        )
    shown = at.dataframe[0].value
    assert shown["contact"].tolist() == waiting["contact"].tolist()
    # what restarted a window, in words; "—" where nothing did
    assert shown["followed_up_on"].tolist() == [wording.day(d) for d in waiting["followed_up_on"]]
    assert len(shown) == week.pending


def test_picking_a_seeker_switches_the_numbers_and_the_url(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = app("demo", demo_file).run()
    other = at.sidebar.selectbox[0].options[1]
    at.sidebar.selectbox[0].select_index(1).run()
    assert at.title[0].value == f"This week · {other}"
    week = expected_week(demo_file, other)
    assert metric_values(at)["Requests sent"] == f"{week.sent} of {week.goal}"
    with db.session(demo_file) as conn:
        assert at.query_params["seeker"] == str(store.find_seeker(conn, other).id)


def test_seeker_in_the_url_is_picked(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        second = store.list_seekers(conn)[1]
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(second.id)
    at.run()
    assert at.title[0].value == f"This week · {second.name}"


def test_new_store_starts_with_the_demo(app: Callable[..., AppTest]) -> None:
    at = app(None).run()
    assert not at.exception
    assert len(at.sidebar.selectbox[0].options) == 2
    assert at.title[0].value.startswith("This week · ")


def test_empty_store_asks_for_a_first_seeker(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    assert not at.exception
    assert at.title[0].value == "Welcome"
    assert "no job seeker" in at.info[0].value
    assert len(at.sidebar.selectbox) == 0
    at.text_input[0].input("Ana Lopez")
    at.number_input[0].set_value(4)
    at.button[0].click().run()
    assert at.title[0].value == "This week · Ana Lopez"
    assert metric_values(at)["Requests sent"] == "0 of 4"


def test_empty_store_refuses_a_blank_name(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.button[0].click().run()
    assert as_shown(at.error[0].value) == "A seeker needs a name."
    assert at.title[0].value == "Welcome"


def test_earlier_week_and_the_reflection_note(app: Callable[..., AppTest], demo_file: str) -> None:
    import os
    from datetime import timedelta

    from coach.rules import weekly
    from coach.store import reviews

    at = app("demo", demo_file).run()
    seeker = at.session_state["seeker"]
    last_week = metrics.week_start(ANCHOR) - timedelta(days=7)
    at.selectbox(key="home_week").set_value(last_week).run()
    assert at.title[0].value == f"Last week · {seeker.name}"
    with db.session(demo_file) as conn:
        review = weekly.weekly_review(
            seeker,
            outreach=store.load_outreach(conn, seeker.id),
            meetings=store.load_meetings(conn, seeker.id),
            network=store.load_network(conn, seeker.id),
            referrals=store.load_referrals(conn, seeker.id),
            follow_ups=store.load_follow_ups(conn, seeker.id),
            contacts=store.load_contacts(conn, seeker.id),
            options=store.list_options(conn, seeker.id),
            meeting_options=store.load_meeting_options(conn, seeker.id),
            week=last_week,
            today=ANCHOR,
        )
    shown = {m.label: m for m in at.metric}
    assert shown["Requests sent"].value == f"{review.sent.now} of {review.goal}"
    assert shown["Requests sent"].delta == review.sent.label()
    at.text_area[0].input("Alumni requests worked best.")
    next(b for b in at.button if b.label == "Save reflection").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        assert reviews.week_note(conn, seeker.id, last_week) == "Alumni requests worked best."
        assert reviews.week_note(conn, seeker.id, ANCHOR) == ""
    assert at.text_area[0].value == "Alumni requests worked best."


def test_next_week_says_how_many_more_and_what_was_let_go(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    from coach.rules import followups

    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        listed = store.due_list_for(conn, maya, as_of=ANCHOR)
        coming = [i for i in store.due_for(conn, maya, as_of=ANCHOR, upcoming_days=7) if i.overdue_days < 0]
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    assert not at.exception
    more = len(listed.items) - 5 + max(0, len(coming) - 3)
    assert f"+{more} more on the Due screen, what matters most first." in [
        as_shown(c.value) for c in at.caption
    ]
    summary = followups.let_go_summary(listed.let_go_counts)
    assert [e.label for e in at.expander if "let go" in e.label] == [summary]


# --- the people to ask this week --------------------------------------------------------------


def expected_suggestions(path: str, seeker_id: int) -> list[suggest.Suggestion]:
    """Who to ask as of the demo's day, worked out from the store."""
    with db.session(path) as conn:
        seeker = store.get_seeker(conn, seeker_id)
        tables = {
            "contacts": store.load_contacts(conn, seeker_id),
            "outreach": store.load_outreach(conn, seeker_id),
            "meetings": store.load_meetings(conn, seeker_id),
            "meeting_options": store.load_meeting_options(conn, seeker_id),
            "referrals": store.load_referrals(conn, seeker_id),
        }
        found = suggest.for_seeker(
            seeker,
            store.list_options(conn, seeker_id),
            store.load_targets(conn, seeker_id),
            tables,
            as_of=ANCHOR,
        )
    return found


def expected_plan(path: str, seeker_id: int) -> tuple[int, list[suggest.Suggestion]]:
    """The requests this week's goal still asks for, and the plan for them: worked out from the store."""
    with db.session(path) as conn:
        seeker = store.get_seeker(conn, seeker_id)
        outreach = store.load_outreach(conn, seeker_id)
    found = expected_suggestions(path, seeker_id)
    sent = outreach["sent_on"].dt.date
    this_week = int(((sent >= metrics.week_start(ANCHOR)) & (sent <= ANCHOR)).sum())
    needed = suggest.still_needed(seeker.weekly_goal, this_week)
    return needed, suggest.weekly_plan(found, needed)


def planned(at: AppTest) -> list[int]:
    """The contact ids of the plan's Ask buttons, in the order shown."""
    keys = [str(b.key) for b in at.button]
    return [int(key.removeprefix(PLAN_KEY)) for key in keys if key.startswith(PLAN_KEY)]


PLAN_KEY = "home_plan_ask_"


@pytest.mark.parametrize("who", ["Daniel Okafor", "Maya Chen"])
def test_the_plan_lists_the_weeks_people_to_ask(
    app: Callable[..., AppTest], demo_file: str, who: str
) -> None:
    with db.session(demo_file) as conn:
        seeker = store.find_seeker(conn, who)
    needed, plan = expected_plan(demo_file, seeker.id)
    assert needed > 0 and len(plan) == needed  # the demo has enough people for the goal
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(seeker.id)
    at.run()
    assert not at.exception, at.exception
    assert planned(at) == [s.contact_id for s in plan]
    shown = [as_shown(m.value) for m in at.markdown]
    start = shown.index("**People to ask this week**")
    people = [line for line in shown[start + 1 :] if line.startswith("**")]
    assert len(people) == len(plan)
    for line, person in zip(people, plan, strict=True):
        assert line.startswith(f"**{person.contact}** · {person.company} · ")
        assert line.endswith(f" · {person.option}")
    captions = [as_shown(c.value) for c in at.caption]
    goal = f"this week's goal of {seeker.weekly_goal}."
    assert f"{wording.plural(needed, 'request')} still to send for {goal}" in captions
    assert all(weekly.plan_words(s)[2] in captions for s in plan)


def test_ask_opens_ask_with_the_person_and_the_option(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    _, plan = expected_plan(demo_file, maya.id)
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    second = plan[1]
    at.button(key=f"{PLAN_KEY}{second.contact_id}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"Ask · {maya.name}"
    assert at.selectbox(key="ask_contact").value == second.contact_id
    assert at.selectbox(key="ask_field").value == second.option_id


def test_a_met_goal_is_said_calmly_and_a_past_week_has_no_plan(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    import os
    from datetime import timedelta

    at = app("demo", demo_file)
    with db.session(os.environ["COACH_DB"]) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        conn.execute("UPDATE seeker SET weekly_goal = 1 WHERE id = ?", [daniel.id])
    at.query_params["seeker"] = str(daniel.id)
    at.run()
    assert not at.exception, at.exception
    assert planned(at) == []
    assert "This week's goal of 1 request is met." in [as_shown(c.value) for c in at.caption]
    at.selectbox(key="home_week").set_value(metrics.week_start(ANCHOR) - timedelta(days=7)).run()
    assert at.title[0].value == f"Last week · {daniel.name}"
    assert planned(at) == []
    assert "**People to ask this week**" not in [m.value for m in at.markdown]
    assert not [c.value for c in at.caption if "goal of" in c.value]
    assert not [m.value for m in at.markdown if " Ask " in as_shown(m.value)]  # nor names on next week


def test_next_weeks_option_lines_name_who_would_clear_them(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    with db.session(demo_file) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        esg = store.find_option(conn, daniel.id, "ESG reporting")
    found = [s for s in expected_suggestions(demo_file, daniel.id) if s.option_id == esg["id"]]
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(daniel.id)
    at.run()
    lines = as_shown(next(m.value for m in at.markdown if "to move from red to amber" in m.value)).split("\n")
    line = next(line for line in lines if line.startswith("- ESG reporting: "))
    first = found[0]
    other = next(s for s in found if s.company != first.company)  # the next organisation's best
    assert line.endswith(
        f"to move from red to amber. Ask {first.contact} ({first.company}) or {other.contact} ({other.company})."
    )
