"""Requests, follow-ups and answers from a LinkedIn export's Invitations.csv and messages.csv.

Works in the planning pass's scratch database. Every message or invitation becomes an
event (counterpart, time, sent by the owner or not); per person, the first event must be
the owner's for a request to exist. See LINKEDIN_EXPORT.md for the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from coach.importers.common import OwnerNeeded, TableChanges, count, first_row, frame
from coach.importers.keys import full_names, url_key
from coach.importers.linkedin_files import (
    IN_RANGE,
    SENT_AT_FORMATS,
    Run,
    formats_sql,
    quoted,
    reject,
)
from coach.names import normalise_name, split_name
from coach.wording import plural

SAMPLE_ROWS = 5
EXCERPT_CHARS = 200  # the most of an answer's first line kept beside the request
# Each person is a number (``pid``): one per name key, and above URL_PIDS one per URL key (so
# people sort as their keys did as text, "n:<name>" before "u:<url>").
URL_PIDS = 1 << 32
EMPTY_EVENTS = (
    "SELECT NULL::BIGINT AS cp_key, NULL::TIMESTAMP AS ts, NULL::BOOLEAN AS by_owner, NULL::BIGINT AS rec, "
    "NULL::VARCHAR AS note WHERE false"
)
EMPTY_PEOPLE = (
    "SELECT NULL::BIGINT AS cp_key, NULL::VARCHAR AS cp_name, NULL::VARCHAR AS cp_url, NULL::VARCHAR AS uk, "
    "NULL::VARCHAR AS nk WHERE false"
)


@dataclass
class Owner:
    """Who the export belongs to, by name keys and profile-URL keys, and how we know."""

    names: set[str]
    urls: set[str]
    how: str
    shown: str = ""  # their name or URL as given, for messages


@dataclass
class Requests:
    """The planned requests and the contacts they need."""

    changes: TableChanges
    counts: dict[str, int]
    samples: pd.DataFrame
    new_contacts: pd.DataFrame
    touched: set[int]
    timeline: pd.DataFrame  # every request found, whatever ``since``: sent_on, new
    owner: str = ""  # whose export it is, as the export says ("" if it does not)
    owner_how: str = ""


def invitation_keys(run: Run) -> tuple[list[str], list[str]]:
    """Queries for every profile URL and every display name in the invitations (for the key tables)."""
    if not run.has("invitations"):
        return [], []
    urls = ["SELECT clean(inviter_url) FROM invitations_v", "SELECT clean(invitee_url) FROM invitations_v"]
    names = ['SELECT clean("from") FROM invitations_v', 'SELECT clean("to") FROM invitations_v']
    return urls, names


def message_keys(run: Run) -> tuple[list[str], list[str]]:
    """Queries for every profile URL and every display name in the messages (after ``group_messages``)."""
    if not run.has("messages"):
        return [], []
    return ["SELECT raw FROM msg_urls"], ["SELECT raw FROM msg_names"]


def plan_requests(run: Run, pool: pd.DataFrame, *, me: str | None, since: date | None) -> Requests:
    """Requests from invitations and messages, matched to contacts and to requests already stored.

    Needs ``clean_invitations`` and ``clean_messages`` first, and the key tables of every file.
    """
    _person_ids(run)
    owner = _owner(run, me)
    said = _export_owner(run)
    sources = [EMPTY_EVENTS]
    people_sources = [EMPTY_PEOPLE]
    if run.has("messages"):
        if "conv" in run.staged["messages"].columns:
            found_owner = _conversation_events(run, owner, me)
            said = said if said[0] else found_owner
        else:
            _direction_events(run)
        sources.append("SELECT * FROM ev_msg")
        people_sources.append("SELECT * FROM people_msg")
    if run.has("invitations"):
        _invitation_events(run, owner)
        sources.append("SELECT * FROM ev_inv")
        people_sources.append("SELECT * FROM people_inv")
    run.pconn.execute(
        "CREATE TABLE people AS SELECT cp_key, min(cp_name) AS cp_name, min(cp_url) AS cp_url, "
        "min(uk) AS uk, "
        f"min(nk) AS nk FROM ({' UNION ALL BY NAME '.join(people_sources)}) GROUP BY cp_key ORDER BY cp_key"
    )
    people_found = _counterparts(run, pool)
    run.pconn.register("_targets", people_found.targets[["cp_key", "target"]])
    try:
        run.pconn.execute(
            "CREATE TABLE ev AS SELECT CAST(t.target AS BIGINT) AS target, e.ts, e.by_owner, e.rec, e.note "
            f"FROM ({' UNION ALL BY NAME '.join(sources)}) e JOIN _targets t ON t.cp_key = e.cp_key"
        )
    finally:
        run.pconn.unregister("_targets")
    planned = _plan(run, _derive(run), people_found, since=since)
    planned.owner, planned.owner_how = said
    return planned


def _person_ids(run: Run) -> None:
    """Tables ``url_ids`` and ``name_ids``: each raw URL and name, its key, person number and ``ref``.

    Later steps group and join on these numbers rather than on the text, which is faster. Person
    numbers follow the keys' order and refs the raw text's, so the smallest is the smallest text.
    """
    for table, keys, base in (("url_ids", "url_keys", URL_PIDS), ("name_ids", "name_keys", 0)):
        run.pconn.execute(
            f"CREATE TABLE {table} AS SELECT raw, key, {base} + dense_rank() OVER (ORDER BY key) AS pid, "
            f"row_number() OVER (ORDER BY raw) AS ref FROM {keys}"
        )


# --- invitations -------------------------------------------------------------


def clean_invitations(run: Run) -> None:
    """Table ``inv``: Invitations.csv with parsed dates and keys; bad rows rejected."""
    run.pconn.execute(
        f"""
        CREATE TABLE inv AS
        WITH i AS (
            SELECT _rec, clean("from") AS from_name, clean("to") AS to_name,
                   clean(sent_at) AS sent_raw,
                   try_strptime(clean(sent_at), {formats_sql(SENT_AT_FORMATS)}) AS ts,
                   clean(message) AS note, upper(clean(direction)) AS direction,
                   clean(inviter_url) AS inviter_url, clean(invitee_url) AS invitee_url
            FROM invitations_v
        )
        SELECT i.*, fu.key AS from_uk, tu.key AS to_uk, fn.key AS from_nk, tn.key AS to_nk,
               CASE WHEN coalesce(from_name, to_name, sent_raw, note, direction) IS NULL THEN 'blank'
                    WHEN direction NOT IN ('INCOMING', 'OUTGOING') THEN 'bad direction'
                    WHEN sent_raw IS NULL THEN 'no date'
                    WHEN ts IS NULL OR ts NOT {IN_RANGE} THEN 'bad date'
                    ELSE 'ok' END AS status
        FROM i LEFT JOIN url_keys fu ON fu.raw = i.inviter_url LEFT JOIN url_keys tu ON tu.raw = i.invitee_url
        LEFT JOIN name_keys fn ON fn.raw = i.from_name LEFT JOIN name_keys tn ON tn.raw = i.to_name
        """
    )
    bad = frame(
        run.pconn, "SELECT _rec, status, sent_raw FROM inv WHERE status NOT IN ('ok', 'blank') ORDER BY _rec"
    )
    reject(
        run, "invitations", bad[bad["status"] == "bad direction"], "direction", "must be INCOMING or OUTGOING"
    )
    reject(run, "invitations", bad[bad["status"] == "no date"], "sent_at", "has no date")
    dated = bad[bad["status"] == "bad date"]
    reason = quoted(dated["sent_raw"]) + " is not a date like '3/12/23, 5:04 PM' between 1900 and 2100"
    reject(run, "invitations", dated, "sent_at", reason)


def _invitation_events(run: Run, owner: Owner | None) -> None:
    """Table ``ev_inv``: OUTGOING invitations with a note, as the owner's events."""
    if "direction" in run.staged["invitations"].columns:
        outgoing = "direction = 'OUTGOING'"
    elif owner is not None:
        run.pconn.register("_me", pd.DataFrame({"key": sorted(owner.names | owner.urls)}, dtype=object))
        outgoing = "(from_nk IN (SELECT key FROM _me) OR from_uk IN (SELECT key FROM _me))"
    else:
        raise OwnerNeeded(
            f"{run.file('invitations')} has no Direction column and the export does not say whose it is; "
            "say who you are (your name or profile URL).",
            file=run.file("invitations"),
            candidates=[],
        )
    run.pconn.execute(
        f"""
        CREATE TABLE requested AS
        SELECT coalesce(u.pid, n.pid) AS cp_key, ts, note, to_name, invitee_url, to_uk, to_nk
        FROM inv LEFT JOIN url_ids u ON u.raw = inv.invitee_url LEFT JOIN name_ids n ON n.raw = inv.to_name
        WHERE status = 'ok' AND note IS NOT NULL AND {outgoing} AND coalesce(to_uk, to_nk) IS NOT NULL
        """
    )
    run.pconn.execute(
        "CREATE VIEW ev_inv AS SELECT cp_key, ts, true AS by_owner, NULL::BIGINT AS rec, note FROM requested"
    )
    run.pconn.execute(
        "CREATE VIEW people_inv AS SELECT cp_key, to_name AS cp_name, invitee_url AS cp_url, to_uk AS uk, "
        "to_nk AS nk FROM requested"
    )
    if "direction" not in run.staged["invitations"].columns:
        run.pconn.unregister("_me")


