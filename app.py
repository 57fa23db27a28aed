"""Informational Interview Coach: the entry point only routes and draws the shared chrome."""

from typing import NoReturn

import streamlit as st

from coach.store.db import StoreDamaged, StoreError, StoreMissing
from ui import chrome, data, recovery
from ui.text import plain

st.set_page_config(page_title="Informational Interview Coach", page_icon="☕", layout="wide")

# Streamlit's own table toolbar would download cells as typed (a "=HYPERLINK(…)" runs in a
# spreadsheet); the app's download buttons quote them. Set here, not only in .streamlit/config.toml,
# so the app keeps it when run from any folder. The browser reads the option when a run starts: the
# first run of the server process starts over once it is set.
if not st.get_option("client.disableDataExport"):
    st.set_option("client.disableDataExport", True)
    st.rerun()


def unusable(problem: StoreError) -> NoReturn:
    """Say what is wrong with the store and, if it cannot be read at all or is gone, how to go on; stop."""
    data.forget_refusal()  # a save refused for this same reason says no more than this
    st.error(plain(problem))
    if isinstance(problem, StoreDamaged):
        recovery.offer(data.store_path())
    elif isinstance(problem, StoreMissing):
        recovery.offer_missing(data.store_path(), problem.kept)
    st.stop()


recovery.report()
try:
    data.prepare_store(data.store_path())
    picker = st.sidebar.container()  # the seeker comes first under the page list, the switches after it
    sharing = chrome.share_controls()
    seeker = chrome.current_seeker(sharing=sharing, place=picker)
except StoreError as problem:
    unusable(problem)

st.session_state["seeker"] = seeker

pages = {
    "Review": [
        st.Page("app_pages/home.py", title="This week", icon=":material/calendar_today:", default=True),
        st.Page("app_pages/sessions.py", title="Sessions", icon=":material/event_note:"),
    ],
    "Track": [
        st.Page("app_pages/due.py", title="Due", icon=":material/checklist:"),
        st.Page("app_pages/people.py", title="Find people", icon=":material/person_search:"),
        st.Page("app_pages/ask.py", title="Ask", icon=":material/send:"),
        st.Page("app_pages/meetings.py", title="Meetings", icon=":material/forum:"),
        st.Page("app_pages/questions.py", title="Questions", icon=":material/help:"),
        st.Page("app_pages/contacts.py", title="Contacts", icon=":material/contacts:"),
    ],
    "Evidence": [
        st.Page("app_pages/outreach.py", title="Outreach", icon=":material/outgoing_mail:"),
        st.Page("app_pages/network.py", title="Network", icon=":material/hub:"),
        st.Page("app_pages/decisions.py", title="Decisions", icon=":material/balance:"),
    ],
    "Setup": [
        st.Page("app_pages/imports.py", title="Import", icon=":material/upload_file:"),
        st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:"),
    ],
}
if not sharing:  # the overview names every client: never part of a shared screen
    pages["Coach"] = [st.Page("app_pages/clients.py", title="Clients", icon=":material/groups:")]
navigation = st.navigation(pages, expanded=True)  # every screen in view: Import is where users start
if not sharing:
    st.sidebar.caption(f"Store: `{data.store_path()}`")

if st.session_state.get("page") != navigation.url_path:  # forms are opened afresh on another page
    data.forget_forms()
    st.session_state["page"] = navigation.url_path
try:
    navigation.run()  # each screen says, below its title, why a save just asked for was refused
except StoreError as problem:
    unusable(problem)
