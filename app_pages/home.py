"""This week: what the seeker sent, heard back, met and added, with real counts."""

import streamlit as st

from coach import metrics
from ui import data

seeker = st.session_state["seeker"]
if seeker is None:
    st.title("Welcome")
    st.info("There is no job seeker in this store yet. Add one to start tracking.")
    with st.form("home_add_seeker"):
        name = st.text_input("Name of the job seeker")
        goal = st.number_input("Requests to send each week", min_value=0, max_value=200, value=5)
        if st.form_submit_button("Add job seeker", type="primary"):
            from coach.db import StoreError
            from coach.store import add_seeker

            try:
                data.write(add_seeker, name, weekly_goal=int(goal))
            except StoreError as problem:
                st.error(str(problem))
            else:
                st.rerun()
    st.stop()

today = data.today()
week = metrics.week_at_a_glance(
    data.load("outreach", seeker.id),
    data.load("meetings", seeker.id),
    data.load("network", seeker.id),
    as_of=today,
    goal=seeker.weekly_goal,
    window_days=seeker.answer_window_days,
)

st.title(f"This week · {seeker.name}")
st.caption(f"Week of {week.week:%a %d %b %Y}, up to {today:%a %d %b}.")

sent, answered, pending, met, added = st.columns(5)
sent.metric(
    "Requests sent", f"{week.sent} of {week.goal}", help="Requests sent this week against the weekly goal."
)
answered.metric("Answers received", week.answered, help=f"{week.agreed} of them agreed to talk.")
pending.metric("Waiting for an answer", week.pending, help="Requests still inside their answer window.")
met.metric("Conversations held", week.meetings_held, help=f"{week.meetings_upcoming} more scheduled.")
added.metric("People added", week.contacts_added, help=f"{week.contacts_total} people in the network in all.")