# --- owner -------------------------------------------------------------------


def _owner(run: Run, me: str | None) -> Owner | None:
    """Who the export belongs to: ``me``, else Profile.csv, else the sender of OUTGOING invitations."""
    if me and me.strip():
        key = url_key(run.pconn, me.strip()) or ""
        if "linkedin.com" in me.lower() or key.startswith(("/in/", "urn:")):
            return _enrich(run, Owner(set(), {key}, "as you said", me.strip()))
        return _enrich(run, Owner({normalise_name(me)}, set(), "as you said", me.strip()))
    if run.has("profile"):
        row = first_row(run.pconn, "SELECT first, last FROM profile_v ORDER BY _rec LIMIT 1")
        shown = f"{row[0] or ''} {row[1] or ''}".strip() if row else ""
        key = normalise_name(shown)
        if key:
            return _enrich(run, Owner({key}, set(), f"from {run.file('profile')}", shown))
    if run.has("invitations") and "direction" in run.staged["invitations"].columns:
        found = frame(
            run.pconn,
            "SELECT DISTINCT from_nk, from_uk FROM inv WHERE status = 'ok' AND direction = 'OUTGOING'",
        )
        names, urls = set(found["from_nk"].dropna()), set(found["from_uk"].dropna())
        if names or urls:
            return Owner(names, urls, f"the sender of OUTGOING invitations in {run.file('invitations')}")
    return None


