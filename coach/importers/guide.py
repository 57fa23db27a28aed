"""What the import preview tells a new user: whose export it is, what its counts are made of,
when the job search seems to have started, and the requests it would create per month.

Pure functions of a plan and its parts; the Import screen and ``coach import`` show their results.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from coach.importers.common import Plan, noun
from coach.labels import label
from coach.output.charts import GREY, OKABE_ITO, _label, _style
from coach.wording import EMPTY, day, is_empty, plural

# A request after this many days without any marks a new job search (about a season of silence).
SEARCH_GAP_DAYS = 90
# The suggested start is never more than this long before the latest request.
SEARCH_LOOKBACK_DAYS = 365
# Words in a name that say nothing about who it is.
_NOT_NAMES = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "prof", "jr", "sr", "mba", "phd", "md", "msc", "bsc", "cpa", "pmp"}
)


# --- whose export ----------------------------------------------------------------


def name_tokens(name: str) -> list[str]:
    """The words of a name as compared: no accents, case or punctuation, titles left out."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return [t for t in re.findall(r"[^\W_]+", plain) if t not in _NOT_NAMES]


def _shares_a_name(one: list[str], other: list[str]) -> bool:
    """A word in common; an initial ("M", from "M.") matches a word it starts."""
    for a in one:
        for b in other:
            if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
                return True
    return False


def possessive(name: str) -> str:
    """A name with its possessive ending: "Ana Lopez's"."""
    return name + "'s"


def clearly_someone_else(owner: str | None, seeker: str) -> bool:
    """Whether an export's owner is plainly not the seeker: both names known and no word in common.

    Order, middle names, accents, case and punctuation do not matter, and an initial matches the
    word it starts; an unknown (empty) owner is never someone else.
    """
    theirs, ours = name_tokens(owner or ""), name_tokens(seeker)
    return bool(theirs) and bool(ours) and not _shares_a_name(theirs, ours)


def owner_refusal(plan: Plan, seeker: str, *, me: str | None, owner_differs: bool) -> str | None:
    """Why ``coach import linkedin`` refuses this plan for this seeker, or None to go ahead.

    It refuses an export that is clearly someone else's, unless told so (``owner_differs``) or
    unless ``me`` names the export's owner: saying who the owner is counts as the confirmation.
    """
    if owner_differs or not clearly_someone_else(plan.owner, seeker):
        return None
    if me and ("linkedin.com" in me.lower() or not clearly_someone_else(me, plan.owner)):
        return None
    how = f" ({plan.owner_how})" if plan.owner_how else ""
    return (
        f"{plan.file_name} is the export of {plan.owner}{how}, not of {seeker}, so nothing was imported. "
        f'If it is {possessive(seeker)} data all the same, add --owner-differs (or --me "{plan.owner}").'
    )


def owner_warning(plan: Plan, seeker: str) -> str | None:
    """The preview's plain sentence when the export is clearly someone else's, or None."""
    if not clearly_someone_else(plan.owner, seeker):
        return None
    how = f" ({plan.owner_how})" if plan.owner_how else ""
    return (
        f"This export belongs to {plan.owner}{how}, not to {seeker}. Its connections and messages "
        f"would become {possessive(seeker)}. Pick {possessive(seeker)} own export, choose another client, "
        "or confirm below."
    )


# --- what the counts are made of --------------------------------------------------


def explain_counts(plan: Plan) -> list[str]:
    """Sentences that say what the preview's counts are made of.

    "154 new contacts: 150 connections and 4 people from messages and invitations", then the
    requests, and how many were left out as sent before the job search; for a tracking sheet, the
    contacts of its rows without a request date ("3 contacts only (no request date): 2 new, 1 updated").
    """
    lines = []
    contacts = plan.counts.get("contacts", {})
    new = int(contacts.get("new", 0))
    parts = [
        plural(n, "connection") if source == "connections" else f"{plural(n, 'person')} from {source}"
        for source, n in plan.contact_sources.items()
        if n
    ]
    if new:
        lines.append(f"{plural(new, 'new contact')}" + (f": {' and '.join(parts)}" if len(parts) > 1 else ""))
    if known := int(contacts.get("updated", 0)) + int(contacts.get("unchanged", 0)):
        lines.append(f"{plural(known, 'contact')} already known")
    requests = plan.counts.get("requests", {})
    if plan.kind == "linkedin":
        made = int(requests.get("new", 0))
        lines.append(
            f"{plural(made, 'new request')}: conversations you opened and invitations you sent with a note"
            if made
            else "no new requests"
        )
        if skipped := int(requests.get("skipped", 0)):
            lines.append(
                f"{plural(skipped, 'request')} sent before {day(plan.since)}, when the job search started, "
                "left out; their people are still imported"
            )
    else:
        if only := sum(plan.contacts_only.values()):
            shown = ", ".join(f"{n} {state}" for state, n in plan.contacts_only.items() if n)
            lines.append(f"{plural(only, 'contact')} only (no request date): {shown}")
        for entity, states in plan.counts.items():
            if entity != "contacts" and (n := int(states.get("new", 0))):
                lines.append(f"{n} new {noun(entity, n)}")
    return lines


