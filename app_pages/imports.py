"""Import: a LinkedIn export, a tracking spreadsheet, mail or a calendar, previewed before anything is
written."""

import streamlit as st

from ui import chrome, data, imports
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
chrome.title(f"Import · {plain(seeker.name)}")
imports.intro()

uploaded = imports.file_picker()
if uploaded is None:
    imports.sample_offer()
else:
    upload = imports.read_as(uploaded.name, uploaded.getvalue())
    imports.preview_button(seeker, upload, today=today)
    plan = imports.pending_plan(seeker, upload.name)
    if plan is not None:
        st.subheader("What would change")
        plan = imports.with_search_start(seeker, plan, upload, today=today)
        imports.show_plan(plan)
        imports.confirm_and_import(plan, seeker, file_name=upload.name)

st.subheader("Earlier imports")
runs = data.imports(seeker.id)
imports.earlier_imports_list(runs, seeker.id)
