"""Import: a LinkedIn data export or a tracking spreadsheet, previewed before anything is written."""

import streamlit as st

from coach.importers.common import summary
from coach.importers.kinds import KINDS, guess_kind
from ui import chrome, data, imports
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
chrome.title(f"Import · {plain(seeker.name)}")
st.caption(
    "Everything lands with this job seeker"
    + chrome.unless_shared("; pick another in the sidebar, or add a new client below")
    + "."
)
if message := st.session_state.pop("import_message", None):
    st.success(plain(message))
if st.session_state.pop(imports.NEXT_KEY, False):
    imports.what_next()
if not data.sharing():
    imports.new_client()

upload = st.file_uploader(
    "A LinkedIn export (the zip, or a CSV from it) or a tracking spreadsheet (CSV or XLSX)",
    type=["zip", "csv", "xlsx"],
    key="import_file",
    help="LinkedIn: Settings, Data privacy, Get a copy of your data; the larger archive holds the "
    "messages. A spreadsheet: one row per request, with at least a name and the day it was sent; a row "
    "without that day adds or updates the person only, as in a list of people to ask.",
)
if upload is None:
    imports.sample_offer()
else:
    content = upload.getvalue()
    kind = st.radio(
        "This file is",
        list(KINDS),
        format_func=KINDS.__getitem__,
        horizontal=True,
        index=list(KINDS).index(guess_kind(upload.name)),
        key="import_kind",
        help="Worked out from the file's name; change it if it is wrong.",
    )
    options: dict = {}
    if kind == "linkedin":
        options["me"] = (
            st.text_input(
                "Whose export is it (only if asked)",
                key="import_me",
                help="The export's owner as LinkedIn shows them, or their profile URL. Needed only when "
                "the export does not say whose it is (no Profile.csv, and no one person in every "
                "conversation).",
            )
            or None
        )
    else:
        order = st.radio(
            "Dates like 03/02/2026 are",
            ["auto", "dmy", "mdy"],
            horizontal=True,
            key="import_order",
            format_func={
                "auto": "Work it out (ask if unclear)",
                "dmy": "day/month/year",
                "mdy": "month/day/year",
            }.__getitem__,
            help="How the sheet writes its dates; a sheet whose dates fit both is asked about.",
        )
        options["date_order"] = None if order == "auto" else order
        sheets = imports.workbook_sheets(upload.name, content)
        if len(sheets) > 1:
            options["sheet"] = st.selectbox(
                "Sheet",
                [None, *sheets],
                format_func=lambda name: "First sheet with a header" if name is None else name,
                key="import_sheet",
                help="The workbook's sheet that holds one row per request or person to ask.",
            )
        options["mapping"] = imports.tracker_mapping(upload.name, content, options.get("sheet"))
    if st.button(
        "Preview",
        type="primary",
        key="import_preview",
        help="Reads the file and lists the changes; writes nothing yet.",
    ):
        st.session_state.pop("import_start_for", None)  # a fresh preview suggests the start again
        st.session_state["import_plan"] = imports.make_plan(
            seeker, kind, upload.name, content, options=options, today=today
        )
    plan = st.session_state.get("import_plan")
    if (
        plan is not None
        and plan.file_name == upload.name
        and plan.seeker_id == seeker.id
        and not plan.applied
    ):
        st.subheader("What would change")
        if plan.kind == "linkedin":
            asked, since = imports.job_search_start(plan)
            if asked and since != plan.since:
                with st.spinner("Working out the requests since then…"):
                    replanned = imports.make_plan(
                        seeker, kind, upload.name, content, options={**options, "since": since}, today=today
                    )
                if replanned is not None:
                    st.session_state["import_plan"] = plan = replanned
        imports.show_plan(plan)
        owner_ok = imports.owner_confirmed(plan, seeker)
        partial = bool(plan.rejected) and st.checkbox(
            "Import the other rows and leave the rejected ones out",
            key="import_partial",
            help="The rows listed as rejected are left out; everything else is imported.",
        )
        if st.button(
            "Import",
            type="primary",
            disabled=(bool(plan.rejected) and not partial) or not owner_ok,
            key="import_go",
            help="Writes it all in one go; the latest import can be undone below.",
        ):
            counts = imports.run_import(plan, accept_partial=partial)
            if counts is not None:
                st.session_state["import_message"] = f"Imported {upload.name}: {summary(counts)}."
                st.session_state[imports.NEXT_KEY] = True
                st.session_state.pop("import_plan", None)
                st.rerun()

st.subheader("Earlier imports")
runs = data.imports(seeker.id)
if not runs:
    st.caption("Nothing imported yet.")
else:
    st.dataframe(imports.earlier_imports(runs), hide_index=True)
    imports.undo_latest(seeker.id)
