"""Shared chrome: the seeker picker kept in the URL, headings, empty states."""

from __future__ import annotations

from typing import Any

import streamlit as st

from coach.seeker import Seeker
from ui import data
from ui.text import plain

SEEKER_PARAM = "seeker"
PICKER_KEY = "sidebar_seeker"
SHARE_PARAM = "share"
SHARE_KEY = "sidebar_share"
ALIAS_PARAM = "aliases"
ALIAS_KEY = "sidebar_aliases"
OPEN_KEY = "open_seeker"
CURRENT_KEY = data.CURRENT_KEY


def share_controls() -> bool:
    """The screen-share switches, kept in ``?share=1`` (and ``&aliases=1``); whether sharing is on."""
    sharing = st.sidebar.toggle(
        "Screen-share mode",
        value=st.query_params.get(SHARE_PARAM) == "1",
        key=SHARE_KEY,
        help="Only this client's data; no e-mail addresses, phone numbers or private notes anywhere.",
    )
    aliases = sharing and st.sidebar.toggle(
        "Show contacts as aliases",
        value=st.query_params.get(ALIAS_PARAM) == "1",
        key=ALIAS_KEY,
        help='People appear as "Contact 12 · Brightwave" instead of their names.',
    )
    # st.navigation drops query parameters on a page change: set them on every run.
    for param, on in ((SHARE_PARAM, sharing), (ALIAS_PARAM, aliases)):
        if on:
            st.query_params[param] = "1"
        else:
            st.query_params.pop(param, None)
    return sharing


def current_seeker(*, sharing: bool, place: Any = None) -> Seeker | None:
    """The seeker picked in the sidebar (kept in ``?seeker=ID``), or None if there is none yet.

    The picker (or, while sharing, the client's name) is drawn in ``place``, a sidebar container
    made before the other sidebar controls so it is the first one under the page list.

    While sharing, the picker and every other seeker's name stay off the page: the seeker in the
    address (or the one this session already showed) is shown alone, and an address that names
    no seeker of this store shows nobody at all.
    """
    place = place if place is not None else st.sidebar
    seekers: list[Seeker] = data.seekers()
    if not seekers:
        st.query_params.pop(SEEKER_PARAM, None)
        return None
    ids = [s.id for s in seekers]
    opened = st.session_state.pop(OPEN_KEY, None)
    if opened in ids:
        st.session_state[PICKER_KEY] = opened  # before the picker is drawn, so it shows the opened client
    if st.session_state.get(PICKER_KEY) not in ids:
        st.session_state.pop(PICKER_KEY, None)  # its seeker is gone: fall back to the URL
    # The picker's own state is dropped on runs that do not draw it (screen-share mode), and the
    # address loses ?seeker on a page change: the session keeps the choice in a key of its own.
    candidates = (st.session_state.get(PICKER_KEY), st.session_state.get(CURRENT_KEY), _param_id())
    wanted = next((c for c in candidates if c in ids), None)
    if sharing:
        if wanted is None:
            st.session_state.pop(CURRENT_KEY, None)
            return None
        chosen = wanted
    else:
        names = {s.id: s.name for s in seekers}
        chosen = place.selectbox(
            "Job seeker",
            options=ids,
            index=ids.index(wanted if wanted is not None else ids[0]),
            format_func=lambda i: names[i],
            key=PICKER_KEY,
        )
    st.session_state[CURRENT_KEY] = chosen
    st.query_params[SEEKER_PARAM] = str(chosen)
    seeker: Seeker = data.seeker(chosen)  # loaded once the seeker is known: share-safe for them
    if sharing:
        place.markdown(f"**{plain(seeker.name)}**")
    return seeker


def _param_id() -> int | None:
    raw = st.query_params.get(SEEKER_PARAM)
    return int(raw) if raw and raw.isdigit() else None


def require_seeker() -> Seeker:
    """The picked seeker; without one, the welcome form, and the page stops there."""
    seeker: Seeker | None = st.session_state.get("seeker")
    if seeker is None:
        if data.sharing():
            nobody_shared()
        else:
            from ui.forms import first_seeker

            first_seeker()
        st.stop()
    return seeker


def title(text: str) -> None:
    """The screen's title, then, once, why something just asked for was not done (see data.refuse)."""
    st.title(text)
    data.flash()


def nobody_shared() -> None:
    """A shared screen whose address names no client of this store: nobody's data is shown."""
    title("Screen-share mode")
    st.info(
        "This address does not name a client of this store (the client may have been removed, or "
        "the demo rebuilt), so no client is shown. Turn off screen-share mode in the sidebar to "
        "pick a client, then turn it on again."
    )


def open_seeker(seeker_id: int) -> None:
    """Make this seeker the picked one from the next run on (the picker cannot change mid-run)."""
    st.session_state[OPEN_KEY] = seeker_id
    st.query_params[SEEKER_PARAM] = str(seeker_id)


# What a shared screen leaves out: the seeker picker, the Clients screen, the store's path, backups.
HIDDEN_WHEN_SHARING = ("the job seeker picker", "the Clients screen", "the store's path", "backups")


def unless_shared(text: str) -> str:
    """A sentence that points at something a shared screen hides (see HIDDEN_WHEN_SHARING), or ""
    while sharing, so a shared screen never sends anyone to a control it does not show.

    ``st.caption(f"{plain(n)} contacts." + chrome.unless_shared(" Pick another client in the sidebar."))``
    """
    return "" if data.sharing() else text