def _export_owner(run: Run) -> tuple[str, str]:
    """Whose export it is by its own files (Profile.csv, else the sender of OUTGOING invitations),
    whatever the user said: the name and how we know, or ("", "")."""
    if run.has("profile"):
        row = first_row(run.pconn, "SELECT first, last FROM profile_v ORDER BY _rec LIMIT 1")
        shown = " ".join(f"{row[0] or ''} {row[1] or ''}".split()) if row else ""
        if shown:
            return shown, f"from {run.file('profile')}"
    if run.has("invitations") and "direction" in run.staged["invitations"].columns:
        row = first_row(
            run.pconn,
            "SELECT min(from_name) FROM inv WHERE status = 'ok' AND direction = 'OUTGOING' "
            "AND from_name IS NOT NULL",
        )
        if row and row[0]:
            return str(row[0]), f"the sender of OUTGOING invitations in {run.file('invitations')}"
    return "", ""


def _enrich(run: Run, owner: Owner) -> Owner:
    """Add the owner's URLs (or names) that OUTGOING invitations show beside a known name (or URL)."""
    if not run.has("invitations") or "direction" not in run.staged["invitations"].columns:
        return owner
    found = frame(
        run.pconn, "SELECT DISTINCT from_nk, from_uk FROM inv WHERE status = 'ok' AND direction = 'OUTGOING'"
    )
    mine = found["from_nk"].isin(owner.names) | found["from_uk"].isin(owner.urls)
    owner.names |= set(found.loc[mine, "from_nk"].dropna())
    owner.urls |= set(found.loc[mine, "from_uk"].dropna())
    return owner


def _owner_keys(run: Run, owner: Owner) -> set[int]:
    """Participants who are the owner: their URLs and names, else the URL most seen with their name."""
    run.pconn.register("_urls", pd.DataFrame({"key": sorted(owner.urls)}, dtype=object))
    run.pconn.register("_names", pd.DataFrame({"key": sorted(owner.names)}, dtype=object))
    try:
        found = frame(
            run.pconn,
            f"""
            SELECT DISTINCT pid FROM part WHERE pid IN (
                SELECT pid FROM url_ids WHERE key IN (SELECT key FROM _urls)
                UNION ALL SELECT pid FROM name_ids WHERE key IN (SELECT key FROM _names)
            )
            UNION
            SELECT * FROM (
                SELECT p.pid FROM part p JOIN name_ids n ON n.ref = p.nref
                WHERE n.key IN (SELECT key FROM _names) AND p.pid > {URL_PIDS} AND ?
                GROUP BY p.pid ORDER BY count(DISTINCT p.conv) DESC, p.pid LIMIT 1
            )
            """,
            [not owner.urls],
        )
    finally:
        run.pconn.unregister("_urls")
        run.pconn.unregister("_names")
    return {int(k) for k in found["pid"]}


