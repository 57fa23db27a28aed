"""Sessions: the coach's notes on each session with this client, and the actions agreed."""

from datetime import timedelta

import streamlit as st

from coach import reviews
from coach.wording import day
from ui import chrome, data
from ui.text import literal, plain

seeker = chrome.require_seeker()
today = data.today()
st.title(f"Sessions · {plain(seeker.name)}")

with st.form("sessions_add", clear_on_submit=True):
    held_on = st.date_input("Session on", value=today)
    agenda = st.text_input("Agenda")
    notes = st.text_area("Notes")
    st.markdown("**Agreed actions** (each becomes a due item)")
    actions = []
    for n in range(3):
        title_col, due_col = st.columns([3, 1])
        title = title_col.text_input(
            f"Action {n + 1}",
            key=f"sessions_action_{n}",
            label_visibility="collapsed",
            placeholder=f"Action {n + 1}",
        )
        due_on = due_col.date_input(
            "Due", value=today + timedelta(days=7), key=f"sessions_due_{n}", label_visibility="collapsed"
        )
        if title.strip():
            actions.append((title, due_on))
    if st.form_submit_button("Save session", type="primary") and data.try_write(
        reviews.add_session, seeker.id, held_on=held_on, agenda=agenda, notes=notes, actions=actions
    ):
        st.toast("Session saved.")
        st.rerun()

sessions = data.load("sessions", seeker.id)
if not sessions:
    st.info("No session notes yet. Note the agenda and what you agreed; actions show up on the Due list.")
for session in sessions:
    with st.container(border=True):
        st.markdown(f"**{day(session['held_on'])}** · {plain(session['agenda']) or 'No agenda'}")
        if session["notes"]:
            st.text(literal(session["notes"]))
