"""Import: a LinkedIn data export or a tracking spreadsheet, previewed before anything is written."""

import streamlit as st

from coach.importers.common import summary, total
from ui import chrome, data, imports
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
st.title(f"Import · {plain(seeker.name)}")
st.caption(
    "Everything lands with this job seeker; pick another in the sidebar, or add a client on Clients first."
)
if message := st.session_state.pop("import_message", None):
    st.success(plain(message))

upload = st.file_uploader(
    "A LinkedIn export (the zip, or a CSV from it) or a tracking spreadsheet (CSV or XLSX)",
    type=["zip", "csv", "xlsx"],
    key="import_file",
)
if upload is not None:
    content = upload.getvalue()
    kinds = {"linkedin": "LinkedIn export", "tracker": "Tracking spreadsheet"}
    kind = st.radio(
        "This file is",
        list(kinds),
        format_func=kinds.__getitem__,
        horizontal=True,
        index=list(kinds).index(imports.guess_kind(upload.name)),
        key="import_kind",
    )
    options: dict = {}
    if kind == "linkedin":
        left, right = st.columns(2)
        options["since"] = left.date_input(
            "Only requests since (the job search)", value=None, key="import_since"
        )
        options["me"] = right.text_input("Your name or profile URL (only if asked)", key="import_me") or None
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
        )
        options["date_order"] = None if order == "auto" else order
        sheets = imports.workbook_sheets(upload.name, content)
        if len(sheets) > 1:
            options["sheet"] = st.selectbox(
                "Sheet",
                [None, *sheets],
                format_func=lambda name: "First sheet with a header" if name is None else name,
                key="import_sheet",
            )
        options["mapping"] = imports.tracker_mapping(upload.name, content, options.get("sheet"))
    if st.button("Preview", type="primary", key="import_preview"):
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
        imports.show_plan(plan)
        partial = bool(plan.rejected) and st.checkbox(
            "Import the other rows and leave the rejected ones out", key="import_partial"
        )
        if st.button("Import", type="primary", disabled=bool(plan.rejected) and not partial, key="import_go"):
            counts = imports.run_import(plan, accept_partial=partial)
            if counts is not None:
                st.session_state["import_message"] = f"Imported {upload.name}: {summary(counts)}."
                st.session_state.pop("import_plan", None)
                st.rerun()

st.subheader("Earlier imports")
runs = data.load("imports", seeker.id)
if not runs:
    st.caption("Nothing imported yet.")
else:
    st.dataframe(
        [
            {
                "When": r["started_at"],
                "What": r["kind"],
                "File": r["file_name"],
                "New": total(r["counts"], "new"),
                "Updated": total(r["counts"], "updated"),
                "Undone": "yes" if r["undone_at"] else "",
            }
            for r in runs
        ],
        hide_index=True,
    )
    imports.undo_latest(seeker.id)
