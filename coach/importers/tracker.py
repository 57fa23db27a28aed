"""Import a tracking spreadsheet (CSV or XLSX): one row per outreach request or person to ask.

Canonical headers: ``name, company, position, email, profile_url, warmth, source,
referred_by, channel, sent_on, followed_up_on, responded_on, outcome, meeting_on,
career_option, fit, thank_you_on, notes`` (other common headers are recognised, and any can
be mapped). Only name is required. A row with sent_on is a request (and its meeting,
referral and note); a row without it adds or updates its contact only (and its note), as
in a list of people to ask, and the plan counts those contacts in ``contacts_only``.
People are matched to stored contacts by profile URL, then e-mail, then a name only one
contact has; a request is the same when contact, channel and sent on match, a meeting when
contact and day match, so importing the same sheet again changes nothing. Values already
stored are never overwritten: the sheet only fills what is empty, and a plan note names the
rows whose company, position or warmth differ from the stored contact's.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import duckdb
import pandas as pd

from coach.importers.common import (
    ImportProblem,
    Plan,
    Progress,
    Rejection,
    TableChanges,
    empty_counts,
    report,
    require_seeker,
    rows_frame,
    store_fingerprint,
)
from coach.importers.keys import (
    CONTACT_NAMES,
    CONTACT_URLS,
    build_name_keys,
    build_url_keys,
    contacts_with_keys,
    install_key_macros,
    keys_of,
    load_contacts,
    match_people,
    name_key,
)
from coach.importers.sources import READ_ERRORS
from coach.importers.tracker_sheet import Row, Sheet, parse_rows, read_sheet, read_source
from coach.names import split_name
from coach.store.db import Connection
from coach.store.db import rows as fetch_rows
from coach.vocabulary import IMPORT_TABLES

ENTITIES = ("contacts", "requests", "meetings", "career_options", "referrals", "notes")
SAMPLE_ROWS = 5
CONTACT_FILL = ("company", "position", "email", "profile_url")
# The fields a plan note names when the sheet differs from the stored contact (e-mail and profile
# URL are how people are matched, so they are not compared).
CONTACT_COMPARED = ("company", "position", "warmth")
SHOWN_KEPT = 10


def plan(
    conn: Connection,
    source: str | Path | bytes | bytearray | IO[bytes],
    *,
    seeker_id: int,
    today: date,
    file_name: str | None = None,
    mapping: dict[str, str | None] | None = None,
    date_order: str | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read a tracking spreadsheet and work out what importing it would change; writes nothing.

    :param source: a CSV or XLSX file as a path, or as bytes or a binary file object (then
        give ``file_name``).
    :param seeker_id: whose contacts, requests and meetings these become.
    :param today: the day meetings are compared with (held once passed) and notes are dated.
    :param file_name: the uploaded file's name, for messages and the import record.
    :param mapping: header -> field for headers not recognised on their own (None to ignore one).
    :param date_order: "dmy" or "mdy" for dates like 03/02/2026 when the file does not settle it.
    :param sheet: the workbook's sheet to read; by default the first with a header row.
    :param progress: called with (fraction done, what is happening).
    """
    require_seeker(conn, seeker_id)
    report(progress, 0.0, "Reading the spreadsheet")
    label = file_name or (Path(source).name if isinstance(source, (str, Path)) else "upload")
    try:
        label, data = read_source(source, file_name)
        found = read_sheet(label, data, mapping, sheet=sheet)
        rows, rejected = parse_rows(found, date_order=date_order, today=today)
        report(progress, 0.4, "Matching people to your contacts")
        with tempfile.TemporaryDirectory(prefix="coach-import-") as tmp:
            pconn = duckdb.connect(":memory:")
            try:
                pconn.execute("SET temp_directory = ?", [(Path(tmp) / "spill").as_posix()])
                builder = _Builder(conn, pconn, seeker_id, label, found, today, rejected)
                result = builder.plan(rows)
            finally:
                pconn.close()
    except ImportProblem:
        raise
    except READ_ERRORS as exc:
        raise ImportProblem(f"{label} could not be read: {exc}", file=label) from exc
    report(progress, 1.0, "Ready to import")
    return result


