"""Contacts: search and filter the network, edit warmth, source and notes in place, open one person."""

import streamlit as st

from coach import vocabulary
from coach.labels import label, without_company
from coach.rules import contacts
from coach.store import tracking
from coach.wording import EMPTY, day, plural
from ui import chrome, data, derived, downloads, forms
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Contacts · {plain(seeker.name)}")
today = data.today()
people = data.contacts(seeker.id)
table = derived.contact_table(seeker, today)

with st.expander("Add a contact by hand"):
    forms.add_contact(seeker.id, today=today)
forms.duplicates_list(seeker.id)

if table.empty:
    st.info("No contacts yet. Add one above, or bring in a LinkedIn export or a tracking spreadsheet.")
    st.stop()

find, warmth, source = st.columns([2, 1, 1])
query = find.text_input("Search", placeholder="Name, company or position", key="contacts_search")
warmths = warmth.multiselect("Warmth", vocabulary.WARMTHS, format_func=label, key="contacts_warmth")
sources = source.multiselect("Source", vocabulary.SOURCES, format_func=label, key="contacts_source")
shown = contacts.search(table, query)
if warmths:
    shown = shown[shown["warmth"].isin(warmths)]
if sources:
    shown = shown[shown["source"].isin(sources)]
shown = shown.reset_index(drop=True)
PAGE_ROWS = 100  # the table shows this many rows at a time; a page number reaches the others
pages = max(1, -(-len(shown) // PAGE_ROWS))
count_col, page_col, download_col = st.columns([3, 1, 1], vertical_alignment="center")
page = int(page_col.number_input(f"Page (of {pages})", 1, pages, 1, key="contacts_page")) if pages > 1 else 1
page_rows = shown.iloc[(page - 1) * PAGE_ROWS : page * PAGE_ROWS].reset_index(drop=True)
count_col.caption(
    f"{len(shown):,} of {plural(len(table), 'contact')}"
    + (
        f" (rows {(page - 1) * PAGE_ROWS + 1}–{(page - 1) * PAGE_ROWS + len(page_rows)} below)"
        if pages > 1
        else ""
    )
    + ". Edit warmth, source, company, position or add a note in place."
)
with download_col:
    downloads.table_csv(
        people, label="Download contacts (CSV)", file_name="contacts.csv", key="contacts_download"
    )

# Each page has an editor of its own: its edited rows index into the page shown.
editor_key = f"contacts_editor_{st.session_state.get('contacts_editor_round', 0)}_{page}"
# What matters first, so a narrow screen keeps it in view: who, where, how warm, what is next.
columns = [
    "name",
    "company",
    "position",
    "warmth",
    "next_step",
    "last_interaction",
    "source",
    "requests",
    "meetings",
]
# Empty cells read "—", never "None"; a "—" left in an edited cell is saved as empty again.
rows = page_rows[columns].assign(
    # an alias ("Contact 12 · Acme") leaves the company to the Company column beside it
    name=[without_company(n, c) for n, c in zip(page_rows["name"], page_rows["company"], strict=True)],
    last_interaction=page_rows["last_interaction"].map(day),
    note="",
)
for text_column in ("company", "position", "next_step"):
    rows[text_column] = rows[text_column].fillna("").replace("", EMPTY)
edited = st.data_editor(
    rows,
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
changes = {
    row: {column: None if value == EMPTY else value for column, value in cells.items()}
    for row, cells in st.session_state[editor_key]["edited_rows"].items()
}
if changes and data.try_write(
    tracking.save_contact_edits, seeker.id, page_rows["id"].tolist(), changes, today=today
):
    st.session_state["contacts_editor_round"] = st.session_state.get("contacts_editor_round", 0) + 1
    st.toast("Saved.")
    st.rerun()

st.divider()
forms.contact_detail(seeker.id, shown, people, today=today)
