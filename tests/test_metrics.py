"""Pure metrics: request status as of a day, the week at a glance."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from coach.rules import metrics

COLUMNS = ["sent_on", "followed_up_on", "responded_on", "outcome"]


def requests(*rows: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, r, strict=True)) for r in rows], columns=COLUMNS)


D = date


@pytest.mark.parametrize(
    ("row", "as_of", "expected"),
    [
        ((D(2026, 3, 1), None, None, None), D(2026, 3, 14), "pending"),  # day 13 of 14
        ((D(2026, 3, 1), None, None, None), D(2026, 3, 15), "no_response"),  # window closed
        ((D(2026, 3, 1), D(2026, 3, 10), None, None), D(2026, 3, 20), "pending"),  # follow-up reopens
        ((D(2026, 3, 1), D(2026, 3, 10), None, None), D(2026, 3, 24), "no_response"),
        (
            (D(2026, 3, 1), D(2026, 3, 20), None, None),
            D(2026, 3, 15),
            "no_response",
        ),  # follow-up not yet sent
        ((D(2026, 3, 1), None, D(2026, 4, 30), "agreed"), D(2026, 5, 1), "responded"),  # late answer counts
        ((D(2026, 3, 1), None, D(2026, 4, 30), "agreed"), D(2026, 4, 29), "no_response"),  # not answered yet
        ((D(2026, 3, 1), None, D(2026, 3, 5), "declined"), D(2026, 3, 5), "responded"),
        ((D(2026, 3, 1), None, None, "replied"), D(2026, 3, 1), "responded"),  # outcome without date
        ((D(2026, 3, 2), None, None, None), D(2026, 3, 1), None),  # not sent yet
    ],
)
def test_outreach_status(row: tuple[object, ...], as_of: date, expected: str | None) -> None:
    status = metrics.outreach_status(requests(row), as_of=as_of, window_days=14)
    assert (None if pd.isna(status.iloc[0]) else status.iloc[0]) == expected


def test_window_is_a_setting() -> None:
    frame = requests((D(2026, 3, 1), None, None, None))
    assert metrics.outreach_status(frame, as_of=D(2026, 3, 8), window_days=7).iloc[0] == "no_response"
    assert metrics.outreach_status(frame, as_of=D(2026, 3, 8), window_days=8).iloc[0] == "pending"


@pytest.mark.parametrize(
    ("day", "monday"),
    [(D(2026, 3, 16), D(2026, 3, 16)), (D(2026, 3, 22), D(2026, 3, 16)), (D(2027, 1, 1), D(2026, 12, 28))],
)
def test_week_start_is_iso_monday(day: date, monday: date) -> None:
    assert metrics.week_start(day) == monday


def test_week_at_a_glance_counts_only_this_week_up_to_the_day() -> None:
    outreach = requests(
        (D(2026, 3, 15), None, D(2026, 3, 16), "agreed"),  # sent last Sunday, answered Monday
        (D(2026, 3, 16), None, None, None),  # sent Monday, pending
        (D(2026, 3, 18), None, D(2026, 3, 18), "declined"),
        (D(2026, 3, 19), None, None, None),  # after the day: does not exist yet
        (D(2026, 2, 1), None, None, None),  # closed long ago
    )
    meetings = pd.DataFrame({"held_on": [D(2026, 3, 17), D(2026, 3, 10), D(2026, 3, 25)]})
    network = pd.DataFrame({"entered_on": [D(2025, 1, 1), D(2026, 3, 16), D(2026, 3, 18), D(2026, 3, 20)]})
    week = metrics.week_at_a_glance(outreach, meetings, network, as_of=D(2026, 3, 18), goal=5, window_days=14)
    assert week == metrics.WeekAtAGlance(
        week=D(2026, 3, 16),
        sent=2,
        goal=5,
        answered=2,
        agreed=1,
        pending=1,
        meetings_held=1,
        meetings_upcoming=1,
        contacts_added=2,
        contacts_total=3,
    )


def test_week_at_a_glance_on_empty_tables() -> None:
    week = metrics.week_at_a_glance(
        requests(),
        pd.DataFrame({"held_on": []}),
        pd.DataFrame({"entered_on": []}),
        as_of=D(2026, 3, 18),
        goal=3,
        window_days=14,
    )
    assert (week.sent, week.answered, week.pending, week.meetings_held, week.contacts_total) == (
        0,
        0,
        0,
        0,
        0,
    )


def test_waiting_requests_lists_only_pending_with_their_window() -> None:
    outreach = requests(
        (D(2026, 3, 10), None, None, None),
        (D(2026, 3, 1), D(2026, 3, 12), None, None),
        (D(2026, 2, 1), None, None, None),  # closed as no response
        (D(2026, 3, 11), None, D(2026, 3, 12), "agreed"),
    )
    outreach["contact"] = ["Ana", "Bo", "Cy", "Di"]
    outreach["company"] = ["Acme", None, "Brightwave", "Acme"]
    outreach["channel"] = ["email", "linkedin", "email", "phone"]
    waiting = metrics.waiting_requests(outreach, as_of=D(2026, 3, 18), window_days=14)
    assert waiting["contact"].tolist() == ["Bo", "Ana"]
    assert waiting["days_waiting"].tolist() == [17, 8]
    assert waiting["window_closes"].tolist() == [D(2026, 3, 26), D(2026, 3, 24)]


def test_upcoming_meetings_are_after_the_day_soonest_first() -> None:
    meetings = pd.DataFrame(
        {
            "contact": ["Ana", "Bo", "Cy"],
            "company": ["Acme", "Brightwave", None],
            "held_on": [D(2026, 3, 30), D(2026, 3, 18), D(2026, 3, 20)],
            "mode": ["video", "phone", "coffee"],
        }
    )
    assert metrics.upcoming_meetings(meetings, as_of=D(2026, 3, 18))["contact"].tolist() == ["Cy", "Ana"]
