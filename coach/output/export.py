"""Getting data out: the weekly HTML report, CSV tables, a calendar of due items, backup and restore."""

from __future__ import annotations

import csv
import errno
import functools
import hashlib
import html
import io
import itertools
import json
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from coach import store, wording
from coach.labels import label
from coach.output.report import build_report
from coach.rules import evidence, followups, privacy, suggest, weekly
from coach.store import db, registry
from coach.store.db import Connection, Invalid, StoreBusy, StoreError
from coach.wording import plural

# --- CSV -------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A cell a spreadsheet will show as text: a leading =, +, -, @ (or tab) gets a quote in front."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV with every cell escaped against spreadsheet formulas."""
    safe = frame.astype(object).where(frame.notna(), None).map(escape_cell)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def seeker_tables(conn: Connection, seeker: store.Seeker, *, share: bool) -> dict[str, pd.DataFrame]:
    """The contacts, requests and meetings of a seeker, made safe to show when ``share``."""
    tables = {
        "contacts": store.load_contacts(conn, seeker.id),
        "requests": store.load_outreach(conn, seeker.id),
        "meetings": store.load_meetings(conn, seeker.id),
    }
    if share:
        loaders = {"contacts": "contacts", "requests": "outreach", "meetings": "meetings"}
        scrubber = store.scrubber(conn, seeker.id)
        tables = {
            name: privacy.share_safe(
                frame, registry.LOADERS[loaders[name]].share, aliases=False, scrubber=scrubber
            )
            for name, frame in tables.items()
        }
    return tables


def export_csv(conn: Connection, seeker: store.Seeker, folder: Path, *, share: bool = False) -> list[Path]:
    """Write contacts.csv, requests.csv and meetings.csv into ``folder``; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in seeker_tables(conn, seeker, share=share).items():
        path = folder / f"{name}.csv"
        path.write_text(csv_text(frame), encoding="utf-8")
        written.append(path)
    return written


# --- calendar --------------------------------------------------------------


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545)."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    return [*parts, current]


def calendar(items: Iterable[followups.DueItem], *, seeker_name: str, stamp: datetime) -> str:
    """An iCalendar file with one all-day event per due item, on its due day."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Informational Interview Coach//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(f'Follow-ups: {seeker_name}')}",
    ]
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.key.replace(':', '-')}-{item.due_on:%Y%m%d}@interview-coach",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{item.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due_on + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(item.title)}",
            f"CATEGORIES:{_ics_text(label(item.kind))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


# --- backup and restore ----------------------------------------------------
#
# A backup is DuckDB's EXPORT DATABASE in Parquet (schema.sql, load.sql, one .parquet file per
# table) plus manifest.json: the format and schema versions, each table's row count and the size
# and sha256 of every file. A restore never runs SQL taken from the file: it builds the schema
# from this program's own migrations, checks that schema.sql and load.sql are exactly what this
# version writes, and loads only the Parquet files of known tables, column by known column.

MANIFEST = "manifest.json"
LEGACY_MANIFEST = "coach-backup.txt"  # what backups held before manifest.json
FORMAT = "informational-interview-coach backup"
FORMAT_VERSION = 2
SQL_FILES = ("schema.sql", "load.sql")
MAX_TEXT_BYTES = 4 << 20  # the manifest and the two SQL files
MAX_ENTRY_BYTES = 1 << 30  # any one file, uncompressed
MAX_TOTAL_BYTES = 4 << 30
RATIO_FROM_BYTES = 100 << 20  # beyond this size a file may not be compressed more than 100:1
MAX_RATIO = 100
MAX_ROWS = 20_000_000  # rows of one table
MAX_ID = 2**31 - 1  # ids are INTEGER


def _quote(name: str) -> str:
    """An identifier for SQL text (only names from this program's own schema reach it)."""
    return '"' + name.replace('"', '""') + '"'


