"""Page computations over the store's tables, cached until a table they read changes (see data.memo).

Each names the loads it makes (those of the computations it calls included); a test checks it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from coach.labels import beside_company, label, labelled, people_with_company
from coach.output import charts
from coach.rules import contacts, evidence, followups, metrics, suggest, weekly
from coach.seeker import Seeker
from coach.wording import cells, day
from ui import data

FRAMES = ("outreach", "meetings", "referrals", "follow_ups", "contacts")
# The settings behind each kind of result: saving another one (the weekly goal, say) keeps it.
CADENCE = (
    "answer_window_days",
    "thank_you_days",
    "referral_loop_days",
    "keep_in_touch_days",
    "cadence",
    "let_go_days",
)
THRESHOLDS = ("red_min_people", "amber_min_people", "amber_min_orgs")
SUGGESTING = (*THRESHOLDS, "keep_in_touch_days", "answer_window_days")  # what suggest.for_seeker reads
ETIQUETTE = ("thank_you_days", "answer_window_days", "referral_loop_days")


def _frames(seeker_id: int) -> tuple[pd.DataFrame, ...]:
    return (
        data.outreach(seeker_id),
        data.meetings(seeker_id),
        data.referrals(seeker_id),
        data.follow_ups(seeker_id),
        data.contacts(seeker_id),
    )


@data.memo(*FRAMES, settings=CADENCE)
def due_items(seeker: Seeker, today: date) -> list[followups.DueItem]:
    """What is due as of today (not what was let go)."""
    return due_list(seeker, today).items


@data.memo(*FRAMES, settings=CADENCE)
def open_items(seeker: Seeker, today: date) -> list[followups.DueItem]:
    """Every duty open as of today, due or not yet: worked out once for the lists below."""
    return followups.open_items(
        *_frames(seeker.id), as_of=today, settings=followups.Cadence.from_seeker(seeker)
    )


@data.memo(*FRAMES, settings=CADENCE)
def due_list(seeker: Seeker, today: date) -> followups.DueList:
    """What is due as of today, and what was let go."""
    return followups.due_of(open_items(seeker, today), let_go_days=seeker.let_go_days)


@data.memo(*FRAMES, settings=CADENCE)
def upcoming_items(seeker: Seeker, today: date, days: int) -> list[followups.DueItem]:
    """What falls due in the next days."""
    return followups.coming_of(open_items(seeker, today), days=days)


@data.memo(*FRAMES, settings=CADENCE)
def contact_table(seeker: Seeker, today: date) -> pd.DataFrame:
    """The contacts table with last interaction, counts and next step."""
    table = contact_facts(seeker.id, today)
    steps = followups.next_step_by_contact(due_items(seeker, today))
    table["next_step"] = [steps.get(int(i), "") for i in table["id"]]
    return table


@data.memo("outreach", "meetings", "referrals", "contacts")
def contact_facts(seeker_id: int, today: date) -> pd.DataFrame:
    """The contacts table with last interaction and counts: the seeker's settings play no part."""
    return contacts.contact_table(
        data.contacts(seeker_id),
        data.outreach(seeker_id),
        data.meetings(seeker_id),
        data.referrals(seeker_id),
        as_of=today,
    )


@data.memo("outreach", "meetings", settings=("answer_window_days",))
def outreach_summary(seeker: Seeker, today: date) -> evidence.OutreachSummary:
    """Rates, breakdowns and time to answer."""
    return evidence.outreach_summary(
        data.outreach(seeker.id),
        data.meetings(seeker.id),
        as_of=today,
        window_days=seeker.answer_window_days,
    )


@data.memo("options", "meetings", "meeting_options", settings=THRESHOLDS)
def option_evidence(seeker: Seeker, today: date) -> list[evidence.OptionEvidence]:
    """Each career option's evidence and warning."""
    return evidence.option_evidence(
        data.options(seeker.id),
        data.meetings(seeker.id),
        data.meeting_options(seeker.id),
        as_of=today,
        **seeker.thresholds,
    )


@data.memo("options", "meetings", "meeting_options", settings=THRESHOLDS, copied=False)
def option_chart(seeker: Seeker, today: date) -> go.Figure | None:
    """The options' people met against the warning lines, as a chart (None: no option)."""
    return charts.option_evidence_chart(
        option_evidence(seeker, today),
        red_min_people=seeker.red_min_people,
        amber_min_people=seeker.amber_min_people,
    )


