"""Writing the cycle: contacts, requests, meetings, referrals, questions, follow-ups, settings.

Each function validates its input first and raises :class:`coach.store.db.Invalid`
with a message the user can act on; every write that touches more than one
row runs in one transaction and checks the references between rows before it
commits, so a rejected change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TypeVar

from coach.labels import label
from coach.names import split_name
from coach.rules.drafts import personalise
from coach.rules.privacy import restore_hidden, restore_record
from coach.store.db import (
    Connection,
    Invalid,
    NotFound,
    check_date,
    check_references,
    rows,
    scalar,
    transaction,
)
from coach.store.reviews import templates
from coach.vocabulary import (
    CADENCES,
    CHANNELS,
    FOLLOW_UP_KINDS,
    MEETING_MODES,
    MODES_OFFERED,
    OUTCOMES,
    SIGNALS,
    SOURCES,
    WARMTHS,
)
from coach.wording import day, plural


def _choice(value: str | None, allowed: Sequence[str], what: str) -> None:
    if value is not None and value not in allowed:
        raise Invalid(f"{what} {value!r} is not one of {', '.join(allowed)}.")


def _between(value: int | None, low: int, high: int, what: str) -> None:
    if value is not None and not low <= value <= high:
        raise Invalid(f"{what} {value} must be between {low} and {high}.")


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _own_contact(conn: Connection, seeker_id: int, contact_id: int) -> dict[str, Any]:
    found = rows(
        conn,
        "SELECT id, first_name, last_name, company FROM contact WHERE id = ? AND seeker_id = ?",
        [contact_id, seeker_id],
    )
    if not found:
        raise Invalid(f"Contact {contact_id} is not one of this seeker's contacts.")
    return found[0]


def _own_row(conn: Connection, table: str, seeker_id: int, row_id: int, what: str) -> dict[str, Any]:
    found = rows(conn, f"SELECT * FROM {table} WHERE id = ? AND seeker_id = ?", [row_id, seeker_id])
    if not found:
        raise NotFound(f"{what} {row_id} is not one of this seeker's.")
    return found[0]


class Stale(Invalid):
    """A record changed elsewhere since the form showing it was opened; nothing was saved."""


def _plain(value: Any) -> Any:
    """A value as compared between what a form showed and what is stored now (no pandas types)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # a numpy scalar
    if value is None or type(value).__name__ == "NAType":
        return None
    if isinstance(value, float | datetime) and value != value:  # NaN, NaT
        return None
    return value.date() if isinstance(value, datetime) else value


class Duplicate(Invalid):
    """A new request or conversation looks like one already logged (the same thing saved twice);
    nothing was saved. Logging it again with ``again=True`` records a second one.

    :ivar first_id: the request or meeting already logged.
    :ivar contact_id: the person both are with.
    """

    def __init__(self, first_id: int, contact_id: int, name: str, describe: Callable[[str], str]) -> None:
        self.first_id, self.contact_id, self._describe = first_id, contact_id, describe
        super().__init__(describe(name))

    def describe(self, name: str) -> str:
        """The refusal naming the person as ``name`` (a screen shows people as it may)."""
        return self._describe(name)


def _full_name(contact: Mapping[str, Any]) -> str:
    return " ".join(str(part) for part in (contact["first_name"], contact["last_name"]) if part)


View = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def check_unchanged(
    current: Mapping[str, Any], seen: Mapping[str, Any] | None, what: str, *, view: View | None = None
) -> None:
    """Refuse to save over a record that changed since ``seen`` was read from it (another tab or
    window, or a ``coach`` command): raise :class:`Stale` naming what changed and its value now.

    Only the columns of ``seen`` that the record has are compared.

    :param view: how the form showed the record (a shared screen scrubs its text): stored values
        are compared, and named, as the form showed them.
    """
    if not seen:
        return
    view = view or _same
    changed = [c for c in seen if c in current and _plain(view(current[c])) != _plain(seen[c])]
    if changed:
        now = {c: _plain(view(current[c])) for c in changed[:4]}
        shown = "; ".join(
            f"{c.replace('_', ' ')} is now {'empty' if v is None else v}" for c, v in now.items()
        )
        raise Stale(
            f"{what} was changed elsewhere (another tab or window, or a coach command) since you opened "
            f"it: {shown}. Nothing was saved; the form now shows the latest values, so make your change "
            "again if it is still needed."
        )


R = TypeVar("R")


def _edit_of(
    stored: Mapping[str, Any], record: R, *, seen: Mapping[str, Any] | None, view: View | None, what: str
) -> R:
    """The record to write over ``stored``: refused if the stored one changed since the form read
    it (:func:`check_unchanged`); on a shared screen, with what the form hid put back."""
    check_unchanged(stored, seen, what, view=view)
    return record if view is None else restore_record(record, stored, view)


# --- contacts --------------------------------------------------------------


@dataclass(frozen=True)
class NewContact:
    """A person added by hand."""

    first_name: str
    last_name: str = ""
    company: str | None = None
    position: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    source: str = "other"
    warmth: str = "unknown"


def add_contact(conn: Connection, seeker_id: int, person: NewContact, *, today: date) -> int:
    """Add a contact by hand and return its id."""
    first, last = person.first_name.strip(), person.last_name.strip()
    if not (first or last):
        raise Invalid("A contact needs a first or last name.")
    _choice(person.source, SOURCES, "Source")
    _choice(person.warmth, WARMTHS, "Warmth")
    email = _clean(person.email)
    if email and "@" not in email:
        raise Invalid(f"E-mail address {email!r} has no @.")
    return int(
        scalar(
            conn,
            "INSERT INTO contact (seeker_id, first_name, last_name, company, position, email, phone,"
            " profile_url, source, warmth, added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                seeker_id,
                first,
                last,
                _clean(person.company),
                _clean(person.position),
                email,
                _clean(person.phone),
                _clean(person.profile_url),
                person.source,
                person.warmth,
                today,
            ],
        )
    )