def _sql_text(value: str) -> str:
    """A string literal for SQL text, for the statements that take no parameter (EXPORT DATABASE)."""
    return "'" + value.replace("'", "''") + "'"


def _tables(conn: Connection) -> list[str]:
    found = conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY table_name"
    ).fetchall()
    return [str(row[0]) for row in found]


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(path: str, out_file: Path) -> Path:
    """Write the whole store to one zip file (DuckDB's EXPORT DATABASE in Parquet, and a manifest)."""
    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "export"
        with db.session(path, create="never") as conn:
            version = db.schema_version(conn)
            conn.execute(f"EXPORT DATABASE {_sql_text(str(exported))} (FORMAT parquet)")
            counts = {t: int(db.scalar(conn, f"SELECT count(*) FROM {_quote(t)}")) for t in _tables(conn)}
        files = sorted(exported.iterdir())
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": version,
            "made_at": datetime.now().isoformat(timespec="seconds"),
            "tables": counts,
            "files": {f.name: {"bytes": f.stat().st_size, "sha256": _sha256(f)} for f in files},
        }
        out_file.parent.mkdir(parents=True, exist_ok=True)
        partial = out_file.with_name(out_file.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in files:
                archive.write(file, file.name)
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        os.replace(partial, out_file)
    return out_file


@dataclass(frozen=True)
class Restored:
    """What a restore did: how many seekers it brought back, where the store it replaced was kept."""

    seekers: int
    kept: Path | None


@dataclass(frozen=True)
class _Schema:
    """What this version writes for one schema version: schema.sql and each table's columns."""

    version: int
    schema_sql: tuple[str, ...]  # its lines, sequences' START values as 1
    columns: dict[str, tuple[tuple[str, str], ...]]  # table: (column, type), in order
    sequences: tuple[str, ...]


@functools.cache
def _schema(version: int) -> _Schema:
    conn = duckdb.connect(":memory:")
    try:
        db.migrate(conn, target=version)
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "export"
            conn.execute(f"EXPORT DATABASE {_sql_text(str(folder))} (FORMAT parquet)")
            text = (folder / "schema.sql").read_text(encoding="utf-8")
        columns = {
            table: tuple(
                (str(name), str(kind))
                for name, kind in conn.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                    "AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index",
                    [table],
                ).fetchall()
            )
            for table in _tables(conn)
        }
        sequences = tuple(
            str(row[0])
            for row in conn.execute("SELECT sequence_name FROM duckdb_sequences() ORDER BY 1").fetchall()
        )
    finally:
        conn.close()
    lines, _ = _schema_lines(text)
    return _Schema(version, lines, columns, sequences)


_SEQUENCE = re.compile(
    r"(CREATE SEQUENCE (\w+) INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START )"
    r"(\d{1,19})( NO CYCLE;)"
)
_COPY = re.compile(r"COPY (\w+) FROM '((?:[^']|'')*)' \(FORMAT 'parquet'\);")


def _schema_lines(text: str) -> tuple[tuple[str, ...], dict[str, int]]:
    """schema.sql's lines with every sequence's START as 1, and the START values found."""
    lines, starts = [], {}
    for line in text.rstrip("\n").split("\n"):
        match = _SEQUENCE.fullmatch(line)
        if match:
            starts[match[2]] = int(match[3])
            line = f"{match[1]}1{match[4]}"
        lines.append(line)
    return tuple(lines), starts


@dataclass(frozen=True)
class _Unpacked:
    folder: Path
    schema: _Schema
    rows: dict[str, int] | None  # from the manifest; None for a backup made before it
    starts: dict[str, int]


def _refuse(backup_file: Path, why: str) -> Invalid:
    return Invalid(f"{backup_file} was refused: {why}. Nothing was restored, and nothing in it was run.")


