"""Opening what the user brings (a zip, a folder, one file, uploaded bytes) and reading its CSVs.

CSV files are copied to a scratch folder from their header row on (so preambles such as
LinkedIn's "Notes:" lines and a byte-order mark are gone) and read by DuckDB's ``read_csv``,
strictly. A file DuckDB refuses is read again with Python's csv module, which reports the
offending rows one by one. Row numbers are those a spreadsheet shows: the header's row
plus the data records after it, blank lines included.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import duckdb
import pandas as pd

from coach.importers.common import ImportProblem, Rejection, sql_text, where
from coach.importers.unzip import Refused, open_entry, oversized

SourceLike = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
HEADER_SCAN_BYTES = 256 * 1024
HEADER_SCAN_LINES = 100
DELIMITERS = (",", ";", "\t")
BOM = b"\xef\xbb\xbf"
# A line longer than this (far beyond any field the csv module accepts) is cut when read row by row.
MAX_LINE_CHARS = 1 << 24

# Errors that reading a damaged or foreign file can raise; they become ImportProblem.
READ_ERRORS: tuple[type[BaseException], ...] = (
    duckdb.Error,
    csv.Error,
    UnicodeError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


class Empty(ImportProblem):
    """A file with nothing in it (or only white space)."""


@dataclass(frozen=True)
class Member:
    """One file of what the user brought: its name as they see it, and how to open it."""

    name: str
    opener: Callable[[], IO[bytes]]
    refused: str | None = None  # why it is not read (too large unpacked), as the end of a sentence

    @property
    def base(self) -> str:
        """The file name without folders, lower-cased."""
        return self.name.replace("\\", "/").rsplit("/", 1)[-1].lower()


@dataclass(frozen=True)
class Source:
    """What the user brought: a label for messages and the files in it."""

    label: str
    members: list[Member]
    archive: bool


@dataclass(frozen=True)
class Layout:
    """The columns one kind of file has: field -> accepted header names (normalised)."""

    kind: str
    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...]

    def match(self, header: list[str]) -> dict[str, int] | None:
        """Field -> column index for this header, or None if a required field is missing."""
        names = [normalise_header(h) for h in header]
        found: dict[str, int] = {}
        for name, accepted in self.fields.items():
            for index, column in enumerate(names):
                if column in accepted:
                    found[name] = index
                    break
        if all(name in found for name in self.required):
            return found
        return None

    def describe(self) -> str:
        """The required columns, for messages."""
        return ", ".join(self.fields[name][0].title() for name in self.required)


@dataclass
class Staged:
    """A CSV copied to scratch from its header on, with where its columns are."""

    file: str
    path: Path
    header: list[str]
    delimiter: str
    header_row: int
    columns: dict[str, int]
    row_map: list[int] | None = field(default=None, repr=False)

    def column(self, name: str) -> str:
        """The header of a field as written in the file (for messages)."""
        index = self.columns.get(name)
        return self.header[index].strip() if index is not None else name

    def rows(self, recs: Iterable[int]) -> dict[int, int]:
        """Spreadsheet row numbers of records (numbered from 0 in file order, blank lines skipped)."""
        if self.row_map is None:
            self.row_map = _scan_rows(self)
        known = self.row_map
        return {rec: known[rec] for rec in recs if 0 <= rec < len(known)}


def normalise_header(text: str) -> str:
    """A header as compared: no BOM or quotes, case-folded, spaces collapsed."""
    return " ".join(text.replace("\ufeff", "").strip().strip('"').casefold().split())


# --- opening ---------------------------------------------------------------


@contextmanager
def open_source(source: SourceLike, file_name: str | None) -> Iterator[Source]:
    """Open a path, bytes or file-like object and list the files in it."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = file_name or path.name or str(path)
        if path.is_dir():
            yield Source(label, _folder_members(path), archive=True)
            return
        if not path.is_file():
            raise ImportProblem(f"{label}: no such file or folder.", file=label)
        with path.open("rb") as handle:
            yield from _open_stream(handle, label)
        return
    if isinstance(source, (bytes, bytearray, memoryview)):
        yield from _open_stream(io.BytesIO(bytes(source)), file_name or "upload")
        return
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise ImportProblem(f"{file_name or 'upload'}: expected the file's bytes, got text.")
        yield from _open_stream(io.BytesIO(bytes(data)), file_name or "upload")
        return
    raise ImportProblem(f"Cannot import from a {type(source).__name__}; give a file path or its bytes.")


