"""Forms more than one screen shows."""

from __future__ import annotations

import streamlit as st

from coach.db import StoreError
from coach.store import add_seeker
from ui import data


def first_seeker() -> None:
    """The welcome of an empty store: ask for the first job seeker and add them."""
    st.title("Welcome")
    st.info("There is no job seeker in this store yet. Add one to start tracking.")
    with st.form("welcome_add_seeker"):
        name = st.text_input("Name of the job seeker")
        goal = st.number_input("Requests to send each week", min_value=0, max_value=200, value=5)
        if st.form_submit_button("Add job seeker", type="primary"):
            try:
                data.write(add_seeker, name, weekly_goal=int(goal))
            except StoreError as problem:
                st.error(str(problem))
            else:
                st.rerun()
