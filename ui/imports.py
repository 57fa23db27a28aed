"""The Import screen's steps: read the upload, preview what would change, import it, undo it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from coach import store
from coach.demo.sample_export import SAMPLE_FILE_NAME, SAMPLE_OWNER, linkedin_zip
from coach.importers import (
    DateOrderNeeded,
    ImportProblem,
    OwnerNeeded,
    Plan,
    apply,
    undo_last,
    undo_text,
)
from coach.importers.common import noun, summary, total
from coach.importers.guide import (
    SEARCH_GAP_DAYS,
    SEARCH_LOOKBACK_DAYS,
    explain_counts,
    owner_warning,
    possessive,
    requests_chart,
    requests_per_month,
    shown_sample,
    suggest_search_start,
)
from coach.importers.kinds import KINDS, guess_kind, plan_file
from coach.importers.tracker_sheet import FIELDS, read_sheet, sheet_names
from coach.store import Seeker, db
from coach.wording import day, plural
from ui import chrome, data
from ui.text import plain

IGNORE = "(ignore)"
STATES = {"new": "New", "updated": "Updated", "unchanged": "Unchanged", "skipped": "Skipped"}
SINCE_KEY, ALL_KEY = "import_since", "import_all"
NEXT_KEY = "import_next"
START_HELP = (
    "Requests sent before this day are not imported (the people still are), so an old search does not "
    "fill Due with nudges that no longer matter. The suggestion is the first request after the latest "
    f"quiet spell of more than {SEARCH_GAP_DAYS} days without any, at most "
    f"{SEARCH_LOOKBACK_DAYS // 30} months before the latest request. Change it if the search began on "
    "another day."
)


def intro() -> None:
    """The screen's caption, what the last step did, where to go after an import, the new-seeker form."""
    st.caption(
        "Everything lands with this job seeker"
        + chrome.unless_shared("; pick another in the sidebar, or add a new client below")
        + "."
    )
    if message := st.session_state.pop("import_message", None):
        st.success(plain(message))
    if st.session_state.pop(NEXT_KEY, False):
        what_next()
    if not data.sharing():
        new_seeker()


def new_seeker() -> None:
    """A form to add a seeker here and make them the current one (the names are checked as on Clients)."""
    with st.expander("New client: import for someone not in the list yet"), st.form("import_new_client"):
        name = st.text_input(
            "Name of the new client",
            key="import_client_name",
            help="Clients have unique names. A name close to an existing client's is taken for a typo "
            "unless you tick the box below.",
        )
        goal = st.number_input(
            "Requests to send each week",
            0,
            200,
            value=5,
            key="import_client_goal",
            help="The weekly outreach goal This week measures the client against; change it in Settings.",
        )
        similar_ok = st.checkbox(
            "Create it even if the name is close to an existing client's",
            key="import_client_similar",
            help="Only when this is really another person than the client with the similar name.",
        )
        if st.form_submit_button(
            "Add client and import for them",
            type="primary",
            help="Adds the client and makes them the job seeker of every screen; import their file below.",
        ):
            added: list[Seeker] = []

            def add(conn: db.Connection) -> None:
                added.append(store.add_seeker(conn, name, weekly_goal=int(goal), allow_similar=similar_ok))

            if data.try_write(add):
                chrome.open_seeker(added[0].id)
                st.session_state["import_message"] = (
                    f"Added {added[0].name}: what you import now lands with them."
                )
                st.session_state.pop("import_plan", None)
                st.rerun()


def file_picker() -> UploadedFile | None:
    """The upload box for a LinkedIn export or a tracking spreadsheet; the file given, if any."""
    picked = st.file_uploader(
        "A LinkedIn export (the zip, or a CSV from it), a tracking spreadsheet (CSV or XLSX), mail "
        "(.mbox or .eml) or a calendar (.ics)",
        type=["zip", "csv", "xlsx", "mbox", "eml", "ics"],
        key="import_file",
        help="LinkedIn: Settings, Data privacy, Get a copy of your data; the larger archive holds the "
        "messages. A spreadsheet: one row per request, with at least a name and the day it was sent; a row "
        "without that day adds or updates the person only, as in a list of people to ask.",
    )
    with st.expander("How to get your mail and calendar as files"):
        st.markdown(MAIL_HELP)
    return picked