def _everywhere_party(run: Run, owner: Owner | None) -> set[int]:
    """The one participant of every conversation; OwnerNeeded if there is not exactly one."""
    found = frame(
        run.pconn,
        "SELECT pid FROM part GROUP BY pid "
        "HAVING count(DISTINCT conv) = (SELECT count(DISTINCT conv) FROM part)",
    )
    if len(found) == 1:
        return {int(found["pid"].iloc[0])}
    file = run.file("messages")
    if owner is not None:
        known = [f"{owner.shown or 'the owner'} ({owner.how}) takes part in no conversation"]
    else:
        known = [f"{run.file('profile')} names nobody" if run.has("profile") else "no Profile.csv"]
        known.append("no OUTGOING invitations")
    everywhere = "no one" if found.empty else "more than one person"
    raise OwnerNeeded(
        f"{file}: cannot tell whose export this is ({', '.join(known)}, and {everywhere} takes part in "
        "every conversation). Say who you are (your name or profile URL).",
        file=file,
        candidates=_frequent_participants(run),
    )


def _frequent_participants(run: Run) -> list[str]:
    """Names of the people in the most conversations, to offer as the owner."""
    found = frame(
        run.pconn,
        "SELECT min(n.raw) AS name FROM part p JOIN name_ids n ON n.ref = p.nref GROUP BY p.pid "
        "ORDER BY count(DISTINCT p.conv) DESC, name LIMIT 5",
    )
    return [str(n) for n in found["name"]]


# --- messages ----------------------------------------------------------------


def usable_messages(columns: Iterable[str]) -> str:
    """SQL for the messages that count: no drafts, a date in range, a sender (and a conversation)."""
    usable = f"NOT draft AND ts {IN_RANGE} AND coalesce(from_name, sender_url) IS NOT NULL"
    return usable + (" AND conv IS NOT NULL" if "conv" in columns else "")


def group_messages(pconn: duckdb.DuckDBPyConnection, columns: Iterable[str]) -> None:
    """The messages that count (view ``mv``), grouped by conversation and sender (table ``ct``).

    ``ct`` has one row per conversation, sender and recipients, with the first two times it
    wrote and the first message: all that requests need (a follow-up is the owner's next message).
    Tables ``msg_urls`` and ``msg_names`` hold every profile URL and display name in them.
    Needs only ``messages_v``, so it can run while the rest of the export is read.
    """
    pconn.execute(
        "CREATE VIEW mv AS SELECT * EXCLUDE (draft, date_raw, content) FROM messages_v "
        f"WHERE {usable_messages(columns)}"
    )
    pconn.execute(
        """
        CREATE TABLE ct AS
        SELECT conv, from_name, sender_url, to_names, recipient_urls, min(ts, 2) AS first_two,
               arg_min(_rec, ts) AS first_rec
        FROM mv GROUP BY conv, from_name, sender_url, to_names, recipient_urls
        """
    )
    pconn.execute(
        """
        CREATE TABLE msg_urls AS SELECT DISTINCT raw FROM (
            SELECT sender_url AS raw FROM ct
            UNION ALL SELECT clean(unnest(string_split(recipient_urls, ','))) FROM ct
        ) WHERE raw IS NOT NULL
        """
    )
    pconn.execute(
        "CREATE TABLE msg_names AS SELECT DISTINCT raw FROM "
        "(SELECT from_name AS raw FROM ct UNION ALL SELECT to_names FROM ct) WHERE raw IS NOT NULL"
    )


