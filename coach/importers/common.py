"""What every importer shares: its errors, rejected rows, the plan it hands to ``apply``."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import pandas as pd

from coach.store.db import Connection, StoreError
from coach.vocabulary import IMPORT_TABLES

Progress = Callable[[float, str], None]

ENTITY_STATES = ("new", "updated", "unchanged", "skipped")


# The column import_change.row_id holds for each table. meeting_option has no id: row_id is
# its meeting_id and the change's ``before`` holds {"career_option_id": n}.
ROW_KEY = {table: "id" for table in IMPORT_TABLES} | {"meeting_option": "meeting_id"}
SECOND_KEY = {"meeting_option": "career_option_id"}


class ImportProblem(StoreError):
    """An import cannot go ahead as asked; the message names the file, row and column to fix."""

    def __init__(
        self, message: str, *, file: str | None = None, row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(message)
        self.file = file
        self.row = row
        self.column = column


class DateOrderNeeded(ImportProblem):
    """Dates like 03/02/2026 whose day/month order the file does not settle: ask for dmy or mdy."""

    def __init__(self, message: str, *, file: str, columns: list[str], examples: list[str]) -> None:
        super().__init__(message, file=file, column=columns[0] if columns else None)
        self.columns = columns
        self.examples = examples


class OwnerNeeded(ImportProblem):
    """The export does not say whose it is: ask who the user is and pass it as ``me``."""

    def __init__(self, message: str, *, file: str, candidates: list[str]) -> None:
        super().__init__(message, file=file)
        self.candidates = candidates


@dataclass(frozen=True)
class Rejection:
    """One row of a file that cannot be imported, and why."""

    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        return where(self.file, self.line, self.column) + ": " + self.reason


def where(file: str, line: int | None = None, column: str | None = None) -> str:
    """'Connections.csv, row 12, column "Connected On"' for messages."""
    parts = [file]
    if line is not None:
        parts.append(f"row {line}")
    if column:
        parts.append(f'column "{column}"')
    return ", ".join(parts)


@dataclass
class TableChanges:
    """Rows to insert into and update in one table.

    ``inserts`` carry provisional negative ids (in ``id`` and in reference columns) that
    ``apply`` replaces with real ones; ``updates`` hold ``id`` plus the columns to set,
    where a missing value means "leave as it is".
    """

    table: str
    inserts: pd.DataFrame
    updates: pd.DataFrame
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    """What an import would do, computed without writing anything."""

    kind: str
    seeker_id: int
    file_name: str
    counts: dict[str, dict[str, int]]
    rejected: list[Rejection]
    samples: dict[str, pd.DataFrame]
    changes: list[TableChanges]
    skipped: list[Rejection]
    notes: list[str]
    fingerprint: str
    applied: bool = False
    # Files of an export that were not read at all, each with why (one line each).
    left_out: list[str] = field(default_factory=list)
    # Whose export it is, as the export itself says (its Profile.csv, ...), and how we know; "" if unknown.
    owner: str = ""
    owner_how: str = ""
    # New contacts by where they come from ("connections", "messages and invitations"), for the preview.
    contact_sources: dict[str, int] = field(default_factory=dict)
    # Contacts a tracking sheet names only in rows without a request date (a list of people to ask),
    # per state ("new", "updated", "unchanged"): they get no request, meeting or referral.
    contacts_only: dict[str, int] = field(default_factory=dict)
    # Every request the export holds, whatever ``since``: its sent_on and whether it would be new.
    timeline: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"sent_on": [], "new": []}))
    # Requests sent before this day were left out (the job search started then); None: all history.
    since: date | None = None
    # Mail and calendar: the owner's e-mail address (lower-cased) the import worked with, recorded
    # with the import so a later calendar import knows whose calendar it reads; "" for none.
    owner_address: str = ""


@dataclass(frozen=True)
class ImportResult:
    """An applied import: its id and what it did per entity."""

    import_id: int
    counts: dict[str, dict[str, int]]


@dataclass(frozen=True)
class UndoSummary:
    """What undoing an import removed and restored, per table."""

    import_id: int
    kind: str
    file_name: str
    deleted: dict[str, int]
    restored: dict[str, int]


# The entity, as an import's counts name it, whose records each table holds.
TABLE_ENTITIES = {
    "career_option": "career_options",
    "contact": "contacts",
    "outreach": "requests",
    "meeting": "meetings",
    "meeting_option": "career_option_links",
    "referral": "referrals",
    "contact_note": "notes",
}


def noun(entity: str, n: int) -> str:
    """An entity's name for n records: "contacts", "1 career option" without the number."""
    return entity.replace("_", " ").removesuffix("s" if n == 1 else "")


