"""The files of a LinkedIn export: which ones matter, their columns and date formats, reading them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from coach.importers.common import ImportProblem, Progress, Rejection
from coach.importers.sources import Layout, Member, Source, Staged, load, pick, stage
from coach.store.db import Connection

# Each file writes dates its own way; each parser accepts only its own file's formats.
CONNECTED_ON_FORMATS = ("%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d.%m.%Y", "%m/%d/%y, %I:%M %p", "%Y-%m-%d")
SENT_AT_FORMATS = ("%m/%d/%y, %I:%M %p", "%b %d %Y %I:%M %p")
MESSAGE_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p")


def formats_sql(values: Iterable[str]) -> str:
    """A SQL list literal of strptime formats."""
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in values) + "]"


IN_RANGE = "BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2100-12-31 23:59:59'"

CONNECTIONS = Layout(
    "connections",
    {
        "first": ("first name",),
        "last": ("last name",),
        "url": ("url", "profile url"),
        "email": ("email address", "email", "e-mail address"),
        "company": ("company",),
        "position": ("position",),
        "connected": ("connected on",),
    },
    required=("first", "last"),
)
INVITATIONS = Layout(
    "invitations",
    {
        "from": ("from",),
        "to": ("to",),
        "sent_at": ("sent at",),
        "message": ("message",),
        "direction": ("direction",),
        "inviter_url": ("inviterprofileurl", "inviterprofileurn"),
        "invitee_url": ("inviteeprofileurl", "inviteeprofileurn"),
    },
    required=("from", "to", "sent_at"),
)
MESSAGES = Layout(
    "messages",
    {
        "conv": ("conversation id",),
        "from": ("from",),
        "sender_url": ("sender profile url",),
        "to": ("to",),
        "recipient_urls": ("recipient profile urls",),
        "date": ("date",),
        "content": ("content",),
        "draft": ("is message draft",),
        "conv_draft": ("is conversation draft",),
        "direction": ("direction",),
    },
    required=("from", "to", "date"),
)
PROFILE = Layout("profile", {"first": ("first name",), "last": ("last name",)}, required=("first", "last"))
# Recognising a lone CSV by its header alone takes more than a first and last name.
CONNECTIONS_BY_HEADER = Layout("connections", CONNECTIONS.fields, required=("first", "last", "connected"))

LAYOUTS = {"connections": CONNECTIONS, "invitations": INVITATIONS, "messages": MESSAGES, "profile": PROFILE}

# messages.csv is large: it is cleaned while it is read (clean() trims and turns "" into NULL).
_DRAFT = "coalesce(upper(trim({0})) IN ('YES', 'TRUE'), false)"
CLEANED = {
    "messages": f"""
        nullif(conv, '') AS conv, clean("from") AS from_name, clean(sender_url) AS sender_url,
        clean("to") AS to_names, clean(recipient_urls) AS recipient_urls, clean(date) AS date_raw,
        try_strptime(clean(date), {formats_sql(MESSAGE_DATE_FORMATS)}) AS ts, content,
        upper(clean(direction)) AS direction,
        {_DRAFT.format("draft")} OR {_DRAFT.format("conv_draft")} AS draft
    """
}


@dataclass
class Run:
    """The state of one planning pass: the store, the scratch database, what was found."""

    conn: Connection
    pconn: duckdb.DuckDBPyConnection
    seeker_id: int
    label: str
    progress: Progress | None
    archive: bool = True
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    staged: dict[str, Staged] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        """Whether the export has this file."""
        return kind in self.staged

    def file(self, kind: str) -> str:
        """The name of a file as the user sees it."""
        return self.staged[kind].file


def export_files(src: Source) -> dict[str, tuple[Layout, Member]]:
    """The export's files that matter, by kind, each with its expected layout."""
    if not src.archive:
        return _single_file(src.members[0])
    found: dict[str, tuple[Layout, Member]] = {}
    for kind, layout in LAYOUTS.items():
        member = pick(src, [f"{kind}.csv"])
        if member is not None:
            found[kind] = (layout, member)
    if not found.keys() & {"connections", "invitations", "messages"}:
        seen = ", ".join(sorted(m.base for m in src.members)[:8]) or "nothing"
        raise ImportProblem(
            f"{src.label} holds no Connections.csv, Invitations.csv or messages.csv (found: {seen}). "
            "Is it a LinkedIn data export?",
            file=src.label,
        )
    return found