def clean_messages(run: Run) -> None:
    """Report the messages left out: bad dates and missing conversation ids rejected, drafts noted."""
    bad = frame(
        run.pconn,
        f"""
        SELECT _rec, date_raw FROM messages_v
        WHERE NOT draft AND coalesce(from_name, sender_url, to_names, date_raw) IS NOT NULL
          AND (ts IS NULL OR ts NOT {IN_RANGE})
        ORDER BY _rec
        """,
    )
    reject(
        run,
        "messages",
        bad,
        "date",
        quoted(bad["date_raw"]) + " is not a date like '2023-03-12 17:04:22 UTC'",
    )
    drafts = count(run.pconn, "SELECT count(*) FROM messages_v WHERE draft")
    if drafts:
        run.notes.append(f"{plural(drafts, 'draft message')} left out.")
    if "conv" in run.staged["messages"].columns:
        no_conv = frame(
            run.pconn,
            f"SELECT _rec FROM messages_v WHERE {usable_messages([])} AND conv IS NULL ORDER BY _rec",
        )
        reject(run, "messages", no_conv, "conv", "has no conversation id")


def _participants(run: Run, url_mode: bool) -> None:
    """Table ``part``: who takes part in each conversation (URL key, else name key), as sender or not.

    Each row has the person's number (``pid``), the refs of the name and URL it was seen with
    (``nref``, ``uref``) and their person numbers (``npid``, ``upid``), and for a sender its row
    of ``ct`` (``ct_row``).
    """
    mode = "true" if url_mode else "false"
    run.pconn.execute(
        f"""
        CREATE TABLE part AS
        WITH listed AS (
            SELECT conv, clean(raw) AS url, n, to_names FROM (
                SELECT conv, unnest(string_split(recipient_urls, ',')) AS raw,
                       len(string_split(recipient_urls, ',')) AS n, to_names
                FROM ct WHERE {mode} AND recipient_urls IS NOT NULL
            )
        )
        SELECT s.rowid AS ct_row, s.conv, true AS sender,
               coalesce(CASE WHEN {mode} THEN u.pid END, n.pid) AS pid, n.ref AS nref, u.ref AS uref,
               n.pid AS npid, u.pid AS upid
        FROM ct s LEFT JOIN url_ids u ON u.raw = s.sender_url
        LEFT JOIN name_ids n ON n.raw = s.from_name
        WHERE coalesce(CASE WHEN {mode} THEN u.pid END, n.pid) IS NOT NULL
        UNION ALL
        SELECT NULL, r.conv, false, u.pid, CASE WHEN r.n = 1 THEN n.ref END, u.ref,
               CASE WHEN r.n = 1 THEN n.pid END, u.pid
        FROM listed r JOIN url_ids u ON u.raw = r.url LEFT JOIN name_ids n ON n.raw = r.to_names
        UNION ALL
        SELECT NULL, r.conv, false, n.pid, n.ref, NULL, n.pid, NULL
        FROM ct r JOIN name_ids n ON n.raw = r.to_names
        WHERE NOT ({mode} AND r.recipient_urls IS NOT NULL)
        """
    )


