"""The follow-up engine: which duties are due as of a day, and the etiquette flags.

Pure functions over the tables the store loads (:mod:`coach.store`). Nothing
here reads the clock or the settings: the day ``as_of`` and the
:class:`Cadence` are arguments. "As of a day D" means at the end of D:
anything dated after D does not exist yet (DOMAIN.md, precise rules).

Derived duties (thank_you, nudge, next_contact, referral_loop, keep_in_touch)
are computed from requests, meetings and referrals; a stored ``follow_up`` row
with the same kind and ids records what was done with one (see
:func:`record_for`). Rows of kind ``action`` are duties nothing derives.

History is not a to-do list: a thank-you, nudge, referral loop or next contact
more than ``Cadence.let_go_days`` past its due day is *let go* (see
:func:`split_let_go`): counted, not listed, and no rate or status changes.
Keep-in-touch is never due before the day the person was added to the store,
so people met long before an import come up due on the import day.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from coach.errors import Invalid
from coach.labels import label
from coach.names import normalise_org
from coach.rules.metrics import answered_on
from coach.seeker import Seeker
from coach.vocabulary import CADENCES, FOLLOW_UP_KINDS, WARMTHS
from coach.wording import day as _long_day
from coach.wording import plural

COUNTED_KINDS = ("thank_you", "nudge", "referral_loop", "keep_in_touch")
# Kinds a long-past due day lets go; actions agreed in a coach session never are.
LET_GO_KINDS = ("thank_you", "nudge", "referral_loop", "next_contact")
# The order the Due list shows kinds in, what matters most first: thanking someone who gave
# their time and telling a referrer are owed to people who helped, and go stale in days; an
# action was agreed on purpose, with its own date; nudges, next contacts and keep-in-touch
# are the seeker's own asks, and a day's wait costs nobody anything.
PRIORITY = ("thank_you", "referral_loop", "action", "nudge", "next_contact", "keep_in_touch")
ACTIONS = ("done", "snoozed", "skipped")
# Done records of these kinds were contact with the person, so they restart keep-in-touch.
_TOUCHING_KINDS = ("thank_you", "nudge", "keep_in_touch")
# Who to suggest first for a next contact: the warmest.
_WARMTH_ORDER = {warmth: rank for rank, warmth in enumerate(WARMTHS)}
_RECORD_COLUMNS = (
    *("id", "kind", "contact_id", "outreach_id", "meeting_id", "referral_id", "title", "due_on"),
    *("done_on", "snoozed_until", "skipped_on"),
)


# --- settings and results --------------------------------------------------


@dataclass(frozen=True)
class Cadence:
    """The settings the follow-up engine reads (a seeker's, or the defaults)."""

    answer_window_days: int = 14
    thank_you_days: int = 2
    referral_loop_days: int = 2
    keep_in_touch_days: int = 90
    preset: str = "default"  # "default", or "3b7" (The 2-Hour Job Search)
    let_go_days: int = 30  # more than this many days past due, an item is let go (LET_GO_KINDS)

    def __post_init__(self) -> None:
        if self.preset not in CADENCES:
            raise Invalid(f"Cadence preset {self.preset!r} is not one of {', '.join(CADENCES)}.")

    @classmethod
    def from_seeker(cls, seeker: Seeker) -> Cadence:
        """The cadence in a seeker's settings."""
        return cls(
            answer_window_days=seeker.answer_window_days,
            thank_you_days=seeker.thank_you_days,
            referral_loop_days=seeker.referral_loop_days,
            keep_in_touch_days=seeker.keep_in_touch_days,
            preset=seeker.cadence,
            let_go_days=seeker.let_go_days,
        )

    @property
    def preset_name(self) -> str:
        """The preset as the screens name it: "3B7" or "default"."""
        return "3B7" if self.preset == "3b7" else "default"


# What each cadence preset does, as the Settings screen offers it.
CADENCE_DESCRIPTIONS = {
    "default": "Default: one nudge after the answer window",
    "3b7": "3B7: next contact after 3 business days, nudge after 7",
}


def describe_cadence(preset: str) -> str:
    """What the cadence preset ``preset`` does, in a line."""
    return CADENCE_DESCRIPTIONS[preset]


def typed_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """Settings as a form gave them, typed as stored: the cadence preset as is, the rest whole numbers."""
    return {name: value if name == "cadence" else int(value) for name, value in values.items()}


@dataclass(frozen=True)
class DueItem:
    """One duty: what to do, for whom, since when (``overdue_days`` < 0 means not due yet)."""

    kind: str
    key: str
    contact_id: int | None
    contact: str
    company: str
    due_on: date
    overdue_days: int
    title: str
    outreach_id: int | None = None
    meeting_id: int | None = None
    referral_id: int | None = None
    follow_up_id: int | None = None
    suggested_contact_id: int | None = None  # next_contact: someone else at the same organisation
    suggested_contact: str | None = None


@dataclass(frozen=True)
class DueList:
    """What the Due list shows, and what it let go (more than ``let_go_days`` past due)."""

    items: list[DueItem]  # by kind in PRIORITY order, the freshest first within a kind
    let_go: list[DueItem]  # by kind in PRIORITY order, the freshest first

    @property
    def let_go_counts(self) -> dict[str, int]:
        """Items let go per kind of LET_GO_KINDS (zeros included)."""
        return let_go_counts(self.let_go)


@dataclass(frozen=True)
class Flag:
    """An etiquette slip worth a word: what, with whom, when, and a sentence saying it."""

    kind: str
    contact_id: int | None
    contact: str
    on: date
    text: str


# --- public API ------------------------------------------------------------


def add_business_days(day: date, n: int) -> date:
    """The day ``n`` business days (Monday to Friday) after ``day`` (before it if negative)."""
    if n == 0:
        return day
    step = 1 if n > 0 else -1
    weeks, rest = divmod(abs(n) - 1, 5)  # whole weeks first, then the last 1-5 days one by one
    day += timedelta(days=7 * weeks * step)
    rest += 1
    while rest:
        day += timedelta(days=step)
        if day.weekday() < 5:
            rest -= 1
    return day


def due_items(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    as_of: date,
    settings: Cadence,
) -> list[DueItem]:
    """Duties due on or before ``as_of``, not done, skipped, snoozed or let go, in :func:`by_priority`.

    :param outreach: :func:`coach.store.load_outreach`.
    :param meetings: :func:`coach.store.load_meetings`.
    :param referrals: :func:`coach.store.load_referrals`.
    :param follow_ups: :func:`coach.store.load_follow_ups` (records and agreed actions).
    :param contacts: :func:`coach.store.load_contacts` (names, companies, warmth).
    :param as_of: the day, at its end.
    :param settings: the seeker's :class:`Cadence`.
    """
    return due_list(outreach, meetings, referrals, follow_ups, contacts, as_of=as_of, settings=settings).items


def due_list(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    as_of: date,
    settings: Cadence,
) -> DueList:
    """The duties due as of ``as_of``: those listed and those let go (same arguments as :func:`due_items`).

    Listed and let go together are every open item due on or before the day.
    """
    items = open_items(outreach, meetings, referrals, follow_ups, contacts, as_of=as_of, settings=settings)
    return due_of(items, let_go_days=settings.let_go_days)


def due_of(items: Iterable[DueItem], *, let_go_days: int) -> DueList:
    """The due list out of :func:`open_items`: what is due by its day, listed or let go."""
    listed, gone = split_let_go([item for item in items if item.overdue_days >= 0], let_go_days)
    return DueList(items=by_priority(listed), let_go=by_priority(gone))


def split_let_go(items: Iterable[DueItem], let_go_days: int) -> tuple[list[DueItem], list[DueItem]]:
    """(kept, let go): items of LET_GO_KINDS more than ``let_go_days`` overdue are let go; order kept."""
    kept: list[DueItem] = []
    gone: list[DueItem] = []
    for item in items:
        (gone if item.kind in LET_GO_KINDS and item.overdue_days > let_go_days else kept).append(item)
    return kept, gone


def by_priority(items: Iterable[DueItem]) -> list[DueItem]:
    """Items grouped by kind in PRIORITY order; within a kind the freshest (least overdue) first."""
    return sorted(items, key=lambda i: (_rank(i.kind), i.overdue_days, i.key))


def _rank(kind: str) -> int:
    """A kind's place in PRIORITY (unknown kinds last)."""
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


def group_by_kind(items: Iterable[DueItem]) -> list[tuple[str, list[DueItem]]]:
    """(kind, its items) for each kind present, in PRIORITY order, each as :func:`by_priority` has it."""
    groups: dict[str, list[DueItem]] = {}
    for item in by_priority(items):
        groups.setdefault(item.kind, []).append(item)
    return list(groups.items())


# Each kind as a count of it reads (one, many): "3 thank-yous", "1 referral loop".
KIND_NOUNS = {
    "thank_you": ("thank-you", "thank-yous"),
    "referral_loop": ("referral loop", "referral loops"),
    "action": ("agreed action", "agreed actions"),
    "nudge": ("nudge", "nudges"),
    "next_contact": ("next contact", "next contacts"),
    "keep_in_touch": ("person to keep in touch with", "people to keep in touch with"),
}


def kind_count(kind: str, count: int) -> str:
    """A count of items of one kind in words: "1 thank-you", "3 people to keep in touch with"."""
    one, many = KIND_NOUNS.get(kind, (kind, kind + "s"))
    return plural(count, one, many)


def kind_totals(items: Iterable[DueItem]) -> dict[str, int]:
    """Items per kind of PRIORITY (zeros included): the counts the Due list's headings give."""
    counts = dict.fromkeys(PRIORITY, 0)
    for item in items:
        if item.kind in counts:
            counts[item.kind] += 1
    return counts


def overdue_count(items: Iterable[DueItem]) -> int:
    """How many of the items are past their due day."""
    return sum(1 for item in items if item.overdue_days > 0)


def when_due(item: DueItem) -> str:
    """When a due item fell due, in words: "3 days overdue", or "due today"."""
    return f"{plural(item.overdue_days, 'day')} overdue" if item.overdue_days > 0 else "due today"


UNDO_SECONDS = 10 * 60  # how long Done, Snooze and Skip can be undone


def undoable(
    entries: Iterable[dict[str, Any]], *, now: float, seconds: float = UNDO_SECONDS
) -> list[dict[str, Any]]:
    """The entries (each with its time as "at", in seconds) made less than ``seconds`` before ``now``."""
    return [entry for entry in entries if now - entry["at"] < seconds]


def let_go_summary(counts: Mapping[str, int]) -> str:
    """The items let go in one calm line: "12 older items let go (8 nudges, 3 thank-yous, 1 referral loop)".

    Kinds with the most items first; "" when nothing was let go.
    """
    kinds = sorted((k for k, n in counts.items() if n), key=lambda k: (-counts[k], _rank(k)))
    total = sum(counts[k] for k in kinds)
    if not total:
        return ""
    parts = ", ".join(kind_count(k, counts[k]) for k in kinds)
    return f"{plural(total, 'older item')} let go ({parts})"


def _per_kind(items: Iterable[DueItem], kinds: Iterable[str]) -> dict[str, int]:
    """How many of ``items`` are of each of ``kinds``, in that order (zeros included, others left out)."""
    counts = dict.fromkeys(kinds, 0)
    for item in items:
        if item.kind in counts:
            counts[item.kind] += 1
    return counts


def let_go_counts(items: Iterable[DueItem]) -> dict[str, int]:
    """Items per kind of LET_GO_KINDS: thank_you, nudge, referral_loop, next_contact (zeros included)."""
    return _per_kind(items, LET_GO_KINDS)


def upcoming_items(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    as_of: date,
    settings: Cadence,
    days: int = 7,
) -> list[DueItem]:
    """Duties that fall due in the ``days`` after ``as_of`` if nothing changes, soonest first."""
    items = open_items(outreach, meetings, referrals, follow_ups, contacts, as_of=as_of, settings=settings)
    return coming_of(items, days=days)


def coming_of(items: Iterable[DueItem], *, days: int) -> list[DueItem]:
    """What of :func:`open_items` falls due in the next ``days``, soonest first."""
    coming = [item for item in items if -days <= item.overdue_days < 0]
    return sorted(coming, key=lambda i: (i.due_on, FOLLOW_UP_KINDS.index(i.kind), i.key))


def open_items(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    as_of: date,
    settings: Cadence,
) -> list[DueItem]:
    """Every duty open as of the day, due or not yet due (unsorted)."""
    world = _World.build(
        outreach, meetings, referrals, follow_ups, contacts, as_of=as_of, with_orgs=settings.preset == "3b7"
    )
    derived = [
        *_thank_yous(world, settings),
        *_nudges(world, settings),
        *_next_contacts(world, settings),
        *_referral_loops(world, settings),
    ]
    settled = [_settle(item, world) for item in derived]
    items = [item for item in settled if item is not None]
    items += _keep_in_touch(world, settings)
    items += _actions(world)
    return items


def due_counts(items: Iterable[DueItem]) -> dict[str, int]:
    """Items per counted kind: thank_you, nudge, referral_loop, keep_in_touch (zeros included)."""
    return _per_kind(items, COUNTED_KINDS)


def record_for(
    item: DueItem,
    action: str,
    *,
    on: date,
    until: date | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """The follow_up row recording that an item was done, snoozed or skipped.

    ``id`` is the row to update for an agreed action (kind ``action``), and
    None for a derived item, whose record is a new row to insert.

    :param action: "done", "snoozed" or "skipped".
    :param on: the day it was done, snoozed or skipped.
    :param until: for "snoozed", the day the item comes back (after ``on``).
    :param reason: for "skipped", why (optional).
    """
    if action not in ACTIONS:
        raise Invalid(f"Action {action!r} is not one of {', '.join(ACTIONS)}.")
    if action == "snoozed" and (until is None or until <= on):
        raise Invalid("A snooze needs an until date after the day it is snoozed on.")
    return {
        "id": item.follow_up_id if item.kind == "action" else None,
        "kind": item.kind,
        "contact_id": item.contact_id,
        "outreach_id": item.outreach_id,
        "meeting_id": item.meeting_id,
        "referral_id": item.referral_id,
        "title": item.title,
        "due_on": item.due_on,
        "done_on": on if action == "done" else None,
        "snoozed_until": until if action == "snoozed" else None,
        "skipped_on": on if action == "skipped" else None,
        "skip_reason": reason if action == "skipped" else None,
    }


def organisation(company: object) -> str:
    """A company name as organisations are compared (coach.names.normalise_org); "" if blank."""
    return normalise_org(company) or ""


# --- reading the frames ----------------------------------------------------


def _day(value: object) -> date | None:
    """A cell as a calendar day, or None when empty."""
    if isinstance(value, datetime):  # pandas Timestamps (and NaT) are datetimes
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = pd.to_datetime(value, errors="coerce")
        return None if pd.isna(parsed) else parsed.date()
    return None


def _int(value: object) -> int | None:
    """A cell as an int, or None when empty."""
    try:
        return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _text(value: object) -> str:
    """A cell as text ('' when empty)."""
    return value.strip() if isinstance(value, str) else ""


def _cut(day: date | None, as_of: date) -> date | None:
    """The day if it exists as of ``as_of``, else None."""
    return day if day is not None and day <= as_of else None


def _rows(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Some columns of a frame's rows as dicts; a missing column reads as empty."""
    values = [frame[c].tolist() if c in frame.columns else [None] * len(frame) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


@dataclass(frozen=True)
class _Request:
    """A request as of the day."""

    id: int
    contact_id: int
    sent: date
    followed: date | None
    answered: date | None


@dataclass(frozen=True)
class _Meeting:
    """A held meeting as of the day."""

    id: int
    contact_id: int
    held: date
    thank_you: date | None
    planned: int | None
    actual: int | None


@dataclass(frozen=True)
class _Referral:
    """A referral as of the day."""

    id: int
    referrer_id: int
    referred_id: int
    referred_on: date
    told: date | None


@dataclass(frozen=True)
class _Record:
    """A stored follow_up row as of the day."""

    id: int
    kind: str
    contact_id: int | None
    outreach_id: int | None
    meeting_id: int | None
    referral_id: int | None
    title: str
    due_on: date | None
    done: date | None
    snoozed_until: date | None
    skipped: date | None


@dataclass(frozen=True)
class _Person:
    """What the engine knows about a contact."""

    name: str
    company: str
    warmth: str
    added: date | None = None  # the day the contact was added to the store (imported or typed in)


@dataclass(frozen=True)
class _World:
    """The rows as they stood at the end of ``as_of``."""

    as_of: date
    requests: tuple[_Request, ...]
    meetings: tuple[_Meeting, ...]  # held on or before as_of
    referrals: tuple[_Referral, ...]
    records: tuple[_Record, ...]
    people: Mapping[int, _Person]
    orgs: Mapping[int, str]  # each contact's organisation, as compared

    @classmethod
    def build(
        cls,
        outreach: pd.DataFrame,
        meetings: pd.DataFrame,
        referrals: pd.DataFrame,
        follow_ups: pd.DataFrame,
        contacts: pd.DataFrame,
        *,
        as_of: date,
        with_orgs: bool = False,
    ) -> _World:
        """Read the frames, dropping whatever is dated after ``as_of``.

        Organisations are only worked out ``with_orgs`` (the 3B7 preset compares them).

        A done thank_you, nudge or referral_loop record counts as the thank-you,
        follow-up or telling the referrer, if the source row does not say so already.
        """
        people = _read_people(contacts, outreach, meetings, referrals)
        records = _read_records(follow_ups, as_of)
        done = _done_days(records)
        # Only the rows a done record speaks for are copied: a big network has tens of thousands.
        return cls(
            as_of=as_of,
            requests=tuple(
                r
                if ("nudge", r.id) not in done
                else replace(r, followed=_earliest(r.followed, done[("nudge", r.id)]))
                for r in _read_requests(outreach, as_of)
            ),
            meetings=tuple(
                m
                if ("thank_you", m.id) not in done
                else replace(m, thank_you=_earliest(m.thank_you, done[("thank_you", m.id)]))
                for m in _read_meetings(meetings, as_of)
            ),
            referrals=tuple(
                r
                if ("referral_loop", r.id) not in done
                else replace(r, told=_earliest(r.told, done[("referral_loop", r.id)]))
                for r in _read_referrals(referrals, as_of)
            ),
            records=records,
            people=people,
            orgs={contact_id: organisation(person.company) for contact_id, person in people.items()}
            if with_orgs
            else {},
        )

    def person(self, contact_id: int | None) -> _Person:
        """Name, company and warmth of a contact (blank when unknown)."""
        if contact_id is None:
            return _Person("", "", "unknown")
        return self.people.get(contact_id, _Person(f"contact {contact_id}", "", "unknown"))


def _earliest(*days: date | None) -> date | None:
    """The earliest of some days, ignoring missing ones."""
    return min((d for d in days if d is not None), default=None)


def _done_days(records: Sequence[_Record]) -> dict[tuple[str, int], date]:
    """(kind, source id) -> the earliest day a derived duty was recorded done."""
    source = {"thank_you": "meeting_id", "nudge": "outreach_id", "referral_loop": "referral_id"}
    done: dict[tuple[str, int], date] = {}
    for record in records:
        source_id = getattr(record, source[record.kind]) if record.kind in source else None
        if record.done is not None and source_id is not None:
            key = (record.kind, source_id)
            done[key] = min(record.done, done.get(key, record.done))
    return done


def _read_requests(outreach: pd.DataFrame, as_of: date) -> tuple[_Request, ...]:
    """Requests sent by ``as_of``, with follow-up and answer only if they happened by then."""
    if outreach.empty:
        return ()
    answers = [_day(a) for a in answered_on(outreach)]
    found = []
    columns = ("id", "contact_id", "sent_on", "followed_up_on")
    for row, answer in zip(_rows(outreach, columns), answers, strict=True):
        sent = _day(row.get("sent_on"))
        ids = _int(row.get("id")), _int(row.get("contact_id"))
        if sent is None or sent > as_of or ids[0] is None or ids[1] is None:
            continue
        followed = _cut(_day(row.get("followed_up_on")), as_of)
        found.append(_Request(ids[0], ids[1], sent, followed, _cut(answer, as_of)))
    return tuple(found)


def _read_meetings(meetings: pd.DataFrame, as_of: date) -> tuple[_Meeting, ...]:
    """Meetings held by ``as_of`` (scheduled ones do not exist yet), oldest first."""
    found = []
    columns = ("id", "contact_id", "held_on", "thank_you_on", "minutes_planned", "minutes_actual")
    for row in _rows(meetings, columns):
        held = _day(row.get("held_on"))
        ids = _int(row.get("id")), _int(row.get("contact_id"))
        if held is None or held > as_of or ids[0] is None or ids[1] is None:
            continue
        thanks = _cut(_day(row.get("thank_you_on")), as_of)
        planned, actual = _int(row.get("minutes_planned")), _int(row.get("minutes_actual"))
        found.append(_Meeting(ids[0], ids[1], held, thanks, planned, actual))
    return tuple(sorted(found, key=lambda m: (m.held, m.id)))


def _read_referrals(referrals: pd.DataFrame, as_of: date) -> tuple[_Referral, ...]:
    """Referrals made by ``as_of``, with the referrer told only if by then."""
    found = []
    columns = ("id", "referrer_id", "referred_id", "referred_on", "referrer_told_on")
    for row in _rows(referrals, columns):
        on = _day(row.get("referred_on"))
        referral_id, referrer, referred = (_int(row.get(c)) for c in ("id", "referrer_id", "referred_id"))
        if on is None or on > as_of or referral_id is None or referrer is None or referred is None:
            continue
        told = _cut(_day(row.get("referrer_told_on")), as_of)
        found.append(_Referral(referral_id, referrer, referred, on, told))
    return tuple(found)


def _read_records(follow_ups: pd.DataFrame, as_of: date) -> tuple[_Record, ...]:
    """Follow-up rows, with done and skipped only if they happened by ``as_of``."""
    found = []
    for row in _rows(follow_ups, _RECORD_COLUMNS):
        record_id = _int(row.get("id"))
        if record_id is None:
            continue
        found.append(
            _Record(
                id=record_id,
                kind=_text(row.get("kind")),
                contact_id=_int(row.get("contact_id")),
                outreach_id=_int(row.get("outreach_id")),
                meeting_id=_int(row.get("meeting_id")),
                referral_id=_int(row.get("referral_id")),
                title=_text(row.get("title")),
                due_on=_day(row.get("due_on")),
                done=_cut(_day(row.get("done_on")), as_of),
                snoozed_until=_day(row.get("snoozed_until")),
                skipped=_cut(_day(row.get("skipped_on")), as_of),
            )
        )
    return tuple(found)


def _read_people(
    contacts: pd.DataFrame, outreach: pd.DataFrame, meetings: pd.DataFrame, referrals: pd.DataFrame
) -> dict[int, _Person]:
    """Every contact's name, company and warmth; the contacts table wins over names on other rows."""
    added: dict[int, date] = {}
    if "added_on" in contacts.columns and "id" in contacts.columns:
        for contact_id, on in zip(contacts["id"].tolist(), contacts["added_on"].tolist(), strict=True):
            key, day = _int(contact_id), _day(on)
            if key is not None and day is not None:
                added[key] = day
    people: dict[int, _Person] = {}
    for frame, id_column, name_column in (
        (referrals, "referrer_id", "referrer"),
        (referrals, "referred_id", "referred"),
        (meetings, "contact_id", "contact"),
        (outreach, "contact_id", "contact"),
        (contacts, "id", "name"),
    ):
        if id_column not in frame.columns or frame.empty:
            continue
        blank = pd.Series("", index=frame.index, dtype=object)
        ids = pd.to_numeric(frame[id_column], errors="coerce")
        columns = [
            frame[c].fillna("").astype(str).str.strip() if c in frame.columns else blank
            for c in (name_column, "company", "warmth")
        ]
        for contact_id, name, company, warmth in zip(
            ids.tolist(), *(c.tolist() for c in columns), strict=True
        ):
            if contact_id is None or contact_id != contact_id:  # missing id
                continue
            key = int(contact_id)
            known = people.get(key)
            if known is None:
                people[key] = _Person(name, company, warmth or "unknown", added.get(key))
            else:
                people[key] = _Person(
                    name or known.name, company or known.company, warmth or known.warmth, added.get(key)
                )
    for key, day in added.items():  # an added day on a row whose id was unreadable as a number
        if key not in people:
            people[key] = _Person(f"contact {key}", "", "unknown", day)
    return people


# --- the rules -------------------------------------------------------------


def _item(
    world: _World, kind: str, key: str, contact_id: int | None, due: date, title: str, **ids: Any
) -> DueItem:
    """A DueItem for a contact, with overdue days counted as of the world's day."""
    person = world.person(contact_id)
    return DueItem(
        kind=kind,
        key=key,
        contact_id=contact_id,
        contact=person.name,
        company=person.company,
        due_on=due,
        overdue_days=(world.as_of - due).days,
        title=title,
        **ids,
    )


def _thank_yous(world: _World, settings: Cadence) -> list[DueItem]:
    """A thank-you, thank_you_days after each held meeting without one."""
    items = []
    for meeting in world.meetings:
        if meeting.thank_you is not None:
            continue
        name = world.person(meeting.contact_id).name
        title = f"Thank {name} for the conversation on {_long_day(meeting.held)}"
        due = meeting.held + timedelta(days=settings.thank_you_days)
        key = f"thank_you:meeting:{meeting.id}"
        items.append(_item(world, "thank_you", key, meeting.contact_id, due, title, meeting_id=meeting.id))
    return items


def _unanswered(world: _World) -> list[_Request]:
    """Requests neither answered nor followed up as of the day."""
    return [r for r in world.requests if r.answered is None and r.followed is None]


def _nudges(world: _World, settings: Cadence) -> list[DueItem]:
    """One nudge per request when its first window closes unanswered (7 business days under 3B7)."""
    items = []
    for request in _unanswered(world):
        if settings.preset == "3b7":
            due = add_business_days(request.sent, 7)
        else:
            due = request.sent + timedelta(days=settings.answer_window_days)
        name = world.person(request.contact_id).name
        title = f"Follow up with {name} on your request of {_long_day(request.sent)}"
        key = f"nudge:outreach:{request.id}"
        items.append(_item(world, "nudge", key, request.contact_id, due, title, outreach_id=request.id))
    return items


def _next_contacts(world: _World, settings: Cadence) -> list[DueItem]:
    """Under 3B7: 3 business days without an answer, contact someone else at the same organisation."""
    if settings.preset != "3b7":
        return []
    items = []
    for request in world.requests:
        if request.answered is not None or _asked_same_org_since(world, request):
            continue
        company = world.person(request.contact_id).company
        suggestion = _suggest_next(world, request)
        where = (
            f"at {company}" if company else f"instead of waiting for {world.person(request.contact_id).name}"
        )
        title = f"Contact someone else {where}"
        if suggestion is not None:
            title += f": try {world.person(suggestion).name}"
        item = _item(
            world,
            "next_contact",
            f"next_contact:outreach:{request.id}",
            request.contact_id,
            add_business_days(request.sent, 3),
            title,
            outreach_id=request.id,
            suggested_contact_id=suggestion,
            suggested_contact=world.person(suggestion).name if suggestion is not None else None,
        )
        items.append(item)
    return items


def _asked_same_org_since(world: _World, request: _Request) -> bool:
    """True when a later request went to someone else at the same organisation."""
    org = world.orgs.get(request.contact_id, "")
    return bool(org) and any(
        other.sent >= request.sent
        and other.id != request.id
        and other.contact_id != request.contact_id
        and world.orgs.get(other.contact_id) == org
        for other in world.requests
    )


def _suggest_next(world: _World, request: _Request) -> int | None:
    """The warmest contact at the request's organisation not yet asked or met, if any."""
    org = world.orgs.get(request.contact_id, "")
    if not org:
        return None
    asked = {r.contact_id for r in world.requests} | {m.contact_id for m in world.meetings}
    candidates = [c for c, other in world.orgs.items() if c not in asked and other == org]

    def rank(contact_id: int) -> tuple[int, str, int]:
        person = world.people[contact_id]
        return _WARMTH_ORDER.get(person.warmth, 3), person.name.casefold(), contact_id

    return min(candidates, key=rank, default=None)


def _referral_loops(world: _World, settings: Cadence) -> list[DueItem]:
    """Tell the referrer, referral_loop_days after first meeting the person they referred."""
    items = []
    for referral in world.referrals:
        met = _first_met(world, referral)
        if met is None or referral.told is not None:
            continue
        referred = world.person(referral.referred_id).name
        referrer = world.person(referral.referrer_id).name
        title = f"Tell {referrer} you met {referred} on {_long_day(met)}"
        due = met + timedelta(days=settings.referral_loop_days)
        key = f"referral_loop:referral:{referral.id}"
        items.append(
            _item(world, "referral_loop", key, referral.referrer_id, due, title, referral_id=referral.id)
        )
    return items


def _first_met(world: _World, referral: _Referral) -> date | None:
    """The first held meeting with the referred person on or after the referral."""
    days = [
        m.held
        for m in world.meetings
        if m.contact_id == referral.referred_id and m.held >= referral.referred_on
    ]
    return min(days, default=None)


def _matches(item: DueItem) -> Callable[[_Record], bool]:
    """Whether a stored record is about this derived item (same kind and ids)."""
    if item.kind == "thank_you":
        return lambda r: r.kind == "thank_you" and r.meeting_id == item.meeting_id
    if item.kind == "referral_loop":
        return lambda r: r.kind == "referral_loop" and r.referral_id == item.referral_id
    if item.kind == "keep_in_touch":
        return lambda r: r.kind == "keep_in_touch" and r.contact_id == item.contact_id
    return lambda r: r.kind == item.kind and r.outreach_id == item.outreach_id


def _snoozed(item: DueItem, records: Sequence[_Record], as_of: date) -> DueItem:
    """The item due at the end of its latest snooze, when that is later than its due day."""
    until = max((r.snoozed_until for r in records if r.snoozed_until is not None), default=None)
    if until is None or until <= item.due_on:
        return item
    return replace(item, due_on=until, overdue_days=(as_of - until).days)


def _settle(item: DueItem, world: _World) -> DueItem | None:
    """Apply stored records to a derived item: gone once done or skipped, hidden while snoozed."""
    records = [r for r in world.records if _matches(item)(r)]
    if any(r.done is not None or r.skipped is not None for r in records):
        return None
    return _snoozed(item, records, world.as_of)


def _keep_in_touch(world: _World, settings: Cadence) -> list[DueItem]:
    """For each person met, keep_in_touch_days after the last interaction with them.

    Never before the day the person was added to the store: someone met years before an
    import comes up due on the import day, not hundreds of days overdue.
    """
    met = {m.contact_id for m in world.meetings}
    last = _last_interactions(world)
    items = []
    for contact_id in sorted(met):
        name = world.person(contact_id).name
        title = f"Keep in touch with {name} (last contact {_long_day(last[contact_id])})"
        due = last[contact_id] + timedelta(days=settings.keep_in_touch_days)
        added = world.person(contact_id).added
        if added is not None and added > due:
            due = added
        item = _item(world, "keep_in_touch", f"keep_in_touch:contact:{contact_id}", contact_id, due, title)
        records = [r for r in world.records if _matches(item)(r)]
        items.append(_snoozed(item, records, world.as_of))
    return items


def _last_interactions(world: _World) -> dict[int, date]:
    """The latest day the seeker was in touch with each contact, as of the day.

    Held meetings, thank-yous, requests sent, follow-ups, answers, telling a
    referrer, and done thank_you / nudge / keep_in_touch records; a skipped
    keep_in_touch record also restarts the clock.
    """
    touches: list[tuple[int, date | None]] = []
    for meeting in world.meetings:
        touches += [(meeting.contact_id, meeting.held), (meeting.contact_id, meeting.thank_you)]
    for request in world.requests:
        touches += [(request.contact_id, d) for d in (request.sent, request.followed, request.answered)]
    touches += [(referral.referrer_id, referral.told) for referral in world.referrals]
    for record in world.records:
        if record.contact_id is not None and record.kind in _TOUCHING_KINDS:
            touches.append((record.contact_id, record.done))
        if record.contact_id is not None and record.kind == "keep_in_touch":
            touches.append((record.contact_id, record.skipped))
    last: dict[int, date] = {}
    for contact_id, day in touches:
        if day is not None and day <= world.as_of and day > last.get(contact_id, date.min):
            last[contact_id] = day
    return last


def _actions(world: _World) -> list[DueItem]:
    """Actions agreed in a coach session that are not yet done or skipped."""
    items = []
    for record in world.records:
        if record.kind != "action" or record.due_on is None or record.done or record.skipped:
            continue
        item = _item(
            world,
            "action",
            f"action:follow_up:{record.id}",
            record.contact_id,
            record.due_on,
            record.title or "Agreed action",
            follow_up_id=record.id,
        )
        items.append(_snoozed(item, [record], world.as_of))
    return items


# --- etiquette -------------------------------------------------------------

# The notes about conversations themselves, which the Meetings screen shows.
MEETING_FLAGS = ("over_time", "thank_you_late", "referrer_not_told")


def etiquette_flags(
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    *,
    as_of: date,
    thank_you_days: int = 2,
    window_days: int = 14,
    referral_loop_days: int = 2,
    nudge_span_days: int = 90,
    follow_ups: pd.DataFrame | None = None,
) -> list[Flag]:
    """Etiquette notes as of a day, oldest first (DOMAIN.md, etiquette checks), worded as advice.

    A meeting that ran over the time asked for (beyond :func:`ran_over`'s tolerance); a
    thank-you sent late or not at all; a referral met but the referrer not told; a contact nudged more than
    once within ``nudge_span_days``; a follow-up sent before the answer window
    (``window_days``) had passed. Done records in ``follow_ups``
    (:func:`coach.store.load_follow_ups`) count as thank-yous, follow-ups and
    referrers told.
    """
    records = pd.DataFrame() if follow_ups is None else follow_ups
    world = _World.build(outreach, meetings, referrals, records, pd.DataFrame(), as_of=as_of)
    flags = [
        *_over_time(world),
        *_late_thanks(world, thank_you_days),
        *_untold_referrers(world, referral_loop_days),
        *_nudged_often(world, nudge_span_days),
        *_early_nudges(world, window_days),
    ]
    return sorted(flags, key=lambda f: (f.on, f.kind, f.contact_id or 0))


def ran_over(planned: int, actual: int) -> bool:
    """Whether a conversation ran over the minutes asked for, beyond the tolerance.

    Up to 5 minutes or 20% of the minutes asked for, whichever is more, is on time.
    """
    return 5 * (actual - planned) > max(25, planned)  # over > max(5, planned / 5), in whole numbers


def _flag(world: _World, kind: str, contact_id: int, on: date, text: str) -> Flag:
    """A Flag about a contact."""
    return Flag(kind=kind, contact_id=contact_id, contact=world.person(contact_id).name, on=on, text=text)


def _over_time(world: _World) -> list[Flag]:
    """Meetings that ran longer than the minutes planned, beyond the tolerance of :func:`ran_over`."""
    flags = []
    for m in world.meetings:
        if m.planned is None or m.actual is None or not ran_over(m.planned, m.actual):
            continue
        name, day = world.person(m.contact_id).name, _long_day(m.held)
        over = plural(m.actual - m.planned, "minute")
        text = (
            f"The conversation with {name} on {day} ran {over} past the {m.planned} asked for; "
            "starting to wrap up a couple of minutes early helps keep to the time."
        )
        flags.append(_flag(world, "over_time", m.contact_id, m.held, text))
    return flags


def _late_thanks(world: _World, thank_you_days: int) -> list[Flag]:
    """Thank-yous sent after thank_you_days, or not sent and now overdue."""
    flags = []
    for m in world.meetings:
        due = m.held + timedelta(days=thank_you_days)
        name, day = world.person(m.contact_id).name, _long_day(m.held)
        if m.thank_you is not None and m.thank_you > due:
            after = plural((m.thank_you - m.held).days, "day")
            text = (
                f"The thank-you to {name} for the conversation on {day} went {after} after it; "
                "a day or two keeps it fresh."
            )
            flags.append(_flag(world, "thank_you_late", m.contact_id, m.thank_you, text))
        elif m.thank_you is None and world.as_of > due:
            text = f"A short thank-you to {name} for the conversation on {day} would still be welcome."
            flags.append(_flag(world, "thank_you_late", m.contact_id, due, text))
    return flags


def _untold_referrers(world: _World, referral_loop_days: int) -> list[Flag]:
    """Referred people met more than referral_loop_days ago whose referrer has not been told."""
    flags = []
    for referral in world.referrals:
        met = _first_met(world, referral)
        if (
            met is None
            or referral.told is not None
            or world.as_of <= met + timedelta(days=referral_loop_days)
        ):
            continue
        referrer, referred = world.person(referral.referrer_id).name, world.person(referral.referred_id).name
        text = f"{referrer} would be glad to hear that you met {referred} on {_long_day(met)}."
        flags.append(_flag(world, "referrer_not_told", referral.referrer_id, met, text))
    return flags


def _nudged_often(world: _World, span_days: int) -> list[Flag]:
    """Contacts followed up with twice or more within span_days (one flag per contact)."""
    by_contact: dict[int, list[date]] = {}
    for request in world.requests:
        if request.followed is not None:
            by_contact.setdefault(request.contact_id, []).append(request.followed)
    flags = []
    for contact_id, days in sorted(by_contact.items()):
        days.sort()
        second = next((b for a, b in itertools.pairwise(days) if (b - a).days < span_days), None)
        if second is not None:
            name = world.person(contact_id).name
            again = _long_day(second)
            text = (
                f"{name} had a second follow-up within {span_days} days (on {again}); "
                "one polite follow-up is usually enough."
            )
            flags.append(_flag(world, "nudged_often", contact_id, second, text))
    return flags


def _early_nudges(world: _World, window_days: int) -> list[Flag]:
    """Follow-ups sent before the request's answer window had passed."""
    flags = []
    for request in world.requests:
        if request.followed is None or (request.followed - request.sent).days >= window_days:
            continue
        if request.answered is not None and request.answered <= request.followed:
            continue
        name = world.person(request.contact_id).name
        waited = (request.followed - request.sent).days
        text = (
            f"{name} was followed up after {plural(waited, 'day')}; "
            f"waiting {window_days} days before one polite follow-up gives people time to answer."
        )
        flags.append(_flag(world, "nudge_too_soon", request.contact_id, request.followed, text))
    return flags


def next_step_by_contact(items: Iterable[DueItem]) -> dict[int, str]:
    """Each contact's earliest open item, as "Thank-you, due 12 Mar" (for the contacts table)."""
    steps: dict[int, DueItem] = {}
    for item in items:
        if item.contact_id is None:
            continue
        known = steps.get(item.contact_id)
        if known is None or item.due_on < known.due_on:
            steps[item.contact_id] = item
    return {contact: f"{label(item.kind)}, due {_long_day(item.due_on)}" for contact, item in steps.items()}