def _open_stream(handle: IO[bytes], label: str) -> Iterator[Source]:
    head = handle.read(4)
    handle.seek(0)
    if not head:
        raise ImportProblem(f"{label} is empty.", file=label)
    if head in ZIP_MAGIC:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ImportProblem(
                f"{label} is not a readable zip file ({exc}); download it again.", file=label
            ) from exc
        with archive:
            yield Source(label, _zip_members(archive), archive=True)
        return
    if label.lower().endswith(".zip"):
        raise ImportProblem(f"{label} is not a zip file (it does not start like one).", file=label)
    data = handle.read()
    yield Source(label, [Member(label, lambda: io.BytesIO(data))], archive=False)


def _zip_members(archive: zipfile.ZipFile) -> list[Member]:
    members = []
    for info in archive.infolist():
        name = info.filename
        if info.is_dir() or name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith("._"):
            continue
        members.append(Member(name, _zip_opener(archive, info, name), oversized(info)))
    return members


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Callable[[], IO[bytes]]:
    return lambda: open_entry(archive, info, name)


def _folder_members(folder: Path) -> list[Member]:
    members = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
            members.append(Member(relative, _path_opener(path)))
    return members


def _path_opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def pick(source: Source, base_names: Iterable[str]) -> Member | None:
    """The file with one of these names (any case, any folder), the shallowest if several."""
    wanted = set(base_names)
    found = [m for m in source.members if m.base in wanted]
    if not found:
        return None
    found.sort(key=lambda m: (m.name.count("/"), m.name))
    if len(found) > 1 and found[0].name.count("/") == found[1].name.count("/"):
        raise ImportProblem(
            f"{source.label} holds two files called {found[0].base} ({found[0].name}, {found[1].name}); "
            "import one export at a time.",
            file=source.label,
        )
    return found[0]


# --- staging ---------------------------------------------------------------


def stage(member: Member, layouts: list[Layout], scratch: Path) -> tuple[Layout, Staged]:
    """Copy a CSV to scratch from its header row on; the layout whose header it has.

    Raises :class:`Refused` for a zip entry too large to unpack (nothing of it is read) or one that
    holds more than its header says, and :class:`Empty` for a file with nothing in it.
    """
    if member.refused:
        raise Refused(f"{member.name} {member.refused}.", file=member.name)
    try:
        with member.opener() as stream:
            chunk = stream.read(HEADER_SCAN_BYTES)
            if not chunk.strip(BOM + b" \t\r\n"):
                raise Empty(f"{member.name} is empty.", file=member.name)
            complete = len(chunk) < HEADER_SCAN_BYTES
            body = chunk[len(BOM) :] if chunk.startswith(BOM) else chunk
            layout, offset, header, delimiter, header_row, columns = _find_header(
                member.name, body, layouts, complete
            )
            target = scratch / f"{layout.kind}-{len(list(scratch.iterdir()))}.csv"
            with target.open("wb") as out:
                out.write(body[offset:])
                shutil.copyfileobj(stream, out, 1024 * 1024)
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise ImportProblem(
            f"{member.name} could not be read from the archive ({exc}); the file may be damaged or "
            "incomplete: download it again.",
            file=member.name,
        ) from exc
    return layout, Staged(member.name, target, header, delimiter, header_row, columns)


def _find_header(
    name: str, body: bytes, layouts: list[Layout], complete: bool
) -> tuple[Layout, int, list[str], str, int, dict[str, int]]:
    lines = body.splitlines(keepends=True)
    if not complete and lines:
        lines = lines[:-1]
    offset = 0
    for index, raw in enumerate(lines[:HEADER_SCAN_LINES]):
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            offset += len(raw)
            continue
        for delimiter in DELIMITERS:
            header = _split_line(text, delimiter)
            for layout in layouts:
                columns = layout.match(header)
                if columns is not None:
                    preamble = b"".join(lines[:index]).decode("utf-8", "replace")
                    return layout, offset, header, delimiter, _count_records(preamble, delimiter) + 1, columns
        offset += len(raw)
    kinds = " or ".join(f"a {layout.kind} file ({layout.describe()})" for layout in layouts)
    raise ImportProblem(
        f"{name}: no header row found in its first {HEADER_SCAN_LINES} lines. Expected {kinds}; "
        "is this a file of another program?",
        file=name,
    )


