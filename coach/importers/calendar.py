"""Import a calendar (.ics): the conversations it holds with the seeker's contacts.

An event is a conversation with a contact when one of its attendees or its organiser (other than
the calendar's owner) is a contact by e-mail address, or else when its title names exactly one
contact by full name ("Coffee with Hana Mori"). Past and future events are both imported: a
conversation dated after today is one still to come. Recurring, all-day and cancelled events,
events with nobody known and events before ``since`` are left out, each counted by why.

A conversation remembers the event's UID (``meeting.event_uid``), so importing the same file again
changes nothing; a conversation logged by hand with the same person on the same day is the same
one and only gains the UID and what it left empty. A new conversation is linked to the person's
latest request sent by then that has no conversation yet, and an unanswered or unmarked request
becomes agreed. Values already stored are never overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import pandas as pd

from coach.importers.addresses import Known, address_key, known_contacts, learned_owner
from coach.importers.common import (
    ImportProblem,
    Plan,
    Progress,
    Rejection,
    TableChanges,
    empty_counts,
    read_source,
    report,
    require_seeker,
    store_fingerprint,
)
from coach.importers.keys import name_key
from coach.store.db import Connection
from coach.store.db import rows as fetch_rows
from coach.wording import day, plural

ENTITIES = ("meetings", "requests")
SAMPLE_ROWS = 5
SHOWN = 5
MAX_MINUTES = 240
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
ZIP_MAGIC = b"PK\x03\x04"

# Why an event was left out, as the preview says it, in the order the notes list them.
LEFT_OUT = {
    "recurring": "recurring (a series, or one occurrence of a series)",
    "all_day": "all-day",
    "cancelled": "cancelled",
    "before_since": "before the job search started",
    "nobody": "nobody known (no attendee, organiser or name in the title is one of your contacts)",
    "several": "the title names more than one of your contacts",
    "repeated": "the same conversation as an earlier event of the file",
}

_VIDEO = re.compile(
    r"zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex"
    r"|\b(?:video|zoom|teams|google\s+meet|facetime|skype|whereby)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\btel:|\b(?:phone|call|telephone|ring)\b", re.IGNORECASE)
_COFFEE = re.compile(r"\b(?:coffee|café|cafe|starbucks|espresso)\b", re.IGNORECASE)
# A phone number: 7 to 15 digits, with the spaces, dots, dashes and brackets people write.
_PHONE_NUMBER = re.compile(r"(?<![\w/.=])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])")
_WORDS = re.compile(r"\w+")


def plan(
    conn: Connection,
    source: str | Path | bytes | bytearray | IO[bytes],
    *,
    seeker_id: int,
    today: date,
    file_name: str | None = None,
    me: str | None = None,
    since: date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read a calendar (.ics) and work out what importing its conversations would change; writes nothing.

    :param source: an .ics file as a path, or as bytes or a binary file object (then give ``file_name``).
    :param seeker_id: whose conversations these become.
    :param today: conversations after it are still to come; an answer is not dated after it.
    :param file_name: the uploaded file's name, for messages and the import record.
    :param me: the calendar owner's e-mail address; by default the one an earlier mail or calendar
        import worked with, else the organiser of most events.
    :param since: events before this day are left out (the job search started then).
    :param progress: called with (fraction done, what is happening).
    """
    require_seeker(conn, seeker_id)
    report(progress, 0.0, "Reading the calendar")
    label, data = read_source(source, file_name, what="the calendar (.ics) file")
    events = _events(label, data)
    owner, owner_how = _owner(conn, seeker_id, label, me, events)
    report(progress, 0.3, "Matching people to your contacts")
    builder = _Builder(conn, seeker_id, label, today, since, owner, known_contacts(conn, seeker_id))
    result = builder.plan(events, progress)
    # Only an owner given or learned is kept for later imports; a guessed organiser is not.
    result.owner_address = owner or "" if owner_how != GUESSED else ""
    result.owner_how = owner_how
    report(progress, 1.0, "Ready to import")
    return result


# --- reading ---------------------------------------------------------------


