"""Pure metric functions over the tables the store loads.

Nothing here reads the clock or the settings: the day ``as_of`` and every
threshold are arguments. "As of a day D" means at the end of D: anything
dated after D does not exist yet (DOMAIN.md, precise rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

RESPONDED = "responded"
PENDING = "pending"
NO_RESPONSE = "no_response"


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``; weeks are named by it."""
    return day - timedelta(days=day.weekday())


def _as_dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce").dt.normalize()


def answered_on(outreach: pd.DataFrame) -> pd.Series:
    """The day each request was answered; an outcome without a date counts as the sent date."""
    responded = _as_dates(outreach["responded_on"])
    has_outcome = outreach["outcome"].notna()
    return responded.where(responded.notna() | ~has_outcome, _as_dates(outreach["sent_on"]))


def outreach_status(outreach: pd.DataFrame, *, as_of: date, window_days: int) -> pd.Series:
    """Each request's status as of a day: responded, pending, no_response, or NA if not yet sent.

    Pending means not answered and ``as_of`` < last touch + window, where the
    last touch is the later of sent on and followed up on (both as of the day).
    """
    day = pd.Timestamp(as_of)
    sent = _as_dates(outreach["sent_on"])
    followed = _as_dates(outreach["followed_up_on"])
    followed = followed.where(followed <= day)
    last_touch = pd.concat([sent, followed], axis=1).max(axis=1)
    answered = answered_on(outreach)
    status = pd.Series(NO_RESPONSE, index=outreach.index, dtype="object")
    status[day < last_touch + pd.Timedelta(days=window_days)] = PENDING
    status[answered.notna() & (answered <= day)] = RESPONDED
    status[sent > day] = None
    return status


@dataclass(frozen=True)
class WeekAtAGlance:
    """What happened in one ISO week, up to and including ``as_of``."""

    week: date
    sent: int
    goal: int
    answered: int
    agreed: int
    pending: int
    meetings_held: int
    meetings_upcoming: int
    contacts_added: int
    contacts_total: int


def week_at_a_glance(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    network: pd.DataFrame,
    *,
    as_of: date,
    goal: int,
    window_days: int,
) -> WeekAtAGlance:
    """Counts for the week holding ``as_of``: requests sent, answers, meetings, network added."""
    monday = pd.Timestamp(week_start(as_of))
    day = pd.Timestamp(as_of)

    def in_week(dates: pd.Series) -> pd.Series:
        return (dates >= monday) & (dates <= day)

    sent = _as_dates(outreach["sent_on"])
    answered = answered_on(outreach)
    status = outreach_status(outreach, as_of=as_of, window_days=window_days)
    held = _as_dates(meetings["held_on"])
    entered = _as_dates(network["entered_on"])
    answered_this_week = in_week(answered)
    return WeekAtAGlance(
        week=monday.date(),
        sent=int(in_week(sent).sum()),
        goal=goal,
        answered=int(answered_this_week.sum()),
        agreed=int((answered_this_week & (outreach["outcome"] == "agreed")).sum()),
        pending=int((status == PENDING).sum()),
        meetings_held=int(in_week(held).sum()),
        meetings_upcoming=int((held > day).sum()),
        contacts_added=int(in_week(entered).sum()),
        contacts_total=int((entered <= day).sum()),
    )


def waiting_requests(outreach: pd.DataFrame, *, as_of: date, window_days: int) -> pd.DataFrame:
    """Requests still inside their answer window as of a day, oldest first.

    Columns: contact, company, channel, sent_on, followed_up_on, days_waiting,
    window_closes (the day they count as no response if still unanswered).
    """
    status = outreach_status(outreach, as_of=as_of, window_days=window_days)
    waiting = outreach[status == PENDING].copy()
    day = pd.Timestamp(as_of)
    sent = _as_dates(waiting["sent_on"])
    followed = _as_dates(waiting["followed_up_on"])
    followed = followed.where(followed <= day)
    last_touch = pd.concat([sent, followed], axis=1).max(axis=1)
    waiting["days_waiting"] = (day - sent).dt.days.astype(int)
    waiting["window_closes"] = (last_touch + pd.Timedelta(days=window_days)).dt.date
    columns = ["contact", "company", "channel", "sent_on", "followed_up_on", "days_waiting", "window_closes"]
    return waiting.sort_values(["sent_on"])[columns].reset_index(drop=True)


def upcoming_meetings(meetings: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Meetings scheduled after a day, soonest first (columns: contact, company, held_on, mode)."""
    held = _as_dates(meetings["held_on"])
    coming = meetings[held > pd.Timestamp(as_of)]
    return coming.sort_values("held_on")[["contact", "company", "held_on", "mode"]].reset_index(drop=True)
