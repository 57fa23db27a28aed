"""The weekly review: what one ISO week brought, against the week before, and what comes next."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from coach.labels import label, without_company
from coach.rules import evidence, followups, metrics, suggest
from coach.rules.suggest import Suggestion
from coach.seeker import Seeker
from coach.wording import day, plural


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
    option_id: int | None = None


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
    suggestions: Sequence[Suggestion] = (),
) -> WeeklyReview:
    """Review the ISO week holding ``week`` as it stood at its end (or today, if it is still running).

    :param open_items: the duties open on the week's :func:`last_day` (``followups.open_items``),
        if worked out already; else they are worked out here.
    :param suggestions: who to ask as of today (:func:`coach.rules.suggest.for_seeker`): while the
        week is still running, each option's next-week line names who would clear its warning
        (see :func:`advice_line`); a past week's lines stay as they stood.
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
            option_id=e.option_id,
        )
        for e in at_end
        if e.option_id in at_start
    ]
    next_week = [item.title for item in due[:5]] + [item.title for item in coming[:3]]
    people = suggestions if is_current(monday, today) else ()
    next_week += [advice_line(c, people) for c in changes if c.warning != "ok" and not c.decided][:3]
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


def advice_line(option: OptionChange, suggestions: Sequence[Suggestion] = ()) -> str:
    """An option's next-week line: "ESG reporting: Talk to 3 people … to move from red to amber.",
    then who would clear it when someone can be suggested ("Ask Chiara Neri (Northwind) or …").
    """
    line = f"{option.title}: {option.next_step}"
    if option.option_id is None:
        return line
    asked = suggest.asked_line(suggest.who_would_clear(suggestions, option.option_id))
    return f"{line} {asked}." if asked else line


def is_current(week: date, today: date) -> bool:
    """Whether the week holding ``week`` is the one holding ``today``."""
    return metrics.week_start(week) == metrics.week_start(today)


@dataclass(frozen=True)
class WeeklyPlan:
    """Who to ask this week: as many people as requests the weekly goal still asks for, or fewer."""

    goal: int
    needed: int  # the requests still to send this week for the goal
    people: tuple[Suggestion, ...]

    def note(self) -> str:
        """The line above the people, or in their place when there is nobody to list."""
        if self.goal <= 0:
            return "No weekly goal for requests is set: set one in Settings to be given people to ask."
        if self.needed == 0:
            return f"This week's goal of {plural(self.goal, 'request')} is met."
        to_send = f"{plural(self.needed, 'request')} still to send for this week's goal of {self.goal}"
        if not self.people:
            return (
                f"{to_send}, and nobody to suggest yet: give a career option target organisations or "
                "keywords (Find people), or import more contacts."
            )
        if len(self.people) < self.needed:
            return f"{to_send}; only {plural(len(self.people), 'person', 'people')} to suggest."
        return f"{to_send}."


def plan(review: WeeklyReview, suggestions: Sequence[Suggestion], *, today: date) -> WeeklyPlan | None:
    """The people to ask this week (:func:`coach.rules.suggest.weekly_plan` for the requests still
    to send); None for a week that is over: a plan is for the week being lived."""
    if not is_current(review.week, today):
        return None
    needed = suggest.still_needed(review.goal, review.sent.now)
    return WeeklyPlan(review.goal, needed, tuple(suggest.weekly_plan(suggestions, needed)))


def plan_words(person: Suggestion) -> tuple[str, str, str]:
    """One planned person as the plan says them: who, then "Northwind · inner circle · ESG reporting",
    then why: their first reason other than the warmth, which the facts say already.

    A shared screen's alias is named without its company, which the facts say.
    """
    warmth = "warmth unknown" if person.warmth == "unknown" else label(person.warmth).lower()
    facts = " · ".join(fact for fact in (person.company, warmth, person.option) if fact)
    said = f"{label(person.warmth)}."
    why = next((reason for reason in person.reasons if reason != said), "")
    return without_company(person.contact, person.company), facts, why


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
