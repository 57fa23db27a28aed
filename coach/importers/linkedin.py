"""Import a LinkedIn data export: connections become contacts, outreach becomes requests.

The rules are those of LINKEDIN_EXPORT.md. A request (channel linkedin) is an OUTGOING
invitation with a note, or a one-to-one conversation whose first message came from the
owner; the owner's next message before any reply is its follow-up, the other person's
first message its answer, however late. Conversations the other person opened, group chats
and drafts are not requests, and accepting an invitation is not an answer.

Files are parsed by DuckDB in a scratch in-memory database and matched there and in
pandas; nothing is written to the store until :func:`coach.importers.apply`. On a new
import of the same person, only LinkedIn's own fields change (names, company, position,
profile URL, connected on, and an e-mail where none was known), never warmth, source or
notes; a request already stored only gains a follow-up or answer it lacked.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from coach.importers.common import (
    ImportProblem,
    Plan,
    Progress,
    Rejection,
    TableChanges,
    count,
    empty_counts,
    frame,
    report,
    require_seeker,
    store_fingerprint,
)
from coach.importers.keys import (
    CONTACT_NAMES,
    CONTACT_URLS,
    build_name_keys,
    build_url_keys,
    contacts_with_keys,
    full_name_sql,
    full_names,
    install_key_macros,
    load_contacts,
    match_people,
)
from coach.importers.linkedin_files import (
    CONNECTED_ON_FORMATS,
    IN_RANGE,
    Run,
    export_files,
    formats_sql,
    load_file,
    quoted,
    read_file,
    record_file,
    reject,
    skip,
    stage_file,
)
from coach.importers.linkedin_outreach import (
    clean_invitations,
    clean_messages,
    group_messages,
    invitation_keys,
    message_keys,
    plan_requests,
)
from coach.importers.sources import READ_ERRORS, Empty, Layout, Member, SourceLike, Staged, open_source
from coach.importers.unzip import Refused
from coach.store.db import Connection

SAMPLE_ROWS = 5
# LinkedIn allows 30,000 connections; a file far longer is not an export as downloaded.
MAX_CONNECTIONS = 100_000
SCRATCH_MEMORY = "512MB"  # DuckDB memory for reading an export; beyond it, work spills to disk
# The contact columns a LinkedIn import may change on a contact already stored.
LINKEDIN_FIELDS = {
    "first_name": "first",
    "last_name": "last",
    "company": "company",
    "position": "position",
    "profile_url": "url",
    "connected_on": "connected_on",
}


def plan(
    conn: Connection,
    source: SourceLike,
    *,
    seeker_id: int,
    file_name: str | None = None,
    me: str | None = None,
    since: date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read a LinkedIn export and work out what importing it would change; writes nothing.

    :param source: the export zip, its unzipped folder or one CSV of it, as a path, or as
        bytes or a binary file object (then give ``file_name``).
    :param seeker_id: whose contacts and requests these become.
    :param file_name: the uploaded file's name, for messages and the import record.
    :param me: the owner's name or profile URL, when the export does not say whose it is.
    :param since: only outreach sent on or after this day counts as requests.
    :param progress: called with (fraction done, what is happening).
    """
    require_seeker(conn, seeker_id)
    report(progress, 0.0, "Opening the export")
    label = file_name or (Path(source).name if isinstance(source, (str, Path)) else "upload")
    try:
        with (
            open_source(source, file_name) as src,
            tempfile.TemporaryDirectory(prefix="coach-import-") as tmp,
        ):
            label = src.label
            files = export_files(src)
            # A file too large to unpack is left out before anything is read; the others import.
            left_out = [f"{member.name} {member.refused}." for _, member in files.values() if member.refused]
            files = {kind: found for kind, found in files.items() if not found[1].refused}
            messages = files.pop("messages", None)
            background = _MessagesReader(*messages, Path(tmp)) if messages else None
            pconn: duckdb.DuckDBPyConnection | None = None
            try:
                pconn = duckdb.connect(":memory:")
                pconn.execute("SET temp_directory = ?", [(Path(tmp) / "spill").as_posix()])
                # Very large exports spill to the scratch folder instead of filling memory.
                pconn.execute("SET memory_limit = ?", [SCRATCH_MEMORY])
                install_key_macros(pconn)
                if background is not None:
                    background.start(pconn)
                run = Run(conn, pconn, seeker_id, src.label, progress, src.archive, left_out=left_out)
                return _plan(run, files, background, Path(tmp), me=me, since=since)
            finally:
                if background is not None:
                    background.close()  # done with the scratch database before it closes
                if pconn is not None:
                    pconn.close()
    except ImportProblem:
        raise
    except READ_ERRORS as exc:
        raise ImportProblem(f"{label} could not be read: {exc}", file=label) from exc