# Columns of the contacts table a user may edit in place, and how each is checked.
EDITABLE_CONTACT_COLUMNS: dict[str, Sequence[str] | None] = {
    "warmth": WARMTHS,
    "source": SOURCES,
    "company": None,
    "position": None,
}


@dataclass(frozen=True)
class Statement:
    """One parameterised SQL statement."""

    sql: str
    params: list[Any] = field(default_factory=list)


def contact_edit_statements(
    seeker_id: int, ids: Sequence[int], edited_rows: Mapping[int, Mapping[str, Any]], *, today: date
) -> list[Statement]:
    """Turn a table editor's edits (row position -> {column: new value}) into SQL statements.

    The columns of ``EDITABLE_CONTACT_COLUMNS`` update the contact; a new
    text in the ``note`` column adds a private note dated ``today``. Any other
    column, or a value outside its choices, raises Invalid naming the row.
    """
    statements = []
    for position, changes in sorted(edited_rows.items()):
        if not 0 <= position < len(ids):
            raise Invalid(f"Row {position + 1} is not in the table.")
        sets, params = [], []
        for column, value in sorted(changes.items()):
            if column == "note":
                body = _clean(None if value is None else str(value))
                if body:
                    statements.append(
                        Statement(
                            "INSERT INTO contact_note (seeker_id, contact_id, written_on, body, private)"
                            " VALUES (?, ?, ?, ?, true)",
                            [seeker_id, ids[position], today, body],
                        )
                    )
                continue
            if column not in EDITABLE_CONTACT_COLUMNS:
                raise Invalid(f"Row {position + 1}: the column {column!r} cannot be edited here.")
            choices = EDITABLE_CONTACT_COLUMNS[column]
            if choices is not None:
                if value not in choices:
                    raise Invalid(
                        f"Row {position + 1}, {column}: {value!r} is not one of {', '.join(choices)}."
                    )
            else:
                value = _clean(value if value is None else str(value))
            sets.append(f"{column} = ?")
            params.append(value)
        if sets:
            statements.append(
                Statement(
                    f"UPDATE contact SET {', '.join(sets)} WHERE id = ? AND seeker_id = ?",
                    [*params, ids[position], seeker_id],
                )
            )
    return statements


def apply_statements(conn: Connection, statements: Sequence[Statement]) -> int:
    """Run statements in one transaction; return how many ran."""
    with transaction(conn):
        for statement in statements:
            conn.execute(statement.sql, statement.params)
    return len(statements)


def save_contact_edits(
    conn: Connection,
    seeker_id: int,
    ids: Sequence[int],
    edited_rows: Mapping[int, Mapping[str, Any]],
    *,
    today: date,
    view: View | None = None,
) -> int:
    """Check and save a table editor's edits in one transaction; return how many statements ran.

    :param view: how the table showed the contacts (a shared screen scrubs their text); what it hid
        in an edited cell is kept.
    """
    if view is not None:
        edited_rows = _restore_cells(conn, seeker_id, ids, edited_rows, view)
    return apply_statements(conn, contact_edit_statements(seeker_id, ids, edited_rows, today=today))


def _restore_cells(
    conn: Connection,
    seeker_id: int,
    ids: Sequence[int],
    edited_rows: Mapping[int, Mapping[str, Any]],
    view: View,
) -> dict[int, dict[str, Any]]:
    restored: dict[int, dict[str, Any]] = {}
    for position, changes in edited_rows.items():
        stored = (
            _own_row(conn, "contact", seeker_id, ids[position], "Contact") if 0 <= position < len(ids) else {}
        )
        restored[position] = {
            column: restore_hidden(value, stored.get(column), view) if column in stored else value
            for column, value in changes.items()
        }
    return restored


def add_note(conn: Connection, seeker_id: int, contact_id: int, body: str, *, private: bool, on: date) -> int:
    """Add a dated note to a contact; private notes never show in screen-share mode."""
    _own_contact(conn, seeker_id, contact_id)
    if not body.strip():
        raise Invalid("A note needs some text.")
    return int(
        scalar(
            conn,
            "INSERT INTO contact_note (seeker_id, contact_id, written_on, body, private)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [seeker_id, contact_id, on, body.strip(), private],
        )
    )


# --- outreach --------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request to one contact, and what came of it."""

    contact_id: int
    sent_on: date
    channel: str
    minutes_asked: int | None = 15
    mode_offered: str | None = None
    message: str | None = None
    template: str | None = None
    followed_up_on: date | None = None
    responded_on: date | None = None
    outcome: str | None = None


def _check_request(request: Request, *, today: date) -> None:
    _choice(request.channel, CHANNELS, "Channel")
    _choice(request.mode_offered, MODES_OFFERED, "Mode offered")
    _choice(request.outcome, OUTCOMES, "Outcome")
    _between(request.minutes_asked, 1, 240, "Minutes asked")
    for value, what in (
        (request.sent_on, "Sent on"),
        (request.followed_up_on, "Followed up on"),
        (request.responded_on, "Answered on"),
    ):
        check_date(value, what)
        if value is not None and value > today:
            raise Invalid(f"{what} {day(value)} is in the future.")
    if request.followed_up_on and request.followed_up_on < request.sent_on:
        raise Invalid("The follow-up cannot come before the request was sent.")
    if request.responded_on and request.responded_on < request.sent_on:
        raise Invalid("The answer cannot come before the request was sent.")


