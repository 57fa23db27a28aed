"""Shared chrome: the seeker picker kept in the URL, headings, empty states."""

from __future__ import annotations

import streamlit as st

from coach.store import Seeker
from ui import data

SEEKER_PARAM = "seeker"
PICKER_KEY = "sidebar_seeker"


def current_seeker() -> Seeker | None:
    """The seeker picked in the sidebar (kept in ``?seeker=ID``), or None if there is none yet."""
    seekers: list[Seeker] = data.load("seekers")
    if not seekers:
        st.query_params.pop(SEEKER_PARAM, None)
        return None
    by_id = {s.id: s for s in seekers}
    if st.session_state.get(PICKER_KEY) not in by_id:
        st.session_state.pop(PICKER_KEY, None)  # its seeker is gone: fall back to the URL
    wanted = st.session_state.get(PICKER_KEY) or _param_id()
    if wanted not in by_id:
        wanted = seekers[0].id
    chosen = st.sidebar.selectbox(
        "Job seeker",
        options=list(by_id),
        index=list(by_id).index(wanted),
        format_func=lambda i: by_id[i].name,
        key=PICKER_KEY,
    )
    # st.navigation drops query parameters on a page change: set them on every run.
    st.query_params[SEEKER_PARAM] = str(chosen)
    return by_id[chosen]


def _param_id() -> int | None:
    raw = st.query_params.get(SEEKER_PARAM)
    return int(raw) if raw and raw.isdigit() else None


def require_seeker() -> Seeker:
    """The picked seeker; without one, the welcome form, and the page stops there."""
    seeker: Seeker | None = st.session_state.get("seeker")
    if seeker is None:
        from ui.forms import first_seeker

        first_seeker()
        st.stop()
    return seeker
