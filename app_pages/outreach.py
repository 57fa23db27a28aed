"""Outreach: is it working? Rates with their counts and 95% intervals, pending apart, breakdowns."""

import streamlit as st

from ui import chrome, data, derived
from ui.outreach import (
    answer_times,
    answers_to_mark,
    breakdown_rates,
    outreach_line,
    pick_breakdown,
    rate_metrics,
)
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Outreach · {plain(seeker.name)}")
today = data.today()
summary = derived.outreach_summary(seeker, today)
if summary.sent == 0:
    st.info(
        "No requests yet. Log a request on the Ask screen, or import a LinkedIn export, to see what works."
    )
    st.stop()
unmarked = derived.unmarked_answers(seeker.id, today)

outreach_line(summary, today=today, answer_window_days=seeker.answer_window_days)
rate_metrics(summary)
answers_to_mark(seeker.id, unmarked)
by = pick_breakdown()
rates_chart, answers_chart = derived.outreach_charts(seeker, today, by)
breakdown_rates(rates_chart, derived.breakdown_table(summary, by))
answer_times(answers_chart)
