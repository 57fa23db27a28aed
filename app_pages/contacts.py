"""Contacts: search and filter the network, edit warmth, source and notes in place, open one person."""

import streamlit as st

from coach.rules import contacts
from ui import chrome, data, derived, forms
from ui.contacts import contact_editor, filters, page_bar
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

query, warmths, sources = filters()
shown = contacts.filtered(table, query, warmths=warmths, sources=sources)
page, page_rows = page_bar(shown, total=len(table), people=people)
contact_editor(seeker.id, page_rows, page=page, today=today)

st.divider()
forms.contact_detail(seeker.id, shown, people, today=today)
