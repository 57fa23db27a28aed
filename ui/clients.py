"""The Clients screen's parts: adding a seeker, the overview table, and opening, archiving or deleting one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coach import store
from coach.store import reviews
from ui import chrome, data


def add_seeker() -> None:
    """Store the new seeker (the button's callback, so leaving at once keeps them)."""
    form = st.session_state
    data.save(
        store.add_seeker,
        form["clients_add_name"],
        weekly_goal=int(form["clients_add_goal"]),
        allow_similar=form["clients_add_similar"],
    )


def delete_seeker(seeker_id: int) -> None:
    """Delete the seeker if the name typed matches (the button's callback: what was typed is read)."""
    data.save(reviews.delete_confirmed, seeker_id, typed_name=st.session_state["clients_delete_name"])


def add_form(*, expanded: bool) -> None:
    """The form that adds a seeker: name, weekly goal, and whether a name close to another's is meant."""
    with st.expander("Add a client", expanded=expanded), st.form("clients_add", clear_on_submit=True):
        st.text_input("Name", key="clients_add_name")
        st.number_input("Requests to send each week", 0, 200, value=5, key="clients_add_goal")
        st.checkbox("Create it even if the name is close to an existing client's", key="clients_add_similar")
        st.form_submit_button("Add client", type="primary", on_click=add_seeker)


def filters() -> tuple[str, bool]:
    """The name filter and the Show archived box; what was typed, and whether archived seekers show."""
    search, archived = st.columns([3, 1], vertical_alignment="bottom")
    query = search.text_input("Filter by name", key="clients_filter")
    show_archived = archived.checkbox("Show archived", key="clients_archived")
    return query, show_archived


def overview(shown: pd.DataFrame) -> None:
    """The seekers' table (a row of coach.rules.overview.seeker_table each), without its hidden columns."""
    st.dataframe(
        shown.drop(columns=["id", "_archived"]),
        hide_index=True,
        column_config={"Client": st.column_config.TextColumn("Client", width="medium")},
    )


def seeker_picker(table: pd.DataFrame) -> int:
    """Pick one of the seekers in the table, archived ones included; their id."""
    names = dict(zip(table["id"], table["Client"], strict=True))
    picked = st.selectbox("Client", list(names), format_func=lambda i: names[i], key="clients_pick")
    return int(picked)


def seeker_actions(seeker_id: int, *, archived: bool) -> None:
    """Open the seeker, archive them or bring them back, or delete them and all their data for good."""
    open_col, archive_col, delete_col = st.columns(3)
    if open_col.button("Open this client", type="primary"):
        chrome.open_seeker(seeker_id)
        st.switch_page("app_pages/home.py")
    archive_col.button(
        "Bring back" if archived else "Archive",
        on_click=data.save_on_click,
        args=(reviews.set_archived, seeker_id, not archived),
    )
    with delete_col.popover("Delete with all data"):
        st.write(
            "This deletes the client and every contact, request, meeting and note of theirs. "
            "It cannot be undone."
        )
        st.text_input("Type the client's name to confirm", key="clients_delete_name")
        st.button(
            "Delete for good",
            type="primary",
            key="clients_delete",
            on_click=delete_seeker,
            args=(seeker_id,),
        )


def demo_removal() -> None:
    """Removing the generated demo seekers and everything of theirs, in a collapsed expander."""
    with st.expander("Remove the demo data"):
        st.write("Deletes the two generated demo clients and everything of theirs; your own clients stay.")
        st.button(
            "Remove the demo",
            key="clients_remove_demo",
            on_click=data.save_on_click,
            args=(reviews.remove_demo,),
        )