@dataclass
class _Person:
    """Someone the sheet names: a stored contact (ref > 0) or a new one (ref < 0)."""

    uk: str | None
    ek: str | None
    nk: str | None
    rows: list[Row] = field(default_factory=list)
    ref: int = 0
    # What the plan does to the contact: "new", "updated" or "unchanged".
    state: str = ""


@dataclass
class _Builder:
    """Turns parsed rows into the changes of each table."""

    conn: Connection
    pconn: duckdb.DuckDBPyConnection
    seeker_id: int
    label: str
    sheet: Sheet
    today: date
    rejected: list[Rejection]
    skipped: list[Rejection] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: empty_counts(*ENTITIES))
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)
    options_seen: set[int] = field(default_factory=set)
    # Rows whose company, position or warmth differ from the stored contact's: (line, headers).
    kept: list[tuple[int, list[str]]] = field(default_factory=list)

    def plan(self, rows: list[Row]) -> Plan:
        """The plan for these rows."""
        install_key_macros(self.pconn)
        keys = keys_of(
            self.pconn,
            [r.get("profile_url") for r in rows if r.get("profile_url")],
            [r.get("email") for r in rows if r.get("email")],
        )
        load_contacts(self.conn, self.pconn, self.seeker_id)
        build_url_keys(self.pconn, [CONTACT_URLS])
        build_name_keys(self.pconn, [CONTACT_NAMES])
        pool = contacts_with_keys(self.pconn)
        people = self._people(rows, keys, pool)
        rows = [r for r in rows if id(r) in people]
        self._contacts(people, pool)
        referrers = self._referrers(rows, people, pool)
        rows = [r for r in rows if id(r) in people]
        self._drop_unused_contacts({people[id(r)].ref for r in rows} | set(referrers.values()))
        only = _contacts_only(rows, people)
        requests = self._requests(rows, people)
        self._meetings(rows, people, requests)
        self._referrals(rows, people, referrers)
        self._notes(rows, people)
        self.counts["requests"]["skipped"] += len({r.line for r in self.rejected + self.skipped if r.line})
        return Plan(
            kind="tracker",
            seeker_id=self.seeker_id,
            file_name=self.label,
            counts=self.counts,
            rejected=sorted(self.rejected, key=lambda r: (r.line or 0, r.column or "")),
            samples=self._samples(only),
            changes=self._changes(),
            skipped=self.skipped,
            notes=[
                *self.sheet.notes,
                *([f"Columns not imported: {', '.join(self.sheet.ignored)}."] if self.sheet.ignored else []),
                *self._kept_note({r.line for r in rows}),
            ],
            fingerprint=store_fingerprint(self.conn, self.seeker_id),
            contacts_only={
                state: sum(1 for p in only if p.state == state) for state in ("new", "updated", "unchanged")
            },
        )

    # --- helpers ---

    def _new_id(self, table: str) -> int:
        self.next_id[table] = self.next_id.get(table, 0) - 1
        return self.next_id[table]

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        new = self._new_id(table)
        self.inserts.setdefault(table, []).append({"id": new, "seeker_id": self.seeker_id, **row})
        return new

    def _reject(self, row: Row, column: str, reason: str) -> None:
        self.rejected.append(Rejection(self.sheet.file, row.line, self.sheet.column(column), reason))

    # --- contacts ---

    def _people(self, rows: list[Row], keys: dict[str, str], pool: pd.DataFrame) -> dict[int, _Person]:
        """Rows grouped by person (URL, then e-mail, then a name one person has), matched to contacts."""
        persons: list[_Person] = []
        by_key: dict[str, list[_Person]] = {}
        for row in rows:
            uk = keys.get(f"u:{row.get('profile_url')}")
            ek = keys.get(f"e:{row.get('email')}")
            nk = name_key(row.get("name"))
            person = self._same_person(by_key, uk, ek, nk)
            if person is None:
                person = _Person(uk, ek, nk)
                persons.append(person)
            person.uk, person.ek = person.uk or uk, person.ek or ek
            person.rows.append(row)
            for key in (f"u:{uk}" if uk else "", f"e:{ek}" if ek else "", f"n:{nk}" if nk else ""):
                if key and person not in by_key.setdefault(key, []):
                    by_key[key].append(person)
        incoming = pd.DataFrame(
            {"uk": [p.uk for p in persons], "ek": [p.ek for p in persons], "nk": [p.nk for p in persons]},
            dtype=object,
        )
        matched = match_people(self.pconn, incoming, pool)
        named = pool["nk"].value_counts()
        result: dict[int, _Person] = {}
        for person, found in zip(persons, matched, strict=True):
            if pd.notna(found):
                person.ref = int(found)
            elif not person.uk and not person.ek and person.nk and named.get(person.nk, 0) > 1:
                for row in person.rows:
                    self._reject(
                        row,
                        "name",
                        f"{named[person.nk]} contacts are called {row.get('name')!r}; add their "
                        "profile_url or email to tell which one",
                    )
                continue
            result.update({id(row): person for row in person.rows})
        return result

    @staticmethod
    def _same_person(
        by_key: dict[str, list[_Person]], uk: str | None, ek: str | None, nk: str | None
    ) -> _Person | None:
        if uk and by_key.get(f"u:{uk}"):
            return by_key[f"u:{uk}"][0]
        for key in ([f"e:{ek}"] if ek else []) + ([f"n:{nk}"] if nk else []):
            found = [p for p in by_key.get(key, []) if not (p.uk and uk and p.uk != uk)]
            if len(found) == 1 and not (key.startswith("n:") and ek and found[0].ek and found[0].ek != ek):
                return found[0]
        return None

    def _contacts(self, people: dict[int, _Person], pool: pd.DataFrame) -> None:
        """New contacts, and empty fields of stored ones filled from the sheet."""
        stored = pool.set_index("id")
        for person in {id(p): p for p in people.values()}.values():
            first = person.rows[0]
            if person.ref == 0:
                first_name, last_name = _names(first)
                person.ref = self._insert(
                    "contact",
                    {
                        "first_name": first_name,
                        "last_name": last_name,
                        **{c: _first(person.rows, c) for c in CONTACT_FILL},
                        "source": _first(person.rows, "source")
                        or ("referral" if first.get("referred_by") else "other"),
                        "warmth": _first(person.rows, "warmth") or "unknown",
                        "added_on": self.today,
                    },
                )
                person.state = "new"
                self.counts["contacts"]["new"] += 1
                continue
            old = stored.loc[person.ref]
            fill = {
                c: _first(person.rows, c) for c in CONTACT_FILL if pd.isna(old[c]) and _first(person.rows, c)
            }
            warmth = _first(person.rows, "warmth")
            if warmth and warmth != "unknown" and old["warmth"] == "unknown":
                fill["warmth"] = warmth
            if fill:
                self.updates.setdefault("contact", []).append({"id": person.ref, **fill})
            person.state = "updated" if fill else "unchanged"
            self.counts["contacts"][person.state] += 1
            self._compare(person, old)

    def _compare(self, person: _Person, old: Any) -> None:
        """Note the rows that give a stored contact another company, position or warmth (kept as stored)."""
        differ: dict[int, list[str]] = {}
        for column in CONTACT_COMPARED:
            row = next((r for r in person.rows if r.get(column) not in (None, "unknown")), None)
            stored = old[column]
            if row is None or pd.isna(stored) or stored == "unknown":
                continue
            if _same_text(row.get(column), stored):
                continue
            differ.setdefault(row.line, []).append(self.sheet.column(column))
        self.kept += sorted(differ.items())

    def _drop_unused_contacts(self, used: set[int]) -> None:
        """Forget new contacts whose every row was rejected after they were planned."""
        planned = self.inserts.get("contact", [])
        kept = [row for row in planned if row["id"] in used]
        self.counts["contacts"]["new"] -= len(planned) - len(kept)
        self.inserts["contact"] = kept

    def _referrers(self, rows: list[Row], people: dict[int, _Person], pool: pd.DataFrame) -> dict[int, int]:
        """Each row's referrer contact (matched by a name one person has, else new)."""
        sheet_names: dict[str, set[int]] = {}
        for person in people.values():
            if person.nk:
                sheet_names.setdefault(person.nk, set()).add(person.ref)
        stored = pool.dropna(subset=["nk"]).groupby("nk")["id"].apply(set).to_dict()
        created: dict[str, int] = {}
        found: dict[int, int] = {}
        for row in rows:
            name = row.get("referred_by")
            key = name_key(name)
            if not name or not key:
                continue
            refs = sheet_names.get(key, set()) | stored.get(key, set())
            if len(refs) > 1:
                self._reject(
                    row, "referred_by", f"{len(refs)} contacts are called {name!r}; which one referred?"
                )
                people.pop(id(row), None)
                continue
            ref = next(iter(refs)) if refs else created.get(key)
            if ref is None:
                first_name, last_name = split_name(name)
                ref = self._insert(
                    "contact",
                    {
                        "first_name": first_name,
                        "last_name": last_name,
                        "source": "other",
                        "warmth": "unknown",
                        "added_on": self.today,
                    },
                )
                created[key] = ref
                self.counts["contacts"]["new"] += 1
            if ref == people[id(row)].ref:
                self._reject(
                    row, "referred_by", f"{name!r} is the person in this row; nobody refers themselves"
                )
                people.pop(id(row), None)
                continue
            found[id(row)] = ref
        persons = {p.ref for p in people.values()}
        self.counts["contacts"]["unchanged"] += len({r for r in found.values() if r > 0} - persons)
        return found

    # --- requests and meetings ---

    def _requests(self, rows: list[Row], people: dict[int, _Person]) -> dict[int, int]:
        """Each row's request: a stored one (same contact, channel, day) gains empty fields, else new.

        A row without sent_on has none: it adds or updates its contact only."""
        stored = fetch_rows(
            self.conn,
            "SELECT id, contact_id, channel, sent_on, followed_up_on, responded_on, outcome FROM outreach "
            "WHERE seeker_id = ? ORDER BY id",
            [self.seeker_id],
        )
        known = {(int(r["contact_id"]), str(r["channel"]), r["sent_on"]): r for r in reversed(stored)}
        seen: dict[tuple[int, str, date], tuple[int, int]] = {}
        result: dict[int, int] = {}
        for row in rows:
            if row.get("sent_on") is None:
                continue
            key = (people[id(row)].ref, row.get("channel") or "other", row.get("sent_on"))
            if key in seen:
                self.skipped.append(
                    Rejection(self.sheet.file, row.line, None, f"the same request as row {seen[key][1]}")
                )
                continue
            if key in known:
                result[id(row)] = self._update_request(row, known[key])
            else:
                result[id(row)] = self._insert(
                    "outreach",
                    {
                        "contact_id": key[0],
                        "sent_on": key[2],
                        "channel": key[1],
                        "followed_up_on": row.get("followed_up_on"),
                        "responded_on": row.get("responded_on"),
                        # A reply date with an empty outcome is an unmarked answer: no outcome.
                        "outcome": row.get("outcome") or None,
                    },
                )
                self.counts["requests"]["new"] += 1
            seen[key] = (result[id(row)], row.line)
        return result

    def _update_request(self, row: Row, old: dict[str, Any]) -> int:
        fill = {c: row.get(c) for c in ("followed_up_on", "responded_on", "outcome") if _fills(row, old, c)}
        if fill:
            self.updates.setdefault("outreach", []).append({"id": int(old["id"]), **fill})
        self.counts["requests"]["updated" if fill else "unchanged"] += 1
        return int(old["id"])

    def _meetings(self, rows: list[Row], people: dict[int, _Person], requests: dict[int, int]) -> None:
        """A meeting for each row with meeting_on, about its career option (created if new).

        A row without a request (no sent_on, so no meeting_on either) still names its career option."""
        stored = fetch_rows(
            self.conn,
            "SELECT id, contact_id, held_on, outreach_id, fit, thank_you_on, company FROM meeting "
            "WHERE seeker_id = ? ORDER BY id",
            [self.seeker_id],
        )
        known = {(int(r["contact_id"]), r["held_on"]): r for r in reversed(stored)}
        linked = {
            (int(a), int(b))
            for a, b in self.conn.execute(
                "SELECT meeting_id, career_option_id FROM meeting_option WHERE seeker_id = ?",
                [self.seeker_id],
            ).fetchall()
        }
        options = self._options()
        seen: dict[tuple[int, date], int] = {}
        for row in rows:
            if id(row) not in requests:
                if row.get("sent_on") is None:
                    self._option(options, row.get("career_option"))
                continue
            held = row.get("meeting_on")
            option = self._option(options, row.get("career_option"))
            if held is None:
                continue
            key = (people[id(row)].ref, held)
            if key in seen:
                meeting = seen[key]
            elif key in known:
                meeting = self._update_meeting(row, known[key], requests[id(row)])
            else:
                meeting = self._insert(
                    "meeting",
                    {
                        "contact_id": key[0],
                        "outreach_id": requests[id(row)],
                        "held_on": held,
                        "company": row.get("company"),
                        "fit": row.get("fit"),
                        "thank_you_on": row.get("thank_you_on"),
                    },
                )
                self.counts["meetings"]["new"] += 1
            seen[key] = meeting
            if option is not None and (meeting, option) not in linked:
                linked.add((meeting, option))
                self.inserts.setdefault("meeting_option", []).append(
                    {"seeker_id": self.seeker_id, "meeting_id": meeting, "career_option_id": option}
                )

    def _update_meeting(self, row: Row, old: dict[str, Any], request: int) -> int:
        fill = {c: row.get(c) for c in ("fit", "thank_you_on", "company") if _fills(row, old, c)}
        if old["outreach_id"] is None:
            fill["outreach_id"] = request
        if fill:
            self.updates.setdefault("meeting", []).append({"id": int(old["id"]), **fill})
        self.counts["meetings"]["updated" if fill else "unchanged"] += 1
        return int(old["id"])

    def _options(self) -> dict[str, int]:
        found = self.conn.execute(
            "SELECT id, title FROM career_option WHERE seeker_id = ? ORDER BY id", [self.seeker_id]
        ).fetchall()
        return {name_key(title) or "": int(i) for i, title in found}

    def _option(self, options: dict[str, int], title: str | None) -> int | None:
        key = name_key(title)
        if not title or not key:
            return None
        if key not in options:
            options[key] = self._insert(
                "career_option", {"title": " ".join(title.split()), "created_on": self.today}
            )
            self.counts["career_options"]["new"] += 1
        elif options[key] > 0 and options[key] not in self.options_seen:
            self.counts["career_options"]["unchanged"] += 1
        self.options_seen.add(options[key])
        return options[key]

    def _referrals(self, rows: list[Row], people: dict[int, _Person], referrers: dict[int, int]) -> None:
        """A referral from each row's referred_by to its person (once per pair)."""
        known = {
            (int(a), int(b))
            for a, b in self.conn.execute(
                "SELECT referrer_id, referred_id FROM referral WHERE seeker_id = ?", [self.seeker_id]
            ).fetchall()
        }
        for row in rows:
            if id(row) not in referrers:
                continue
            pair = (referrers[id(row)], people[id(row)].ref)
            if pair in known:
                self.counts["referrals"]["unchanged"] += 1
                continue
            known.add(pair)
            self._insert(
                "referral",
                {"referrer_id": pair[0], "referred_id": pair[1], "referred_on": row.get("sent_on")},
            )
            self.counts["referrals"]["new"] += 1

    def _notes(self, rows: list[Row], people: dict[int, _Person]) -> None:
        """Each row's notes as a private note on its contact (once per contact and text)."""
        known = {
            (int(c), " ".join(str(b).split()))
            for c, b in self.conn.execute(
                "SELECT contact_id, body FROM contact_note WHERE seeker_id = ?", [self.seeker_id]
            ).fetchall()
        }
        for row in rows:
            body = row.get("notes")
            if not body:
                continue
            key = (people[id(row)].ref, " ".join(str(body).split()))
            if key in known:
                self.counts["notes"]["unchanged"] += 1
                continue
            known.add(key)
            self._insert(
                "contact_note",
                {"contact_id": key[0], "written_on": self.today, "body": body, "private": True},
            )
            self.counts["notes"]["new"] += 1

    # --- plan ---

    def _changes(self) -> list[TableChanges]:
        refs = {
            "outreach": {"contact_id": "contact"},
            "meeting": {"contact_id": "contact", "outreach_id": "outreach"},
            "meeting_option": {"meeting_id": "meeting", "career_option_id": "career_option"},
            "referral": {"referrer_id": "contact", "referred_id": "contact"},
            "contact_note": {"contact_id": "contact"},
        }
        tables = IMPORT_TABLES
        return [
            TableChanges(
                table,
                rows_frame(self.inserts.get(table, [])),
                rows_frame(self.updates.get(table, [])),
                refs.get(table, {}),
            )
            for table in tables
        ]

    def _kept_note(self, lines: set[int]) -> list[str]:
        """The plan note naming the rows (of those imported) whose contact fields differ from the stored
        ones, if any."""
        kept = [(line, columns) for line, columns in self.kept if line in lines]
        if not kept:
            return []
        shown = "; ".join(f"row {line} ({', '.join(columns)})" for line, columns in kept[:SHOWN_KEPT])
        more = f"; and {len(kept) - SHOWN_KEPT} more rows" if len(kept) > SHOWN_KEPT else ""
        return [
            f"Kept as stored, as a sheet only fills empty fields: {shown}{more}. If the sheet is right, "
            "change them on the contact."
        ]

    def _samples(self, only: list[_Person]) -> dict[str, pd.DataFrame]:
        contacts = {row["id"]: row for row in self.inserts.get("contact", [])}
        names = {ref: f"{row['first_name']} {row['last_name']}".strip() for ref, row in contacts.items()}
        requests = [
            {
                "contact": names.get(r["contact_id"], "(stored contact)"),
                "channel": r["channel"],
                "sent_on": r["sent_on"],
                "outcome": r["outcome"],
            }
            for r in self.inserts.get("outreach", [])[:SAMPLE_ROWS]
        ]
        meetings = [
            {
                "contact": names.get(r["contact_id"], "(stored contact)"),
                "held_on": r["held_on"],
                "fit": r["fit"],
            }
            for r in self.inserts.get("meeting", [])[:SAMPLE_ROWS]
        ]
        people = [
            {
                "name": names[p.ref],
                "company": contacts[p.ref]["company"],
                "position": contacts[p.ref]["position"],
                "warmth": contacts[p.ref]["warmth"],
            }
            for p in only
            if p.ref in contacts
        ][:SAMPLE_ROWS]
        return {
            "requests": pd.DataFrame(requests),
            "meetings": pd.DataFrame(meetings),
            "contacts": pd.DataFrame(people),
        }


def _contacts_only(rows: list[Row], people: dict[int, _Person]) -> list[_Person]:
    """The people whose rows (those kept) all lack sent_on: contacts added or updated, with no request."""
    persons = {id(people[id(r)]): people[id(r)] for r in rows}
    with_request = {id(people[id(r)]) for r in rows if r.get("sent_on") is not None}
    return [p for key, p in persons.items() if key not in with_request]


def _same_text(one: Any, other: Any) -> bool:
    """Whether two values read the same, case and runs of spaces aside."""
    return " ".join(str(one).split()).casefold() == " ".join(str(other).split()).casefold()


def _fills(row: Row, old: dict[str, Any], column: str) -> bool:
    """Whether the row has a value for a column the stored record leaves empty."""
    return row.get(column) is not None and old[column] is None


def _first(rows: list[Row], column: str) -> Any:
    """The first value the person's rows give for a field."""
    return next((r.get(column) for r in rows if r.get(column) is not None), None)


def _names(row: Row) -> tuple[str, str]:
    """First and last name from the row's name columns."""
    if row.get("first_name") or row.get("last_name"):
        return str(row.get("first_name") or ""), str(row.get("last_name") or "")
    return split_name(str(row.get("name")))