def _unpack(backup_file: Path, folder: Path) -> _Unpacked:
    """Check a backup zip and copy its files into ``folder``; refuse anything this program never wrote."""
    try:
        archive = zipfile.ZipFile(backup_file)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise Invalid(f"{backup_file} is not a backup of this program ({exc}).") from None
    newest = db.migrations()[-1].version
    data_files = {f"{table}.parquet" for table in _schema(newest).columns}
    allowed = {MANIFEST, LEGACY_MANIFEST, *SQL_FILES} | data_files
    with archive:
        entries = archive.infolist()
        names = [entry.filename for entry in entries]
        if not {"schema.sql", "load.sql"} <= set(names) or not {MANIFEST, LEGACY_MANIFEST} & set(names):
            raise Invalid(
                f"{backup_file} is not a backup of this program (no {MANIFEST}, schema.sql or load.sql)."
            )
        total = 0
        for entry in entries:
            name = entry.filename
            if name not in allowed:
                raise _refuse(backup_file, f"it holds {name!r}, which no backup of this program holds")
            if names.count(name) > 1:
                raise _refuse(backup_file, f"it holds {name} twice")
            limit = MAX_ENTRY_BYTES if name in data_files else MAX_TEXT_BYTES
            size, packed = entry.file_size, max(entry.compress_size, 1)
            if size > limit or (size > RATIO_FROM_BYTES and size > MAX_RATIO * packed):
                raise _refuse(
                    backup_file,
                    f"{name} would unpack to {size / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB, "
                    "far more than any backup of this program",
                )
            total += size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(backup_file, f"it would unpack to {total / 1e9:,.1f} GB")
        for entry in entries:
            try:
                with archive.open(entry) as source, (folder / entry.filename).open("wb") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
            except (zipfile.BadZipFile, zlib.error, RuntimeError, EOFError, ValueError) as exc:
                raise _refuse(backup_file, f"{entry.filename} cannot be read ({exc})") from None
    found = set(names)
    try:
        if MANIFEST in found:
            version, rows = _check_manifest(backup_file, folder, found)
        else:
            version, rows = _legacy_version(backup_file, folder), None
        schema_text = (folder / "schema.sql").read_text(encoding="utf-8")
        load_text = (folder / "load.sql").read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(backup_file, f"a text file in it is not text ({exc.reason})") from None
    if version > newest:
        raise _refuse(
            backup_file,
            f"it was written by a newer version of this program (schema {version}, this version knows "
            f"up to {newest}); upgrade the program to restore it",
        )
    schema = _schema(version)
    expected = {f"{table}.parquet" for table in schema.columns}
    if found & data_files != expected:
        odd = sorted((found & data_files) ^ expected)
        raise _refuse(backup_file, f"its data files do not match schema {version} ({', '.join(odd)})")
    lines, starts = _schema_lines(schema_text)
    if lines != schema.schema_sql or set(starts) != set(schema.sequences):
        raise _refuse(backup_file, "its schema.sql is not the one this program writes")
    if any(start > MAX_ID + 1 for start in starts.values()):
        raise _refuse(backup_file, "its schema.sql starts ids beyond what the store holds")
    _check_load_sql(backup_file, load_text, schema)
    return _Unpacked(folder, schema, rows, starts)


