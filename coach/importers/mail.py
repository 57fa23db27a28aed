"""Import mail the user exported (an mbox such as Google Takeout's, ``.eml`` files, or a folder of them):
requests, follow-ups and answers without typing.

A **request** is a thread the owner opened to one person in To (people in Cc, such as a
referrer, do not make it a group mail). The owner's later messages before an answer are its
follow-ups (the first sets ``followed_up_on``); the person's first message that is not an
auto-reply is the **answer**, stored with no outcome (an unmarked answer, for the user to
mark). Group mail, mailing lists and bulk mail, no-reply addresses and drafts are never
requests. With ``label`` only threads holding a message with that Gmail label are read;
without it only threads with people already among the seeker's contacts (by e-mail).

People are matched by e-mail, then by a full name only one contact has; new people become
contacts with their display name and address. A request found again (its thread's first
Message-ID is stored as ``outreach.mail_thread``), or one logged by hand for the same person
by e-mail on the same day, is filled in where it is empty and never overwritten, so a
second import of the same mail changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import pandas as pd

from coach.importers.addresses import Known, address_key, known_contacts, learned_owner
from coach.importers.common import (
    ImportProblem,
    OwnerNeeded,
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
from coach.importers.mail_read import (
    Header,
    Source,
    body_text,
    first_line,
    is_no_reply,
    open_source,
    read_headers,
    threads,
)
from coach.names import split_name
from coach.store.db import Connection
from coach.store.db import rows as fetch_rows
from coach.vocabulary import IMPORT_TABLES
from coach.wording import plural

ENTITIES = ("contacts", "requests")
SAMPLE_ROWS = 5
MESSAGE_CHARS = 20_000  # a request's text kept, at most
SHOWN_CANDIDATES = 5

# Why a thread is left out, as the preview names it.
NOT_OPENED = "opened by someone else"
GROUP = "group mail (several people in To)"
BULK = "a mailing list or bulk mail"
NO_REPLY = "to a no-reply address"
TO_SELF = "to yourself only"
DRAFT = "drafts only"
NO_LABEL = "without the label"
NOT_KNOWN = "nobody in it is among your contacts yet"
BEFORE = "before the start day"
PART = "the rest of a thread whose first message is not in the file"


@dataclass
class _Thread:
    """A request found in mail: the message that opened it, to whom, its follow-ups and its answer."""

    opening: Header
    person: tuple[str, str]  # (display name, address)
    follow_ups: list[Header] = field(default_factory=list)
    answer: Header | None = None


def plan(
    conn: Connection,
    source: str | Path | bytes | bytearray | IO[bytes],
    *,
    seeker_id: int,
    today: date,
    file_name: str | None = None,
    me: str | None = None,
    label: str | None = None,
    since: date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read mail and work out what importing it would change; writes nothing.

    :param source: an mbox or .eml file or a folder of them, as a path, or an upload's bytes or
        binary file object (then give ``file_name``).
    :param me: the owner's address; by default the sender of the messages labelled Sent.
    :param label: only threads holding a message with this Gmail label (e.g. "Job search").
    :param since: leave out requests sent before this day.
    :raises OwnerNeeded: the mail does not say whose it is; pass ``me``.
    """
    require_seeker(conn, seeker_id)
    if hasattr(source, "read"):
        source = source.read()
    where = open_source(source, file_name)
    report(progress, 0.0, f"Reading {where.label}")
    headers = _headers(where, progress)
    owner, how = _owner(conn, seeker_id, headers, me, where.label)
    report(progress, 0.6, "Following the threads")
    known = known_contacts(conn, seeker_id)
    builder = _Builder(conn, seeker_id, where, today, known, owner, how)
    builder.owners |= {h.sender[1] for h in headers if h.sender and "sent" in h.labels}
    return builder.plan(threads(headers), label=label, since=since, progress=progress)


def _headers(where: Source, progress: Progress | None) -> list[Header]:
    total = sum(p.stat().st_size for p in where.paths) if where.paths else len(where.data or b"")
    done = 0
    found: list[Header] = []
    last_path = None
    for header in read_headers(where):
        found.append(header)
        if header.path is not last_path and last_path is not None:
            done += last_path.stat().st_size
        last_path = header.path
        if len(found) % 2000 == 0:
            report(progress, 0.55 * (done + header.end) / max(total, 1), f"Read {len(found):,} messages")
    if not found:
        raise ImportProblem(f"{where.label} holds no message.", file=where.label)
    return found