_REQUEST_COLUMNS = (
    "contact_id",
    "sent_on",
    "channel",
    "minutes_asked",
    "mode_offered",
    "message",
    "template",
    "followed_up_on",
    "responded_on",
    "outcome",
)


def _request_values(request: Request) -> list[Any]:
    return [
        request.contact_id,
        request.sent_on,
        request.channel,
        request.minutes_asked,
        request.mode_offered,
        _clean(request.message),
        _clean(request.template),
        request.followed_up_on,
        request.responded_on,
        request.outcome,
    ]


def _refuse_second_request(conn: Connection, seeker_id: int, request: Request) -> None:
    found = rows(
        conn,
        "SELECT o.id, o.minutes_asked, o.template, c.first_name, c.last_name FROM outreach o"
        " JOIN contact c ON c.id = o.contact_id WHERE o.seeker_id = ? AND o.contact_id = ?"
        " AND o.channel = ? AND o.sent_on = ? ORDER BY o.id LIMIT 1",
        [seeker_id, request.contact_id, request.channel, request.sent_on],
    )
    if not found:
        return
    first = found[0]
    details = [plural(first["minutes_asked"], "minute") + " asked"] if first["minutes_asked"] else []
    if first["template"]:
        details.append(f'template "{first["template"]}"')
    shown = f" ({', '.join(details)})" if details else ""

    def describe(name: str) -> str:
        return (
            f"A request to {name} by {label(request.channel)} on {day(request.sent_on)}"
            f" is already logged{shown}."
        )

    raise Duplicate(int(first["id"]), request.contact_id, _full_name(first), describe)


def log_outreach(
    conn: Connection,
    seeker_id: int,
    request: Request,
    *,
    today: date,
    view: View | None = None,
    about: int | None = None,
    again: bool = False,
) -> int:
    """Record a request sent to one of the seeker's contacts; return its id.

    A second request to the same person on the same channel and day is refused
    (:class:`Duplicate`, naming the first) unless ``again`` confirms it.

    :param view: the screen showed the draft through this filter (a shared screen, perhaps with
        aliases): the message's personal placeholders ({first_name}, {company}, {my_name},
        {field}, ...) are filled here from the store, and what the filter hid of the template is
        put back, so nothing the screen showed instead is ever stored.
    :param about: the career option the request is about (fills {field}).
    """
    _own_contact(conn, seeker_id, request.contact_id)
    _check_request(request, today=today)
    if view is not None and request.message:
        message = _personalised(conn, seeker_id, request.contact_id, request.message, about=about)
        body = templates(conn, seeker_id).get(request.template or "")
        request = replace(request, message=restore_hidden(message, body, view) if body else message)
    placeholders = ", ".join("?" for _ in _REQUEST_COLUMNS)
    with transaction(conn):
        if not again:
            _refuse_second_request(conn, seeker_id, request)
        return int(
            scalar(
                conn,
                f"INSERT INTO outreach (seeker_id, {', '.join(_REQUEST_COLUMNS)}) VALUES (?, {placeholders})"
                " RETURNING id",
                [seeker_id, *_request_values(request)],
            )
        )


def _personalised(
    conn: Connection, seeker_id: int, contact_id: int, message: str, *, about: int | None
) -> str:
    contact = _own_row(conn, "contact", seeker_id, contact_id, "Contact")
    my_name = scalar(conn, "SELECT name FROM seeker WHERE id = ?", [seeker_id])
    field = scalar(conn, "SELECT title FROM career_option WHERE id = ? AND seeker_id = ?", [about, seeker_id])
    referrer = scalar(
        conn,
        "SELECT trim(c.first_name || ' ' || c.last_name) FROM referral r"
        " JOIN contact c ON c.id = r.referrer_id WHERE r.seeker_id = ? AND r.referred_id = ?"
        " ORDER BY r.referred_on DESC, r.id DESC LIMIT 1",
        [seeker_id, contact_id],
    )
    return personalise(message, contact, referrer=referrer, my_name=str(my_name), field=field or "")


def update_outreach(
    conn: Connection,
    seeker_id: int,
    outreach_id: int,
    request: Request,
    *,
    today: date,
    seen: Mapping[str, Any] | None = None,
    view: View | None = None,
) -> None:
    """Replace what is recorded of a request (follow-up, answer, ...).

    :param seen: the request's columns as the form showing it read them; a request changed since
        is not overwritten (:class:`Stale`).
    :param view: how the form showed the request (a shared screen scrubs its text); what it hid
        is kept.
    """
    stored = _own_row(conn, "outreach", seeker_id, outreach_id, "Request")
    request = _edit_of(stored, request, seen=seen, view=view, what="This request")
    _own_contact(conn, seeker_id, request.contact_id)
    _check_request(request, today=today)
    assignments = ", ".join(f"{column} = ?" for column in _REQUEST_COLUMNS)
    conn.execute(
        f"UPDATE outreach SET {assignments} WHERE id = ? AND seeker_id = ?",
        [*_request_values(request), outreach_id, seeker_id],
    )


def mark_answer(conn: Connection, seeker_id: int, outreach_id: int, outcome: str) -> None:
    """Say what an unmarked answer was: agreed, declined or just replied.

    Only an answer with no outcome yet is marked; one marked already (on another screen, say)
    is left as it is, with a message naming its outcome. Nothing but the outcome changes.
    """
    _choice(outcome, OUTCOMES, "Outcome")
    with transaction(conn):
        stored = _own_row(conn, "outreach", seeker_id, outreach_id, "Request")
        if stored["responded_on"] is None:
            raise Invalid(f"Request {outreach_id} has no answer to mark: record when it was answered first.")
        if stored["outcome"] is not None:
            raise Invalid(
                f"This answer is already marked {stored['outcome']}; change it on the request itself."
            )
        conn.execute(
            "UPDATE outreach SET outcome = ? WHERE id = ? AND seeker_id = ? AND outcome IS NULL",
            [outcome, outreach_id, seeker_id],
        )


