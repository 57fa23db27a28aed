"""Outreach: is it working? Rates with their counts and 95% intervals, pending apart, breakdowns."""

import streamlit as st

from coach import charts
from coach.labels import label
from ui import chrome, data, derived
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
summary = derived.outreach_summary(seeker, today)

st.title(f"Outreach · {plain(seeker.name)}")
if summary.sent == 0:
    st.info(
        "No requests yet. Log a request on the Ask screen, or import a LinkedIn export, to see what works."
    )
    st.stop()

st.caption(
    f"{summary.sent} requests sent up to {today:%d %b %Y}: {summary.closed} closed, {summary.pending} still "
    f"inside their {seeker.answer_window_days}-day answer window (not counted as failures)."
)
response, acceptance, show, pending = st.columns(4)
for column, title, rate in (
    (response, "Response rate", summary.response_rate),
    (acceptance, "Acceptance rate", summary.acceptance_rate),
    (show, "Show rate", summary.show_rate),
):
    value = f"{rate.k} of {rate.n}" if rate.n else "–"
    column.metric(title, value, help=rate.label())
    if rate.rate is not None:
        column.caption(f"{rate.rate:.0%} (95% interval {rate.low:.0%}–{rate.high:.0%})")
pending.metric("Pending", summary.pending, help="Requests whose answer window has not closed yet.")

dimensions = {
    "Channel": summary.by_channel,
    "Warmth": summary.by_warmth,
    "Source": summary.by_source,
    "Template": summary.by_template,
    "Week sent": summary.by_week,
}
pending_keys = {"Channel": "channel", "Warmth": "warmth", "Source": "source", "Template": "template"}
by = (
    st.segmented_control("Break down by", list(dimensions), default="Channel", key="outreach_by") or "Channel"
)
rates = {label(group) if by != "Week sent" else group: rate for group, rate in dimensions[by].items()}
figure = charts.rate_chart(rates, f"Response rate by {by.lower()}", group_title=by)
if figure is None:
    st.caption("No closed request yet: rates appear once answers come in or windows close.")
else:
    st.plotly_chart(figure, key="outreach_rates")
pending_by = summary.pending_by.get(pending_keys.get(by, "week"), {})
st.dataframe(
    [
        {
            by: label(group) if by != "Week sent" else group,
            "Answered": rate.k,
            "Closed": rate.n,
            "Response rate": rate.label("none closed yet"),
            "Pending": pending_by.get(group, 0),
        }
        for group, rate in dimensions[by].items()
    ],
    hide_index=True,
)

st.subheader("How long answers took")
answers = charts.time_to_answer_chart(summary.time_to_answer)
if answers is None:
    st.caption("No answers yet.")
else:
    st.plotly_chart(answers, key="outreach_answer_time")
