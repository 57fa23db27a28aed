"""Find people: whom to ask next about each career option and why, the target organisations and
keywords that find them, and who the seeker knows at an organisation."""

import streamlit as st

from coach import vocabulary
from ui import chrome, data, derived, people
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Find people · {plain(seeker.name)}")
today = data.today()
options = data.options(seeker.id)
targets = data.targets(seeker.id)
open_options = [o for o in options if o["status"] in vocabulary.UNDECIDED]

st.subheader("Suggestions")
if not open_options:
    people.no_option(decided=bool(options))
else:
    picked = people.option_filter(open_options)
    people.suggestion_lists(
        derived.suggestions(seeker, today),
        open_options,
        derived.option_evidence(seeker, today),
        targets,
        picked=picked,
        seeker=seeker,
        today=today,
    )

with st.expander(
    "Targets and keywords", expanded=bool(open_options) and not people.aimed_at(open_options, targets)
):
    people.targets_and_keywords(seeker.id, options, targets, data.company_counts(seeker.id), today=today)

st.subheader("Who do I know at …?")
people.who_do_i_know(seeker.id, today=today)
st.subheader("Target organisations")
people.target_table(derived.target_table(seeker.id, today))
