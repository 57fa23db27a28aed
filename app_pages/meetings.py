"""Meetings: log each informational interview and what it said about each career option."""

import streamlit as st

from coach.labels import beside_company, labelled
from coach.rules import followups
from coach.wording import DATE_FORMAT, cells
from ui import chrome, data, derived
from ui.due import etiquette_line
from ui.meetings import meeting_form
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Meetings · {plain(seeker.name)}")
today = data.today()
people = data.contacts(seeker.id)
meetings = data.meetings(seeker.id).sort_values("held_on", ascending=False)
if people.empty:
    st.info("Add a contact first; then log your conversations with them here.")
    st.stop()

meeting_form(seeker, people, meetings, today=today)

st.subheader("Conversations")
if meetings.empty:
    st.caption("No conversation yet. Log the first one above.")
    st.stop()
SHOWN = ["held_on", "contact", "company", "mode", "minutes_planned", "minutes_actual", "fit", "thank_you_on"]
st.dataframe(
    cells(
        beside_company(labelled(meetings, "mode"))[SHOWN],
        dates=["thank_you_on"],
        numbers={"minutes_planned": "{:.0f}", "minutes_actual": "{:.0f}", "fit": "{:.0f} of 5"},
    ),
    hide_index=True,
    lazy=True,  # a long history: rows are sent as they are scrolled to
    column_config={
        "held_on": st.column_config.DateColumn("On", format=DATE_FORMAT),
        "contact": "With",
        "company": "Company",
        "mode": "Mode",
        "minutes_planned": "Minutes asked",
        "minutes_actual": "Minutes taken",
        "fit": "Fit",
        "thank_you_on": "Thanked",
    },
)
# After the conversations, collapsed: advice for next time, never the first thing after a save.
notes = [f for f in derived.etiquette_flags(seeker, today) if f.kind in followups.MEETING_FLAGS]
etiquette_line(notes, key="meetings_etiquette")