@dataclass
class _Raw:
    """One VEVENT of the file, with its number (from 1) and its organiser's address."""

    number: int
    component: Any
    organiser: str | None
    zone: tzinfo | None = None  # the calendar's own time zone (X-WR-TIMEZONE), for times given in UTC


def _events(label: str, data: bytes) -> list[_Raw]:
    """Every event of the file; a file that is no calendar, or holds no event, is refused."""
    if not data.strip():
        raise ImportProblem(f"{label} is empty.", file=label)
    if data.startswith(ZIP_MAGIC):
        raise ImportProblem(
            f"{label} is a zip archive, not a calendar: unzip it and choose the .ics file inside.", file=label
        )
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise ImportProblem(
            f"{label} is not a calendar (.ics) file: it does not start with BEGIN:VCALENDAR.", file=label
        )
    try:
        found = icalendar.Calendar.from_ical(text, multiple=True)
        calendars = found if isinstance(found, list) else [found]
        components = [c for calendar in calendars for c in calendar.walk("VEVENT")]
    except Exception as exc:  # the parser fails in many ways on a broken file; all mean the same
        raise ImportProblem(f"{label} could not be read as a calendar: {_one_line(exc)}", file=label) from exc
    if not components:
        raise ImportProblem(f"{label} holds no events.", file=label)
    zones = [_zone(calendar) for calendar in calendars]
    raws: list[_Raw] = []
    for calendar, zone in zip(calendars, zones, strict=True):
        for component in calendar.walk("VEVENT"):
            raws.append(_Raw(len(raws) + 1, component, _organiser(component), zone))
    return raws


def _zone(calendar: Any) -> tzinfo | None:
    """The time zone a calendar says it is kept in (Google and Apple write X-WR-TIMEZONE); None if none
    or unknown."""
    name = str(calendar.get("X-WR-TIMEZONE") or "").strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _address(value: Any) -> str | None:
    """The address key of a calendar address ("mailto:Hana@Example.com"); None if not one."""
    if value is None:
        return None
    text = str(value).strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return address_key(text)


def _organiser(component: Any) -> str | None:
    try:
        value = component.get("ORGANIZER")
        return _address(value[0] if isinstance(value, list) and value else value)
    except Exception:  # a broken property: no organiser
        return None


GUESSED = "the organiser of most events"


def _owner(
    conn: Connection, seeker_id: int, label: str, me: str | None, events: list[_Raw]
) -> tuple[str | None, str]:
    """The calendar owner's address and how it is known; (None, "") when nothing says."""
    if me is not None and me.strip():
        key = _address(me)
        if key is None:
            raise ImportProblem(
                f"{me!r} is not an e-mail address; give the address whose calendar {label} is.", file=label
            )
        return key, "given"
    learned = learned_owner(conn, seeker_id)
    if learned:
        return learned, "from an earlier import"
    # A contact who organised events invited the owner: they are not the owner.
    known = known_contacts(conn, seeker_id)
    organisers = Counter(e.organiser for e in events if e.organiser and e.organiser not in known.by_address)
    if organisers:
        return organisers.most_common(1)[0][0], GUESSED
    return None, ""


# --- one event -------------------------------------------------------------


class _Left(Exception):
    """The event is left out, for a reason of LEFT_OUT."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Unreadable(Exception):
    """The event cannot be read."""


@dataclass
class _Event:
    number: int
    uid: str
    held_on: date
    minutes: int | None
    mode: str
    summary: str
    people: list[str]
    organiser: str | None
    answered_on: date | None


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return " ".join(str(value).split()) if value is not None else ""


def _when(component: Any, name: str) -> Any:
    """A date-time property's value (a date, a datetime, a timedelta); None if missing."""
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        raise _Unreadable(f"it has {len(value)} {name} lines")
    return value.dt


def _local_day(value: Any) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def _uid(component: Any) -> str:
    return _text(component, "UID")