class _MessagesReader:
    """messages.csv, by far the largest file, read in the background while the others are matched.

    It is unzipped at once, then read and grouped by conversation (``group_messages``) on a
    connection of its own to the scratch database, once that exists.
    """

    def __init__(self, layout: Layout, member: Member, scratch: Path) -> None:
        self.name = member.name
        self._worker = ThreadPoolExecutor(max_workers=1)
        self._staging = self._worker.submit(stage_file, "messages", layout, member, scratch)
        self._reading: Future[tuple[str, Staged, list[Rejection]]] | None = None
        self._reader: duckdb.DuckDBPyConnection | None = None

    def start(self, pconn: duckdb.DuckDBPyConnection) -> None:
        """Read the file into the scratch database as soon as it is unzipped."""
        self._reader = pconn.cursor()
        self._reading = self._worker.submit(self._read, self._reader)

    def _read(self, reader: duckdb.DuckDBPyConnection) -> tuple[str, Staged, list[Rejection]]:
        install_key_macros(reader)
        kind, layout, staged = self._staging.result()
        rejected = read_file(reader, kind, layout, staged)
        group_messages(reader, staged.columns)
        return kind, staged, rejected

    def result(self) -> tuple[str, Staged, list[Rejection]]:
        """The file as read (kind, staged file, rows that are not CSV); waits for it."""
        if self._reading is None:
            raise RuntimeError("the messages reader was not started")
        return self._reading.result()

    def close(self) -> None:
        """Wait for the background work to stop, and close its connection."""
        self._worker.shutdown(wait=True, cancel_futures=True)
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def _plan(
    run: Run,
    files: dict[str, tuple[Layout, Member]],
    messages: _MessagesReader | None,
    scratch: Path,
    *,
    me: str | None,
    since: date | None,
) -> Plan:
    load_contacts(run.conn, run.pconn, run.seeker_id)
    for step, (kind, (layout, member)) in enumerate(sorted(files.items())):
        report(run.progress, 0.05 + 0.05 * step, f"Reading {member.name}")
        with _unless_unreadable(run, kind):
            load_file(run, *stage_file(kind, layout, member, scratch))
    report(run.progress, 0.25, "Matching connections to your contacts")
    invitation_urls, invitation_names = invitation_keys(run)
    build_url_keys(run.pconn, [CONTACT_URLS, *_connection_urls(run), *invitation_urls])
    build_name_keys(run.pconn, [CONTACT_NAMES, *_connection_names(run), *invitation_names])
    existing = contacts_with_keys(run.pconn, keys_only=True)
    contacts, pool, matched, counts = _plan_contacts(run, _connections(run), existing)
    if run.has("invitations"):
        clean_invitations(run)
    if messages is not None:
        report(run.progress, 0.4, f"Reading {messages.name}")
        with _unless_unreadable(run, "messages"):
            record_file(run, *messages.result())
    if run.left_out and not run.staged.keys() & {"connections", "invitations", "messages"}:
        raise ImportProblem(f"Nothing in {run.label} could be read: {' '.join(run.left_out)}", file=run.label)
    # The raw tables keep file order (their rowid numbers the records); nothing after needs it.
    run.pconn.execute("SET preserve_insertion_order = false")
    if run.has("messages"):
        if messages is None:  # a lone messages file, recognised by its header
            group_messages(run.pconn, run.staged["messages"].columns)
        clean_messages(run)
        if not _without_messages(run):
            message_urls, message_names = message_keys(run)
            build_url_keys(run.pconn, message_urls, add=True)
            build_name_keys(run.pconn, message_names, add=True)
    if run.has("connections"):
        file = run.file("connections")
        counts["contacts"]["skipped"] = sum(1 for r in run.skipped + run.rejected if r.file == file)
    report(run.progress, 0.6, "Finding requests, follow-ups and answers")
    requests = plan_requests(run, pool, me=me, since=since)
    counts["requests"] = requests.counts
    sources = {
        "connections": counts["contacts"]["new"],
        "messages and invitations": len(requests.new_contacts),
    }
    counts["contacts"]["new"] += len(requests.new_contacts)
    counts["contacts"]["unchanged"] += len(requests.touched - matched)
    contacts.inserts = pd.concat(
        [contacts.inserts, requests.new_contacts.assign(seeker_id=run.seeker_id)], ignore_index=True
    )
    report(run.progress, 1.0, "Ready to import")
    return Plan(
        kind="linkedin",
        seeker_id=run.seeker_id,
        file_name=run.label,
        counts=counts,
        rejected=sorted(run.rejected, key=lambda r: (r.file, r.line or 0)),
        samples={"contacts": _contact_samples(contacts), "requests": requests.samples},
        changes=[contacts, requests.changes],
        skipped=sorted(run.skipped, key=lambda r: (r.file, r.line or 0)),
        notes=run.notes,
        fingerprint=store_fingerprint(run.conn, run.seeker_id),
        left_out=run.left_out,
        owner=requests.owner,
        owner_how=requests.owner_how,
        contact_sources=sources,
        timeline=requests.timeline,
        since=since,
    )


