"""This week: what the seeker sent, heard back, met and added, with real counts."""

import streamlit as st

from coach import evidence, metrics
from coach.labels import label, labelled
from ui import data, forms

seeker = st.session_state["seeker"]
if seeker is None:
    forms.first_seeker()
    st.stop()

today = data.today()
outreach = data.load("outreach", seeker.id)
meetings = data.load("meetings", seeker.id)
week = metrics.week_at_a_glance(
    outreach,
    meetings,
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

flagged = [
    item
    for item in evidence.option_evidence(
        data.load("options", seeker.id),
        meetings,
        data.load("meeting_options", seeker.id),
        as_of=today,
        red_min_people=seeker.red_min_people,
        amber_min_people=seeker.amber_min_people,
        amber_min_orgs=seeker.amber_min_orgs,
    )
    if item.flag
]
for item in flagged:
    st.warning(f"{item.title}: {label(item.status).lower()} on {item.decided_on:%d %b %Y}, {item.flag}.")

waiting_col, coming_col = st.columns([3, 2])
with waiting_col:
    st.subheader("Waiting for an answer")
    waiting = metrics.waiting_requests(outreach, as_of=today, window_days=seeker.answer_window_days)
    if waiting.empty:
        st.caption("No request is waiting for an answer.")
    else:
        st.dataframe(
            labelled(waiting.drop(columns=["followed_up_on"]), "channel"),
            hide_index=True,
            column_config={
                "contact": "Contact",
                "company": "Company",
                "channel": "Channel",
                "sent_on": st.column_config.DateColumn("Sent", format="D MMM"),
                "days_waiting": st.column_config.NumberColumn("Days waiting"),
                "window_closes": st.column_config.DateColumn("No answer after", format="D MMM"),
            },
        )
with coming_col:
    st.subheader("Coming up")
    upcoming = metrics.upcoming_meetings(meetings, as_of=today)
    if upcoming.empty:
        st.caption("No conversation is scheduled.")
    else:
        st.dataframe(
            labelled(upcoming, "mode"),
            hide_index=True,
            column_config={
                "contact": "Contact",
                "company": "Company",
                "held_on": st.column_config.DateColumn("On", format="ddd D MMM"),
                "mode": "Mode",
            },
        )