def delete_outreach(conn: Connection, seeker_id: int, outreach_id: int) -> None:
    """Delete a request; meetings that came from it stay, no longer linked to it."""
    _own_row(conn, "outreach", seeker_id, outreach_id, "Request")
    with transaction(conn):
        conn.execute("UPDATE meeting SET outreach_id = NULL WHERE outreach_id = ?", [outreach_id])
        conn.execute("DELETE FROM follow_up WHERE outreach_id = ?", [outreach_id])
        conn.execute("DELETE FROM outreach WHERE id = ?", [outreach_id])
        check_references(conn)


# --- meetings --------------------------------------------------------------


@dataclass(frozen=True)
class Referral:
    """Someone the contact suggested the seeker talk to: an existing contact, or a new person."""

    contact_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    company: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class Meeting:
    """One informational interview, held or scheduled."""

    contact_id: int
    held_on: date
    mode: str = "video"
    outreach_id: int | None = None
    company: str | None = None
    minutes_planned: int | None = None
    minutes_actual: int | None = None
    talk_share: int | None = None
    fit: int | None = None
    insights: str | None = None
    thank_you_on: date | None = None
    signals: Mapping[int, str] = field(default_factory=dict)  # career option id -> for/against/neutral
    question_ids: Sequence[int] = ()
    referrals: Sequence[Referral] = ()


def _check_meeting(conn: Connection, seeker_id: int, meeting: Meeting, *, today: date) -> None:
    _own_contact(conn, seeker_id, meeting.contact_id)
    _choice(meeting.mode, MEETING_MODES, "Mode")
    check_date(meeting.held_on, "Held on")
    check_date(meeting.thank_you_on, "Thank-you sent on")
    _between(meeting.fit, 1, 5, "Fit")
    _between(meeting.talk_share, 0, 100, "Your share of the talking")
    _between(meeting.minutes_planned, 1, 240, "Minutes asked")
    _between(meeting.minutes_actual, 1, 600, "Minutes it took")
    held = meeting.held_on <= today
    if not held and (meeting.fit or meeting.minutes_actual or meeting.thank_you_on or meeting.referrals):
        raise Invalid(
            f"The meeting on {day(meeting.held_on)} is still to come: fit, length, thank-you and "
            "referrals can be recorded once it was held."
        )
    if meeting.thank_you_on and meeting.thank_you_on < meeting.held_on:
        raise Invalid("The thank-you cannot come before the meeting.")
    if meeting.thank_you_on and meeting.thank_you_on > today:
        raise Invalid(f"Thank-you sent on {day(meeting.thank_you_on)} is in the future.")
    if meeting.outreach_id is not None:
        asked = _own_row(conn, "outreach", seeker_id, meeting.outreach_id, "Request")
        if asked["contact_id"] != meeting.contact_id:
            raise Invalid("The request this meeting came from was sent to someone else.")
        if meeting.held_on < asked["sent_on"]:
            raise Invalid(
                f"The meeting on {day(meeting.held_on)} cannot come before the request it came from "
                f"(sent on {day(asked['sent_on'])}); pick another request or none."
            )
    options = {r["id"] for r in rows(conn, "SELECT id FROM career_option WHERE seeker_id = ?", [seeker_id])}
    for option_id, signal in meeting.signals.items():
        if option_id not in options:
            raise Invalid(f"Career option {option_id} is not one of this seeker's.")
        _choice(signal, SIGNALS, "Signal")
    questions = {r["id"] for r in rows(conn, "SELECT id FROM question WHERE seeker_id = ?", [seeker_id])}
    unknown = [q for q in meeting.question_ids if q not in questions]
    if unknown:
        raise Invalid(f"Question {unknown[0]} is not in this seeker's question bank.")


_MEETING_COLUMNS = (
    "contact_id",
    "outreach_id",
    "held_on",
    "mode",
    "company",
    "minutes_planned",
    "minutes_actual",
    "talk_share",
    "fit",
    "insights",
    "thank_you_on",
)


def _meeting_values(meeting: Meeting) -> list[Any]:
    return [
        meeting.contact_id,
        meeting.outreach_id,
        meeting.held_on,
        meeting.mode,
        _clean(meeting.company),
        meeting.minutes_planned,
        meeting.minutes_actual,
        meeting.talk_share,
        meeting.fit,
        _clean(meeting.insights),
        meeting.thank_you_on,
    ]


@dataclass(frozen=True)
class LoggedMeeting:
    """What logging a meeting wrote: the meeting, new contacts, and draft requests for referrals."""

    meeting_id: int
    new_contact_ids: list[int]
    referral_ids: list[int]


def _refuse_second_meeting(conn: Connection, seeker_id: int, meeting: Meeting) -> None:
    found = rows(
        conn,
        "SELECT m.id, m.mode, m.minutes_planned, m.minutes_actual, c.first_name, c.last_name FROM meeting m"
        " JOIN contact c ON c.id = m.contact_id WHERE m.seeker_id = ? AND m.contact_id = ? AND m.held_on = ?"
        " ORDER BY m.id LIMIT 1",
        [seeker_id, meeting.contact_id, meeting.held_on],
    )
    if not found:
        return
    first = found[0]
    details = [label(first["mode"])] if first["mode"] else []
    if first["minutes_actual"]:
        details.append(plural(first["minutes_actual"], "minute"))
    elif first["minutes_planned"]:
        details.append(plural(first["minutes_planned"], "minute") + " asked")
    shown = f" ({', '.join(details)})" if details else ""

    def describe(name: str) -> str:
        return f"A conversation with {name} on {day(meeting.held_on)} is already logged{shown}."

    raise Duplicate(int(first["id"]), meeting.contact_id, _full_name(first), describe)