@contextmanager
def _unless_unreadable(run: Run, kind: str) -> Iterator[None]:
    """Leave out a file of an export that is refused unread (too large, or not what the zip says)
    or is empty, saying so; the export's other files still import. A lone file is an error."""
    try:
        yield
    except Refused as exc:
        if not run.archive:
            raise
        run.left_out.append(str(exc))
    except Empty as exc:
        if not run.archive:
            raise
        run.notes.append(f"{exc.file} is empty: it has no {kind}.")


def _without_messages(run: Run) -> bool:
    """Whether messages.csv holds no message that counts; if so it is noted and set aside."""
    if count(run.pconn, "SELECT count(*) FROM ct"):
        return False
    file = run.file("messages")
    if count(run.pconn, "SELECT count(*) FROM raw_messages"):
        run.notes.append(
            f"{file} has no message that counts (only drafts, or rows without a sender or a date between "
            "1900 and 2100), so no requests come from it."
        )
    elif any(r.file == file for r in run.rejected):
        run.notes.append(f"{file} has no message that could be read (see the rows that cannot be imported).")
    else:
        run.notes.append(f"{file} has no messages (only its header row).")
    del run.staged["messages"]
    return True


def _connection_urls(run: Run) -> list[str]:
    return ["SELECT clean(url) FROM connections_v"] if run.has("connections") else []


def _connection_names(run: Run) -> list[str]:
    return [f"SELECT {full_name_sql('first', 'last')} FROM connections_v"] if run.has("connections") else []


# --- connections -----------------------------------------------------------------


def _connections(run: Run) -> pd.DataFrame:
    """Connections.csv as clean rows with match keys; bad, blank and duplicate rows set aside."""
    if not run.has("connections"):
        columns = [
            "_rec",
            "first",
            "last",
            "url",
            "email",
            "company",
            "position",
            "connected_on",
            "uk",
            "ek",
            "nk",
        ]
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    rows = count(run.pconn, "SELECT count(*) FROM raw_connections")
    if rows > MAX_CONNECTIONS:
        file = run.file("connections")
        raise ImportProblem(
            f"{file} has {rows:,} rows, but LinkedIn allows at most 30,000 connections: it is not a "
            "Connections.csv as LinkedIn exports it. Check the file, or import a tracking spreadsheet "
            "with the other importer.",
            file=file,
        )
    run.pconn.execute(
        f"""
        CREATE TABLE conns AS
        WITH c AS (
            SELECT _rec, clean(first) AS first, clean(last) AS last,
                   clean(url) AS url, clean(email) AS email,
                   clean(company) AS company, clean(position) AS position,
                   clean(connected) AS connected_raw,
                   CAST(try_strptime(clean(connected), {formats_sql(CONNECTED_ON_FORMATS)}) AS DATE)
                     AS connected_on,
                   {full_name_sql("first", "last")} AS full_name
            FROM connections_v
        )
        SELECT c.* EXCLUDE (full_name), u.key AS uk, email_key(c.email) AS ek, n.key AS nk,
               CASE WHEN coalesce(first, last, url, email, company, position, connected_raw) IS NULL
                    THEN 'blank'
                    WHEN first IS NULL AND last IS NULL THEN 'no name'
                    WHEN connected_raw IS NOT NULL AND (connected_on IS NULL OR connected_on NOT {IN_RANGE})
                    THEN 'bad date'
                    ELSE 'ok' END AS status
        FROM c LEFT JOIN url_keys u ON u.raw = c.url LEFT JOIN name_keys n ON n.raw = c.full_name
        """
    )
    _set_aside(run)
    return frame(
        run.pconn,
        "SELECT _rec, first, last, url, email, company, position, connected_on, uk, ek, nk "
        "FROM conns WHERE status = 'ok' ORDER BY _rec",
    )


