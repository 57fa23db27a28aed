"""The Contacts screen's parts: the search and filters, the page bar, and the table edited in place."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from coach import vocabulary
from coach.labels import label
from coach.rules import contacts, paging
from coach.store import tracking
from coach.wording import plural
from ui import data, downloads


def filters() -> tuple[str, list[str], list[str]]:
    """The search box and the warmth and source pickers; the words typed, the warmths and sources picked."""
    find, warmth, source = st.columns([2, 1, 1])
    query = find.text_input("Search", placeholder="Name, company or position", key="contacts_search")
    warmths = warmth.multiselect("Warmth", vocabulary.WARMTHS, format_func=label, key="contacts_warmth")
    sources = source.multiselect("Source", vocabulary.SOURCES, format_func=label, key="contacts_source")
    return query, warmths, sources


def page_bar(shown: pd.DataFrame, *, total: int, people: pd.DataFrame) -> tuple[int, pd.DataFrame]:
    """How many match, the page number (past one page) and the CSV download; the page and its rows."""
    pages = paging.page_count(len(shown), contacts.PAGE_ROWS)
    count_col, page_col, download_col = st.columns([3, 1, 1], vertical_alignment="center")
    page = (
        int(page_col.number_input(f"Page (of {pages})", 1, pages, 1, key="contacts_page")) if pages > 1 else 1
    )
    page_rows = contacts.page_of(shown, page)
    first = (page - 1) * contacts.PAGE_ROWS + 1
    count_col.caption(
        f"{len(shown):,} of {plural(total, 'contact')}"
        + (f" (rows {first}–{first + len(page_rows) - 1} below)" if pages > 1 else "")
        + ". Edit warmth, source, company, position or add a note in place."
    )
    with download_col:
        downloads.table_csv(
            people, label="Download contacts (CSV)", file_name="contacts.csv", key="contacts_download"
        )
    return page, page_rows


def contact_editor(seeker_id: int, page_rows: pd.DataFrame, *, page: int, today: date) -> None:
    """The page's contacts, edited in place; an edit is saved at once and the editor starts afresh."""
    # Each page has an editor of its own: its edited rows index into the page shown.
    editor_key = f"contacts_editor_{st.session_state.get('contacts_editor_round', 0)}_{page}"
    st.data_editor(
        contacts.editor_rows(page_rows),
        key=editor_key,
        hide_index=True,
        disabled=["name", "last_interaction", "next_step", "requests", "meetings"],
        column_config={
            "name": st.column_config.TextColumn("Name", width=135),
            "company": st.column_config.TextColumn("Company", width=155),
            "position": st.column_config.TextColumn("Position", width=145),
            "warmth": st.column_config.SelectboxColumn(
                "Warmth", options=list(vocabulary.WARMTHS), format_func=label, required=True, width=120
            ),
            "next_step": st.column_config.TextColumn("Next step", width=130),
            "last_interaction": st.column_config.TextColumn("Last interaction", width=115),
            "source": st.column_config.SelectboxColumn(
                "Source", options=list(vocabulary.SOURCES), format_func=label, required=True, width=120
            ),
            "requests": st.column_config.NumberColumn("Requests", width="small"),
            "meetings": st.column_config.NumberColumn("Meetings", width="small"),
            "note": st.column_config.TextColumn(
                "Add a note", help="Saved as a private note dated today.", width="medium"
            ),
        },
    )
    changes = contacts.edited_cells(st.session_state[editor_key]["edited_rows"])
    if changes and data.try_write(
        tracking.save_contact_edits, seeker_id, page_rows["id"].tolist(), changes, today=today
    ):
        st.session_state["contacts_editor_round"] = st.session_state.get("contacts_editor_round", 0) + 1
        st.toast("Saved.")
        st.rerun()