def log_meeting(
    conn: Connection,
    seeker_id: int,
    meeting: Meeting,
    *,
    today: date,
    view: View | None = None,
    again: bool = False,
) -> LoggedMeeting:
    """Record a meeting with its career options, questions asked and referrals given, in one transaction.

    Each referral creates the new contact (or links an existing one) and the
    referral edge; the seeker's next request to that person starts from a
    draft that names the referrer (see :func:`referral_draft`).

    A second conversation with the same person on the same day is refused
    (:class:`Duplicate`, naming the first) unless ``again`` confirms it.

    :param view: the form showed the contact's company through this filter (a shared screen):
        what it hid of the company it started from is put back.
    """
    if view is not None and meeting.company:
        stored = _own_row(conn, "contact", seeker_id, meeting.contact_id, "Contact")["company"]
        meeting = replace(meeting, company=restore_hidden(meeting.company, stored, view))
    _check_meeting(conn, seeker_id, meeting, today=today)
    with transaction(conn):
        if not again:
            _refuse_second_meeting(conn, seeker_id, meeting)
        placeholders = ", ".join("?" for _ in _MEETING_COLUMNS)
        meeting_id = int(
            scalar(
                conn,
                f"INSERT INTO meeting (seeker_id, {', '.join(_MEETING_COLUMNS)}) VALUES (?, {placeholders})"
                " RETURNING id",
                [seeker_id, *_meeting_values(meeting)],
            )
        )
        _write_meeting_links(conn, seeker_id, meeting_id, meeting)
        new_contacts, referral_ids = _write_referrals(conn, seeker_id, meeting_id, meeting, today=today)
        check_references(conn)
    return LoggedMeeting(meeting_id, new_contacts, referral_ids)


def parse_referrals(text: str) -> list[Referral]:
    """People typed one per line as "First Last, Company" into new referrals."""
    people = []
    for line in text.splitlines():
        name, _, company = line.partition(",")
        first, last = split_name(name)
        if first:
            people.append(
                Referral(first_name=first, last_name=" ".join(last.split()), company=company.strip() or None)
            )
    return people


@dataclass(frozen=True)
class Answered:
    """What recording an answer wrote: the request, and the meeting it scheduled if any."""

    outreach_id: int
    meeting: LoggedMeeting | None


def record_answer(
    conn: Connection,
    seeker_id: int,
    outreach_id: int,
    request: Request,
    *,
    today: date,
    meeting: Meeting | None = None,
    seen: Mapping[str, Any] | None = None,
    view: View | None = None,
    again: bool = False,
) -> Answered:
    """Store a request's follow-up and answer and log the conversation it agreed to, in one
    transaction: a refused meeting (a second one that day, say) leaves the request as it was.

    :param meeting: the conversation scheduled from the answer; it is linked to the request.
    :param seen: the request as the form read it (see :func:`update_outreach`).
    :param view: how the screen showed the request and the company (a shared screen scrubs them).
    :param again: log the meeting even if one with this person that day is logged already.
    """
    with transaction(conn):
        update_outreach(conn, seeker_id, outreach_id, request, today=today, seen=seen, view=view)
        if meeting is None:
            return Answered(outreach_id, None)
        scheduled = replace(meeting, outreach_id=outreach_id)
        return Answered(
            outreach_id, log_meeting(conn, seeker_id, scheduled, today=today, view=view, again=again)
        )


def update_meeting(
    conn: Connection,
    seeker_id: int,
    meeting_id: int,
    meeting: Meeting,
    *,
    today: date,
    seen: Mapping[str, Any] | None = None,
    view: View | None = None,
) -> None:
    """Replace what is recorded of a meeting, its options and questions (referrals are kept).

    :param seen: the meeting's columns as the form showing it read them; a meeting changed since
        is not overwritten (:class:`Stale`).
    :param view: how the form showed the meeting (a shared screen scrubs its text); what it hid
        is kept.
    """
    stored = _own_row(conn, "meeting", seeker_id, meeting_id, "Meeting")
    meeting = _edit_of(stored, meeting, seen=seen, view=view, what="This conversation")
    _check_meeting(conn, seeker_id, meeting, today=today)
    with transaction(conn):
        assignments = ", ".join(f"{column} = ?" for column in _MEETING_COLUMNS)
        conn.execute(
            f"UPDATE meeting SET {assignments} WHERE id = ? AND seeker_id = ?",
            [*_meeting_values(meeting), meeting_id, seeker_id],
        )
        conn.execute("DELETE FROM meeting_option WHERE meeting_id = ?", [meeting_id])
        conn.execute("DELETE FROM meeting_question WHERE meeting_id = ?", [meeting_id])
        _write_meeting_links(conn, seeker_id, meeting_id, meeting)
        _write_referrals(conn, seeker_id, meeting_id, meeting, today=today)
        check_references(conn)


def delete_meeting(conn: Connection, seeker_id: int, meeting_id: int) -> None:
    """Delete a meeting with its options, questions and follow-up records; referrals stay, unlinked."""
    _own_row(conn, "meeting", seeker_id, meeting_id, "Meeting")
    with transaction(conn):
        for table in ("meeting_option", "meeting_question", "follow_up"):
            conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
        conn.execute("UPDATE referral SET meeting_id = NULL WHERE meeting_id = ?", [meeting_id])
        conn.execute("DELETE FROM meeting WHERE id = ?", [meeting_id])
        check_references(conn)