# Where the common providers let a user save mail and calendars as files, two lines each.
MAIL_HELP = """
- **Gmail (Google Takeout)**: at takeout.google.com pick Mail (all mail, or only your job-search
  label) and Calendar; the zip holds an `.mbox` per export and an `.ics` per calendar. Unzip it first.
- **Outlook**: drag messages to a folder on your computer to save them as `.eml` files (on the web:
  More actions, Download); for the calendar, File, Save Calendar (Windows) or Export (Mac) as `.ics`.
- **Apple Mail and Calendar**: select a mailbox, then Mailbox, Export Mailbox (a folder holding an
  `mbox` file: rename it `.mbox`); in Calendar, File, Export, Export… writes an `.ics` file.

Nothing leaves this computer: the files are read here and only what the preview lists is stored.
A file over 200 MB is too large to upload here: import it with `coach import mail PATH --seeker NAME`
(or `coach import calendar`), which also reads a whole folder of `.eml` files.
"""


def sample_offer() -> None:
    """One line under the upload: the sample export to download, to see what an export holds or to
    try an import (for a new client named as its owner, so the owner check has nothing to say)."""
    words, button = st.columns([4, 1], vertical_alignment="center")
    words.caption(
        "No export at hand? Try the made-up sample"
        + chrome.unless_shared(f", {possessive(SAMPLE_OWNER)}: import it for a new client of that name")
        + "."
    )
    button.download_button(
        "Sample export",
        data=linkedin_zip(),
        file_name=SAMPLE_FILE_NAME,
        mime="application/zip",
        key="import_sample",
        on_click="ignore",
        icon=":material/download:",
        help="A LinkedIn export of invented people (Profile, Connections, Invitations and messages): "
        "open it to see what an export holds, or upload it here to try the import.",
    )


@dataclass(frozen=True)
class Upload:
    """The file given, what it is read as, and the options :func:`make_plan` reads it with."""

    name: str
    content: bytes
    kind: str
    options: dict[str, Any]


def read_as(file_name: str, content: bytes) -> Upload:
    """Ask what the file is (worked out from its name) and how to read it; the upload as it is to be read."""
    kind = st.radio(
        "This file is",
        list(KINDS),
        format_func=KINDS.__getitem__,
        horizontal=True,
        index=list(KINDS).index(guess_kind(file_name)),
        key="import_kind",
        help="Worked out from the file's name; change it if it is wrong.",
    )
    if kind == "linkedin":
        options = export_options()
    elif kind in ("mail", "calendar"):
        options = mail_options(kind)
    else:
        options = sheet_options(file_name, content)
    return Upload(file_name, content, kind, options)


def mail_options(kind: str) -> dict[str, Any]:
    """Ask whose mail or calendar it is (only if it does not say) and, for mail, which label to read."""
    left, right = st.columns(2)
    options: dict[str, Any] = {
        "me": left.text_input(
            "Your e-mail address (only if asked)",
            key=f"import_{kind}_me",
            help="Read from the mail labelled Sent, or from an earlier mail import, when left empty.",
        ).strip()
        or None
    }
    if kind == "mail":
        options["label"] = (
            right.text_input(
                "Gmail label to read (optional)",
                key="import_mail_label",
                help="Only threads holding a message with this label, such as the one you file "
                "job-search mail under. Empty: only threads with people already among your contacts.",
            ).strip()
            or None
        )
    return options


def export_options() -> dict[str, Any]:
    """Ask whose LinkedIn export it is (needed only when the export does not say); the options for it."""
    return {
        "me": st.text_input(
            "Whose export is it (only if asked)",
            key="import_me",
            help="The export's owner as LinkedIn shows them, or their profile URL. Needed only when "
            "the export does not say whose it is (no Profile.csv, and no one person in every "
            "conversation).",
        )
        or None
    }


