"""Questions: the bank per career option, what to ask next, and which conversation asked what."""

import streamlit as st

from coach.rules import questions
from ui import chrome, data
from ui.questions import add_form, asked_table, bank_table, option_picker, question_count, suggestions
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Questions · {plain(seeker.name)}")
options = {o["id"]: o["title"] for o in data.options(seeker.id)}
bank = data.questions(seeker.id)

option_id = option_picker(options)
add_form(seeker.id, option_id, expanded=bank.empty)
own = questions.bank_for(bank, option_id)
if own.empty:
    st.info("No questions for this option yet. Prepare 8–10 and put the most important first.")
    st.stop()

bank_table(own)
count = question_count()
suggestions(questions.suggest_next(bank, option_id, count=count))
asked = questions.asked_in(data.meeting_questions(seeker.id), data.meetings(seeker.id), bank)
asked_table(questions.asked_from(asked, own))