def _write_meeting_links(conn: Connection, seeker_id: int, meeting_id: int, meeting: Meeting) -> None:
    for option_id, signal in meeting.signals.items():
        conn.execute(
            "INSERT INTO meeting_option (seeker_id, meeting_id, career_option_id, signal)"
            " VALUES (?, ?, ?, ?)",
            [seeker_id, meeting_id, option_id, signal],
        )
    for question_id in dict.fromkeys(meeting.question_ids):
        conn.execute(
            "INSERT INTO meeting_question (seeker_id, meeting_id, question_id) VALUES (?, ?, ?)",
            [seeker_id, meeting_id, question_id],
        )


def _write_referrals(
    conn: Connection, seeker_id: int, meeting_id: int, meeting: Meeting, *, today: date
) -> tuple[list[int], list[int]]:
    new_contacts, referral_ids = [], []
    for given in meeting.referrals:
        if given.contact_id is not None:
            referred = _own_contact(conn, seeker_id, given.contact_id)["id"]
        else:
            referred = add_contact(
                conn,
                seeker_id,
                NewContact(
                    given.first_name,
                    given.last_name,
                    company=given.company,
                    position=given.position,
                    source="referral",
                    warmth="referral",
                ),
                today=meeting.held_on,
            )
            new_contacts.append(referred)
        if referred == meeting.contact_id:
            raise Invalid("A contact cannot refer the seeker to themselves.")
        existing = scalar(
            conn,
            "SELECT id FROM referral WHERE seeker_id = ? AND referrer_id = ? AND referred_id = ?",
            [seeker_id, meeting.contact_id, referred],
        )
        if existing is None:
            existing = scalar(
                conn,
                "INSERT INTO referral (seeker_id, referrer_id, referred_id, referred_on, meeting_id)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                [seeker_id, meeting.contact_id, referred, meeting.held_on, meeting_id],
            )
        referral_ids.append(int(existing))
    return new_contacts, referral_ids


def referral_draft(conn: Connection, seeker_id: int, referred_id: int) -> str | None:
    """A first line for a request to someone a contact referred the seeker to, naming the referrer."""
    found = rows(
        conn,
        "SELECT trim(a.first_name || ' ' || a.last_name) AS referrer, b.first_name AS first_name"
        " FROM referral r JOIN contact a ON a.id = r.referrer_id JOIN contact b ON b.id = r.referred_id"
        " WHERE r.seeker_id = ? AND r.referred_id = ? ORDER BY r.referred_on DESC LIMIT 1",
        [seeker_id, referred_id],
    )
    if not found:
        return None
    return f"Hi {found[0]['first_name']}, {found[0]['referrer']} suggested I reach out to you."


def tell_referrer(conn: Connection, seeker_id: int, referral_id: int, *, on: date) -> None:
    """Record that the referrer was told the seeker met the person they suggested."""
    referral = _own_row(conn, "referral", seeker_id, referral_id, "Referral")
    check_date(on, "Told on")
    if on < referral["referred_on"]:
        raise Invalid("The referrer cannot be told before the referral was made.")
    conn.execute("UPDATE referral SET referrer_told_on = ? WHERE id = ?", [on, referral_id])


# --- question bank ---------------------------------------------------------


def add_question(
    conn: Connection,
    seeker_id: int,
    text: str,
    *,
    theme: str = "general",
    priority: int = 5,
    career_option_id: int | None = None,
) -> int:
    """Add a question to the seeker's bank (priority 1 = ask first)."""
    if not text.strip():
        raise Invalid("A question needs some text.")
    _between(priority, 1, 10, "Priority")
    if career_option_id is not None:
        _own_row(conn, "career_option", seeker_id, career_option_id, "Career option")
    return int(
        scalar(
            conn,
            "INSERT INTO question (seeker_id, career_option_id, text, theme, priority)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [seeker_id, career_option_id, text.strip(), (theme or "general").strip(), priority],
        )
    )


def delete_question(conn: Connection, seeker_id: int, question_id: int) -> None:
    """Remove a question from the bank, and the record of which meetings asked it."""
    _own_row(conn, "question", seeker_id, question_id, "Question")
    with transaction(conn):
        conn.execute("DELETE FROM meeting_question WHERE question_id = ?", [question_id])
        conn.execute("DELETE FROM question WHERE id = ?", [question_id])
        check_references(conn)


# --- follow-ups ------------------------------------------------------------


def record_follow_up(conn: Connection, seeker_id: int, record: Mapping[str, Any]) -> int:
    """Store what was done, snoozed or skipped of a due item, or a new agreed action.

    :param record: follow_up columns (kind, contact_id, outreach_id, meeting_id,
        referral_id, title, due_on, done_on, snoozed_until, skipped_on, skip_reason).
    """
    columns = (
        "kind",
        "contact_id",
        "outreach_id",
        "meeting_id",
        "referral_id",
        "title",
        "due_on",
        "done_on",
        "snoozed_until",
        "skipped_on",
        "skip_reason",
    )
    unknown = set(record) - set(columns)
    if unknown:
        raise Invalid(
            f"Unknown follow-up {'field' if len(unknown) == 1 else 'fields'}: {', '.join(sorted(unknown))}."
        )
    _choice(record.get("kind"), FOLLOW_UP_KINDS, "Kind")
    if record.get("due_on") is None:
        raise Invalid("A follow-up needs a due date.")
    for column in ("due_on", "done_on", "snoozed_until", "skipped_on"):
        check_date(record.get(column), column.replace("_", " ").capitalize())
    if record.get("kind") == "action" and not _clean(record.get("title")):
        raise Invalid("An action needs a title.")
    if record.get("skipped_on") and not _clean(record.get("skip_reason")):
        raise Invalid("Say why the item is skipped.")
    if record.get("contact_id") is not None:
        _own_contact(conn, seeker_id, int(record["contact_id"]))
    with transaction(conn):
        new_id = scalar(
            conn,
            f"INSERT INTO follow_up (seeker_id, {', '.join(columns)})"
            f" VALUES (?, {', '.join('?' for _ in columns)}) RETURNING id",
            [seeker_id, *(record.get(column) for column in columns)],
        )
        check_references(conn)
    return int(new_id)