def sheet_options(file_name: str, content: bytes) -> dict[str, Any]:
    """Ask how a tracking sheet writes its dates, which sheet holds it and how its columns read."""
    options: dict[str, Any] = {}
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
    sheets = workbook_sheets(file_name, content)
    if len(sheets) > 1:
        options["sheet"] = st.selectbox(
            "Sheet",
            [None, *sheets],
            format_func=lambda name: "First sheet with a header" if name is None else name,
            key="import_sheet",
            help="The workbook's sheet that holds one row per request or person to ask.",
        )
    options["mapping"] = tracker_mapping(file_name, content, options.get("sheet"))
    return options


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
    # The fields read as words ("Sent on"), never as their codes.
    names = {field: field.replace("_", " ").capitalize() for field in FIELDS}
    codes = {name: field for field, name in names.items()}
    columns = [(header, names.get(field, field)) for field, header in sheet.headers.items()] + [
        (h, IGNORE) for h in sheet.ignored
    ]
    table = pd.DataFrame(columns, columns=["Column in your file", "Read as"])
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["Column in your file"],
        column_config={
            "Read as": st.column_config.SelectboxColumn(
                "Read as",
                options=[*names.values(), IGNORE],
                required=True,
                help="The field each column of your sheet fills; (ignore) leaves the column out.",
            )
        },
        key=f"import_mapping_{file_name}_{sheet_name or ''}",
    )
    changed = edited[edited["Read as"] != table["Read as"]]
    if changed.empty:
        return None
    return {
        str(header): (None if field == IGNORE else codes.get(str(field), str(field)))
        for header, field in zip(edited["Column in your file"], edited["Read as"], strict=True)
    }


def preview_button(seeker: Seeker, upload: Upload, *, today: date) -> None:
    """The Preview button: work out what the import would change and keep it (nothing is written)."""
    if st.button(
        "Preview",
        type="primary",
        key="import_preview",
        help="Reads the file and lists the changes; writes nothing yet.",
    ):
        st.session_state.pop("import_start_for", None)  # a fresh preview suggests the start again
        st.session_state["import_plan"] = make_plan(
            seeker, upload.kind, upload.name, upload.content, options=upload.options, today=today
        )


def make_plan(
    seeker: Seeker, kind: str, file_name: str, content: bytes, *, options: dict[str, Any], today: date
) -> Plan | None:
    """Work out what the import would change (nothing is written); None after showing why it cannot.

    ``options`` are :func:`coach.importers.kinds.plan_file`'s for the kind: me and since, or
    mapping, date order and sheet."""
    bar = st.progress(0.0, text="Reading the file")

    def progress(fraction: float, message: str) -> None:
        bar.progress(fraction, text=plain(message))

    try:
        with db.session(data.store_path()) as conn:
            return plan_file(
                conn,
                content,
                kind=kind,
                seeker_id=seeker.id,
                today=today,
                file_name=file_name,
                progress=progress,
                **options,
            )
    except DateOrderNeeded as question:
        st.warning(f"{plain(question)} Choose the order above and preview again.")
    except OwnerNeeded as question:
        what = "address" if kind in ("mail", "calendar") else "name"
        st.warning(f"{plain(question)} Type your {what} above and preview again.")
    except db.StoreError as problem:
        st.error(plain(problem))
    finally:
        bar.empty()
    return None


def pending_plan(seeker: Seeker, file_name: str) -> Plan | None:
    """The plan previewed for this file and seeker and not imported yet; None if there is none."""
    plan = st.session_state.get("import_plan")
    if plan is not None and plan.file_name == file_name and plan.seeker_id == seeker.id and not plan.applied:
        return plan
    return None


def with_search_start(seeker: Seeker, plan: Plan, upload: Upload, *, today: date) -> Plan:
    """For a LinkedIn export, ask when the job search started; the plan for the requests since then."""
    if plan.kind == "linkedin":
        asked, since = job_search_start(plan)
        if asked and since != plan.since:
            with st.spinner("Working out the requests since then…"):
                replanned = make_plan(
                    seeker,
                    upload.kind,
                    upload.name,
                    upload.content,
                    options={**upload.options, "since": since},
                    today=today,
                )
            if replanned is not None:
                st.session_state["import_plan"] = plan = replanned
    return plan


def job_search_start(plan: Plan) -> tuple[bool, date | None]:
    """Ask when this job search started, prefilled with the suggestion the first time a file is previewed.

    Returns whether to ask at all (the export holds requests) and the day chosen (None: all history).
    """
    sent = plan.timeline["sent_on"]
    if sent.empty:
        return False, None
    if st.session_state.get("import_start_for") != plan.file_name:
        suggestion = suggest_search_start(sent)
        st.session_state[SINCE_KEY] = suggestion or pd.Timestamp(sent.min()).date()
        st.session_state[ALL_KEY] = suggestion is None
        st.session_state["import_start_for"] = plan.file_name
        st.session_state["import_suggested"] = suggestion
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    everything = right.checkbox(
        "All history",
        key=ALL_KEY,
        help="Import every request the export holds, however old.",
    )
    since = left.date_input(
        "When did this job search start?",
        key=SINCE_KEY,
        format="DD/MM/YYYY",
        disabled=everything,
        help=START_HELP,
    )
    suggested = st.session_state.get("import_suggested")
    st.caption(
        f"Suggested: {day(suggested)}, the first request after the latest long quiet spell."
        if suggested
        else "Suggested: all history, as the requests show no long quiet spell."
    )
    return True, None if everything or not isinstance(since, date) else since


