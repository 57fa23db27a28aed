"""The store: one DuckDB file holding every seeker's data.

A process opens the store for one unit of work and closes it again
(:func:`session`), because while one process holds a DuckDB file read-write
no other process can open it at all. Schema changes are the ordered SQL files
in ``coach/store/schema``; :func:`migrate` applies the missing ones, each in one
transaction together with the row that records it.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import duckdb

# The errors live in coach.errors (the rules raise them too); the store's callers name them here.
from coach.errors import Invalid as Invalid
from coach.errors import NotFound as NotFound
from coach.errors import StoreBusy as StoreBusy
from coach.errors import StoreDamaged as StoreDamaged
from coach.errors import StoreError as StoreError
from coach.errors import StoreInvalid as StoreInvalid
from coach.errors import StoreMissing as StoreMissing
from coach.errors import WriteConflict as WriteConflict
from coach.wording import plural

DEFAULT_PATH = "data/coach.duckdb"
ENV_VAR = "COACH_DB"
BUSY_RETRY_SECONDS = 5.0

Connection = duckdb.DuckDBPyConnection
T = TypeVar("T")

# --- which tables a transaction changed ------------------------------------

SCHEMA_CHANGE = "*"  # the table_change row counting changes to the schema itself
_STATEMENT_START = re.compile(r"(?:^|;)\s*(?:--[^\n]*\n\s*)*(\w+)", re.IGNORECASE)
_WRITE_TARGET = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|COPY)\s+"
    r"(?:main\.)?\"?(\w+)",
    re.IGNORECASE,
)
_SCHEMA_WORDS = {"CREATE", "ALTER", "DROP", "IMPORT"}
_TEMPORARY = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\b", re.IGNORECASE)


def changed_tables(sql: str) -> set[str]:
    """The tables a statement (or several, separated by ";") writes; SCHEMA_CHANGE for a schema change.

    Reads change nothing, nor do temporary objects (``CREATE TEMP TABLE``); what is written to
    a temporary table is filtered out by the caller, which knows the store's own tables.
    """
    changed: set[str] = set()
    for part in sql.split(";"):
        start = _STATEMENT_START.search(part)
        if not start:
            continue
        word = start[1].upper()
        statement = part[start.start(1) :]
        if word in _SCHEMA_WORDS and not _TEMPORARY.match(statement):
            changed.add(SCHEMA_CHANGE)
        elif target := _WRITE_TARGET.match(statement):
            changed.add(target[1].lower())
    return changed


class Counted:
    """A store connection that counts, per table, the committed transactions that changed it.

    Every write through :meth:`execute` notes the table it changes; when the transaction
    commits (or, for a write outside one, in a transaction of its own) the ``table_change``
    row of each is bumped in that same transaction. A reader can then key what it cached
    on the counts of the tables it read (see :func:`table_changes`) and keep it when only
    other tables changed. Everything else is the wrapped DuckDB connection's own.
    """

    def __init__(self, raw: Connection) -> None:
        self._raw = raw
        self._pending: set[str] = set()
        self._in_transaction = False
        self._tables: set[str] | None = None  # the store's own tables, once a write needs them

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def execute(self, sql: str, parameters: Any = None) -> Connection:
        word = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if word in ("BEGIN", "START"):
            result = self._raw.execute(sql, parameters)
            self._in_transaction, self._pending = True, set()
            return result
        if word in ("COMMIT", "END"):
            self._bump()
            self._in_transaction = False
            return self._raw.execute(sql, parameters)
        if word in ("ROLLBACK", "ABORT"):
            self._in_transaction, self._pending = False, set()
            return self._raw.execute(sql, parameters)
        changed = changed_tables(sql)
        if not changed:
            return self._raw.execute(sql, parameters)
        if self._in_transaction:
            result = self._raw.execute(sql, parameters)
            self._pending |= changed
            return result
        # A write on its own: its result (RETURNING rows, say) is read before the count is bumped,
        # in one transaction with it.
        self._raw.execute("BEGIN TRANSACTION")
        try:
            cursor = self._raw.execute(sql, parameters)
            done = _Result(cursor.description, cursor.fetchall() if cursor.description else [])
            self._pending = changed
            self._bump()
        except BaseException:
            self._pending = set()
            self._raw.execute("ROLLBACK")
            raise
        self._raw.execute("COMMIT")
        return cast(Connection, done)

    def _bump(self) -> None:
        pending, self._pending = self._pending, set()
        if not pending:
            return
        if SCHEMA_CHANGE in pending or self._tables is None:
            found = self._raw.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                "AND schema_name = 'main' AND NOT temporary"
            ).fetchall()
            self._tables = {str(row[0]) for row in found}
        if "table_change" not in self._tables:
            return  # a store migrating up to the schema that counts changes
        if SCHEMA_CHANGE in pending:  # a new table gets its row now, so later bumps only update rows
            self._add_rows(sorted({*self._tables, SCHEMA_CHANGE}), changes=0)
        names = sorted(n for n in pending if n in self._tables or n == SCHEMA_CHANGE)
        if not names:
            return
        # An update, never an insert: two tabs bumping one table at once then collide as a conflict
        # (run again by retry_conflicts), not as a duplicate key when the second one commits.
        updated = self._raw.execute(
            "UPDATE table_change SET changes = changes + 1 WHERE name IN (SELECT unnest(?))", [names]
        ).fetchone()
        if not updated or updated[0] < len(names):  # a table made outside the migrations: its first count
            self._add_rows(names, changes=1)

    def _add_rows(self, names: list[str], *, changes: int) -> None:
        """Give each of these tables that has none a table_change row holding ``changes``."""
        self._raw.execute(
            "INSERT INTO table_change SELECT name, ? FROM unnest(?) AS t(name) "
            "WHERE name NOT IN (SELECT name FROM table_change)",
            [changes, names],
        )


class _Result:
    """What a write made on its own returned, read before its transaction committed."""

    def __init__(self, description: Any, found: list[tuple[Any, ...]]) -> None:
        self.description = description
        self._rows = found

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        found, self._rows = self._rows, []
        return found


def table_changes(conn: Connection) -> dict[str, int]:
    """How many committed transactions changed each table (SCHEMA_CHANGE: the schema); none: absent."""
    found = conn.execute("SELECT name, changes FROM table_change").fetchall()
    return {str(name): int(n) for name, n in found}


def resolve_path(cli_value: str | None = None) -> str:
    """The store path: ``--db``, then ``COACH_DB``, then ``data/coach.duckdb``."""
    return cli_value or os.environ.get(ENV_VAR) or DEFAULT_PATH


# --- connections -----------------------------------------------------------

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<prog>.+?) \(PID (?P<pid>\d+)\)")


def _describe_busy(path: str, message: str) -> str:
    held = _LOCK_HOLDER.search(message)
    holder = f"{Path(held['prog']).name} (PID {held['pid']})" if held else "another program"
    return f"The store {path} is in use by {holder}. Wait for it to finish or close it, then try again."


_DAMAGED = ("could not read enough bytes", "checksum", "corrupt", "invalid block", "unexpected end of file")
_READ_ONLY = ("permission denied", "read-only file system", "operation not permitted")


def _damaged(path: str, detail: str) -> StoreDamaged:
    return StoreDamaged(
        f"The store {path} is damaged or incomplete, so it was left exactly as it is ({detail}). "
        f"Restore your latest backup (coach restore BACKUP.zip --db {path} --force, or from the screen "
        "the app shows), or point --db or COACH_DB at another file."
    )


def explain(path: str, exc: duckdb.Error) -> StoreError | None:
    """The store problem behind a DuckDB error, said so the user can act on it; None if it is not one."""
    detail = str(exc).split("\n", 1)[0]
    low = detail.lower()
    if any(text in low for text in _READ_ONLY):
        return StoreError(
            f"The store {path} cannot be written: it is read-only on disk ({detail}). Nothing was changed. "
            "Make the file and its folder writable for you, or copy the file to a folder you can write "
            "to and point --db or COACH_DB at the copy."
        )
    if "no space left on device" in low or "disk is full" in low:
        return StoreError(
            f"The disk holding {path} is full, so nothing was written. Free some space and try again."
        )
    if isinstance(exc, (duckdb.SerializationException, duckdb.InternalException)) or (
        isinstance(exc, duckdb.IOException) and any(text in low for text in _DAMAGED)
    ):
        return _damaged(path, detail)
    return None


def connect(path: str, *, retry_seconds: float = BUSY_RETRY_SECONDS) -> Connection:
    """Open the store file read-write, retrying while another process holds it.

    :param path: the DuckDB file, passed to ``duckdb.connect`` as given.
    :param retry_seconds: how long to keep trying while the file is locked.
    """
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if os.path.exists(path + ".wal"):
            tidy_interrupted_swap(path)
    deadline = time.monotonic() + retry_seconds
    delay = 0.05
    while True:
        try:
            return cast(Connection, Counted(duckdb.connect(path)))
        except duckdb.Error as exc:
            message = str(exc)
            # Another process holding the file, or another thread of this one closing the store's
            # last session as this one opens it (the file is briefly still attached): both pass.
            locked = isinstance(exc, duckdb.IOException) and "lock" in message.lower()
            if (locked or _closing_elsewhere(exc)) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
                continue
            if not isinstance(exc, duckdb.IOException):
                raise explain(path, exc) or StoreError(f"Could not open the store {path}: {exc}") from None
            if locked:
                raise StoreBusy(_describe_busy(path, message)) from None
            if "not a valid DuckDB database" in message:
                raise StoreDamaged(
                    f"{path} is not a store of this program (not a DuckDB database file). "
                    "Point --db or COACH_DB at another file, or restore a backup."
                ) from None
            raise explain(path, exc) or StoreError(f"Could not open the store {path}: {message}") from None


def _closing_elsewhere(exc: duckdb.Error) -> bool:
    """Whether opening failed because the same file is still attached, being closed by another thread."""
    message = str(exc).lower()
    return "unique file handle conflict" in message or "already attached" in message


Create = Literal["never", "unless-kept", "always"]


_LOCKS_GUARD = threading.Lock()
_SESSION_LOCKS: dict[str, threading.RLock] = {}


def _one_at_a_time(path: str) -> threading.RLock:
    """The lock that lets one session of this process at a time hold the store file ``path``."""
    with _LOCKS_GUARD:
        return _SESSION_LOCKS.setdefault(os.path.abspath(path), threading.RLock())


@contextmanager
def session(
    path: str, *, retry_seconds: float = BUSY_RETRY_SECONDS, create: Create = "unless-kept"
) -> Iterator[Connection]:
    """Open the store for one unit of work, migrated, and close it afterwards.

    Within one process (the app's tabs are threads of one) sessions on a file take turns: two
    open at once would share DuckDB's one copy of the database and could meet its edge cases
    (one opening the file as another closes it, two saves colliding), for no real gain on a
    store whose units of work take milliseconds. Other processes are kept out by the file's
    own lock, as before.

    A damaged, read-only or full store found on the way raises :class:`StoreError` saying so.

    :param create: what to do when the file does not exist: ``"never"`` raises
        :class:`StoreMissing`; ``"unless-kept"`` creates a new store unless stores kept beside
        it (by a restore, or set aside) show that one was there, and then raises
        :class:`StoreMissing` naming them; ``"always"`` creates it.
    """
    if path == ":memory:":
        with _session(path, retry_seconds, create) as conn:
            yield conn
        return
    with _one_at_a_time(path), _session(path, retry_seconds, create) as conn:
        yield conn


@contextmanager
def _session(path: str, retry_seconds: float, create: Create) -> Iterator[Connection]:
    if path != ":memory:" and create != "always" and not os.path.exists(path):
        kept = kept_stores(path)
        if create == "never" or kept:
            raise missing(path, kept)
    conn = connect(path, retry_seconds=retry_seconds)
    try:
        migrate(conn, label=path)
        table_changes(conn)  # written last by every write: a file cut short is found here at once
        yield conn
    except BaseException as exc:
        with suppress(duckdb.Error):  # closing a damaged or read-only store fails the same way
            conn.close()
        problem = explain(path, exc) if isinstance(exc, duckdb.Error) else None
        if problem is None:
            raise
        raise problem from None
    try:
        conn.close()
    except duckdb.Error as exc:
        raise explain(path, exc) or StoreError(f"Could not close the store {path}: {exc}") from None


_IN_TRANSACTION: set[int] = set()  # ids of connections inside a transaction block


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """Run a block in one transaction: all of it is written, or none of it.

    Inside another ``transaction`` block on the same connection it joins the
    outer one, which alone commits or rolls back.
    """
    key = id(conn)
    if key in _IN_TRANSACTION:
        yield conn
        return
    conn.execute("BEGIN TRANSACTION")
    _IN_TRANSACTION.add(key)
    try:
        yield conn
    except duckdb.ConstraintException as exc:
        conn.execute("ROLLBACK")
        raise Invalid(f"Nothing was saved: the change breaks a rule of the store ({exc}).") from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
    finally:
        _IN_TRANSACTION.discard(key)


CONFLICT_RETRIES = (0.02, 0.05, 0.1, 0.2, 0.4)  # seconds to wait before each new try


def retry_conflicts(run: Callable[[], T], *, waits: Sequence[float] = CONFLICT_RETRIES) -> T:
    """Run one unit of work, again from the start while it collides with another one.

    Sessions of one process (the app's tabs) share the store: two transactions changing the
    same row (or the same table's change count) at once make DuckDB refuse the later one.
    Each unit of work is one transaction, so it is run again after a short wait; after the
    last wait the collision is said in words (:class:`WriteConflict`).
    """
    for wait in (*waits, None):
        try:
            return run()
        except duckdb.TransactionException as exc:
            if "conflict" not in str(exc).lower():
                raise
            if wait is None:
                raise WriteConflict(
                    "Nothing was saved: another tab or command was saving the same thing at that "
                    "moment. Try again."
                ) from None
            time.sleep(wait)
    raise AssertionError("unreachable")


def store_version(path: str) -> tuple[int, int, int, int]:
    """A cheap fingerprint that changes whenever the store is written.

    Size and modification time of the file and of its write-ahead log; used to
    key cached query results so an unchanged store costs no query.
    """
    stamp: list[int] = []
    for name in (path, path + ".wal"):
        try:
            st = os.stat(name)
        except OSError:
            stamp += [0, 0]
        else:
            stamp += [st.st_mtime_ns, st.st_size]
    return (stamp[0], stamp[1], stamp[2], stamp[3])


# --- stores kept beside the store ------------------------------------------

# A restore keeps the store it replaces as ``<file>.replaced-<stamp>``; a store set aside
# (unreadable) is ``<file>.unreadable-<stamp>``; each keeps its write-ahead log as
# ``<kept>.wal``. A restore builds the new store as ``<file>.restoring`` first.
KEPT_STAMP = "%Y%m%d-%H%M%S-%f"
_KEPT = r"\.(?:replaced|unreadable|interrupted)-\d{8}-\d{6}(?:-\d{6})?(?:-\d+)?"


def _siblings(path: str, pattern: str) -> list[Path]:
    file = Path(path)
    try:
        entries = list(file.parent.iterdir())
    except OSError:
        return []
    match = re.compile(re.escape(file.name) + pattern)
    return [entry for entry in entries if match.fullmatch(entry.name)]


def kept_stores(path: str) -> list[Path]:
    """Store files kept beside ``path`` by a restore or a set-aside, newest first."""
    found = _siblings(path, f"(?:{_KEPT}|\\.restoring)")

    def newest(entry: Path) -> float:
        try:
            return entry.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=newest, reverse=True)


def missing(path: str, kept: Sequence[Path] | None = None, *, was_open: bool = False) -> StoreMissing:
    """The problem of a store file that is not there, naming the stores kept beside it.

    :param was_open: this process used the store at ``path`` before it went.
    """
    kept = kept_stores(path) if kept is None else list(kept)
    if not kept:
        what = (
            f"The store {path} is gone (moved or deleted while the app was open)"
            if was_open
            else f"There is no store at {path}"
        )
        return StoreMissing(
            f"{what}, so nothing was read or written. Put the "
            f"file back, restore a backup (coach restore BACKUP.zip --db {path}), or start a new "
            f"store (coach init --db {path}).",
            kept=kept,
        )
    listed = ", ".join(entry.name for entry in kept)
    return StoreMissing(
        f"The store {path} is missing, though {plural(len(kept), 'kept store file')} "
        f"{'is' if len(kept) == 1 else 'are'} beside it ({listed}), "
        "so nothing was created in its place: it was moved or deleted, or a restore stopped half-way. "
        f"Rename the one to keep back to {Path(path).name}, restore a backup (coach restore BACKUP.zip "
        f"--db {path}), or start a new store anyway (coach init --db {path}).",
        kept=kept,
    )


def _same(one: Path | str, other: Path | str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def tidy_interrupted_swap(path: str) -> None:
    """Finish what a restore stopped half-way left beside ``path`` (see coach.output.export.restore).

    A restore first keeps the store by linking it (and its log) under a kept name, then moves
    the new store in, then removes the old log's name. Stopped after the first step, the kept
    names are only other names of the store itself: they are removed. Stopped before the last,
    ``<file>.wal`` is the replaced store's log, kept beside it, and no log of the new store: its
    name is removed, so it is never replayed into the wrong file.
    """
    wal = path + ".wal"
    for kept_log in _siblings(path, _KEPT + r"\.wal"):
        if not _same(kept_log, wal):
            continue
        kept = Path(str(kept_log)[: -len(".wal")])
        with suppress(FileNotFoundError):
            if _same(kept, path):
                os.unlink(kept_log)
                os.unlink(kept)
            else:
                os.unlink(wal)


# --- migrations ------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The schema files shipped with the package, in the order they apply."""
    found = []
    for entry in resources.files("coach.store.schema").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def schema_version(conn: Connection) -> int:
    """The newest migration applied to this store, 0 for a new one."""
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' "
        "AND schema_name = 'main' AND database_name = current_database()"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Connection, *, label: str = "the store", target: int | None = None) -> list[str]:
    """Apply the migrations this store lacks (up to ``target``, default all); return the names applied.

    Each migration runs in one transaction with the row recording it, so a
    failure leaves the store as it was. A store written by a newer version of
    the program is refused rather than touched.
    """
    known = migrations()
    current = schema_version(conn)
    newest = known[-1].version if known else 0
    if current > newest:
        raise StoreInvalid(
            f"{label} was written by a newer version of this program (schema {current}, "
            f"this version knows up to {newest}). Upgrade the program to open it."
        )
    applied = []
    for migration in known:
        if migration.version <= current or (target is not None and migration.version > target):
            continue
        with transaction(conn):
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
        applied.append(f"{migration.version:04d}_{migration.name}")
    return applied


def is_empty(conn: Connection) -> bool:
    """True when the store holds no seeker at all."""
    row = conn.execute("SELECT count(*) FROM seeker").fetchone()
    return not row or row[0] == 0


# --- small helpers ---------------------------------------------------------


def rows(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts keyed by column name."""
    cursor = conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def scalar(conn: Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    """Run a query returning one value."""
    row = conn.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def check_date(value: date | None, what: str) -> None:
    """Refuse dates outside 1900-2100, the range every table accepts."""
    if value is not None and not date(1900, 1, 1) <= value <= date(2100, 12, 31):
        raise Invalid(f"{what} {value.isoformat()} is outside 1900-2100.")


# --- references ------------------------------------------------------------

# (table, column, referenced table): every reference between rows, which the
# store enforces itself (see the note at the top of 0001_init.sql). A referenced
# row must exist and belong to the same seeker.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("career_option", "seeker_id", "seeker"),
    ("target_org", "seeker_id", "seeker"),
    ("target_org", "career_option_id", "career_option"),
    ("contact", "seeker_id", "seeker"),
    ("contact_note", "seeker_id", "seeker"),
    ("contact_note", "contact_id", "contact"),
    ("outreach", "seeker_id", "seeker"),
    ("outreach", "contact_id", "contact"),
    ("meeting", "seeker_id", "seeker"),
    ("meeting", "contact_id", "contact"),
    ("meeting", "outreach_id", "outreach"),
    ("meeting_option", "seeker_id", "seeker"),
    ("meeting_option", "meeting_id", "meeting"),
    ("meeting_option", "career_option_id", "career_option"),
    ("question", "seeker_id", "seeker"),
    ("question", "career_option_id", "career_option"),
    ("meeting_question", "seeker_id", "seeker"),
    ("meeting_question", "meeting_id", "meeting"),
    ("meeting_question", "question_id", "question"),
    ("referral", "seeker_id", "seeker"),
    ("referral", "referrer_id", "contact"),
    ("referral", "referred_id", "contact"),
    ("referral", "meeting_id", "meeting"),
    ("follow_up", "seeker_id", "seeker"),
    ("follow_up", "contact_id", "contact"),
    ("follow_up", "outreach_id", "outreach"),
    ("follow_up", "meeting_id", "meeting"),
    ("follow_up", "referral_id", "referral"),
    ("import_run", "seeker_id", "seeker"),
    ("import_change", "seeker_id", "seeker"),
    ("import_change", "import_id", "import_run"),
    ("week_note", "seeker_id", "seeker"),
    ("session_note", "seeker_id", "seeker"),
    ("message_template", "seeker_id", "seeker"),
)

# Columns named like references that point at rows of varying tables (checked by their owners).
POLYMORPHIC: frozenset[tuple[str, str]] = frozenset(
    {("import_change", "row_id"), ("import_change", "last_row_id")}
)


def reference_problems(conn: Connection, *, limit: int = 5) -> list[str]:
    """Rows whose reference points at a missing row or at another seeker's row."""
    checks = []
    for number, (table, column, parent) in enumerate(REFERENCES):
        if column == "seeker_id":
            broken = f"{table} t LEFT JOIN seeker p ON p.id = t.seeker_id WHERE p.id IS NULL"
        else:
            broken = (
                f"{table} t LEFT JOIN {parent} p ON p.id = t.{column} AND p.seeker_id = t.seeker_id "
                f"WHERE t.{column} IS NOT NULL AND p.id IS NULL"
            )
        checks.append(f"(SELECT {number} AS reference, t.{column} AS id FROM {broken} LIMIT {int(limit)})")
    # One query for all references: far quicker than one each, and this runs on every write.
    found = conn.execute(" UNION ALL ".join(checks)).fetchall()
    bad: dict[int, list[str]] = {}
    for number, row_id in found:
        bad.setdefault(int(number), []).append(str(row_id))
    problems = []
    for number, ids in sorted(bad.items()):
        table, column, parent = REFERENCES[number]
        listed = ", ".join(sorted(ids, key=int))
        problems.append(f"{table}.{column} points at no {parent} of the same seeker (ids {listed})")
    return problems


def check_references(conn: Connection) -> None:
    """Raise Invalid (so the surrounding transaction rolls back) if any reference is broken."""
    problems = reference_problems(conn)
    if problems:
        raise Invalid("The change would break links between records: " + "; ".join(problems))
