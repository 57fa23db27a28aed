"""Clients: the coach's overview of every job seeker, and adding, archiving or deleting one."""

import streamlit as st

from coach.rules import overview
from coach.wording import day
from ui import chrome, clients, data

chrome.title("Clients")
today = data.today()
rows = data.seeker_overview(today)
st.caption(f"Every client as of {day(today)}. Never open this screen while sharing it.")
clients.add_form(expanded=not rows)
if not rows:
    st.info("No clients yet. Add one above.")
    st.stop()

table = overview.seeker_table(rows)
query, show_archived = clients.filters()
clients.overview(overview.filtered(table, query, archived=show_archived))
picked = clients.seeker_picker(table)
clients.seeker_actions(picked, archived=overview.is_archived(table, picked))
if any(s.is_demo for s in data.seekers()):
    clients.demo_removal()
