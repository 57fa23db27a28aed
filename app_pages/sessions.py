"""Sessions: the coach's notes on each session with this client, and the actions agreed."""

from datetime import timedelta

import streamlit as st

from coach.store import reviews
from coach.wording import day
from ui import chrome, data
from ui.text import literal, plain

seeker = chrome.require_seeker()
today = data.today()
chrome.title(f"Sessions · {plain(seeker.name)}")

ACTIONS = 3


def save_session(seeker_id: int) -> None:
    """Store the session typed in the form (run as the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    actions = [
        (form[f"sessions_action_{n}"], form[f"sessions_due_{n}"])
        for n in range(ACTIONS)
        if form[f"sessions_action_{n}"].strip()
    ]
    data.save(
        reviews.add_session,
        seeker_id,
        held_on=form["sessions_held_on"],
        agenda=form["sessions_agenda"],
        notes=form["sessions_notes"],
        actions=actions,
        done="Session saved.",
    )


with st.form("sessions_add", clear_on_submit=True):
    st.date_input("Session on", value=today, key="sessions_held_on")
    st.text_input("Agenda", key="sessions_agenda")
    st.text_area("Notes", key="sessions_notes")
    st.markdown("**Agreed actions** (each becomes a due item)")
    for n in range(ACTIONS):
        title_col, due_col = st.columns([3, 1])
        title_col.text_input(
            f"Action {n + 1}",
            key=f"sessions_action_{n}",
            label_visibility="collapsed",
            placeholder=f"Action {n + 1}",
        )
        due_col.date_input(
            "Due", value=today + timedelta(days=7), key=f"sessions_due_{n}", label_visibility="collapsed"
        )
    st.form_submit_button("Save session", type="primary", on_click=save_session, args=(seeker.id,))

sessions = data.sessions(seeker.id)
if not sessions:
    st.info("No session notes yet. Note the agenda and what you agreed; actions show up on the Due list.")
for session in sessions:
    with st.container(border=True):
        st.markdown(f"**{day(session['held_on'])}** · {plain(session['agenda']) or 'No agenda'}")
        if session["notes"]:
            st.text(literal(session["notes"]))