# Where doing a derived item is recorded in the cycle itself, besides the follow-up row.
_DONE_MEANS = {
    "thank_you": ("meeting", "thank_you_on", "meeting_id"),
    "nudge": ("outreach", "followed_up_on", "outreach_id"),
    "referral_loop": ("referral", "referrer_told_on", "referral_id"),
}


_ACTED = ("done_on", "snoozed_until", "skipped_on", "skip_reason")


def act_on_due(conn: Connection, seeker_id: int, record: Mapping[str, Any]) -> dict[str, Any]:
    """Store what was done with a due item (see :func:`coach.rules.followups.record_for`), in one transaction.

    An agreed action (``record["id"]`` set) is updated in place; any other item
    gets a new follow-up row. Doing a thank-you, nudge or referral loop also
    records it where the numbers read it: the meeting's thank-you date, the
    request's follow-up date, the referral's told-on date.

    Returns what was written, for :func:`undo_on_due`: ``follow_up_id``, ``inserted`` (a new
    row) or the action's values ``before``, what the row holds ``after``, and ``source``
    ([table, column, id]) when a date was set there too.
    """
    fields = {key: value for key, value in record.items() if key != "id"}
    written: dict[str, Any] = {"inserted": record.get("id") is None, "before": None, "source": None}
    with transaction(conn):
        if record.get("id") is not None:
            row = _own_row(conn, "follow_up", seeker_id, int(record["id"]), "Follow-up")
            written["follow_up_id"] = int(record["id"])
            written["before"] = {column: row[column] for column in _ACTED}
            if record.get("skipped_on") and not _clean(record.get("skip_reason")):
                raise Invalid("Say why the item is skipped.")
            conn.execute(
                "UPDATE follow_up SET done_on = ?, snoozed_until = ?, skipped_on = ?, skip_reason = ?"
                " WHERE id = ? AND seeker_id = ?",
                [
                    fields.get("done_on"),
                    fields.get("snoozed_until"),
                    fields.get("skipped_on"),
                    _clean(fields.get("skip_reason")),
                    record["id"],
                    seeker_id,
                ],
            )
        else:
            written["follow_up_id"] = record_follow_up(conn, seeker_id, fields)
        done_on = fields.get("done_on")
        target = _DONE_MEANS.get(str(fields.get("kind")))
        if done_on is not None and target and fields.get(target[2]) is not None:
            table, column, key = target
            _own_row(conn, table, seeker_id, int(fields[key]), table.capitalize())
            changed = conn.execute(
                f"UPDATE {table} SET {column} = ? WHERE id = ? AND seeker_id = ? AND {column} IS NULL"
                " RETURNING id",
                [done_on, fields[key], seeker_id],
            ).fetchall()
            if changed:
                written["source"] = [table, column, int(fields[key])]
        written["after"] = {column: _one(conn, written["follow_up_id"], column) for column in _ACTED}
    return written


def _one(conn: Connection, follow_up_id: int, column: str) -> Any:
    """One column of a follow-up row."""
    return scalar(conn, f"SELECT {column} FROM follow_up WHERE id = ?", [follow_up_id])


def undo_on_due(conn: Connection, seeker_id: int, written: Mapping[str, Any]) -> None:
    """Undo exactly what :func:`act_on_due` wrote (its return value), in one transaction.

    A new follow-up row is deleted; an agreed action gets back the values it held. A date
    set on the meeting, request or referral is cleared only if it still holds the day
    written (a date corrected since stays). Undoing twice, or after the row changed, is
    refused.
    """
    follow_up_id = int(written["follow_up_id"])
    found = rows(conn, "SELECT * FROM follow_up WHERE id = ?", [follow_up_id])
    if not found:
        raise NotFound("This was already undone.")
    if found[0]["seeker_id"] != seeker_id:
        raise NotFound(f"Follow-up {follow_up_id} is not one of this seeker's.")
    after = written.get("after") or {}
    if any(found[0][column] != after.get(column) for column in _ACTED):
        raise NotFound("This was already undone, or changed since.")
    with transaction(conn):
        if written.get("inserted"):
            conn.execute("DELETE FROM follow_up WHERE id = ? AND seeker_id = ?", [follow_up_id, seeker_id])
        else:
            before = written.get("before") or {}
            conn.execute(
                "UPDATE follow_up SET done_on = ?, snoozed_until = ?, skipped_on = ?, skip_reason = ?"
                " WHERE id = ? AND seeker_id = ?",
                [*(before.get(column) for column in _ACTED), follow_up_id, seeker_id],
            )
        source = written.get("source")
        if source:
            table, column, row_id = source
            if (table, column) not in {(t, c) for t, c, _ in _DONE_MEANS.values()}:
                raise Invalid(f"{table}.{column} is not a date a due item sets.")
            conn.execute(
                f"UPDATE {table} SET {column} = NULL WHERE id = ? AND seeker_id = ? AND {column} = ?",
                [row_id, seeker_id, after.get("done_on")],
            )


def latest_meeting_without_thanks(conn: Connection, seeker_id: int, contact_id: int, *, on: date) -> int:
    """The latest meeting held with a contact on or before a day that has no thank-you yet."""
    found = scalar(
        conn,
        "SELECT id FROM meeting WHERE seeker_id = ? AND contact_id = ? AND held_on <= ?"
        " AND thank_you_on IS NULL ORDER BY held_on DESC, id DESC LIMIT 1",
        [seeker_id, contact_id, on],
    )
    if found is None:
        raise NotFound("No meeting with this contact is waiting for a thank-you.")
    return int(found)


