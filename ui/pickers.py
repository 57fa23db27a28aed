"""Pickers over lists too long to send to the browser: a search on the server, the first matches offered.

``st.selectbox`` filters only the options already sent, so over thousands of contacts or requests a
picker sends every label on every run. Over a short list the picker is today's single selectbox;
over a long one it is a search box (the text reaches the server on Enter) and a selectbox of the
first matches, the option picked now kept among them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from coach.rules.contacts import best_matches
from ui.text import plain

K = TypeVar("K", bound=Hashable)

WHOLE_LIST_AT_MOST = 500  # a list this short is sent whole, as one selectbox (the demo's 270 people)
MATCHES_SHOWN = 50  # a longer list offers this many matches of what was typed


def search_key(key: str) -> str:
    """The session-state key of a long picker's search box."""
    return f"{key}_search"


def pick(
    label: str,
    names: Mapping[K, str],
    *,
    key: str,
    index: int | None = 0,
    placeholder: str | None = None,
    pinned: Sequence[K] = (),
    search_label: str = "Find",
    search_placeholder: str = "Type a name or company, then press Enter",
    place: Any = None,
) -> K | None:
    """The key picked among ``names`` (keys to the labels shown), as ``st.selectbox`` over them would.

    :param index: the position in ``names`` picked before anything is chosen, or None for none.
    :param pinned: keys always offered first, whatever was typed ("New conversation").
    :param place: where to draw (a column, an expander); the page itself by default.
    """
    where = place if place is not None else st
    keys = list(names)
    show: Callable[[K], str] = names.__getitem__
    if len(keys) <= WHOLE_LIST_AT_MOST:
        picked: K | None = where.selectbox(
            label, keys, index=index, format_func=show, placeholder=placeholder, key=key
        )
        return picked
    default = keys[index] if index is not None and keys else None
    current = st.session_state.get(key, default)
    if current not in names:
        current = default
    typed = where.text_input(search_label, key=search_key(key), placeholder=search_placeholder)
    rest = {k: v for k, v in names.items() if k not in set(pinned)} if pinned else names
    matches, total = best_matches(rest, typed, limit=MATCHES_SHOWN)
    options = [*pinned, *matches]
    if current is not None and current not in options:
        options.insert(len(pinned), current)  # the one picked now stays, matching or not
    # A keyed selectbox keeps its value while its options change; the index matters only the
    # first time, and a value set from code is not given a second default.
    position = None if current is None else (0 if key in st.session_state else options.index(current))
    picked = where.selectbox(
        label, options, index=position, format_func=show, placeholder=placeholder, key=key
    )
    where.caption(_count(typed, total, len(keys)))
    return picked


def _count(typed: str, total: int, everyone: int) -> str:
    """What the picker offers, in words: "Showing the first 50 of 1,204 matches: type more to narrow"."""
    if not typed.strip():
        return f"Showing the first {MATCHES_SHOWN} of {everyone:,}: type in the box above to find the others."
    if total == 0:
        return f"Nothing matches “{plain(typed.strip())}”."
    if total > MATCHES_SHOWN:
        return f"Showing the first {MATCHES_SHOWN} of {total:,} matches: type more to narrow."
    return f"{total:,} {'match' if total == 1 else 'matches'}."