@data.memo("options", "targets", *suggest.FRAMES, settings=SUGGESTING, copied=False)
def suggestions(seeker: Seeker, today: date) -> tuple[suggest.Suggestion, ...]:
    """Whom to ask next about each undecided career option and why, red warnings first.

    Handed out uncopied (a tuple of frozen records): a copy of a big network's 30,000 suggestions
    costs more to unpickle on every rerun than the screens that read them take to draw.
    """
    return tuple(
        suggest.for_seeker(
            seeker,
            data.options(seeker.id),
            data.targets(seeker.id),
            {name: data.load(name, seeker.id) for name in suggest.FRAMES},
            as_of=today,
        )
    )


@data.memo("contacts", "outreach", "meetings", "referrals")
def people_at(seeker_id: int, organisation: str, today: date) -> pd.DataFrame:
    """Who the seeker knows at an organisation (close spellings of it included)."""
    return suggest.people_at(
        organisation,
        data.contacts(seeker_id),
        data.outreach(seeker_id),
        data.meetings(seeker_id),
        data.referrals(seeker_id),
        as_of=today,
    )


@data.memo("targets", "contacts", "outreach", "meetings", "options")
def target_table(seeker_id: int, today: date) -> pd.DataFrame:
    """Each option's target organisations with the people known, asked, answering and met there."""
    return suggest.target_table(
        data.targets(seeker_id),
        data.contacts(seeker_id),
        data.outreach(seeker_id),
        data.meetings(seeker_id),
        as_of=today,
        options=data.options(seeker_id),
    )


# The Outreach screen's breakdowns: what each shows, and the summary's field holding it.
BREAKDOWNS = {
    "Channel": "by_channel",
    "Warmth": "by_warmth",
    "Source": "by_source",
    "Template": "by_template",
    "Week sent": "by_week",
}


def breakdown(summary: evidence.OutreachSummary, by: str) -> dict[str, evidence.Rate]:
    """The response rate of each group of one breakdown (a key of ``BREAKDOWNS``)."""
    rates: dict[str, evidence.Rate] = getattr(summary, BREAKDOWNS[by])
    return rates


def group_label(by: str, group: str) -> str:
    """A group of a breakdown as the screen names it (a week is named as it is)."""
    return group if by == "Week sent" else label(group)


def pending_breakdown(summary: evidence.OutreachSummary, by: str) -> dict[str, int]:
    """The requests still pending in each group of one breakdown (a key of ``BREAKDOWNS``)."""
    # The groups of summary.by_channel count their pending requests in summary.pending_by["channel"].
    return summary.pending_by.get(BREAKDOWNS[by].removeprefix("by_"), {})


def breakdown_table(summary: evidence.OutreachSummary, by: str) -> list[dict[str, Any]]:
    """One breakdown as the Outreach screen's table: each group's response rate and pending requests."""
    return evidence.breakdown_rows(
        breakdown(summary, by), pending_breakdown(summary, by), title=by, name=partial(group_label, by)
    )


@data.memo("outreach", "meetings", settings=("answer_window_days",), copied=False)
def outreach_charts(seeker: Seeker, today: date, by: str) -> tuple[go.Figure | None, go.Figure | None]:
    """The response rates of one breakdown and how long answers took, as charts (None: no data)."""
    summary = outreach_summary(seeker, today)
    rates = {group_label(by, group): rate for group, rate in breakdown(summary, by).items()}
    figure = charts.rate_chart(rates, f"Response rate by {by.lower()}", group_title=by)
    return figure, charts.time_to_answer_chart(summary.time_to_answer)


@data.memo("outreach", "meetings")
def unmarked_answers(seeker_id: int, today: date) -> pd.DataFrame:
    """Answers received whose outcome is not marked yet, to triage."""
    return metrics.unmarked_answers(data.outreach(seeker_id), data.meetings(seeker_id), as_of=today)


@data.memo("network", "referrals", "meetings", settings=())
def network(seeker: Seeker, today: date) -> tuple[pd.DataFrame, dict[str, int], evidence.ReferralTree]:
    """Growth per week, people per source, and the referral tree."""
    entered = data.network(seeker.id)
    return (
        evidence.network_growth(entered, as_of=today),
        evidence.network_by_source(entered, as_of=today),
        evidence.referral_tree(data.referrals(seeker.id), data.meetings(seeker.id), as_of=today),
    )