def _owner(
    conn: Connection, seeker_id: int, headers: list[Header], me: str | None, label: str
) -> tuple[str, str]:
    """The mailbox owner's address and how it is known: ``me``, else the sender of the messages
    labelled Sent, else the owner an earlier mail import worked with."""
    if me:
        key = address_key(me)
        if key is None:
            raise ImportProblem(
                f"{me!r} is not an e-mail address; give yours, as in you@example.org.", file=label
            )
        return key, "as given"
    sent = Counter(h.sender[1] for h in headers if h.sender and "sent" in h.labels)
    if sent:
        return sent.most_common(1)[0][0], "the sender of the messages labelled Sent"
    learned = learned_owner(conn, seeker_id)
    if learned:
        return learned, "the address an earlier mail import used"
    senders = Counter(h.sender[1] for h in headers if h.sender)
    raise OwnerNeeded(
        f"{label} does not say whose mail it is (no message is labelled Sent): give your address.",
        file=label,
        candidates=[address for address, _ in senders.most_common(SHOWN_CANDIDATES)],
    )


class _Builder:
    def __init__(
        self, conn: Connection, seeker_id: int, where: Source, today: date, known: Known, owner: str, how: str
    ) -> None:
        self.how = how
        self.conn = conn
        self.seeker_id = seeker_id
        self.where = where
        self.today = today
        self.known = known
        self.owner = owner
        self.owners = {owner}  # with every address the owner's Sent mail went out from (plan adds them)
        self.counts = empty_counts(*ENTITIES)
        self.rejected: list[Rejection] = []
        self.skipped: Counter[str] = Counter()
        self.inserts: dict[str, list[dict[str, Any]]] = {}
        self.updates: dict[str, list[dict[str, Any]]] = {}
        self.next_ref = -1
        self.contact_state: dict[int, str] = {}
        self.timeline: list[tuple[date, bool]] = []

    # -- which threads ------------------------------------------------------------------------

    def plan(
        self, groups: list[list[Header]], *, label: str | None, since: date | None, progress: Progress | None
    ) -> Plan:
        wanted = label.strip().lower() if label else None
        kept: list[_Thread] = []
        for group in groups:
            found = self._request(group)
            if isinstance(found, str):
                self.skipped[found] += 1
                continue
            if wanted is not None:
                if not any(wanted in h.labels for h in group):
                    self.skipped[f"{NO_LABEL} {label}"] += 1
                    continue
            elif self.known.match(found.person[1]) is None:
                self.skipped[NOT_KNOWN] += 1
                continue
            if since is not None and found.opening.day is not None and found.opening.day < since:
                self.skipped[BEFORE] += 1
                continue
            unreadable = [h for h in group if h.cut_off or h.sent_at is None or not self._likely(h)]
            if unreadable:
                for header in unreadable:
                    why = (
                        "is cut off inside its headers"
                        if header.cut_off
                        else "has a Date header that cannot be read"
                        if header.sent_at is None
                        else f"is dated {header.sent_at:%Y-%m-%d}, after today or outside 1900-2100"
                    )
                    self.rejected.append(Rejection(header.source, None, None, f"{header.where()} {why}"))
                self.counts["requests"]["skipped"] += 1
                continue
            kept.append(found)
        self.counts["requests"]["skipped"] += sum(self.skipped.values())
        report(progress, 0.7, "Matching people to your contacts")
        existing = self._stored_requests()
        for thread in kept:
            self._add(thread, existing)
        self.rejected += [Rejection(self.where.label, None, None, problem) for problem in self.where.problems]
        for state in self.contact_state.values():
            self.counts["contacts"][state] += 1
        report(progress, 1.0, "Ready to import")
        return Plan(
            kind="mail",
            seeker_id=self.seeker_id,
            file_name=self.where.label,
            counts=self.counts,
            rejected=self.rejected,
            samples=self._samples(),
            changes=self._changes(),
            skipped=[
                Rejection(self.where.label, None, None, f"{n} left out: {why}") for why, n in self._reasons()
            ],
            notes=self._notes(label),
            fingerprint=store_fingerprint(self.conn, self.seeker_id),
            owner="",  # a name, for the LinkedIn check of whose export it is; the address is below
            owner_how=self.how,
            timeline=pd.DataFrame(
                {
                    "sent_on": pd.to_datetime([d for d, _ in self.timeline]),
                    "new": [n for _, n in self.timeline],
                }
            ),
            since=since,
            owner_address=self.owner,
        )

    def _likely(self, header: Header) -> bool:
        """Whether a message's date can be right: not after today, and within what the store holds."""
        day = header.day
        return day is not None and date(1900, 1, 1) <= day <= min(self.today, date(2100, 12, 31))

    def _reasons(self) -> list[tuple[str, int]]:
        return sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))

    def _request(self, group: list[Header]) -> _Thread | str:
        """The request a thread is, or why it is none."""
        sent = [h for h in group if not h.draft]
        if not sent:
            return DRAFT
        opening = sent[0]
        if opening.sender is None or opening.sender[1] not in self.owners:
            return NOT_OPENED
        others = [(name, address) for name, address in opening.to if address not in self.owners]
        if not others:
            return TO_SELF
        if len({address for _, address in others}) > 1:
            return GROUP
        if opening.bulk:
            return BULK
        person = others[0]
        if is_no_reply(person[1]):
            return NO_REPLY
        if opening.parents and not any(h.message_id in opening.parents for h in group):
            return PART  # its first message answers mail the file does not hold: a thread begun elsewhere
        thread = _Thread(opening, person)
        for header in sent[1:]:
            if header.sender is None or thread.answer is not None:
                continue
            if header.sender[1] in self.owners:
                to_them = any(address == person[1] for _, address in [*header.to, *header.cc])
                day, first = header.day_in(opening), opening.day
                if to_them and day is not None and first is not None and day > first:
                    thread.follow_ups.append(header)
            elif header.sender[1] == person[1] and not header.automatic:
                thread.answer = header
        return thread

    # -- what it changes ----------------------------------------------------------------------

    def _stored_requests(self) -> list[dict[str, Any]]:
        return fetch_rows(
            self.conn,
            "SELECT id, contact_id, sent_on, channel, message, followed_up_on, responded_on, outcome, "
            "reply_excerpt, mail_thread FROM outreach WHERE seeker_id = ? ORDER BY id",
            [self.seeker_id],
        )

    def _contact(self, person: tuple[str, str]) -> int:
        name, address = person
        found = self.known.match(address, display_name(name) if name else None)
        if found is not None:
            if found not in self.contact_state:
                self.contact_state[found] = "unchanged"
                if found > 0 and found not in self.known.addresses and address not in self.known.by_address:
                    self.updates.setdefault("contact", []).append({"id": found, "email": address})
                    self.contact_state[found] = "updated"
                    self.known.by_address[address] = found
                    self.known.addresses[found] = address
            return found
        shown = display_name(name) if name and "@" not in name else address.split("@", 1)[0]
        first, last = split_name(shown)
        ref = self.next_ref
        self.next_ref -= 1
        self.inserts.setdefault("contact", []).append(
            {
                "id": ref,
                "seeker_id": self.seeker_id,
                "first_name": first or address,
                "last_name": last,
                "email": address,
                "source": "other",
                "warmth": "unknown",
                "added_on": self.today,
            }
        )
        self.known.add(ref, f"{first} {last}".strip(), address)
        self.contact_state[ref] = "new"
        return ref

    def _add(self, thread: _Thread, existing: list[dict[str, Any]]) -> None:
        contact = self._contact(thread.person)
        sent_on = thread.opening.day
        assert sent_on is not None
        values: dict[str, Any] = {
            "mail_thread": thread.opening.message_id,
            "message": body_text(thread.opening, self.where.data)[:MESSAGE_CHARS] or None,
            "followed_up_on": thread.follow_ups[0].day_in(thread.opening) if thread.follow_ups else None,
            "responded_on": None,
            "reply_excerpt": None,
        }
        answered = thread.answer.day_in(thread.opening) if thread.answer is not None else None
        if thread.answer is not None and answered is not None:
            values["responded_on"] = max(answered, sent_on)
            values["reply_excerpt"] = first_line(body_text(thread.answer, self.where.data)) or None
        same = self._same(existing, contact, sent_on, thread.opening.message_id)
        self.timeline.append((sent_on, same is None))
        if same is None:
            ref = self.next_ref
            self.next_ref -= 1
            self.inserts.setdefault("outreach", []).append(
                {
                    "id": ref,
                    "seeker_id": self.seeker_id,
                    "contact_id": contact,
                    "sent_on": sent_on,
                    "channel": "email",
                    **values,
                    "_subject": thread.opening.subject,
                }
            )
            self.counts["requests"]["new"] += 1
            return
        existing.remove(same)
        fill = {
            column: value for column, value in values.items() if value is not None and same[column] is None
        }
        if "followed_up_on" in fill and fill["followed_up_on"] < same["sent_on"]:
            del fill["followed_up_on"]
        if "responded_on" in fill and fill["responded_on"] < same["sent_on"]:
            fill["responded_on"] = same["sent_on"]
        if fill:
            self.updates.setdefault("outreach", []).append({"id": same["id"], **fill})
            self.counts["requests"]["updated"] += 1
        else:
            self.counts["requests"]["unchanged"] += 1

    @staticmethod
    def _same(
        existing: list[dict[str, Any]], contact: int, sent_on: date, thread: str
    ) -> dict[str, Any] | None:
        """The stored request this thread is: the one holding its Message-ID, else one logged by hand
        for the same person by e-mail on the same day."""
        for row in existing:
            if row["mail_thread"] == thread:
                return row
        for row in existing:
            if (
                row["mail_thread"] is None
                and row["contact_id"] == contact
                and row["channel"] == "email"
                and row["sent_on"] == sent_on
            ):
                return row
        return None

    # -- the plan -----------------------------------------------------------------------------

    def _changes(self) -> list[TableChanges]:
        refs = {"outreach": {"contact_id": "contact"}}
        return [
            TableChanges(
                table,
                rows_frame(
                    [
                        {k: v for k, v in row.items() if not k.startswith("_")}
                        for row in self.inserts.get(table, [])
                    ]
                ),
                rows_frame(self.updates.get(table, [])),
                refs.get(table, {}),
            )
            for table in IMPORT_TABLES
            if table in ("contact", "outreach")
        ]

    def _samples(self) -> dict[str, pd.DataFrame]:
        names = {
            row["id"]: f"{row['first_name']} {row['last_name']}".strip()
            for row in self.inserts.get("contact", [])
        }
        stored = self.known.names
        requests = [
            {
                "contact": names.get(r["contact_id"]) or stored.get(r["contact_id"], "(stored contact)"),
                "subject": r["_subject"],
                "sent_on": r["sent_on"],
                "followed_up_on": r["followed_up_on"],
                "answered_on": r["responded_on"],
            }
            for r in self.inserts.get("outreach", [])[:SAMPLE_ROWS]
        ]
        people = [{"name": name} for name in list(names.values())[:SAMPLE_ROWS]]
        return {"requests": pd.DataFrame(requests), "contacts": pd.DataFrame(people)}

    def _notes(self, label: str | None) -> list[str]:
        notes = [f"Read as the mail of {self.owner} ({self.how})."]
        left = self._reasons()
        if left:
            listed = "; ".join(f"{why} ({n})" for why, n in left)
            notes.append(f"Left out {plural(sum(n for _, n in left), 'thread')}: {listed}.")
        if not label and (unknown := self.skipped.get(NOT_KNOWN, 0)):
            them = "that thread" if unknown == 1 else "those threads"
            notes.append(
                f"Only threads with your contacts were read ({plural(unknown, 'other thread')} left out). "
                f"To import {them} too, give the Gmail label you file job-search mail under, or first "
                "import the people (a LinkedIn export or a people list) so they are contacts."
            )
        return notes


def display_name(name: str) -> str:
    """A display name as a person's name: "Pike, Dana" (as directories write it) is "Dana Pike"."""
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and len(last.split()) <= 3 and len(first.split()) <= 3:
        return f"{first.strip()} {last.strip()}"
    return name.strip()
