"""The weekly review on the demo: counts against the week before, options, next week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb
import pytest

from coach import store
from coach.demo import build_demo
from coach.rules import metrics, suggest, weekly
from coach.rules.suggest import Suggestion
from coach.store import db
from tests.conftest import ANCHOR


@pytest.fixture(scope="module")
def demo() -> tuple[db.Connection, store.Seeker]:
    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    build_demo(conn, anchor=ANCHOR)
    return conn, store.find_seeker(conn, "Maya Chen")


def frames(conn: db.Connection, seeker: store.Seeker) -> dict[str, Any]:
    return {
        "outreach": store.load_outreach(conn, seeker.id),
        "meetings": store.load_meetings(conn, seeker.id),
        "network": store.load_network(conn, seeker.id),
        "referrals": store.load_referrals(conn, seeker.id),
        "follow_ups": store.load_follow_ups(conn, seeker.id),
        "contacts": store.load_contacts(conn, seeker.id),
        "options": store.list_options(conn, seeker.id),
        "meeting_options": store.load_meeting_options(conn, seeker.id),
    }


def test_change_label_carries_both_counts() -> None:
    assert weekly.Change(4, 2).label() == "+2 on last week (2)"
    assert weekly.Change(0, 3).label() == "-3 on last week (3)"
    assert weekly.Change(2, 2).label() == "same as last week (2)"


def test_current_week_stops_today_and_matches_the_week_at_a_glance(
    demo: tuple[db.Connection, store.Seeker],
) -> None:
    conn, maya = demo
    data = frames(conn, maya)
    review = weekly.weekly_review(maya, **data, week=ANCHOR, today=ANCHOR)
    glance = metrics.week_at_a_glance(
        data["outreach"],
        data["meetings"],
        data["network"],
        as_of=ANCHOR,
        goal=maya.weekly_goal,
        window_days=maya.answer_window_days,
    )
    assert (review.week, review.last_day) == (metrics.week_start(ANCHOR), ANCHOR)
    assert (review.sent.now, review.answered.now, review.meetings.now, review.added.now) == (
        glance.sent,
        glance.answered,
        glance.meetings_held,
        glance.contacts_added,
    )
    assert len(review.pending) == glance.pending
    assert len(review.answers) == glance.answered


def test_a_past_week_is_seen_as_it_stood_on_its_sunday(demo: tuple[db.Connection, store.Seeker]) -> None:
    conn, maya = demo
    data = frames(conn, maya)
    monday = metrics.week_start(ANCHOR) - timedelta(weeks=3)
    review = weekly.weekly_review(maya, **data, week=monday + timedelta(days=2), today=ANCHOR)
    assert review.last_day == monday + timedelta(days=6)
    previous = weekly.weekly_review(maya, **data, week=monday - timedelta(days=7), today=ANCHOR)
    assert review.sent.before == previous.sent.now
    assert review.added.before == previous.added.now


def test_options_report_new_people_and_warning_moves(demo: tuple[db.Connection, store.Seeker]) -> None:
    conn, maya = demo
    data = frames(conn, maya)
    weeks = weekly.recent_weeks(ANCHOR, count=20)
    reviews = [weekly.weekly_review(maya, **data, week=w, today=ANCHOR) for w in weeks]
    total_new = {o.title: 0 for o in reviews[0].options}
    for review in reviews:
        for option in review.options:
            total_new[option.title] += option.new_people
            assert option.people >= option.new_people >= 0
    earliest = weekly.weekly_review(maya, **data, week=weeks[-1] - timedelta(days=7), today=ANCHOR)
    for option in reviews[0].options:
        start = next(o for o in earliest.options if o.title == option.title)
        assert start.people + total_new[option.title] == option.people
    assert any(o.warning_before != o.warning for r in reviews for o in r.options)


def test_next_week_lists_due_items_and_option_advice(demo: tuple[db.Connection, store.Seeker]) -> None:
    conn, maya = demo
    review = weekly.weekly_review(maya, **frames(conn, maya), week=ANCHOR, today=ANCHOR)
    assert review.next_week and any("Talk to" in line for line in review.next_week)
    assert review.overdue > 0


def test_next_week_says_how_many_more_and_what_was_let_go(demo: tuple[db.Connection, store.Seeker]) -> None:

    conn, maya = demo
    review = weekly.weekly_review(maya, **frames(conn, maya), week=ANCHOR, today=ANCHOR)
    listed = store.due_list_for(conn, maya, as_of=ANCHOR)
    coming = [i for i in store.due_for(conn, maya, as_of=ANCHOR, upcoming_days=7) if i.overdue_days < 0]
    assert len(listed.items) > 5
    assert review.next_week[:5] == [i.title for i in listed.items[:5]]
    assert review.next_week_more == len(listed.items) - 5 + max(0, len(coming) - 3) > 0
    assert review.let_go == tuple(listed.let_go) and review.let_go
    assert review.overdue == sum(1 for i in listed.items if i.overdue_days > 0)


def test_recent_weeks_are_mondays_newest_first() -> None:
    weeks = weekly.recent_weeks(date(2026, 3, 18), count=3)
    assert weeks == [date(2026, 3, 16), date(2026, 3, 9), date(2026, 3, 2)]


def test_weeks_are_named_this_week_last_week_then_by_their_monday() -> None:
    today = date(2026, 3, 18)  # a Wednesday
    assert weekly.week_name(date(2026, 3, 16), today) == "This week"
    assert weekly.week_name(date(2026, 3, 9), today) == "Last week"
    assert weekly.week_name(date(2026, 3, 2), today) == "Week of 2 Mar 2026"
    assert weekly.week_name(date(2026, 3, 23), date(2026, 3, 29)) == "This week"  # a Sunday


def test_option_rows_say_the_warning_or_how_the_week_moved_it() -> None:
    def option(title: str, before: str, now: str) -> weekly.OptionChange:
        return weekly.OptionChange(title, 1, 4, before, now, None, "Meet two more")

    kept, moved = option("UX research", "amber", "amber"), option("Data analysis", "red", "amber")
    assert weekly.warning_move(kept) == "Amber"
    assert weekly.warning_move(moved) == "Red → Amber"
    assert weekly.option_rows([kept, moved]) == [
        {"Option": "UX research", "New people": 1, "People": 4, "Warning": "Amber"},
        {"Option": "Data analysis", "New people": 1, "People": 4, "Warning": "Red → Amber"},
    ]
    assert weekly.option_rows([]) == []


def test_answers_this_week_count_out_of_the_requests_that_could_be_answered_in_it() -> None:
    import pandas as pd

    monday = date(2026, 3, 16)
    days = {
        "long ago, never answered": (date(2025, 1, 6), None),
        "waiting at the start, answered": (date(2026, 3, 9), date(2026, 3, 17)),
        "sent this week, waiting": (date(2026, 3, 17), None),
        "closed long ago, a late answer": (date(2025, 6, 2), date(2026, 3, 18)),
        "answered last week": (date(2026, 3, 2), date(2026, 3, 10)),
        "sent after the week": (date(2026, 3, 23), None),
    }
    outreach = pd.DataFrame(
        {
            "sent_on": pd.to_datetime([sent for sent, _ in days.values()]),
            "followed_up_on": pd.NaT,
            "responded_on": pd.to_datetime(pd.Series([answered for _, answered in days.values()])).to_numpy(),
            "outcome": [None] * len(days),
        },
        index=list(days),
    )
    base = metrics.answerable(outreach, first=monday, last=monday + timedelta(days=6), window_days=14)
    assert set(outreach.index[base]) == {
        "waiting at the start, answered",
        "sent this week, waiting",
        "closed long ago, a late answer",
    }


# --- who to ask: the next-week lines and the week's plan -----------------------------------


def asked(
    contact_id: int, name: str, company: str | None, warmth: str, option_id: int, *reasons: str
) -> Suggestion:
    return Suggestion(contact_id, name, company, warmth, option_id, f"O{option_id}", reasons, True)


def test_an_options_next_week_line_names_who_would_clear_it() -> None:
    change = weekly.OptionChange("ESG reporting", 0, 0, "red", "red", None, "Talk to 3 people.", option_id=7)
    found = [
        asked(1, "Chiara Neri", "Northwind", "inner_circle", 7),
        asked(2, "Ben Same", "Northwind", "inner_circle", 7),
        asked(3, "Dana Pike", "Pinnacle Retail", "shared_affiliation", 7),
        asked(4, "Eve Other", "Acme", "inner_circle", 8),
    ]
    assert weekly.advice_line(change, found) == (
        "ESG reporting: Talk to 3 people. "
        "Ask Chiara Neri (Northwind, inner circle) or Dana Pike (Pinnacle Retail, shared affiliation)."
    )
    assert weekly.advice_line(change, found[3:]) == "ESG reporting: Talk to 3 people."  # nobody for it
    assert weekly.advice_line(change) == "ESG reporting: Talk to 3 people."
    unknown = weekly.OptionChange("ESG reporting", 0, 0, "red", "red", None, "Talk to 3 people.")
    assert weekly.advice_line(unknown, found) == "ESG reporting: Talk to 3 people."


def test_the_next_week_lines_name_people_only_while_the_week_runs(
    demo: tuple[db.Connection, store.Seeker],
) -> None:
    conn, maya = demo
    data = frames(conn, maya)
    found = suggest.for_seeker(maya, data["options"], store.load_targets(conn, maya.id), data, as_of=ANCHOR)
    plain = weekly.weekly_review(maya, **data, week=ANCHOR, today=ANCHOR)
    named = weekly.weekly_review(maya, **data, week=ANCHOR, today=ANCHOR, suggestions=found)
    advice = [c for c in named.options if c.warning != "ok" and not c.decided]
    assert advice and all(c.option_id is not None for c in advice)
    lines = [weekly.advice_line(c, found) for c in advice]
    assert all(" Ask " in line for line in lines)
    assert named.next_week == plain.next_week[: len(plain.next_week) - len(lines)] + lines
    last_week = metrics.week_start(ANCHOR) - timedelta(days=7)
    past = weekly.weekly_review(maya, **data, week=last_week, today=ANCHOR, suggestions=found)
    assert past.next_week == weekly.weekly_review(maya, **data, week=last_week, today=ANCHOR).next_week
    assert not any(" Ask " in line for line in past.next_week)


def review_of(goal: int, sent: int, week: date = date(2026, 3, 16)) -> weekly.WeeklyReview:
    import pandas as pd

    empty = pd.DataFrame()
    none = weekly.Change(0, 0)
    return weekly.WeeklyReview(
        week, week, goal, weekly.Change(sent, 0), none, 0, none, none, empty, empty, empty, 0, 0, 0, [], []
    )


def test_the_weeks_plan_is_the_suggested_plan_for_the_requests_still_to_send() -> None:
    today = date(2026, 3, 18)
    found = [asked(i, f"P{i}", f"Org {i}", "unknown", 1 + i % 2) for i in range(1, 7)]
    plan = weekly.plan(review_of(goal=5, sent=2), found, today=today)
    assert plan is not None
    assert (plan.goal, plan.needed) == (5, 3)
    assert list(plan.people) == suggest.weekly_plan(found, 3)
    assert plan.note() == "3 requests still to send for this week's goal of 5."
    assert weekly.plan(review_of(goal=5, sent=2, week=date(2026, 3, 9)), found, today=today) is None


def test_the_plan_says_when_the_goal_is_met_and_when_nobody_can_be_suggested() -> None:
    today = date(2026, 3, 18)
    found = [asked(1, "Ana", "Acme", "unknown", 1)]

    def note(goal: int, sent: int, people: list[Suggestion]) -> str:
        plan = weekly.plan(review_of(goal, sent), people, today=today)
        assert plan is not None
        return plan.note()

    met = weekly.plan(review_of(3, 4), found, today=today)
    assert met is not None and met.people == () and met.needed == 0
    assert note(3, 4, found) == "This week's goal of 3 requests is met."
    assert note(1, 1, found) == "This week's goal of 1 request is met."
    assert (
        note(3, 1, found) == "2 requests still to send for this week's goal of 3; only 1 person to suggest."
    )
    assert note(3, 0, []).startswith(
        "3 requests still to send for this week's goal of 3, and nobody to suggest"
    )
    assert "target organisations or keywords (Find people)" in note(3, 0, [])
    assert note(0, 0, found).startswith("No weekly goal for requests is set")


def test_plan_words_say_who_where_how_warm_about_what_and_why() -> None:
    chiara = asked(
        1,
        "Chiara Neri",
        "Northwind",
        "inner_circle",
        7,
        "Inner circle.",
        "Their position mentions ESG.",
    )
    assert weekly.plan_words(chiara) == (
        "Chiara Neri",
        "Northwind · inner circle · O7",
        "Their position mentions ESG.",  # the warmth is said already
    )
    first = asked(
        2, "Sara Schmidt", "Silverline", "unknown", 7, "At Silverline, a new organisation for O7.", "x"
    )
    assert weekly.plan_words(first) == (
        "Sara Schmidt",
        "Silverline · warmth unknown · O7",
        "At Silverline, a new organisation for O7.",
    )
    alias = asked(12, "Contact 12 · Silverline", "Silverline", "cold", 7)
    assert weekly.plan_words(alias) == ("Contact 12", "Silverline · cold · O7", "")
    assert weekly.plan_words(asked(3, "Bo", None, "referral", 7, "Referral."))[1:] == ("referral · O7", "")