def _conversation_events(run: Run, owner: Owner | None, me: str | None) -> tuple[str, str]:
    """Table ``ev_msg`` from a messages file with conversation ids: one-to-one chats with the owner.

    Returns the owner's name as their messages show it ("" if none) and how they were found."""
    file = run.file("messages")
    columns = run.staged["messages"].columns
    _participants(run, url_mode="sender_url" in columns and "recipient_urls" in columns)
    keys = _owner_keys(run, owner) if owner is not None else set()
    if not keys and me:
        raise OwnerNeeded(
            f"{file}: nobody called {me!r} takes part in any conversation; check the name or give your "
            "profile URL.",
            file=file,
            candidates=_frequent_participants(run),
        )
    if not keys:
        keys = _everywhere_party(run, owner)
        owner = Owner(set(), set(), f"the one person in every conversation of {file}")
    run.pconn.register("_owner_pids", pd.DataFrame({"pid": sorted(keys)}, dtype="int64"))
    run.pconn.execute("CREATE TABLE owner_pids AS SELECT pid FROM _owner_pids")
    run.pconn.unregister("_owner_pids")
    name = first_row(
        run.pconn,
        "SELECT min(n.raw) FROM part p JOIN name_ids n ON n.ref = p.nref "
        "WHERE p.sender AND p.pid IN (SELECT pid FROM owner_pids)",
    )
    how = owner.how if owner is not None else ""
    shown = str(name[0]) if name and name[0] else ""
    run.notes.append(f"Owner of the export: {shown or 'unknown'} ({how}).")
    # Per conversation: its counterpart, how many people besides the owner take part (0, 1, or 2 for
    # two or more; a distinct count is slower and not needed) and whether the owner does.
    run.pconn.execute(
        """
        CREATE TABLE conv_cp AS
        SELECT conv, cp_key, with_owner,
               CASE WHEN cp_key IS NULL THEN 0 WHEN cp_key = last_key THEN 1 ELSE 2 END AS others
        FROM (
            SELECT conv, min(pid) FILTER (WHERE NOT is_owner) AS cp_key,
                   max(pid) FILTER (WHERE NOT is_owner) AS last_key, bool_or(is_owner) AS with_owner
            FROM (SELECT conv, pid, pid IN (SELECT pid FROM owner_pids) AS is_owner FROM part)
            GROUP BY conv
        )
        """
    )
    groups = count(run.pconn, "SELECT count(*) FROM conv_cp WHERE others > 1 AND with_owner")
    if groups:
        run.notes.append(f"{plural(groups, 'group conversation')} left out: group chats are not requests.")
    # A counterpart's name and URL as seen in their own messages first, else as a recipient.
    run.pconn.execute(
        """
        CREATE VIEW people_msg AS
        WITH seen AS (
            SELECT pid, coalesce(min(nref) FILTER (WHERE sender), min(nref)) AS nref, min(uref) AS uref,
                   min(upid) AS upid, coalesce(min(npid) FILTER (WHERE sender), min(npid)) AS npid
            FROM part WHERE pid IN (SELECT cp_key FROM conv_cp WHERE others = 1 AND with_owner) GROUP BY pid
        )
        SELECT s.pid AS cp_key, n.raw AS cp_name, u.raw AS cp_url, uk.key AS uk, nk.key AS nk
        FROM seen s LEFT JOIN name_ids n ON n.ref = s.nref LEFT JOIN url_ids u ON u.ref = s.uref
        LEFT JOIN (SELECT pid, any_value(key) AS key FROM url_ids GROUP BY pid) uk ON uk.pid = s.upid
        LEFT JOIN (SELECT pid, any_value(key) AS key FROM name_ids GROUP BY pid) nk ON nk.pid = s.npid
        """
    )
    run.pconn.execute(
        """
        CREATE VIEW ev_msg AS
        WITH sent AS (
            SELECT c.cp_key, ct.first_two, ct.first_rec, p.pid IN (SELECT pid FROM owner_pids) AS by_owner
            FROM ct JOIN part p ON p.ct_row = ct.rowid
            JOIN conv_cp c ON c.conv = ct.conv AND c.others = 1 AND c.with_owner
        )
        SELECT cp_key, first_two[1] AS ts, by_owner, first_rec AS rec, NULL::VARCHAR AS note FROM sent
        UNION ALL
        SELECT cp_key, first_two[2], by_owner, NULL, NULL FROM sent WHERE by_owner AND len(first_two) > 1
        """
    )
    return shown, how


def _direction_events(run: Run) -> None:
    """Table ``ev_msg`` from a 2018-style messages file (From, To, Direction; no conversation id)."""
    bad = frame(
        run.pconn, "SELECT _rec FROM mv WHERE direction IS NULL OR direction NOT IN ('INCOMING', 'OUTGOING')"
    )
    reject(run, "messages", bad, "direction", "must be INCOMING or OUTGOING")
    run.pconn.execute(
        """
        CREATE TABLE dm AS
        SELECT m._rec, m.ts, m.by_owner, m.cp_name, n.key AS nk, n.pid FROM (
            SELECT _rec, ts, direction = 'OUTGOING' AS by_owner,
                   CASE WHEN direction = 'OUTGOING' THEN to_names ELSE from_name END AS cp_name
            FROM mv WHERE direction IN ('INCOMING', 'OUTGOING')
        ) m JOIN name_ids n ON n.raw = m.cp_name
        """
    )
    run.pconn.execute(
        "CREATE VIEW ev_msg AS SELECT pid AS cp_key, ts, by_owner, _rec AS rec, NULL::VARCHAR AS note FROM dm"
    )
    run.pconn.execute(
        "CREATE VIEW people_msg AS SELECT pid AS cp_key, min(cp_name) AS cp_name, NULL::VARCHAR AS cp_url, "
        "NULL::VARCHAR AS uk, min(nk) AS nk FROM dm GROUP BY pid"
    )


# --- requests ----------------------------------------------------------------


@dataclass
class _People:
    """Counterparts as contacts: cp_key, display name and target id (negative: new); new contacts."""

    targets: pd.DataFrame
    contacts: pd.DataFrame


