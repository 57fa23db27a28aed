"""Contacts: search and filter the network, edit warmth, source and notes in place, open one person."""

import streamlit as st

from coach import contacts, tracking
from coach.labels import label
from ui import chrome, data, derived, downloads, forms
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
people = data.load("contacts", seeker.id)
table = derived.contact_table(seeker, today)

st.title(f"Contacts · {plain(seeker.name)}")
with st.expander("Add a contact by hand"):
    forms.add_contact(seeker.id, today=today)
forms.duplicates_list(seeker.id, people)

if table.empty:
    st.info("No contacts yet. Add one above, or bring in a LinkedIn export or a tracking spreadsheet.")
    st.stop()

find, warmth, source = st.columns([2, 1, 1])
query = find.text_input("Search", placeholder="Name, company or position", key="contacts_search")
warmths = warmth.multiselect("Warmth", tracking.WARMTHS, format_func=label, key="contacts_warmth")
sources = source.multiselect("Source", tracking.SOURCES, format_func=label, key="contacts_source")
shown = contacts.search(table, query)
if warmths:
    shown = shown[shown["warmth"].isin(warmths)]
if sources:
    shown = shown[shown["source"].isin(sources)]
shown = shown.reset_index(drop=True)
EDITABLE_ROWS = 500  # the table holds this many rows at most; search or filter to reach the others
page_rows = shown.head(EDITABLE_ROWS)
count_col, download_col = st.columns([3, 1], vertical_alignment="center")
count_col.caption(
    f"{len(shown)} of {len(table)} contacts"
    + (
        f" (the first {EDITABLE_ROWS} below: search or filter to narrow)"
        if len(shown) > EDITABLE_ROWS
        else ""
    )
    + ". Edit warmth, source, company, position or add a note in place."
)
with download_col:
    downloads.table_csv(
        people, label="Download contacts (CSV)", file_name="contacts.csv", key="contacts_download"
    )

editor_key = f"contacts_editor_{st.session_state.get('contacts_editor_round', 0)}"
columns = [
    "name",
    "company",
    "position",
    "warmth",
    "source",
    "last_interaction",
    "next_step",
    "requests",
    "meetings",
]
edited = st.data_editor(
    page_rows[columns].assign(note=""),
    key=editor_key,
    hide_index=True,
    disabled=["name", "last_interaction", "next_step", "requests", "meetings"],
    column_config={
        "name": "Name",
        "company": "Company",
        "position": "Position",
        "warmth": st.column_config.SelectboxColumn(
            "Warmth", options=list(tracking.WARMTHS), format_func=label, required=True
        ),
        "source": st.column_config.SelectboxColumn(
            "Source", options=list(tracking.SOURCES), format_func=label, required=True
        ),
        "last_interaction": st.column_config.DateColumn("Last interaction", format="D MMM YYYY"),
        "next_step": "Next step",
        "requests": st.column_config.NumberColumn("Requests"),
        "meetings": st.column_config.NumberColumn("Meetings"),
        "note": st.column_config.TextColumn("Add a note", help="Saved as a private note dated today."),
    },
)
changes = st.session_state[editor_key]["edited_rows"]
if changes and data.try_write(
    tracking.save_contact_edits, seeker.id, page_rows["id"].tolist(), changes, today=today
):
    st.session_state["contacts_editor_round"] = st.session_state.get("contacts_editor_round", 0) + 1
    st.toast("Saved.")
    st.rerun()

st.divider()
forms.contact_detail(seeker.id, page_rows, people, today=today)
