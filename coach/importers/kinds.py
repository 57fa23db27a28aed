"""Which importer reads a file, and planning it with that importer.

The Import screen and ``coach import`` take the same path: :func:`guess_kind` names the importer
from the file's name (the screen lets the user change it; each ``coach import`` command names its
own), :func:`plan_file` plans the file with it, and :func:`coach.importers.apply` writes the plan::

    kind = guess_kind("Connections.csv")            # "linkedin"
    plan = plan_file(conn, path, kind=kind, seeker_id=1, today=today, me="Ana Lopez")
    apply(conn, plan, accept_partial=False)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

from coach.importers import calendar, linkedin, mail, tracker
from coach.importers.common import Plan, Progress
from coach.store.db import Connection

# The importers by the kind an import is recorded under, with the words a screen names them by.
KINDS = {
    "linkedin": "LinkedIn export",
    "tracker": "Tracking spreadsheet",
    "mail": "Mail (mbox or .eml)",
    "calendar": "Calendar (.ics)",
}
MAIL_SUFFIXES = (".mbox", ".mbx", ".eml")
# The CSVs of a LinkedIn export a user may bring one at a time (their names start so).
LINKEDIN_FILES = ("connections", "invitations", "messages", "profile")


def guess_kind(file_name: str) -> str:
    """A zip or one of the export's CSVs is a LinkedIn export, an mbox or .eml file mail, an .ics file a
    calendar; anything else a tracking spreadsheet."""
    name = file_name.lower()
    if name.endswith(MAIL_SUFFIXES):
        return "mail"
    if name.endswith(".ics"):
        return "calendar"
    if name.endswith(".zip") or any(name.startswith(known) for known in LINKEDIN_FILES):
        return "linkedin"
    return "tracker"


def plan_file(
    conn: Connection,
    source: str | Path | bytes | bytearray | IO[bytes],
    *,
    kind: str,
    seeker_id: int,
    today: date,
    file_name: str | None = None,
    me: str | None = None,
    since: date | None = None,
    mapping: dict[str, str | None] | None = None,
    date_order: str | None = None,
    sheet: str | None = None,
    label: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Work out what importing a file would change with the importer of ``kind``; writes nothing.

    ``me`` and ``since`` are the LinkedIn, mail and calendar importers' (for mail and calendar ``me``
    is the owner's e-mail address), ``label`` the mail importer's (:func:`coach.importers.mail.plan`),
    ``mapping``, ``date_order`` and ``sheet`` the spreadsheet's (:func:`coach.importers.tracker.plan`);
    the other kind's are not used. ``today`` is the day a spreadsheet's meetings and notes are
    dated against.
    """
    if kind == "linkedin":
        return linkedin.plan(
            conn, source, seeker_id=seeker_id, file_name=file_name, me=me, since=since, progress=progress
        )
    if kind == "mail":
        return mail.plan(
            conn,
            source,
            seeker_id=seeker_id,
            today=today,
            file_name=file_name,
            me=me,
            label=label,
            since=since,
            progress=progress,
        )
    if kind == "calendar":
        return calendar.plan(
            conn,
            source,
            seeker_id=seeker_id,
            today=today,
            file_name=file_name,
            me=me,
            since=since,
            progress=progress,
        )
    if kind == "tracker":
        return tracker.plan(
            conn,
            source,
            seeker_id=seeker_id,
            today=today,
            file_name=file_name,
            mapping=mapping,
            date_order=date_order,
            sheet=sheet,
            progress=progress,
        )
    raise ValueError(f"No importer reads {kind!r} files; the kinds are {', '.join(KINDS)}.")