def _counterparts(run: Run, pool: pd.DataFrame) -> _People:
    """Each counterpart's contact: by URL, else a name one contact has (no URL clash), else new."""
    run.pconn.register("_pool", pool[["id", "uk", "nk"]])
    try:
        cps = frame(
            run.pconn,
            """
            WITH by_url AS (SELECT uk, min(id) AS id FROM _pool WHERE uk IS NOT NULL GROUP BY uk),
            by_name AS (
                SELECT nk, min(id) AS id, min(uk) AS uk FROM _pool WHERE nk IS NOT NULL
                GROUP BY nk HAVING count(*) = 1
            )
            SELECT p.*, coalesce(u.id, CASE WHEN p.uk IS NULL OR n.uk IS NULL THEN n.id END) AS target
            FROM people p LEFT JOIN by_url u ON u.uk = p.uk LEFT JOIN by_name n ON n.nk = p.nk
            ORDER BY p.cp_key
            """,
        )
    finally:
        run.pconn.unregister("_pool")
    fresh = cps[cps["target"].isna().to_numpy()].copy()
    fresh["person"] = ("u:" + fresh["uk"]).where(fresh["uk"].notna(), "p:" + fresh["cp_key"].astype(str))
    persons = fresh.drop_duplicates(subset=["person"]).reset_index(drop=True)
    low = min(int(pool["id"].min()) if not pool.empty else 0, 0)
    persons["id"] = range(low - 1, low - 1 - len(persons), -1)
    target = cps["target"].astype("Int64")
    target.loc[fresh.index] = fresh["person"].map(persons.set_index("person")["id"]).astype("Int64")
    slug = persons["uk"].fillna("").str.rsplit("/", n=1).str[-1]
    names = [
        split_name(str(name) if isinstance(name, str) and name.strip() else str(fallback))
        for name, fallback in zip(persons["cp_name"], slug, strict=True)
    ]
    contacts = pd.DataFrame(
        {
            "id": persons["id"].astype("int64"),
            "first_name": [n[0] for n in names],
            "last_name": [n[1] for n in names],
            "profile_url": persons["cp_url"],
            "source": "linkedin",
            "warmth": "unknown",
        }
    )
    return _People(
        pd.DataFrame({"cp_key": cps["cp_key"], "cp_name": cps["cp_name"], "target": target}), contacts
    )


def _derive(run: Run) -> pd.DataFrame:
    """Per person: sent on (the owner's first event, before any reply), follow-up, answer, message."""
    run.pconn.execute(
        "CREATE TABLE firsts AS SELECT target, min(ts) FILTER (WHERE by_owner) AS first_owner, "
        "min(ts) FILTER (WHERE NOT by_owner) AS first_reply FROM ev GROUP BY target"
    )
    opened = count(
        run.pconn,
        "SELECT count(*) FROM firsts WHERE first_reply <= coalesce(first_owner, TIMESTAMP '9999-12-31')",
    )
    if opened:
        run.notes.append(
            f"{plural(opened, 'conversation')} the other person opened "
            f"{'is' if opened == 1 else 'are'} not requests."
        )
    content = "coalesce(r.first.note, m.content)" if run.has("messages") else "r.first.note"
    # The first line of the first answer, when the answer is a message whose text the export holds.
    excerpt = (
        f"nullif(left(trim(regexp_extract(a.content, '^\\s*([^\\r\\n]*)', 1)), {EXCERPT_CHARS}), '')"
        if run.has("messages")
        else "NULL::VARCHAR"
    )
    lookup = (
        "LEFT JOIN messages_v m ON m._rec = r.first.rec LEFT JOIN messages_v a ON a._rec = r.reply_rec"
        if run.has("messages")
        else ""
    )
    return frame(
        run.pconn,
        f"""
        WITH req AS (
            SELECT f.target, f.first_owner, f.first_reply,
                   min(e.ts) FILTER (WHERE e.by_owner AND e.ts > f.first_owner
                                     AND (f.first_reply IS NULL OR e.ts < f.first_reply)) AS follow,
                   arg_min({{'rec': e.rec, 'note': e.note}}, e.ts) FILTER (WHERE e.by_owner) AS first,
                   arg_min(e.rec, e.ts) FILTER (WHERE NOT e.by_owner) AS reply_rec
            FROM ev e JOIN firsts f USING (target)
            WHERE f.first_owner IS NOT NULL AND (f.first_reply IS NULL OR f.first_owner < f.first_reply)
            GROUP BY f.target, f.first_owner, f.first_reply
        )
        SELECT r.target, CAST(r.first_owner AS DATE) AS sent_on, CAST(r.follow AS DATE) AS followed_up_on,
               CAST(r.first_reply AS DATE) AS responded_on, {content} AS message,
               {excerpt} AS reply_excerpt
        FROM req r {lookup}
        ORDER BY r.first_owner, r.target
        """,
    )


