"""Settings: the seeker's weekly goal, windows, warning thresholds and follow-up cadence."""

import streamlit as st

from coach.store import tracking
from ui import chrome, data
from ui.settings import backup, settings_form
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Settings · {plain(seeker.name)}")
st.caption("Every rule reads these: the answer window, the due list, the warnings on decisions.")

FORM = f"settings_{seeker.id}"  # the prefix of the form's widget keys: data.reset_form clears them
data.seen(FORM, {name: getattr(seeker, name) for name in tracking.SETTINGS})

settings_form(seeker, form=FORM)
if not data.sharing():  # a backup holds every client: never offered on a shared screen
    backup(today=data.today())