@data.memo(*FRAMES, "network", "options", "meeting_options", "targets")
def weekly_review(seeker: Seeker, week: date, today: date) -> weekly.WeeklyReview:
    """The weekly review of one week (while it runs, its next-week lines name who to ask)."""
    outreach, meetings, referrals, follow_ups, people = _frames(seeker.id)
    return weekly.weekly_review(
        seeker,
        outreach=outreach,
        meetings=meetings,
        network=data.network(seeker.id),
        referrals=referrals,
        follow_ups=follow_ups,
        contacts=people,
        options=data.options(seeker.id),
        meeting_options=data.meeting_options(seeker.id),
        week=week,
        today=today,
        open_items=open_items(seeker, weekly.last_day(week, today)),
        suggestions=suggestions(seeker, today) if weekly.is_current(week, today) else (),
    )


@data.memo(*FRAMES, "network", "options", "meeting_options", "targets")
def weekly_plan(seeker: Seeker, week: date, today: date) -> weekly.WeeklyPlan | None:
    """Who to ask this week, for the requests the goal still asks for; None for a week that is over."""
    if not weekly.is_current(week, today):
        return None
    return weekly.plan(weekly_review(seeker, week, today), suggestions(seeker, today), today=today)


@data.memo("contacts")
def duplicate_pairs(seeker_id: int) -> pd.DataFrame:
    """Pairs of contact records that look like one person."""
    return contacts.duplicate_pairs(data.contacts(seeker_id))


@data.memo("outreach", "meetings", "referrals", "follow_ups", settings=ETIQUETTE)
def etiquette_flags(seeker: Seeker, today: date) -> list[followups.Flag]:
    """Etiquette slips as of today."""
    return followups.etiquette_flags(
        data.outreach(seeker.id),
        data.meetings(seeker.id),
        data.referrals(seeker.id),
        as_of=today,
        thank_you_days=seeker.thank_you_days,
        window_days=seeker.answer_window_days,
        referral_loop_days=seeker.referral_loop_days,
        follow_ups=data.follow_ups(seeker.id),
    )


@data.memo("network", "referrals", "meetings", settings=())
def network_charts(seeker: Seeker, today: date) -> tuple[Any, Any]:
    """The growth chart and the referral tree chart (None where there is nothing to draw)."""
    from coach.output import charts

    growth, _, tree = network(seeker, today)
    return charts.network_growth_chart(growth), charts.referral_tree_chart(tree)


@data.memo("contacts")
def contact_names(seeker_id: int) -> dict[int, str]:
    """Contact ids to "Name · Company" for pickers."""
    return people_with_company(data.contacts(seeker_id))


@data.memo("outreach", settings=("answer_window_days",))
def requests_table(seeker: Seeker, today: date) -> pd.DataFrame:
    """The seeker's requests, newest first, with their status as of today."""
    outreach = data.outreach(seeker.id)
    status = metrics.outreach_status(outreach, as_of=today, window_days=seeker.answer_window_days)
    table = outreach.assign(status=status.map(label))
    return table.sort_values(["sent_on", "id"], ascending=False).reset_index(drop=True)


@data.memo("outreach", settings=("answer_window_days",))
def request_names(seeker: Seeker, today: date) -> dict[int, str]:
    """Request ids to "Contact · sent on · status" for the picker, newest first."""
    table = requests_table(seeker, today)
    return {
        int(i): f"{who} · sent {day(sent)} · {status}"
        for i, who, sent, status in zip(
            table["id"], table["contact"], table["sent_on"], table["status"], strict=True
        )
    }


@data.memo("outreach", settings=("answer_window_days",))
def requests_shown(seeker: Seeker, today: date) -> pd.DataFrame:
    """The requests as the Ask screen lists them: labels, the company beside the name, dates as text."""
    table = beside_company(labelled(requests_table(seeker, today), "channel"))
    columns = ["contact", "company", "sent_on", "channel", "status", "followed_up_on", "responded_on"]
    return cells(table[columns], dates=["followed_up_on", "responded_on"])