def show_plan(plan: Plan) -> None:
    """The counts in words and per entity, requests per month, notes, example and rejected rows."""
    st.markdown("\n".join(f"- {plain(line)}" for line in explain_counts(plan)))
    if plan.kind == "linkedin":
        figure = requests_chart(requests_per_month(plan.timeline, plan.since))
        if figure is not None:
            st.plotly_chart(figure, key="import_requests_chart")
    counts = pd.DataFrame(
        [
            {"What": noun(entity, 2).capitalize(), **{STATES.get(k, k): int(n) for k, n in states.items()}}
            for entity, states in plan.counts.items()
        ]
    )
    st.dataframe(counts, hide_index=True)
    for note in plan.notes:
        st.caption(plain(note))
    for why in plan.left_out:
        st.warning("Left out: " + plain(why))
    for entity, sample in plan.samples.items():
        if not sample.empty:
            with st.expander(f"Examples: {plain(noun(entity, 2))}"):
                st.dataframe(data.shown_frame(shown_sample(sample)), hide_index=True)
    if plan.rejected:
        item = "item" if plan.kind in ("mail", "calendar") else "row"
        st.warning(f"{plural(len(plan.rejected), item)} cannot be imported:")
        rejected = pd.DataFrame(
            [{"File": r.file, "Row": r.line, "Column": r.column, "Why": r.reason} for r in plan.rejected]
        )
        st.dataframe(data.shown_frame(rejected), hide_index=True)  # a reason may quote the cell


def confirm_and_import(plan: Plan, seeker: Seeker, *, file_name: str) -> None:
    """The owner check, leaving rejected rows out, and the Import button that writes the plan."""
    owner_ok = owner_confirmed(plan, seeker)
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
        counts = run_import(plan, accept_partial=partial)
        if counts is not None:
            st.session_state["import_message"] = f"Imported {file_name}: {summary(counts)}."
            st.session_state[NEXT_KEY] = True
            st.session_state.pop("import_plan", None)
            st.rerun()


def owner_confirmed(plan: Plan, seeker: Seeker) -> bool:
    """Say plainly when the export is clearly someone else's; whether importing may go ahead."""
    warning = owner_warning(plan, seeker.name)
    if warning is None:
        return True
    st.warning(plain(warning))
    return st.checkbox(
        f"Import anyway: this is {plain(possessive(seeker.name))} export",
        key="import_owner_ok",
        help="Tick only if the export really holds this client's own network, for example when it was "
        "downloaded from an account under another name.",
    )


def what_next() -> None:
    """After an import: where the first session goes from here."""
    st.subheader("What next")
    st.page_link(
        "app_pages/due.py",
        label="Due: the thank-yous, nudges and people to keep in touch with",
        icon=":material/checklist:",
    )
    st.page_link(
        "app_pages/home.py",
        label="This week: requests sent against the goal, and what is coming",
        icon=":material/calendar_today:",
    )
    st.page_link(
        "app_pages/decisions.py",
        label="Decisions: what the conversations say about each option",
        icon=":material/balance:",
    )


def earlier_imports_list(runs: list[dict[str, Any]], seeker_id: int) -> None:
    """The seeker's imports, newest first, and undoing the latest; a line saying so without any."""
    if not runs:
        st.caption("Nothing imported yet.")
    else:
        st.dataframe(earlier_imports(runs), hide_index=True)
        undo_latest(seeker_id)


def earlier_imports(runs: list[dict[str, Any]]) -> pd.DataFrame:
    """The seeker's imports as the screen lists them."""
    return pd.DataFrame(
        [
            {
                "When": day(r["started_at"]),
                "What": KINDS.get(str(r["kind"]), str(r["kind"])),
                "File": r["file_name"],
                "New": total(r["counts"], "new"),
                "Updated": total(r["counts"], "updated"),
                "Undone": day(r["undone_at"]) if r["undone_at"] else "",
            }
            for r in runs
        ]
    )


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
                undone = data.write(undo_last, seeker_id)
            except db.StoreError as problem:
                st.error(plain(problem))
            else:
                st.session_state["import_message"] = (
                    f"Undid the import of {undone.file_name}: {undo_text(undone)}."
                )
                st.rerun()
