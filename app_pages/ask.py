"""Ask: draft a request that follows the advice, log it, and record what came of it."""

import streamlit as st

from coach.wording import DATE_FORMAT
from ui import ask, chrome, data, derived
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Ask · {plain(seeker.name)}")
today = data.today()
people = data.contacts(seeker.id)
if people.empty:
    st.info("Add a contact first (Contacts screen, or import a LinkedIn export); then draft a request here.")
    st.stop()

new_tab, update_tab, templates_tab = st.tabs(["New request", "Record an answer", "Templates"])
with new_tab:
    ask.new_request(seeker, people, today=today)
with update_tab:
    table = derived.requests_table(seeker, today)
    if table.empty:
        st.caption("No requests yet.")
    else:
        ask.update_request(seeker, table, today=today)
        st.dataframe(
            derived.requests_shown(seeker, today),
            hide_index=True,
            lazy=True,  # thousands of requests: rows are sent as they are scrolled to
            column_config={
                "contact": "Contact",
                "company": "Company",
                "sent_on": st.column_config.DateColumn("Sent", format=DATE_FORMAT),
                "channel": "Channel",
                "status": "Status",
                "followed_up_on": "Followed up",
                "responded_on": "Answered",
            },
        )
with templates_tab:
    ask.edit_templates(seeker)
