"""The Import screen's steps: read the upload, preview what would change, import it, undo it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from coach import db
from coach.importers import (
    DateOrderNeeded,
    ImportProblem,
    OwnerNeeded,
    Plan,
    apply,
    linkedin,
    tracker,
    undo_last,
    undo_text,
)
from coach.importers.tracker_sheet import FIELDS, read_sheet, sheet_names
from coach.store import Seeker
from ui import data
from ui.text import plain

LINKEDIN_FILES = ("connections", "invitations", "messages", "profile")
IGNORE = "(ignore)"


def guess_kind(file_name: str) -> str:
    """A zip or one of the export's CSVs is a LinkedIn export; anything else a tracking spreadsheet."""
    name = file_name.lower()
    if name.endswith(".zip") or any(name.startswith(known) for known in LINKEDIN_FILES):
        return "linkedin"
    return "tracker"


def workbook_sheets(file_name: str, content: bytes) -> list[str]:
    """The sheets of an uploaded workbook, to pick one from ([] for a CSV or an unreadable file)."""
    return sheet_names(file_name, content)


def tracker_mapping(
    file_name: str, content: bytes, sheet_name: str | None = None
) -> dict[str, str | None] | None:
    """Show how each column of the sheet is read and let the user change it; the explicit mapping, if any."""
    try:
        sheet = read_sheet(file_name, content, None, sheet=sheet_name)
    except ImportProblem:
        return None  # the plan reports the problem; its message says what is missing
    columns = [(header, field) for field, header in sheet.headers.items()] + [
        (h, IGNORE) for h in sheet.ignored
    ]
    table = pd.DataFrame(columns, columns=["Column in your file", "Read as"])
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["Column in your file"],
        column_config={
            "Read as": st.column_config.SelectboxColumn("Read as", options=[*FIELDS, IGNORE], required=True)
        },
        key=f"import_mapping_{file_name}_{sheet_name or ''}",
    )
    changed = edited[edited["Read as"] != table["Read as"]]
    if changed.empty:
        return None
    return {
        str(header): (None if field == IGNORE else str(field))
        for header, field in zip(edited["Column in your file"], edited["Read as"], strict=True)
    }


def make_plan(
    seeker: Seeker, kind: str, file_name: str, content: bytes, *, options: dict[str, Any], today: date
) -> Plan | None:
    """Work out what the import would change (nothing is written); None after showing why it cannot."""
    try:
        with db.session(data.store_path()) as conn:
            if kind == "linkedin":
                return linkedin.plan(
                    conn,
                    content,
                    seeker_id=seeker.id,
                    file_name=file_name,
                    me=options.get("me"),
                    since=options.get("since"),
                )
            return tracker.plan(
                conn,
                content,
                seeker_id=seeker.id,
                today=today,
                file_name=file_name,
                mapping=options.get("mapping"),
                date_order=options.get("date_order"),
                sheet=options.get("sheet"),
            )
    except DateOrderNeeded as question:
        st.warning(f"{plain(question)} Choose the order above and preview again.")
    except OwnerNeeded as question:
        st.warning(f"{plain(question)} Type your name above and preview again.")
    except db.StoreError as problem:
        st.error(plain(problem))
    return None


def show_plan(plan: Plan) -> None:
    """Counts per entity, example rows, rejected rows and notes, before anything is written."""
    counts = pd.DataFrame(plan.counts).T.rename_axis("What").reset_index()
    st.dataframe(counts, hide_index=True)
    for note in plan.notes:
        st.caption(plain(note))
    for why in plan.left_out:
        st.warning("Left out: " + plain(why))
    for entity, sample in plan.samples.items():
        if not sample.empty:
            with st.expander(f"Examples: {plain(entity)}"):
                st.dataframe(data.shown_frame(sample), hide_index=True)
    if plan.rejected:
        st.warning(f"{len(plan.rejected)} row(s) cannot be imported:")
        rejected = pd.DataFrame(
            [{"File": r.file, "Row": r.line, "Column": r.column, "Why": r.reason} for r in plan.rejected]
        )
        st.dataframe(data.shown_frame(rejected), hide_index=True)  # a reason may quote the cell


def run_import(plan: Plan, *, accept_partial: bool) -> dict[str, dict[str, int]] | None:
    """Write the plan in one transaction with a progress bar; the counts, or None after showing why not."""
    bar = st.progress(0.0, text="Importing…")

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=plain(message))

    try:
        with db.session(data.store_path()) as conn:
            result = apply(conn, plan, accept_partial=accept_partial, progress=progress)
    except db.StoreError as problem:
        bar.empty()
        st.error(plain(problem))
        return None
    bar.progress(1.0, text="Done.")
    return result.counts


def undo_latest(seeker_id: int) -> None:
    """Take the latest import back as a whole, after a confirmation."""
    with st.popover("Undo the latest import"):
        st.write("Removes everything the latest import added and restores what it changed.")
        if st.button("Undo it", type="primary", key="import_undo"):
            try:
                summary = data.write(undo_last, seeker_id)
            except db.StoreError as problem:
                st.error(plain(problem))
            else:
                st.session_state["import_message"] = (
                    f"Undid the import of {summary.file_name}: {undo_text(summary)}."
                )
                st.rerun()