def undo_text(summary: UndoSummary) -> str:
    """What an undo did, in words: "removed 154 contacts and 61 requests; put back ... 1 contact"."""

    def listed(counts: dict[str, int]) -> list[str]:
        return [f"{n} {noun(TABLE_ENTITIES[t], n)}" for t in IMPORT_TABLES if (n := counts.get(t, 0))]

    def joined(parts: list[str]) -> str:
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)

    removed, restored = listed(summary.deleted), listed(summary.restored)
    text = f"removed {joined(removed)}" if removed else "removed nothing"
    return text + (f"; put back the earlier values of {joined(restored)}" if restored else "")


def empty_counts(*entities: str) -> dict[str, dict[str, int]]:
    """A zero count of each state for each entity."""
    return {entity: dict.fromkeys(ENTITY_STATES, 0) for entity in entities}


def report(progress: Progress | None, fraction: float, message: str) -> None:
    """Tell the caller how far along we are, if they asked."""
    if progress is not None:
        progress(min(max(fraction, 0.0), 1.0), message)


def sql_text(value: str) -> str:
    """A value as an SQL string literal, for the few statements that take no parameter."""
    return "'" + value.replace("'", "''") + "'"


def first_row(conn: Connection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    """The first row of a query, with the whole result consumed."""
    found = conn.execute(sql, list(params)).fetchall()
    return tuple(found[0]) if found else None


def frame(conn: Connection, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """A query's result as a DataFrame (through Arrow: dates as datetime64, text as str)."""
    return conn.sql(sql, params=list(params)).to_arrow_table().to_pandas(date_as_object=False)


def read_source(
    source: str | os.PathLike[str] | bytes | bytearray | IO[bytes], file_name: str | None, *, what: str
) -> tuple[str, bytes]:
    """The file's name and bytes, from a path, bytes or a binary file object; ``what`` names the file
    a folder was given for ("the spreadsheet file")."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = file_name or path.name
        if path.is_dir():
            raise ImportProblem(f"{label} is a folder; choose {what} itself.", file=label)
        if not path.is_file():
            raise ImportProblem(f"{label}: no such file.", file=label)
        try:
            return label, path.read_bytes()
        except OSError as exc:
            raise ImportProblem(f"{label} could not be read: {exc}", file=label) from exc
    label = file_name or "upload"
    if isinstance(source, (bytes, bytearray)):
        return label, bytes(source)
    data = source.read()
    if not isinstance(data, (bytes, bytearray)):
        raise ImportProblem(f"{label}: expected the file's bytes, got text.", file=label)
    return label, bytes(data)


def rows_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A plan's rows as a frame; integer columns nullable so missing values stay NULL."""
    data = pd.DataFrame(rows)
    for column in data.columns:
        values = data[column].dropna()
        if not values.empty and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            data[column] = data[column].astype("Int64")
    return data


def count(conn: Connection, sql: str, params: Sequence[Any] = ()) -> int:
    """A query's single number (0 if none)."""
    row = first_row(conn, sql, params)
    return int(row[0]) if row and row[0] is not None else 0


def require_seeker(conn: Connection, seeker_id: int) -> None:
    """Refuse an import for a seeker that does not exist."""
    if not count(conn, "SELECT count(*) FROM seeker WHERE id = ?", [seeker_id]):
        raise ImportProblem(f"No seeker with id {seeker_id}; choose or add the seeker first.")


def store_fingerprint(conn: Connection, seeker_id: int) -> str:
    """A digest of the seeker's rows an import reads, to notice changes between plan and apply."""
    parts = []
    for table in (*IMPORT_TABLES, "import_run"):
        row = first_row(
            conn,
            f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM {table} t WHERE seeker_id = ?",
            [seeker_id],
        )
        parts.append(f"{table}:{row[0]}:{row[1]}" if row else table)
    return "|".join(parts)


def total(counts: dict[str, dict[str, int]], state: str) -> int:
    """How many records of every entity are in one state ("new", "updated", ...)."""
    return sum(states.get(state, 0) for states in counts.values())


def summary(counts: dict[str, dict[str, int]]) -> str:
    """What an import did, per entity: "154 new contacts, 1 new request; 3 contacts updated"."""

    def listed(state: str, template: str) -> list[str]:
        return [
            template.format(n=n, entity=noun(entity, n))
            for entity, states in counts.items()
            if (n := states.get(state, 0))
        ]

    new, updated = listed("new", "{n} new {entity}"), listed("updated", "{n} {entity} updated")
    return (", ".join(new) or "nothing new") + (f"; {', '.join(updated)}" if updated else "")
