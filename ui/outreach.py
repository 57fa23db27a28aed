"""The Outreach screen's parts: the rates with their counts and intervals, the answers to mark, and the
breakdowns of the response rate."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from coach.labels import label
from coach.rules.evidence import OutreachSummary, Rate
from coach.store import tracking
from coach.wording import EMPTY, day, plural
from ui import data, derived
from ui.text import plain

TRIAGE_SHOWN = 5  # unmarked answers listed at once; the rest are counted


def outreach_line(summary: OutreachSummary, *, today: date, answer_window_days: int) -> None:
    """How many requests were sent, answered and closed, and how many are still waiting (not failures)."""
    st.caption(
        f"{plural(summary.sent, 'request')} sent up to {day(today)}: {summary.responded} answered, "
        f"{summary.closed} closed, "
        f"{summary.pending} still inside their {answer_window_days}-day answer window "
        "(not counted as failures)."
    )


def show_rate(column: DeltaGenerator, title: str, rate: Rate, base: str, why: str) -> None:
    """A rate with its count and base; with no base, a dash and the reason instead of 0%."""
    if rate.n == 0 or rate.rate is None or rate.low is None or rate.high is None:
        column.metric(title, EMPTY, help=why)
        column.caption(f"{EMPTY}: {why}")
        return
    column.metric(title, f"{rate.k} of {rate.n}", help=f"{rate.label()}: {base}.")
    column.caption(f"{base}: {rate.rate:.0%} (95% interval {rate.low:.0%}–{rate.high:.0%})")


def rate_metrics(summary: OutreachSummary) -> None:
    """The response, acceptance and show rates, each with its count and base, and the requests pending."""
    response, acceptance, show, pending = st.columns(4)
    show_rate(
        response,
        "Response rate",
        summary.response_rate,
        "answered of closed requests",
        "no request closed yet",
    )
    show_rate(
        acceptance,
        "Acceptance rate",
        summary.acceptance_rate,
        "agreed of closed requests with a known outcome",
        "no answer with a known outcome yet",
    )
    if summary.unmarked:
        acceptance.caption(
            f"{plural(summary.unmarked, 'answer')} not marked yet: counted as answers, left out of this "
            "rate until marked below."
        )
    show_rate(
        show, "Show rate", summary.show_rate, "conversations held of requests agreed", "no request agreed yet"
    )
    pending.metric("Pending", summary.pending, help="Requests whose answer window has not closed yet.")
    pending.caption(f"of {plural(summary.sent, 'request')} sent")


def answers_to_mark(seeker_id: int, unmarked: pd.DataFrame) -> None:
    """The answers not marked yet, a few at a time, each with its Agreed, Declined and Just replied."""
    if unmarked.empty:
        return
    st.subheader("Answers not marked yet")
    st.caption(
        "These people answered, but the record does not say what they said (an export has the reply, "
        "not its meaning). Mark each one so the acceptance rate can count it."
    )
    for answer in unmarked.head(TRIAGE_SHOWN).to_dict("records"):
        with st.container(border=True):
            words, agreed, declined, replied = st.columns([3, 1, 1, 1.3], vertical_alignment="center")
            dates = f"asked {day(answer['sent_on'])} · answered {day(answer['responded_on'])}"
            words.markdown(f"**{plain(answer['contact'])}** · {dates}")
            if isinstance(answer["reply_excerpt"], str) and answer["reply_excerpt"].strip():
                words.caption(f"“{plain(answer['reply_excerpt'])}”")
            for column, title, outcome in (
                (agreed, "Agreed", "agreed"),
                (declined, "Declined", "declined"),
                (replied, "Just replied", "replied"),
            ):
                column.button(
                    title,
                    key=f"outreach_mark_{answer['id']}_{outcome}",
                    width="stretch",
                    on_click=data.save_on_click,  # in the callback: leaving at once keeps the mark
                    args=(tracking.mark_answer, seeker_id, int(answer["id"]), outcome),
                    kwargs={"done": f"Marked {label(outcome).lower()}."},
                )
    if len(unmarked) > TRIAGE_SHOWN:
        st.caption(f"+{len(unmarked) - TRIAGE_SHOWN} more: the next ones show as these are marked.")


def pick_breakdown() -> str:
    """What the response rate is broken down by (a key of ``derived.BREAKDOWNS``): Channel at first."""
    return (
        st.segmented_control("Break down by", list(derived.BREAKDOWNS), default="Channel", key="outreach_by")
        or "Channel"
    )


def breakdown_rates(chart: go.Figure | None, rows: list[dict[str, Any]]) -> None:
    """One breakdown's response rates: the chart (or why there is none yet) above the table of them."""
    if chart is None:
        st.caption("No closed request yet: rates appear once answers come in or windows close.")
    else:
        st.plotly_chart(chart, key="outreach_rates")
    st.dataframe(rows, hide_index=True)


def answer_times(chart: go.Figure | None) -> None:
    """How long answers took, as a chart; with no answer yet, the heading and a word instead."""
    if chart is None:  # the chart carries its own title: the heading only when there is no chart
        st.subheader("How long answers took")
        st.caption("No answers yet.")
    else:
        st.plotly_chart(chart, key="outreach_answer_time")