def _split_line(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return []


def _count_records(text: str, delimiter: str) -> int:
    if not text:
        return 0
    try:
        return sum(1 for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return text.count("\n")


# --- reading ---------------------------------------------------------------


def load(
    pconn: duckdb.DuckDBPyConnection, staged: Staged, table: str, fields: Iterable[str], select: str = "*"
) -> list[Rejection]:
    """Read a staged CSV into ``table``; rows that are not CSV are returned.

    The table has one text column per field (NULL where the file lacks it), or what ``select``
    makes of them, and its rowid numbers the records in file order.
    """
    names = ", ".join(
        f'c{staged.columns[f]} AS "{f}"' if f in staged.columns else f'NULL::VARCHAR AS "{f}"' for f in fields
    )
    columns = "{" + ", ".join(sql_text(f"c{i}") + ": 'VARCHAR'" for i in range(len(staged.header))) + "}"
    source = (
        f"read_csv(?, header = true, auto_detect = false, columns = {columns}, delim = ?, quote = '\"', "
        "escape = '\"', strict_mode = true, null_padding = false)"
    )
    try:
        pconn.execute(
            f"CREATE TABLE {table} AS SELECT {select} FROM (SELECT {names} FROM {source})",
            [str(staged.path), staged.delimiter],
        )
        return []
    except duckdb.Error:
        pconn.execute(f"DROP TABLE IF EXISTS {table}")
    frame, rows, rejected = _python_read(staged)
    staged.row_map = rows
    pconn.register("_staged_rows", frame)
    try:
        pconn.execute(f"CREATE TABLE {table} AS SELECT {select} FROM (SELECT {names} FROM _staged_rows)")
    finally:
        pconn.unregister("_staged_rows")
    return rejected


def _python_read(staged: Staged) -> tuple[pd.DataFrame, list[int], list[Rejection]]:
    width = len(staged.header)
    good: list[list[str]] = []
    rows: list[int] = []
    rejected: list[Rejection] = []
    row = staged.header_row
    with staged.path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(_lines(handle), delimiter=staged.delimiter, strict=True)
        try:
            next(reader, None)
            while True:
                row += 1
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    rejected.append(Rejection(staged.file, row, None, f"is not valid CSV ({exc})"))
                    continue
                if not record:
                    continue
                if len(record) != width:
                    reason = f"has {len(record)} fields where the header has {width}"
                    rejected.append(Rejection(staged.file, row, None, reason))
                    continue
                good.append(record)
                rows.append(row)
        except UnicodeDecodeError as exc:
            bad_row, reason = _first_non_utf8(staged)
            raise ImportProblem(
                f"{where(staged.file, bad_row)}: the file is not UTF-8 text ({reason}). "
                "Save it as UTF-8 (in Excel: 'CSV UTF-8') and import it again.",
                file=staged.file,
                row=bad_row,
            ) from exc
    frame = pd.DataFrame(good, columns=[f"c{i}" for i in range(width)], dtype=object)
    return frame, rows, rejected


def _lines(handle: IO[str], limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """A text file's lines, each cut to ``limit`` characters: the rest of a longer line is skipped
    unread into memory, and the csv module rejects what is left of it (a field past its limit, or
    a record of the wrong width), so one huge field never has to fit in memory."""
    while line := handle.readline(limit):
        if len(line) == limit and not line.endswith(("\n", "\r")):
            while (rest := handle.readline(limit)) and not rest.endswith(("\n", "\r")):
                pass
        yield line


def _first_non_utf8(staged: Staged) -> tuple[int | None, str]:
    """The spreadsheet row holding the file's first byte that is not UTF-8, and why."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text: list[str] = []
    with staged.path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            pending = decoder.getstate()[0]
            try:
                text.append(decoder.decode(chunk))
            except UnicodeDecodeError as exc:
                text.append((pending + chunk)[: exc.start].decode("utf-8", "replace"))
                prefix = io.StringIO("".join(text), newline="")
                records = sum(1 for _ in csv.reader(prefix, delimiter=staged.delimiter))
                return staged.header_row + records - 1, exc.reason
    return None, "unknown"


def _scan_rows(staged: Staged) -> list[int]:
    """The spreadsheet row of each non-blank record, as DuckDB counts records."""
    rows: list[int] = []
    row = staged.header_row
    with staged.path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(_lines(handle), delimiter=staged.delimiter)
        next(reader, None)
        while True:
            row += 1
            try:
                record = next(reader)
            except StopIteration:
                return rows
            except csv.Error:
                record = [""]
            if record:
                rows.append(row)
