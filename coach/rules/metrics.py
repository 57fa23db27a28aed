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


def known_outcome(outreach: pd.DataFrame, meetings: pd.DataFrame) -> pd.Series:
    """Each request's outcome as the numbers read it: the stored one, else derived, else missing.

    An answer with no outcome (an *unmarked* answer: an import found the reply but not what it
    said) reads as "agreed" when a conversation with the same contact is held or scheduled on or
    after the day the request was sent, or was logged as coming from the request; otherwise it
    stays missing until the user marks it. A request with no answer gets no outcome from a
    meeting: only answers are read.
    """
    outcome = outreach["outcome"].astype("object").where(outreach["outcome"].notna(), None)
    if outreach.empty or meetings.empty or "contact_id" not in outreach or "contact_id" not in meetings:
        return outcome
    unmarked = outcome.isna() & _as_dates(outreach["responded_on"]).notna()
    latest = meetings.assign(held=_as_dates(meetings["held_on"])).groupby("contact_id")["held"].max()
    last_met = pd.to_datetime(outreach["contact_id"].map(latest))
    met_after = last_met.notna() & (last_met >= _as_dates(outreach["sent_on"]))
    from_request = meetings["outreach_id"].dropna() if "outreach_id" in meetings else pd.Series([])
    linked = outreach["id"].isin(set(from_request.astype("int64")))
    return outcome.mask(unmarked & (met_after | linked), "agreed")


def unmarked_answers(outreach: pd.DataFrame, meetings: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Answers received up to a day whose outcome is not known, newest answer first.

    Columns: id, contact, sent_on, responded_on, reply_excerpt (the first line of the answer when
    an import stored it). An answer a later conversation shows to have agreed is not listed
    (see :func:`known_outcome`).
    """
    day = pd.Timestamp(as_of)
    responded = _as_dates(outreach["responded_on"])
    open_ = known_outcome(outreach, meetings).isna() & responded.notna() & (responded <= day)
    found = outreach[open_.to_numpy()].copy()
    if "reply_excerpt" not in found:
        found["reply_excerpt"] = None
    found["_answered"] = responded[open_]
    found = found.sort_values(["_answered", "id"], ascending=[False, False])
    return found[["id", "contact", "sent_on", "responded_on", "reply_excerpt"]].reset_index(drop=True)


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
        agreed=int((answered_this_week & (known_outcome(outreach, meetings) == "agreed")).sum()),
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


def answerable(outreach: pd.DataFrame, *, first: date, last: date, window_days: int) -> pd.Series:
    """Which requests could be answered between two days (both included): the base of the answers.

    A request sent by ``last`` and not answered before ``first`` counts when it was still waiting
    for an answer as ``first`` began, was sent in the span, or was answered in it (a late answer
    counts, so its request is in the base too).
    """
    before = pd.Timestamp(first) - pd.Timedelta(days=1)
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    sent = _as_dates(outreach["sent_on"])
    answered = answered_on(outreach)
    waiting = outreach_status(outreach, as_of=before.date(), window_days=window_days) == PENDING
    in_span = (sent >= start) & (sent <= end)
    answered_in_span = (answered >= start) & (answered <= end)
    open_at_start = ~(answered < start)
    return (sent <= end) & open_at_start & (waiting | in_span | answered_in_span)
