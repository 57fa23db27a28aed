"""The coach's overview: one row per seeker (a client, to the coach) with the numbers to start from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from coach.rules import evidence, followups, metrics
from coach.seeker import Seeker
from coach.wording import day


@dataclass(frozen=True)
class SeekerRow:
    """One seeker at a glance."""

    seeker_id: int
    name: str
    archived: bool
    last_activity: date | None
    sent_this_week: int
    goal: int
    responded: int
    closed: int
    meetings_this_month: int
    overdue: int
    red_decisions: int


def _latest(*series: pd.Series, as_of: date) -> date | None:
    days = pd.concat([pd.to_datetime(s, errors="coerce") for s in series], ignore_index=True)
    days = days[days <= pd.Timestamp(as_of)]
    return None if days.empty else days.max().date()


# The seeker's tables a seeker row is computed from (see coach.store.registry.seeker_overview).
FRAMES = ("outreach", "meetings", "referrals", "follow_ups", "contacts", "options", "meeting_options")


def seeker_row(
    seeker: Seeker,
    *,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    options: list[dict[str, object]],
    meeting_options: pd.DataFrame,
    as_of: date,
) -> SeekerRow:
    """The overview numbers of one seeker as of a day."""
    summary = evidence.outreach_summary(
        outreach, meetings, as_of=as_of, window_days=seeker.answer_window_days
    )
    week = metrics.week_at_a_glance(
        outreach,
        meetings,
        pd.DataFrame({"entered_on": []}),
        as_of=as_of,
        goal=seeker.weekly_goal,
        window_days=seeker.answer_window_days,
    )
    held = pd.to_datetime(meetings["held_on"], errors="coerce")
    month_start = pd.Timestamp(as_of.replace(day=1))
    due = followups.due_items(
        outreach,
        meetings,
        referrals,
        follow_ups,
        contacts,
        as_of=as_of,
        settings=followups.Cadence.from_seeker(seeker),
    )
    options_now = evidence.option_evidence(
        options,
        meetings,
        meeting_options,
        as_of=as_of,
        **seeker.thresholds,
    )
    return SeekerRow(
        seeker_id=seeker.id,
        name=seeker.name,
        archived=seeker.archived,
        last_activity=_latest(
            outreach["sent_on"],
            outreach["followed_up_on"],
            outreach["responded_on"],
            meetings["held_on"],
            meetings["thank_you_on"],
            follow_ups["done_on"],
            as_of=as_of,
        ),
        sent_this_week=week.sent,
        goal=seeker.weekly_goal,
        responded=summary.response_rate.k,
        closed=summary.response_rate.n,
        meetings_this_month=int(((held >= month_start) & (held <= pd.Timestamp(as_of))).sum()),
        overdue=sum(1 for item in due if item.overdue_days > 0),
        red_decisions=sum(1 for e in options_now if e.decided_on_red),
    )


def seeker_table(rows: Sequence[SeekerRow]) -> pd.DataFrame:
    """The seekers' rows as the Clients screen lists them, in its words, with ``id`` and ``_archived``."""
    return pd.DataFrame(
        [
            {
                "id": r.seeker_id,
                "Client": r.name + (" (archived)" if r.archived else ""),
                "Last activity": day(r.last_activity),
                "Requests this week": f"{r.sent_this_week} of {r.goal}",
                "Response rate": f"{r.responded} of {r.closed}" if r.closed else "none closed",
                "Meetings this month": r.meetings_this_month,
                "Overdue": r.overdue,
                "Decided on red": r.red_decisions,
                "_archived": r.archived,
            }
            for r in rows
        ]
    )


def filtered(table: pd.DataFrame, text: str, *, archived: bool) -> pd.DataFrame:
    """The rows of :func:`seeker_table` whose name holds ``text`` (case ignored); archived ones if asked."""
    shown = table[table["Client"].str.contains(text, case=False, regex=False)]
    if not archived:
        shown = shown[~shown["_archived"]]
    return shown


def is_archived(table: pd.DataFrame, seeker_id: int) -> bool:
    """Whether the seeker of this id in :func:`seeker_table` is archived."""
    return bool(table.set_index("id").loc[seeker_id, "_archived"])