def _check_manifest(backup_file: Path, folder: Path, found: set[str]) -> tuple[int, dict[str, int]]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise _refuse(backup_file, f"its {MANIFEST} cannot be read ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(backup_file, f"its {MANIFEST} is not that of a backup of this program")
    fmt, version = manifest.get("format_version"), manifest.get("schema_version")
    files, tables = manifest.get("files"), manifest.get("tables")
    if not (isinstance(fmt, int) and isinstance(version, int) and isinstance(files, dict)):
        raise _refuse(backup_file, f"its {MANIFEST} lacks its versions or its list of files")
    if fmt > FORMAT_VERSION:
        raise _refuse(backup_file, "it was written by a newer version of this program; upgrade to restore it")
    if not isinstance(tables, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in tables.items()
    ):
        raise _refuse(backup_file, f"its {MANIFEST} lacks the row count of each table")
    if set(files) != found - {MANIFEST}:
        odd = sorted(set(files) ^ (found - {MANIFEST}))
        raise _refuse(backup_file, f"its files do not match its {MANIFEST} ({', '.join(odd)})")
    for name, entry in sorted(files.items()):
        file = folder / name
        if (
            not isinstance(entry, dict)
            or entry.get("bytes") != file.stat().st_size
            or entry.get("sha256") != _sha256(file)
        ):
            raise _refuse(backup_file, f"{name} fails its checksum (changed or damaged since the backup)")
    return version, tables


def _legacy_version(backup_file: Path, folder: Path) -> int:
    first = (folder / LEGACY_MANIFEST).read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.fullmatch(r"schema (\d{1,4})", first.strip())
    if not match:
        raise _refuse(backup_file, f"its {LEGACY_MANIFEST} does not say which schema it holds")
    return int(match[1])


def _check_load_sql(backup_file: Path, text: str, schema: _Schema) -> None:
    """load.sql holds exactly one COPY of each table from its Parquet file in the export folder."""
    seen: list[str] = []
    folders = set()
    for line in text.rstrip("\n").split("\n"):
        match = _COPY.fullmatch(line)
        file = match[2].replace("''", "'") if match else ""
        if not match or not (file == f"{match[1]}.parquet" or file.endswith(f"/{match[1]}.parquet")):
            raise _refuse(backup_file, "its load.sql is not the one this program writes")
        seen.append(match[1])
        folders.add(file[: -len(f"{match[1]}.parquet")])
    if sorted(seen) != sorted(schema.columns) or len(folders) != 1:
        raise _refuse(backup_file, "its load.sql is not the one this program writes")


def _load(conn: Connection, backup_file: Path, unpacked: _Unpacked) -> None:
    """Load the Parquet file of each known table, known columns only; advance the id sequences."""
    schema = unpacked.schema
    for table, columns in schema.columns.items():
        name = f"{table}.parquet"
        file = str(unpacked.folder / name)
        found = conn.execute("DESCRIBE SELECT * FROM read_parquet(?)", [file]).fetchall()
        if sorted((str(row[0]), str(row[1])) for row in found) != sorted(columns):
            want = ", ".join(f"{c} {t}" for c, t in columns)
            got = ", ".join(f"{row[0]} {row[1]}" for row in found)
            raise _refuse(
                backup_file, f"{name} has columns this program does not know ({got}; expected {want})"
            )
        rows = int(db.scalar(conn, "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(?)", [file]))
        size = int(
            db.scalar(
                conn, "SELECT coalesce(sum(total_uncompressed_size), 0) FROM parquet_metadata(?)", [file]
            )
        )
        if rows > MAX_ROWS or size > MAX_ENTRY_BYTES:
            raise _refuse(
                backup_file, f"{name} holds {rows:,} rows in {size / 1e6:,.0f} MB, far beyond any store"
            )
        if unpacked.rows is not None and unpacked.rows.get(table) != rows:
            raise _refuse(
                backup_file, f"{name} holds {rows} rows, its manifest says {unpacked.rows.get(table)}"
            )
        if table == "table_change":  # the new store counts its own changes from its first one
            continue
        if table == "schema_version":  # the migrations just applied wrote these rows themselves
            newest = db.scalar(conn, "SELECT coalesce(max(version), 0) FROM read_parquet(?)", [file])
            if newest != schema.version:
                raise _refuse(backup_file, f"{name} says schema {newest}, the backup says {schema.version}")
            continue
        listed = ", ".join(_quote(column) for column, _ in columns)
        conn.execute(f"INSERT INTO {_quote(table)} ({listed}) SELECT {listed} FROM read_parquet(?)", [file])
    for sequence in schema.sequences:
        table = sequence.removesuffix("_id_seq")
        top = unpacked.starts.get(sequence, 1) - 1
        if table in schema.columns and ("id", "INTEGER") in schema.columns[table]:
            top = max(top, int(db.scalar(conn, f"SELECT coalesce(max(id), 0) FROM {_quote(table)}")))
        if top >= 1:
            conn.execute("SELECT setval(?, ?)", [sequence, top])


def _keep(path: str, why: str) -> Path:
    """Keep the store at ``path`` (and its log) under a new name no file has, ``<path>.<why>-<stamp>``.

    The kept names are hard links (a copy where links are not possible), so ``path`` itself is
    untouched and never overwritten, and an existing file is never overwritten by the kept one.
    """
    stamp = datetime.now().strftime(db.KEPT_STAMP)
    for attempt in itertools.count(1):
        kept = Path(f"{path}.{why}-{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        if os.path.lexists(kept) or os.path.lexists(f"{kept}.wal"):
            continue
        try:
            if os.path.exists(path):
                _link(path, kept)
        except FileExistsError:
            continue
        try:
            if os.path.exists(path + ".wal"):
                _link(path + ".wal", Path(f"{kept}.wal"))
        except BaseException:
            with suppress(OSError):
                os.unlink(kept)
            raise
        return kept
    raise AssertionError("unreachable")


_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _link(source: str, target: Path) -> None:
    """A second name for ``source``; a copy where the file system has no links. Never overwrites."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        partial = Path(f"{target}.partial")
        shutil.copyfile(source, partial)
        os.link(partial, target)  # still refuses an existing name
        os.unlink(partial)


def set_aside(path: str, why: str) -> Path | None:
    """Move a store file (and its write-ahead log) out of the way, kept as ``<path>.<why>-<stamp>``.

    The kept name is always new: nothing is ever overwritten.
    """
    if not os.path.exists(path):
        return None
    kept = _keep(path, why)
    if os.path.exists(path + ".wal"):
        os.unlink(path + ".wal")
    os.unlink(path)
    return kept


def put_back(kept: Path, path: str) -> None:
    """Make a kept store file (see :func:`set_aside`) the store at ``path`` again, with its log.

    Refused while anything is at ``path``: nothing is ever overwritten.
    """
    name = Path(path).name
    if not kept.name.startswith(name + ".") or kept.parent != Path(path).parent:
        raise Invalid(f"{kept} is not a store kept beside {path}.")
    if os.path.lexists(path) or os.path.lexists(path + ".wal"):
        raise Invalid(f"There is a store at {path} already; {kept.name} was left as it is.")
    try:
        if os.path.exists(f"{kept}.wal"):
            os.link(f"{kept}.wal", path + ".wal")
        os.link(kept, path)
    except OSError as exc:
        with suppress(OSError):
            if os.path.samefile(f"{kept}.wal", path + ".wal"):
                os.unlink(path + ".wal")
        raise StoreError(f"Could not put {kept.name} back as {path} ({exc}); it was left as it is.") from None
    for second_name in (kept, Path(f"{kept}.wal")):
        with suppress(FileNotFoundError):
            os.unlink(second_name)


def _swap_in(fresh: str, path: str) -> Path | None:
    """Put the complete store ``fresh`` at ``path``; keep the store it replaces; return its kept name.

    At every instant ``path`` holds the old store or the new one: the old one is first given a
    second name (see :func:`_keep`), then the new one replaces it in one step, then the old log's
    name is removed. Stopped between the last two, the next open recognises the old log as kept
    (coach.store.db.tidy_interrupted_swap) rather than replay it into the new store.
    """
    existed = os.path.exists(path)
    kept = None
    try:
        if existed or os.path.exists(path + ".wal"):
            kept = _keep(path, "replaced")
        os.replace(fresh, path)
    except OSError as exc:
        if kept is not None:  # only second names of the store at the path: remove them
            for name in (kept, Path(f"{kept}.wal")):
                with suppress(OSError):
                    os.unlink(name)
        raise StoreError(
            f"Nothing was restored into {path}: the new store could not be put in place ({exc}). "
            "The store there is unchanged."
        ) from None
    if kept is not None and os.path.exists(path + ".wal"):
        try:
            os.unlink(path + ".wal")
        except OSError as exc:
            raise StoreError(
                f"The backup was restored into {path}, but the replaced store's log {path}.wal could not "
                f"be removed ({exc}); nothing was lost: it is kept as {kept}.wal and is never replayed "
                "into the restored store."
            ) from None
    return kept if existed else None


def restore(backup_file: Path, path: str, *, force: bool = False) -> Restored:
    """Rebuild the store at ``path`` from a backup; return the number of seekers restored.

    A store that already holds seekers (or cannot be read) is only replaced with
    ``force``. The backup is checked and loaded into a new file first and swapped in only
    once complete; the file it replaces is kept beside it (see :func:`set_aside`).
    """
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = _unpack(backup_file, Path(scratch))
        # Opening the store also folds a log left by a crash into it, and refuses while
        # another process holds it: that process would go on writing into the kept file.
        if os.path.exists(path) and not _is_empty_store(path) and not force:
            raise Invalid(f"{path} already holds data. Add --force to replace it with the backup.")
        fresh = f"{path}.restoring"
        try:
            _clear_leftover(fresh, path)
        except OSError as exc:
            raise StoreError(
                f"Nothing was restored into {path}: {fresh}, left by an earlier restore, could not be "
                f"moved out of the way ({exc}). The store there is unchanged."
            ) from None
        try:
            count = _build(backup_file, fresh, unpacked)
        except BaseException:
            for leftover in (fresh, fresh + ".wal"):
                with suppress(OSError):
                    os.remove(leftover)
            raise
        kept = _swap_in(fresh, path)
    return Restored(count, kept)


def _clear_leftover(fresh: str, path: str) -> None:
    """Move a new store left by a restore that stopped before its swap out of the way."""
    if os.path.exists(fresh):
        if os.path.exists(path):  # never swapped in: only a copy of some backup
            os.remove(fresh)
        else:  # perhaps the only store left: keep it
            set_aside(fresh, "interrupted")
    if os.path.exists(fresh + ".wal"):
        os.remove(fresh + ".wal")


def _build(backup_file: Path, fresh: str, unpacked: _Unpacked) -> int:
    conn = db.connect(fresh)
    try:
        db.migrate(conn, label=str(backup_file), target=unpacked.schema.version)
        try:
            conn.execute("BEGIN TRANSACTION")
            _load(conn, backup_file, unpacked)
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            detail = str(exc).split("\n", 1)[0]
            raise _refuse(
                backup_file, f"its data breaks the store's rules or cannot be read ({detail})"
            ) from None
        db.migrate(conn, label=str(backup_file))
        if db.reference_problems(conn):
            raise _refuse(backup_file, "it holds broken links between records")
        count = int(db.scalar(conn, "SELECT count(*) FROM seeker"))
        conn.execute("CHECKPOINT")
    finally:
        conn.close()
    if os.path.exists(fresh + ".wal"):
        raise StoreError(f"The restored store {fresh} was not written completely; nothing was restored.")
    return count


def _is_empty_store(path: str) -> bool:
    """Whether the store holds no seeker; False if it cannot be read; StoreBusy while it is held."""
    try:
        with db.session(path, create="never") as conn:
            return db.is_empty(conn)
    except StoreBusy:
        raise
    except StoreError:
        return False


# --- the weekly HTML report ------------------------------------------------


def _rate(rate: dict[str, Any]) -> str:
    if not rate["n"]:
        return "none closed yet"
    return (
        f"{rate['k']} of {rate['n']} ({rate['rate']:.0%}, 95% interval {rate['low']:.0%}–{rate['high']:.0%})"
    )


def _fit(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{int(value)} of 5"


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    """A report cell as the screens show it: a date in the one date style, "—" when empty."""
    return wording.day(value) if isinstance(value, date | pd.Timestamp) else wording.text(value)


def _plan_html(plan: weekly.WeeklyPlan | None) -> str:
    """The people to ask this week, as the screen lists them; nothing for a week that is over."""
    if plan is None:
        return ""
    people = []
    for person in plan.people:
        who, facts, why = weekly.plan_words(person)
        reason = f"<br><span class='muted'>{html.escape(why)}</span>" if why else ""
        people.append(f"<li><b>{html.escape(who)}</b> · {html.escape(facts)}{reason}</li>")
    listed = f"<ul>{''.join(people)}</ul>" if people else ""
    return f"<h3>People to ask this week</h3><p class='muted'>{html.escape(plan.note())}</p>{listed}"


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; color: #222;
       line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .muted { color: #666; }
.numbers { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; margin: 1.5rem 0; }
.number { border: 1px solid #ddd; border-radius: 8px; padding: 0.8rem; }
.number b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #eee; }
.red { color: #D55E00; } .amber { color: #b37a00; } .ok { color: #009E73; }
"""


def weekly_report_html(
    conn: Connection, seeker: store.Seeker, *, week: date, today: date, share: bool = False
) -> str:
    """A standalone HTML weekly report: numbers, tables and charts, viewable with no network.

    The numbers are those of ``coach report --json`` as of the week's last day
    (its Sunday, or today while the week runs). With ``share``, e-mail
    addresses, phone numbers, private notes and other clients' names are left out, by the
    same rules as a shared screen.
    """
    from plotly.offline import get_plotlyjs

    from coach.output import charts

    frames = registry.load_frames(
        conn, seeker.id, "outreach", "meetings", "network", "referrals", "follow_ups", "contacts"
    )
    options = store.list_options(conn, seeker.id)
    meeting_options = store.load_meeting_options(conn, seeker.id)
    scrubber = store.scrubber(conn, seeker.id) if share else None

    def shared(name: str, value: Any) -> Any:
        """A value as a shared screen shows it (see coach.rules.privacy); unchanged when not sharing."""
        if scrubber is None:
            return value
        return privacy.share_safe(value, registry.share_rule(name), aliases=False, scrubber=scrubber)

    frames = {key: shared(key, frame) for key, frame in frames.items()}
    options, meeting_options = shared("options", options), shared("meeting_options", meeting_options)
    found: list[suggest.Suggestion] = []
    if weekly.is_current(week, today):  # who to ask is for the week being lived, as on the screen
        tables = {**frames, "meeting_options": meeting_options}
        targets = shared("targets", store.load_targets(conn, seeker.id))
        found = suggest.for_seeker(
            seeker, options, targets, {name: tables[name] for name in suggest.FRAMES}, as_of=today
        )
    review = weekly.weekly_review(
        seeker,
        **frames,
        options=options,
        meeting_options=meeting_options,
        week=week,
        today=today,
        suggestions=found,
    )
    plan = weekly.plan(review, found, today=today)
    as_of = review.last_day
    # Read from the store itself: every text in them is scrubbed when sharing (no rule: all text).
    due = shared("due", store.due_for(conn, seeker, as_of=as_of))
    report = shared("report", build_report(conn, seeker, as_of=as_of, due=followups.due_counts(due)))
    summary = evidence.outreach_summary(
        frames["outreach"], frames["meetings"], as_of=as_of, window_days=seeker.answer_window_days
    )
    figures = [
        charts.rate_chart(
            {label(k): v for k, v in summary.by_channel.items()},
            "Response rate by channel",
            group_title="Channel",
        ),
        charts.network_growth_chart(evidence.network_growth(frames["network"], as_of=as_of)),
        charts.option_evidence_chart(
            evidence.option_evidence(
                options,
                frames["meetings"],
                meeting_options,
                as_of=as_of,
                **seeker.thresholds,
            ),
            red_min_people=seeker.red_min_people,
            amber_min_people=seeker.amber_min_people,
        ),
    ]
    out = report["outreach"]
    numbers = [
        ("Requests sent this week", f"{review.sent.now} of {review.goal}", review.sent.label()),
        (
            "Response rate",
            f"{out['response_rate']['k']} of {out['response_rate']['n']}",
            _rate(out["response_rate"]),
        ),
        (
            "Acceptance rate",
            f"{out['acceptance_rate']['k']} of {out['acceptance_rate']['n']}"
            + (" known" if out["unmarked"] else ""),
            _rate(out["acceptance_rate"])
            + (f"; {plural(out['unmarked'], 'answer')} not marked yet" if out["unmarked"] else ""),
        ),
        ("Pending", str(out["pending"]), f"{out['sent']} sent, {out['closed']} closed"),
        (
            "Meetings held",
            str(report["meetings"]["held"]),
            "show rate "
            + (
                _rate(report["meetings"]["show_rate"])
                if report["meetings"]["show_rate"]["n"]
                else "—: no request agreed yet"
            ),
        ),
        ("People in the network", str(report["network"]["contacts"]), f"{review.added.now} added this week"),
        (
            "Overdue items",
            str(review.overdue),
            ", ".join(f"{label(k)}: {v}" for k, v in report["due"].items()),
        ),
        ("Answers this week", f"{review.answered.now} of {review.answerable}", review.answered.label()),
    ]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Weekly report: {html.escape(seeker.name)}, week of {wording.day(review.week)}</title>",
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{html.escape(seeker.name)}: week of {wording.day(review.week)}</h1>",
        f"<p class='muted'>Numbers as of {wording.day(as_of)}. Rates are answered ÷ closed requests, "
        "with 95% Wilson intervals; requests still inside their answer window are pending, not failures.</p>",
        "<div class='numbers'>",
        *(
            f"<div class='number' data-name='{html.escape(n)}'>{html.escape(n)}<b>{html.escape(v)}</b>"
            f"<span class='muted'>{html.escape(d)}</span></div>"
            for n, v, d in numbers
        ),
        "</div>",
        "<h2>Career options</h2>",
        _table(
            ["Option", "Status", "People", "Organisations", "Mean fit", "Warning"],
            [
                (
                    o["title"],
                    label(o["status"]),
                    o["people"],
                    o["organisations"],
                    wording.EMPTY if o["mean_fit"] is None else f"{o['mean_fit']:.1f}",
                    label(o["warning"])
                    + (" · decided on too few conversations" if o["decided_on_red"] else ""),
                )
                for o in report["career_options"]
            ],
        ),
        "<h2>Answers this week</h2>",
        _table(
            ["Contact", "Company", "Answer", "On"],
            [
                (r.contact, r.company, label(r.outcome) or "Not marked yet", r.answered_on)
                for r in review.answers.itertuples()
            ],
        )
        if not review.answers.empty
        else "<p class='muted'>No answers this week.</p>",
        "<h2>Conversations this week</h2>",
        _table(
            ["With", "Company", "On", "Fit"],
            [
                (who, company, on, _fit(fit))
                for who, company, on, fit in review.held[["contact", "company", "held_on", "fit"]].itertuples(
                    index=False
                )
            ],
        )
        if not review.held.empty
        else "<p class='muted'>No conversations this week.</p>",
        "<h2>Next week</h2>",
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in review.next_week) + "</ul>",
        _plan_html(plan),
        *(
            figure.to_html(full_html=False, include_plotlyjs=False)
            for figure in figures
            if figure is not None
        ),
        "</body></html>",
    ]
    return "\n".join(parts)