def _plan(run: Run, found: pd.DataFrame, people: _People, *, since: date | None) -> Requests:
    """New requests and newly seen follow-ups and answers of stored ones."""
    counts = dict.fromkeys(("new", "updated", "unchanged", "skipped"), 0)
    everyone = found  # the people of every request, also those sent before the job search
    existing = frame(
        run.conn,
        "SELECT id, contact_id, sent_on, followed_up_on, responded_on, reply_excerpt FROM outreach "
        "WHERE seeker_id = ? AND channel = 'linkedin' ORDER BY id",
        [run.seeker_id],
    )
    existing = existing.drop_duplicates(subset=["contact_id", "sent_on"]).astype({"contact_id": "int64"})
    both = found.merge(
        existing,
        how="left",
        left_on=["target", "sent_on"],
        right_on=["contact_id", "sent_on"],
        suffixes=("", "_old"),
    )
    timeline = pd.DataFrame({"sent_on": both["sent_on"], "new": both["id"].isna()})
    if since is not None:
        early = (both["sent_on"] < pd.Timestamp(since)).to_numpy()
        counts["skipped"] = int(early.sum())  # the preview says so (coach.importers.guide.explain_counts)
        both = both[~early].reset_index(drop=True)
    known = both["id"].notna()
    updates = _updates(both[known.to_numpy()])
    new = both[~known.to_numpy()].reset_index(drop=True)
    counts.update(new=len(new), updated=len(updates), unchanged=int(known.sum()) - len(updates))
    inserts = pd.DataFrame(
        {
            "id": pd.Series(range(-1, -len(new) - 1, -1), dtype="int64"),
            "seeker_id": run.seeker_id,
            "contact_id": new["target"].astype("int64"),
            "sent_on": new["sent_on"],
            "channel": "linkedin",
            "message": new["message"],
            "followed_up_on": new["followed_up_on"],
            "responded_on": new["responded_on"],
            "reply_excerpt": new["reply_excerpt"],
        }
    )
    head = new.head(SAMPLE_ROWS)
    samples = pd.DataFrame(
        {
            "contact": head["target"].map(_names_of(people, head["target"])),
            "sent_on": head["sent_on"],
            "followed_up_on": head["followed_up_on"],
            "responded_on": head["responded_on"],
        }
    )
    return Requests(
        TableChanges("outreach", inserts, updates, refs={"contact_id": "contact"}),
        counts,
        samples,
        people.contacts[people.contacts["id"].isin(set(everyone["target"]))].reset_index(drop=True),
        {int(t) for t in everyone["target"] if t > 0},
        timeline,
    )


def _names_of(people: _People, wanted: pd.Series) -> dict[int, str]:
    """Display names of some contacts (targets) as the export shows them, else as they will be stored."""
    ids = set(wanted)
    targets = people.targets[people.targets["target"].isin(ids).to_numpy()]
    names = {
        int(t): n for t, n in zip(targets["target"], targets["cp_name"], strict=True) if isinstance(n, str)
    }
    new = people.contacts[people.contacts["id"].isin(ids).to_numpy()]
    stored = full_names(new["first_name"], new["last_name"]).set_axis(new["id"])
    return {int(t): names.get(int(t)) or str(stored.get(int(t), "")) for t in wanted}


def _updates(known: pd.DataFrame) -> pd.DataFrame:
    """Follow-ups and answers that newly appeared, filled only where the stored request has none.

    An answer found in the export has no outcome: the export cannot say whether it agreed, so
    the request is answered and unmarked until the user marks it.
    """
    fill_follow = known["followed_up_on"].notna() & known["followed_up_on_old"].isna()
    fill_answer = known["responded_on"].notna() & known["responded_on_old"].isna()
    fill_excerpt = known["reply_excerpt"].notna() & known["reply_excerpt_old"].isna()
    updates = pd.DataFrame(
        {
            "id": known["id"].astype("int64"),
            "followed_up_on": known["followed_up_on"].where(fill_follow, None),
            "responded_on": known["responded_on"].where(fill_answer, None),
            "reply_excerpt": known["reply_excerpt"].where(fill_excerpt, None),
        }
    )
    return updates[(fill_follow | fill_answer | fill_excerpt).to_numpy()].reset_index(drop=True)
