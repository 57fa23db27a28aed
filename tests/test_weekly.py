"""The weekly review on the demo: counts against the week before, options, next week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb
import pytest

from coach import store
from coach.demo import build_demo
from coach.rules import metrics, weekly
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