# --- when the job search started ----------------------------------------------------


def suggest_search_start(
    sent: Iterable[date],
    *,
    gap_days: int = SEARCH_GAP_DAYS,
    lookback_days: int = SEARCH_LOOKBACK_DAYS,
) -> date | None:
    """When this job search probably started, from the days requests were sent; None for all history.

    The search is the latest run of requests without a gap of more than ``gap_days`` days: it
    starts at that run's first request, but no earlier than ``lookback_days`` before the latest
    request. When that is the first request of all, the whole history is the search (None).
    """
    days = sorted({pd.Timestamp(d).date() for d in sent if not is_empty(d)})
    if not days:
        return None
    start = days[0]
    for before, after in pairwise(days):
        if (after - before).days > gap_days:
            start = after
    start = max(start, days[-1] - timedelta(days=lookback_days))
    return None if start <= days[0] else start


def requests_per_month(timeline: pd.DataFrame, since: date | None) -> pd.DataFrame:
    """New requests per calendar month: month (its first day), requests, and whether they are kept
    (sent on or after ``since``), a month split in two rows when ``since`` falls inside it."""
    new = timeline[timeline["new"].astype(bool)] if not timeline.empty else timeline
    if new.empty:
        return pd.DataFrame({"month": [], "requests": [], "kept": []})
    sent = pd.to_datetime(new["sent_on"])
    kept = sent >= pd.Timestamp(since) if since is not None else pd.Series(True, index=sent.index)
    frame = pd.DataFrame({"month": sent.dt.to_period("M").dt.start_time.dt.date, "kept": kept.to_numpy()})
    grouped = frame.groupby(["month", "kept"]).size().rename("requests").reset_index()
    return grouped[["month", "requests", "kept"]].sort_values(["month", "kept"]).reset_index(drop=True)


def requests_chart(per_month: pd.DataFrame) -> go.Figure | None:
    """The new requests per month as bars, those before the job search in grey; None if none."""
    if per_month.empty:
        return None
    fig = go.Figure()
    for kept, name, colour in (
        (True, "Imported as requests", OKABE_ITO["blue"]),
        (False, "Before the job search: left out", GREY),
    ):
        part = per_month[per_month["kept"] == kept]
        if part.empty:
            continue
        fig.add_bar(
            x=[pd.Timestamp(m) for m in part["month"]],
            y=[int(n) for n in part["requests"]],
            name=_label(name),
            marker={"color": colour},
            hovertext=[
                _label(f"{plural(int(n), 'request')} in {pd.Timestamp(m):%b %Y}")
                for m, n in zip(part["month"], part["requests"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    top = int(per_month.groupby("month")["requests"].sum().max())
    fig.update_layout(barmode="stack", height=320, legend={"orientation": "h", "y": -0.25})
    fig.update_xaxes(tickformat="%b %Y")
    fig.update_yaxes(rangemode="tozero", tick0=0, dtick=1 if top <= 10 else None, tickformat="d")
    return _style(fig, "Requests per month", x_title="Month sent", y_title="Requests")


# --- example rows as a person reads them ---------------------------------------------

_SAMPLE_COLUMNS = {
    "name": "Name",
    "contact": "Contact",
    "company": "Company",
    "position": "Position",
    "connected_on": "Connected on",
    "sent_on": "Sent on",
    "followed_up_on": "Followed up on",
    "responded_on": "Answered on",
    "channel": "Channel",
    "outcome": "Outcome",
}
_CODED = {"channel", "outcome", "warmth", "source", "mode", "status"}


def shown_sample(sample: pd.DataFrame) -> pd.DataFrame:
    """Example rows with readable headers, dates as "2 Dec 2026", codes as labels and "—" for empty."""
    shown = {}
    for column in sample.columns:
        values = sample[column]
        if column.endswith("_on") or pd.api.types.is_datetime64_any_dtype(values):
            cells = [day(v) for v in values]
        elif column in _CODED:
            cells = [EMPTY if is_empty(v) else label(v) for v in values]
        else:
            cells = [EMPTY if is_empty(v) else str(v) for v in values]
        shown[_SAMPLE_COLUMNS.get(column, label(column).capitalize())] = cells
    return pd.DataFrame(shown, index=sample.index)