def _single_file(member: Member) -> dict[str, tuple[Layout, Member]]:
    """One CSV: its kind from its name, else from its header."""
    kind = member.base.removesuffix(".csv")
    if kind == "profile":
        raise ImportProblem(
            f"{member.name} only says whose export it is; import Connections.csv, Invitations.csv or "
            "messages.csv, or the whole export zip.",
            file=member.name,
        )
    if kind in LAYOUTS:
        return {kind: (LAYOUTS[kind], member)}
    return {"detect": (CONNECTIONS_BY_HEADER, member)}


def stage_file(kind: str, layout: Layout, member: Member, scratch: Path) -> tuple[str, Layout, Staged]:
    """Copy one file to scratch from its header on; its kind (found from the header if "detect")."""
    layouts = [MESSAGES, INVITATIONS, CONNECTIONS_BY_HEADER] if kind == "detect" else [layout]
    found, staged = stage(member, layouts, scratch)
    if kind == "detect":
        kind, found = found.kind, LAYOUTS[found.kind]
    if kind == "messages" and "conv" not in staged.columns and "direction" not in staged.columns:
        raise ImportProblem(
            f"{member.name} has neither a CONVERSATION ID nor a DIRECTION column, so its conversations "
            "cannot be told apart.",
            file=member.name,
        )
    return kind, found, staged


def load_file(run: Run, kind: str, layout: Layout, staged: Staged) -> None:
    """Load a staged file into the scratch database: table ``raw_<kind>``, view ``<kind>_v``."""
    record_file(run, kind, staged, read_file(run.pconn, kind, layout, staged))


def read_file(pconn: duckdb.DuckDBPyConnection, kind: str, layout: Layout, staged: Staged) -> list[Rejection]:
    """Read a staged file into table ``raw_<kind>`` and view ``<kind>_v``; the rows that are not CSV."""
    rejected = load(pconn, staged, f"raw_{kind}", layout.fields, CLEANED.get(kind, "*"))
    pconn.execute(f"CREATE VIEW {kind}_v AS SELECT rowid AS _rec, * FROM raw_{kind}")
    return rejected


def record_file(run: Run, kind: str, staged: Staged, rejected: list[Rejection]) -> None:
    """Note a file read into the scratch database, and its rows that are not CSV."""
    run.rejected += rejected
    run.staged[kind] = staged


def reject(run: Run, kind: str, frame: pd.DataFrame, column: str, reason: pd.Series | str) -> None:
    """Record rows (``_rec`` in frame) of a file that cannot be imported, with a reason each."""
    run.rejected += _rows(run, kind, frame, run.staged[kind].column(column), reason)


def skip(run: Run, kind: str, frame: pd.DataFrame, reason: pd.Series | str) -> None:
    """Record rows deliberately left out (blank, duplicate), with why."""
    run.skipped += _rows(run, kind, frame, None, reason)


def _rows(
    run: Run, kind: str, frame: pd.DataFrame, column: str | None, reason: pd.Series | str
) -> list[Rejection]:
    if frame.empty:
        return []
    staged = run.staged[kind]
    rows = staged.rows(int(r) for r in frame["_rec"])
    reasons = reason if isinstance(reason, pd.Series) else pd.Series(reason, index=frame.index)
    return [
        Rejection(staged.file, rows.get(int(rec)), column, str(why))
        for rec, why in zip(frame["_rec"], reasons, strict=True)
    ]


def quoted(values: pd.Series) -> pd.Series:
    """Values in single quotes, for messages."""
    return "'" + values.fillna("").astype(str) + "'"