def _read_event(raw: _Raw) -> _Event:
    """The event as a conversation would be planned from it; _Left or _Unreadable if it cannot be."""
    component = raw.component
    if _text(component, "STATUS").upper() == "CANCELLED":
        raise _Left("cancelled")
    if any(name in component for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
        raise _Left("recurring")
    if "DTSTART" not in component:
        raise _Unreadable("it has no start (DTSTART)")
    try:
        start = _when(component, "DTSTART")
    except _Unreadable:
        raise
    except Exception as exc:  # a broken property value
        raise _Unreadable(f"its start (DTSTART) cannot be read: {_one_line(exc)}") from exc
    if isinstance(start, date) and not isinstance(start, datetime):
        raise _Left("all_day")
    if not isinstance(start, datetime):
        raise _Unreadable("its start (DTSTART) cannot be read")
    # A time in UTC (Google writes single events so) is a day where the calendar is kept; a time with
    # its own zone (TZID) or a floating one is taken as written.
    local = start
    if raw.zone is not None and start.tzinfo is not None and start.utcoffset() == timedelta(0):
        local = start.astimezone(raw.zone)
    held_on = local.date()
    if not FIRST_DAY <= held_on <= LAST_DAY:
        raise _Unreadable(f"it starts on {held_on.isoformat()}, not between 1900 and 2100")
    summary = _text(component, "SUMMARY")
    location = _text(component, "LOCATION")
    hints = " ".join(_text(component, name) for name in ("X-GOOGLE-CONFERENCE", "CONFERENCE"))
    people = []
    for value in _listed(component, "ATTENDEE"):
        params = getattr(value, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue  # they said no: the conversation is not with them
        key = _address(value)
        if key is not None and key not in people:
            people.append(key)
    if raw.organiser and raw.organiser not in people:
        people.append(raw.organiser)
    uid = _uid(component) or _made_uid(start, summary, raw.organiser)
    return _Event(
        number=raw.number,
        uid=uid,
        held_on=held_on,
        minutes=_minutes(component, start),
        mode=_mode(location, summary, hints),
        summary=summary,
        people=people,
        organiser=raw.organiser,
        answered_on=_answered_on(component),
    )


def _listed(component: Any, name: str) -> list[Any]:
    try:
        value = component.get(name)
    except Exception:  # a broken property: none
        return []
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _made_uid(start: datetime, summary: str, organiser: str | None) -> str:
    """A UID for an event without one, the same each time the same event is read."""
    digest = hashlib.sha256(f"{start.isoformat()}|{summary}|{organiser or ''}".encode()).hexdigest()
    return "nouid:" + digest[:24]


def _minutes(component: Any, start: datetime) -> int | None:
    """How long the event is planned to last, in minutes (1 to 240); None if not said or out of range."""
    length: timedelta | None = None
    try:
        end = _when(component, "DTEND")
        if isinstance(end, datetime) and (end.tzinfo is None) == (start.tzinfo is None):
            length = end - start
        elif end is None:
            duration = _when(component, "DURATION")
            length = duration if isinstance(duration, timedelta) else None
    except Exception:  # a broken end or duration: the length is not known
        return None
    if length is None:
        return None
    minutes = round(length.total_seconds() / 60)
    return minutes if 1 <= minutes <= MAX_MINUTES else None


def _mode(location: str, summary: str, hints: str = "") -> str:
    """How the conversation is held, from its place and title: video, phone, coffee, in person."""
    said = f"{location} {summary} {hints}"
    if _VIDEO.search(said):
        return "video"
    if _PHONE.search(said) or _is_phone_number(location):
        return "phone"
    if _COFFEE.search(said):
        return "coffee"
    if location.strip():
        return "in_person"
    return "video"


def _is_phone_number(location: str) -> bool:
    return any(7 <= sum(c.isdigit() for c in m.group()) <= 15 for m in _PHONE_NUMBER.finditer(location))


def _answered_on(component: Any) -> date | None:
    """The day the event was made (CREATED, else DTSTAMP): when the request was agreed to."""
    for name in ("CREATED", "DTSTAMP"):
        try:
            found = _local_day(_when(component, name))
        except Exception:  # a broken stamp: try the next
            continue
        if found is not None:
            return found
    return None


# --- names in titles -------------------------------------------------------


def _name_index(known: Known) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Contacts' full names of two words or more as words, by their first word."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for contact_id, name in known.names.items():
        key = name_key(name)
        words = tuple(_WORDS.findall(key)) if key else ()
        if len(words) >= 2:
            index.setdefault(words[0], []).append((words, contact_id))
    return index


def _named(summary: str, index: dict[str, list[tuple[tuple[str, ...], int]]]) -> set[int]:
    """The contacts whose full name the title holds as whole words (a name inside a longer one aside)."""
    words = _WORDS.findall(name_key(summary) or "")
    spans: list[tuple[int, int, int]] = []
    for i, word in enumerate(words):
        for name, contact_id in index.get(word, []):
            if tuple(words[i : i + len(name)]) == name:
                spans.append((i, i + len(name), contact_id))
    return {
        contact_id
        for start, end, contact_id in spans
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
    }


# --- the plan --------------------------------------------------------------


@dataclass
class _Builder:
    conn: Connection
    seeker_id: int
    label: str
    today: date
    since: date | None
    owner: str | None
    known: Known
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: empty_counts(*ENTITIES))
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    meeting_updates: list[dict[str, Any]] = field(default_factory=list)
    request_updates: list[dict[str, Any]] = field(default_factory=list)
    several: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    cancelled_stored: list[str] = field(default_factory=list)

    def plan(self, raws: list[_Raw], progress: Progress | None) -> Plan:
        stored = fetch_rows(
            self.conn,
            "SELECT id, contact_id, outreach_id, held_on, minutes_planned, company, event_uid FROM meeting "
            "WHERE seeker_id = ? ORDER BY id",
            [self.seeker_id],
        )
        by_uid = {str(m["event_uid"]): m for m in reversed(stored) if m["event_uid"] is not None}
        by_day: dict[tuple[int, date], list[dict[str, Any]]] = {}
        for m in stored:
            by_day.setdefault((int(m["contact_id"]), m["held_on"]), []).append(m)
        companies = {
            int(i): c
            for i, c in self.conn.execute(
                "SELECT id, company FROM contact WHERE seeker_id = ?", [self.seeker_id]
            ).fetchall()
        }
        index = _name_index(self.known)
        seen_uids: dict[str, int] = {}
        taken: dict[int, int] = {}  # stored meeting id -> the event number it was matched with
        planned: dict[tuple[int, date], int] = {}  # (contact, day) -> event number of a new conversation
        fresh: list[tuple[_Event, int]] = []
        for raw in raws:
            try:
                event = _read_event(raw)
            except _Left as left:
                if left.reason == "cancelled" and (uid := _safe_uid(raw)) in by_uid:
                    self.cancelled_stored.append(self._where(raw.number, uid))
                self._skip(raw.number, _safe_uid(raw), left.reason)
                continue
            except _Unreadable as exc:
                self._reject(raw.number, _safe_uid(raw), str(exc))
                continue
            except Exception as exc:  # anything else the parser throws at a broken event
                self._reject(raw.number, _safe_uid(raw), f"it cannot be read: {_one_line(exc)}")
                continue
            if event.uid in seen_uids:
                self._skip(event.number, event.uid, "repeated")
                continue
            seen_uids[event.uid] = event.number
            if event.uid in by_uid:
                old = by_uid[event.uid]
                if int(old["id"]) in taken:
                    self._skip(event.number, event.uid, "repeated")
                    continue
                taken[int(old["id"])] = event.number
                if old["held_on"] != event.held_on:
                    self.moved.append(
                        f"event {event.number} (now {day(event.held_on)}, stored {day(old['held_on'])})"
                    )
                self._fill(old, event, companies, uid=False)
                continue
            if self.since is not None and event.held_on < self.since:
                self._skip(event.number, event.uid, "before_since")
                continue
            who = self._who(event, index)
            if who is None:
                continue
            key = (who, event.held_on)
            same_day = [m for m in by_day.get(key, []) if int(m["id"]) not in taken]
            if same_day:
                old = next((m for m in same_day if m["event_uid"] is None), same_day[0])
                taken[int(old["id"])] = event.number
                self._fill(old, event, companies, uid=old["event_uid"] is None)
                continue
            if key in planned or by_day.get(key):
                self._skip(event.number, event.uid, "repeated")
                continue
            planned[key] = event.number
            fresh.append((event, who))
        report(progress, 0.7, "Linking conversations to requests")
        self._new_meetings(fresh, companies)
        self._notes()
        return Plan(
            kind="calendar",
            seeker_id=self.seeker_id,
            file_name=self.label,
            counts=self.counts,
            rejected=self.rejected,
            samples=self._samples(),
            changes=self._changes(),
            skipped=self.skipped,
            notes=self.notes,
            fingerprint=store_fingerprint(self.conn, self.seeker_id),
            since=self.since,
        )

    # --- rows of the file ---

    def _where(self, number: int, uid: str | None) -> str:
        return f"event {number}" + (f" (UID {uid})" if uid else "")

    def _skip(self, number: int, uid: str | None, reason: str) -> None:
        self.reasons[reason] += 1
        self.counts["meetings"]["skipped"] += 1
        self.skipped.append(
            Rejection(self.label, None, None, f"{self._where(number, uid)}: {LEFT_OUT[reason]}")
        )

    def _reject(self, number: int, uid: str | None, reason: str) -> None:
        self.counts["meetings"]["skipped"] += 1
        self.rejected.append(Rejection(self.label, None, None, f"{self._where(number, uid)}: {reason}"))

    def _who(self, event: _Event, index: dict[str, list[tuple[tuple[str, ...], int]]]) -> int | None:
        """The contact the conversation is with; None (the event left out) if nobody or several."""
        found: list[int] = []
        for address in event.people:
            if address == self.owner:
                continue
            contact_id = self.known.match(address)
            if contact_id is not None and contact_id not in found:
                found.append(contact_id)
        if found:
            if len(found) > 1:
                self.several.append(f"event {event.number} ({self.known.names.get(found[0], '')})")
            return found[0]
        named = _named(event.summary, index)
        if len(named) == 1:
            return next(iter(named))
        self._skip(event.number, event.uid, "several" if named else "nobody")
        return None

    # --- conversations ---

    def _fill(self, old: dict[str, Any], event: _Event, companies: dict[int, Any], *, uid: bool) -> None:
        """A stored conversation gains what it leaves empty: the UID, the length, the company."""
        fill: dict[str, Any] = {}
        if uid:
            fill["event_uid"] = event.uid
        if old["minutes_planned"] is None and event.minutes is not None:
            fill["minutes_planned"] = event.minutes
        company = companies.get(int(old["contact_id"]))
        if old["company"] is None and company:
            fill["company"] = company
        if fill:
            self.meeting_updates.append({"id": int(old["id"]), **fill})
        self.counts["meetings"]["updated" if fill else "unchanged"] += 1

    def _new_meetings(self, fresh: list[tuple[_Event, int]], companies: dict[int, Any]) -> None:
        """The new conversations, each linked to its request (earliest conversation first)."""
        requests = fetch_rows(
            self.conn,
            "SELECT id, contact_id, sent_on, responded_on, outcome FROM outreach WHERE seeker_id = ? "
            "ORDER BY sent_on DESC, id DESC",
            [self.seeker_id],
        )
        linked = {
            int(r[0])
            for r in self.conn.execute(
                "SELECT DISTINCT outreach_id FROM meeting WHERE seeker_id = ? AND outreach_id IS NOT NULL",
                [self.seeker_id],
            ).fetchall()
        }
        by_contact: dict[int, list[dict[str, Any]]] = {}
        for r in requests:
            by_contact.setdefault(int(r["contact_id"]), []).append(r)
        for number, (event, who) in enumerate(sorted(fresh, key=lambda f: (f[0].held_on, f[0].number)), 1):
            request = next(
                (
                    r
                    for r in by_contact.get(who, [])
                    if r["sent_on"] <= event.held_on and int(r["id"]) not in linked
                ),
                None,
            )
            if request is not None:
                linked.add(int(request["id"]))
                self._agreed(request, event)
            self.inserts.append(
                {
                    "id": -number,
                    "seeker_id": self.seeker_id,
                    "contact_id": who,
                    "outreach_id": int(request["id"]) if request is not None else None,
                    "held_on": event.held_on,
                    "mode": event.mode,
                    "company": companies.get(who) or None,
                    "minutes_planned": event.minutes,
                    "event_uid": event.uid,
                }
            )
            self.counts["meetings"]["new"] += 1

    def _agreed(self, request: dict[str, Any], event: _Event) -> None:
        """A request a conversation came from was agreed to, unless its answer says otherwise."""
        if request["outcome"] is not None:
            self.counts["requests"]["unchanged"] += 1
            return
        answered = request["responded_on"]
        if answered is None:
            sent, latest = request["sent_on"], event.held_on
            if latest > self.today >= sent:
                latest = self.today  # an answer is not dated in the future
            made = event.answered_on
            answered = made if made is not None and sent <= made <= latest else latest
            self.request_updates.append(
                {"id": int(request["id"]), "outcome": "agreed", "responded_on": answered}
            )
        else:
            self.request_updates.append({"id": int(request["id"]), "outcome": "agreed", "responded_on": None})
        self.counts["requests"]["updated"] += 1

    # --- what the preview shows ---

    def _notes(self) -> None:
        if self.owner:
            self.notes.append(f"Read as the calendar of {self.owner}.")
        else:
            self.notes.append("Whose calendar this is is not known: only attendees who are contacts count.")
        for reason, text in LEFT_OUT.items():
            if n := self.reasons.get(reason, 0):
                self.notes.append(f"{plural(n, 'event')} left out: {text}.")
        if self.several:
            self.notes.append(
                f"{plural(len(self.several), 'event')} with more than one of your contacts invited, each "
                f"filed under the first of them: {_shown(self.several)}."
            )
        if self.moved:
            self.notes.append(
                f"{plural(len(self.moved), 'event')} moved since an earlier import; each conversation keeps "
                f"its stored day (change it there if it moved): {_shown(self.moved)}."
            )
        if self.cancelled_stored:
            self.notes.append(
                f"{plural(len(self.cancelled_stored), 'event')} imported earlier, now cancelled; each "
                f"conversation is kept (delete it if it did not happen): {_shown(self.cancelled_stored)}."
            )
        coming = sum(1 for row in self.inserts if row["held_on"] > self.today)
        if coming:
            self.notes.append(
                f"{plural(coming, 'new conversation')} still to come (after {day(self.today)})."
            )

    def _samples(self) -> dict[str, pd.DataFrame]:
        meetings = [
            {
                "contact": self.known.names.get(row["contact_id"], "(stored contact)"),
                "held_on": row["held_on"],
                "mode": row["mode"],
                "minutes_planned": row["minutes_planned"],
            }
            for row in self.inserts[:SAMPLE_ROWS]
        ]
        return {"meetings": pd.DataFrame(meetings, columns=["contact", "held_on", "mode", "minutes_planned"])}

    def _changes(self) -> list[TableChanges]:
        return [
            TableChanges(
                "outreach",
                pd.DataFrame(),
                _frame(self.request_updates, ["id", "outcome", "responded_on"]),
            ),
            TableChanges(
                "meeting",
                _frame(self.inserts, list(self.inserts[0]) if self.inserts else []),
                _frame(self.meeting_updates, ["id", "event_uid", "minutes_planned", "company"]),
            ),
        ]


def _safe_uid(raw: _Raw) -> str | None:
    try:
        return _uid(raw.component) or None
    except Exception:  # a broken UID: none
        return None


def _shown(items: list[str]) -> str:
    more = f"; and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return "; ".join(items[:SHOWN]) + more


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame; integer columns nullable so missing values stay NULL."""
    if not rows:
        return pd.DataFrame()
    data = pd.DataFrame(rows, columns=columns)
    for column in ("id", "seeker_id", "contact_id", "outreach_id", "minutes_planned"):
        if column in data:
            data[column] = data[column].astype("Int64")
    return data
