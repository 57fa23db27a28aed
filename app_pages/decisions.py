"""Decisions: career options, the evidence behind each, and what would make it enough."""

import streamlit as st

from ui import chrome, data, decisions, derived
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Decisions · {plain(seeker.name)}")
today = data.today()
thresholds = seeker.thresholds
options = data.options(seeker.id)
evidences = derived.option_evidence(seeker, today)

decisions.warnings_caption(seeker)
decisions.option_forms(seeker.id, options, today=today)
if not evidences:
    st.info(
        "No career options yet. Add the paths you are weighing; meetings tagged with them become evidence."
    )
    st.stop()

figure = derived.option_chart(seeker, today)
if figure is not None:
    st.plotly_chart(figure, key="decisions_chart")
decisions.option_cards(evidences, thresholds=thresholds, suggestions=derived.suggestions(seeker, today))