def _set_aside(run: Run) -> None:
    """Report blank, nameless, badly dated and duplicate connection rows; mark duplicates."""
    run.pconn.execute(
        """
        UPDATE conns SET status = 'duplicate' FROM (
            SELECT _rec, min(_rec) OVER (PARTITION BY coalesce('u:' || uk, 'r:' || concat_ws(chr(31),
                   coalesce(first, ''), coalesce(last, ''), coalesce(email, ''), coalesce(company, ''),
                   coalesce(position, ''), coalesce(connected_raw, '')))) AS first_rec
            FROM conns WHERE status = 'ok'
        ) d WHERE conns._rec = d._rec AND d._rec <> d.first_rec
        """
    )
    bad = frame(
        run.pconn, "SELECT _rec, status, connected_raw, uk FROM conns WHERE status <> 'ok' ORDER BY _rec"
    )
    if bad.empty:
        return
    skip(run, "connections", bad[bad["status"] == "blank"], "blank row")
    reject(run, "connections", bad[bad["status"] == "no name"], "first", "has no first or last name")
    dated = bad[bad["status"] == "bad date"]
    reason = quoted(dated["connected_raw"]) + " is not a date like '06 Jan 2020' between 1900 and 2100"
    reject(run, "connections", dated, "connected", reason)
    twins = bad[bad["status"] == "duplicate"]
    if not twins.empty:
        firsts = frame(
            run.pconn,
            "SELECT uk, min(_rec) AS first_rec FROM conns WHERE status = 'ok' AND uk IS NOT NULL GROUP BY uk",
        )
        first_rec = twins["uk"].map(firsts.set_index("uk")["first_rec"])
        rows = run.staged["connections"].rows(int(r) for r in first_rec.dropna())
        why = first_rec.map(
            lambda r: f"same profile URL as row {rows.get(int(r), '?')}" if pd.notna(r) else ""
        )
        skip(run, "connections", twins, why.where(why != "", "same as an earlier row"))


# --- contacts ----------------------------------------------------------------


def _plan_contacts(
    run: Run, incoming: pd.DataFrame, existing: pd.DataFrame
) -> tuple[TableChanges, pd.DataFrame, set[int], dict[str, dict[str, int]]]:
    """New and changed contacts from connections, the pool requests are matched to, who matched, counts."""
    counts = empty_counts("contacts", "requests")
    matched = match_people(run.pconn, incoming, existing)
    new = incoming[matched.isna().to_numpy()]
    new_ids = pd.Series(range(-1, -len(new) - 1, -1), index=new.index, dtype="int64")
    inserts = pd.DataFrame(
        {
            "id": new_ids,
            "seeker_id": run.seeker_id,
            "first_name": new["first"].fillna(""),
            "last_name": new["last"].fillna(""),
            "profile_url": new["url"],
            "email": new["email"],
            "company": new["company"],
            "position": new["position"],
            "source": "linkedin",
            "warmth": "unknown",
            "connected_on": new["connected_on"],
        }
    ).reset_index(drop=True)
    same = incoming[matched.notna().to_numpy()].assign(id=matched.dropna().astype("int64"))
    updates = _contact_updates(run, same)
    counts["contacts"].update(new=len(new), updated=len(updates), unchanged=len(same) - len(updates))
    pool = pd.concat(
        [
            _pool_after(existing, same),
            pd.DataFrame({"id": new_ids, "uk": new["uk"], "ek": new["ek"], "nk": new["nk"]}),
        ],
        ignore_index=True,
    )
    return TableChanges("contact", inserts, updates), pool, {int(i) for i in same["id"]}, counts


def _contact_updates(run: Run, same: pd.DataFrame) -> pd.DataFrame:
    """Changed LinkedIn fields of matched contacts; an e-mail only where none was known."""
    changed = {
        column: f"CASE WHEN s.{field} IS NOT NULL AND s.{field} IS DISTINCT FROM e.{column} "
        f"THEN s.{field} END"
        for column, field in LINKEDIN_FIELDS.items()
    }
    changed["email"] = "CASE WHEN s.email IS NOT NULL AND e.email IS NULL THEN s.email END"
    run.pconn.register("_same", same[["id", *dict.fromkeys(LINKEDIN_FIELDS.values()), "email"]])
    try:
        return frame(
            run.pconn,
            f"""
            SELECT * FROM (
                SELECT s.id, {", ".join(f"{sql} AS {column}" for column, sql in changed.items())}
                FROM _same s JOIN existing e ON e.id = s.id
            ) WHERE {" OR ".join(f"{column} IS NOT NULL" for column in changed)}
            ORDER BY id
            """,
        )
    finally:
        run.pconn.unregister("_same")


def _pool_after(existing: pd.DataFrame, same: pd.DataFrame) -> pd.DataFrame:
    """Existing contacts' keys as they will be after the import's updates."""
    pool = existing[["id", "uk", "ek", "nk"]].set_index("id")
    fresh = same.set_index("id")[["uk", "ek", "nk"]]
    for column in ("uk", "ek", "nk"):
        values = fresh[column].dropna()
        pool.loc[values.index, column] = values
    return pool.reset_index()


def _contact_samples(contacts: TableChanges) -> pd.DataFrame:
    """A few new contacts as the preview shows them (no e-mail addresses)."""
    head = contacts.inserts.head(SAMPLE_ROWS)
    return pd.DataFrame(
        {
            "name": full_names(head["first_name"], head["last_name"]),
            "company": head.get("company"),
            "position": head.get("position"),
            "connected_on": head.get("connected_on"),
        }
    ).reset_index(drop=True)
