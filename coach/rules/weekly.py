"""The weekly review: what one ISO week brought, against the week before, and what comes next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from coach.labels import label
from coach.rules import evidence, followups, metrics
from coach.seeker import Seeker
from coach.wording import day


@dataclass(frozen=True)
class Change:
    """A count this week and the week before: "4 (last week 2)", never a bare percentage."""

    now: int
    before: int

    @property
    def delta(self) -> int:
        """This week minus the week before."""
        return self.now - self.before

    def label(self) -> str:
        """How the count moved, with both counts."""
        if self.delta == 0:
            return f"same as last week ({self.before})"
        return f"{self.delta:+d} on last week ({self.before})"


@dataclass(frozen=True)
class OptionChange:
    """What the week did to one career option's evidence."""

    title: str
    new_people: int
    people: int
    warning_before: str
    warning: str
    flag: str | None
    next_step: str
    decided: bool = False  # chosen or dropped: no more people to meet for it


@dataclass(frozen=True)
class WeeklyReview:
    """Everything the weekly review shows for one week."""

    week: date
    last_day: date  # the Sunday, or today while the week is still running
    goal: int
    sent: Change
    answered: Change
    answerable: int  # the requests that could be answered this week: the base of ``answered``
    meetings: Change
    added: Change
    answers: pd.DataFrame  # contact, company, outcome, answered_on
    pending: pd.DataFrame  # the waiting requests at the end of the week
    held: pd.DataFrame  # contact, company, held_on, fit
    thank_yous_sent: int
    follow_ups_sent: int
    overdue: int
    options: list[OptionChange]
    next_week: list[str]
    next_week_more: int = 0  # due and coming items the next-week list leaves out
    let_go: tuple[followups.DueItem, ...] = ()  # items long past due, counted and not listed


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce").dt.normalize()


def _between(series: pd.Series, first: date, last: date) -> pd.Series:
    days = _dates(series)
    return (days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))


def _counts(
    outreach: pd.DataFrame, meetings: pd.DataFrame, network: pd.DataFrame, first: date, last: date
) -> tuple[int, int, int, int]:
    answered = metrics.answered_on(outreach)
    return (
        int(_between(outreach["sent_on"], first, last).sum()),
        int(((answered >= pd.Timestamp(first)) & (answered <= pd.Timestamp(last))).sum()),
        int(_between(meetings["held_on"], first, last).sum()),
        int(_between(network["entered_on"], first, last).sum()),
    )


def last_day(week: date, today: date) -> date:
    """The last day the review of the week holding ``week`` looks at: its Sunday, or today."""
    return min(metrics.week_start(week) + timedelta(days=6), today)


def weekly_review(
    seeker: Seeker,
    *,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    network: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    options: list[dict[str, object]],
    meeting_options: pd.DataFrame,
    week: date,
    today: date,
    open_items: list[followups.DueItem] | None = None,
) -> WeeklyReview:
    """Review the ISO week holding ``week`` as it stood at its end (or today, if it is still running).

    :param open_items: the duties open on the week's :func:`last_day` (``followups.open_items``),
        if worked out already; else they are worked out here.
    """
    monday = metrics.week_start(week)
    last = last_day(week, today)
    before_monday = monday - timedelta(days=7)
    before_last = before_monday + timedelta(days=6)
    now = _counts(outreach, meetings, network, monday, last)
    then = _counts(outreach, meetings, network, before_monday, before_last)

    answered = metrics.answered_on(outreach)
    in_week = (answered >= pd.Timestamp(monday)) & (answered <= pd.Timestamp(last))
    answers = outreach[in_week].assign(answered_on=answered[in_week].dt.date)[
        ["contact", "company", "outcome", "answered_on"]
    ]
    pending = metrics.waiting_requests(outreach, as_of=last, window_days=seeker.answer_window_days)
    held = meetings[_between(meetings["held_on"], monday, last)][["contact", "company", "held_on", "fit"]]

    cadence = followups.Cadence.from_seeker(seeker)
    if open_items is None:
        open_items = followups.open_items(
            outreach, meetings, referrals, follow_ups, contacts, as_of=last, settings=cadence
        )
    listed = followups.due_of(open_items, let_go_days=cadence.let_go_days)
    due = listed.items
    coming = followups.coming_of(open_items, days=7)
    thresholds = seeker.thresholds
    at_end = evidence.option_evidence(options, meetings, meeting_options, as_of=last, **thresholds)
    at_start = {
        e.option_id: e
        for e in evidence.option_evidence(
            options, meetings, meeting_options, as_of=monday - timedelta(days=1), **thresholds
        )
    }
    changes = [
        OptionChange(
            title=e.title,
            new_people=e.people - at_start[e.option_id].people,
            people=e.people,
            warning_before=at_start[e.option_id].warning,
            warning=e.warning,
            flag=e.flag,
            next_step=evidence.what_would_clear(e, **thresholds),
            decided=e.status in ("chosen", "dropped"),
        )
        for e in at_end
        if e.option_id in at_start
    ]
    next_week = [item.title for item in due[:5]] + [item.title for item in coming[:3]]
    next_week += [f"{c.title}: {c.next_step}" for c in changes if c.warning != "ok" and not c.decided][:3]
    return WeeklyReview(
        week=monday,
        last_day=last,
        goal=seeker.weekly_goal,
        sent=Change(now[0], then[0]),
        answered=Change(now[1], then[1]),
        answerable=int(
            metrics.answerable(outreach, first=monday, last=last, window_days=seeker.answer_window_days).sum()
        ),
        meetings=Change(now[2], then[2]),
        added=Change(now[3], then[3]),
        answers=answers.reset_index(drop=True),
        pending=pending,
        held=held.reset_index(drop=True),
        thank_yous_sent=int(_between(meetings["thank_you_on"], monday, last).sum()),
        follow_ups_sent=int(_between(outreach["followed_up_on"], monday, last).sum()),
        overdue=sum(1 for item in due if item.overdue_days > 0),
        options=changes,
        next_week=next_week,
        next_week_more=max(0, len(due) - 5) + max(0, len(coming) - 3),
        let_go=tuple(listed.let_go),
    )


def recent_weeks(today: date, *, count: int = 12) -> list[date]:
    """The Mondays of the current week and the ``count - 1`` before it, newest first."""
    monday = metrics.week_start(today)
    return [monday - timedelta(weeks=n) for n in range(count)]


def week_name(week: date, today: date) -> str:
    """A week as the review names it: "This week", "Last week", or "Week of 2 Mar 2026"."""
    this_week, last_week = recent_weeks(today, count=2)
    names = {this_week: "This week", last_week: "Last week"}
    return names.get(week, f"Week of {day(week)}")


def warning_move(option: OptionChange) -> str:
    """The option's sample warning, or how the week moved it: "Red → Amber"."""
    if option.warning_before == option.warning:
        return label(option.warning)
    return f"{label(option.warning_before)} → {label(option.warning)}"


def option_rows(options: Iterable[OptionChange]) -> list[dict[str, Any]]:
    """The career options as the review's table rows: new people, people, and the warning's move."""
    return [
        {"Option": o.title, "New people": o.new_people, "People": o.people, "Warning": warning_move(o)}
        for o in options
    ]