def mark_thank_you(conn: Connection, seeker_id: int, meeting_id: int, *, on: date) -> None:
    """Record the thank-you sent after a meeting."""
    meeting = _own_row(conn, "meeting", seeker_id, meeting_id, "Meeting")
    check_date(on, "Thank-you sent on")
    if on < meeting["held_on"]:
        raise Invalid("The thank-you cannot come before the meeting.")
    conn.execute("UPDATE meeting SET thank_you_on = ? WHERE id = ?", [on, meeting_id])


def mark_followed_up(conn: Connection, seeker_id: int, outreach_id: int, *, on: date) -> None:
    """Record the one polite follow-up sent on a request."""
    request = _own_row(conn, "outreach", seeker_id, outreach_id, "Request")
    check_date(on, "Followed up on")
    if on < request["sent_on"]:
        raise Invalid("The follow-up cannot come before the request was sent.")
    conn.execute("UPDATE outreach SET followed_up_on = ? WHERE id = ?", [on, outreach_id])


# --- settings --------------------------------------------------------------

SETTINGS_LIMITS: dict[str, tuple[int, int]] = {
    "weekly_goal": (0, 200),
    "answer_window_days": (1, 90),
    "thank_you_days": (0, 30),
    "referral_loop_days": (0, 30),
    "keep_in_touch_days": (30, 365),
    "let_go_days": (7, 365),
    "red_min_people": (1, 50),
    "amber_min_people": (1, 100),
    "amber_min_orgs": (1, 50),
}
# Every setting update_settings accepts.
SETTINGS = ("cadence", *SETTINGS_LIMITS)


def update_settings(
    conn: Connection,
    seeker_id: int,
    changes: Mapping[str, Any],
    *,
    seen: Mapping[str, Any] | None = None,
    view: View | None = None,
) -> None:
    """Change a seeker's settings; every rule reads them from here.

    :param seen: the settings as the form showing them read them; settings changed since are not
        overwritten (:class:`Stale`).
    """
    for key, value in changes.items():
        if key == "cadence":
            _choice(value, CADENCES, "Cadence")
        elif key in SETTINGS_LIMITS:
            _between(int(value), *SETTINGS_LIMITS[key], key.replace("_", " ").capitalize())
        else:
            raise Invalid(f"{key!r} is not a setting.")
    current = rows(conn, "SELECT * FROM seeker WHERE id = ?", [seeker_id])
    if not current:
        raise NotFound(f"No seeker with id {seeker_id}.")
    check_unchanged(current[0], seen, "These settings", view=view)
    red = int(changes.get("red_min_people", current[0]["red_min_people"]))
    amber = int(changes.get("amber_min_people", current[0]["amber_min_people"]))
    if amber < red:
        raise Invalid(f"The amber threshold ({amber} people) cannot be below the red one ({red}).")
    if changes:
        assignments = ", ".join(f"{key} = ?" for key in changes)
        conn.execute(f"UPDATE seeker SET {assignments} WHERE id = ?", [*changes.values(), seeker_id])


# --- merging two records of one person -------------------------------------

# Columns that point at a contact, by table.
_CONTACT_LINKS = (
    ("contact_note", "contact_id"),
    ("outreach", "contact_id"),
    ("meeting", "contact_id"),
    ("follow_up", "contact_id"),
    ("referral", "referrer_id"),
    ("referral", "referred_id"),
)
_MERGED_FIELDS = ("profile_url", "email", "phone", "company", "position", "connected_on")


def merge_contacts(conn: Connection, seeker_id: int, keep_id: int, merge_id: int) -> None:
    """Fold the contact ``merge_id`` into ``keep_id``: every request, meeting, referral and note moves over.

    Fields the kept record lacks are filled from the other; the earliest
    connected-on and added-on dates win. A referral between the two, which
    would point at itself, is dropped; a duplicate referral edge is kept once.
    """
    if keep_id == merge_id:
        raise Invalid("Pick two different contacts to merge.")
    _own_contact(conn, seeker_id, keep_id)
    _own_contact(conn, seeker_id, merge_id)
    with transaction(conn):
        conn.execute(
            "DELETE FROM referral"
            " WHERE (referrer_id = ? AND referred_id = ?) OR (referrer_id = ? AND referred_id = ?)",
            [keep_id, merge_id, merge_id, keep_id],
        )
        conn.execute(
            "DELETE FROM referral r WHERE (r.referrer_id = ? AND EXISTS (SELECT 1 FROM referral k"
            " WHERE k.referrer_id = ? AND k.referred_id = r.referred_id))"
            " OR (r.referred_id = ? AND EXISTS (SELECT 1 FROM referral k"
            " WHERE k.referred_id = ? AND k.referrer_id = r.referrer_id))",
            [merge_id, keep_id, merge_id, keep_id],
        )
        for table, column in _CONTACT_LINKS:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [keep_id, merge_id])
        fills = ", ".join(f"{name} = coalesce(k.{name}, m.{name})" for name in _MERGED_FIELDS[:-1])
        conn.execute(
            f"UPDATE contact k SET {fills},"
            " connected_on = least(coalesce(k.connected_on, m.connected_on),"
            " coalesce(m.connected_on, k.connected_on)),"
            " added_on = least(k.added_on, m.added_on)"
            " FROM contact m WHERE k.id = ? AND m.id = ?",
            [keep_id, merge_id],
        )
        conn.execute("DELETE FROM contact WHERE id = ?", [merge_id])
        check_references(conn)
