"""Who to ask next: the organisations a seeker aims at per career option, and each option's keywords.

Organisations are compared as everywhere else (:func:`coach.names.normalise_org`: "Acme, Inc."
and "ACME inc" are one), so an option holds each organisation once, under the spelling first
given. Each write checks its input first and raises :class:`coach.store.db.Invalid` (or
:class:`coach.store.db.NotFound`) with a message the user can act on, and runs in one
transaction, so a refused change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from coach.names import normalise_org
from coach.rules.privacy import restore_hidden
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


def _option(conn: Connection, seeker_id: int, option_id: int) -> dict[str, Any]:
    """The seeker's career option with this id, or NotFound."""
    found = rows(
        conn, "SELECT id, title FROM career_option WHERE id = ? AND seeker_id = ?", [option_id, seeker_id]
    )
    if not found:
        raise NotFound(f"Career option {option_id} is not one of this seeker's.")
    return found[0]


def _targets(conn: Connection, seeker_id: int, option_id: int) -> list[dict[str, Any]]:
    """The option's targets (id, name), in the order they were added."""
    return rows(
        conn,
        "SELECT id, name FROM target_org WHERE seeker_id = ? AND career_option_id = ? ORDER BY id",
        [seeker_id, option_id],
    )


def display_name(name: str) -> str:
    """An organisation's name as stored: trimmed, runs of white space made one space."""
    return " ".join(str(name).split())


def _key(name: str, what: str) -> str:
    """The organisation ``name`` as organisations are compared; refuses a name with nothing to compare."""
    shown = display_name(name)
    if not shown:
        raise Invalid(f"{what} needs the organisation's name.")
    key = normalise_org(shown)
    if key is None:
        raise Invalid(f"{shown!r} is not an organisation's name: it has no letters or digits.")
    return key


def _insert(conn: Connection, seeker_id: int, option_id: int, name: str, today: date) -> int:
    return int(
        scalar(
            conn,
            "INSERT INTO target_org (seeker_id, career_option_id, name, added_on) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            [seeker_id, option_id, name, today],
        )
    )


def add_target(conn: Connection, seeker_id: int, option_id: int, name: str, *, today: date) -> int:
    """Add the organisation ``name`` as a target of the career option; return its id.

    The name is kept as typed, trimmed. A blank name is refused, and so is an organisation the
    option holds already under any spelling ("ACME inc" beside "Acme, Inc."), naming that spelling.
    """
    check_date(today, "Added on")
    key = _key(name, "A target")
    shown = display_name(name)
    with transaction(conn):
        option = _option(conn, seeker_id, option_id)
        for target in _targets(conn, seeker_id, option_id):
            if normalise_org(target["name"]) == key:
                same = "" if target["name"] == shown else f" ({shown!r} is the same organisation)"
                raise Invalid(
                    f"{option['title']!r} already has {target['name']!r} as a target{same}; "
                    "nothing was added."
                )
        new_id = _insert(conn, seeker_id, option_id, shown, today)
        check_references(conn)
    return new_id


def remove_target(
    conn: Connection,
    seeker_id: int,
    option_id: int,
    name: str,
    *,
    view: Callable[[Any], Any] | None = None,
) -> str:
    """Remove the organisation ``name`` (any spelling of it) from the option's targets; return the
    spelling it was stored under. NotFound, listing the option's targets, when it is not one.

    :param view: how the screen showed the targets (a shared screen scrubs them): ``name`` may be
        a target as shown there.
    """
    key = _key(name, "Removing a target")
    with transaction(conn):
        option = _option(conn, seeker_id, option_id)
        targets = _targets(conn, seeker_id, option_id)
        same = [
            t
            for t in targets
            if normalise_org(t["name"]) == key or (view is not None and normalise_org(view(t["name"])) == key)
        ]
        if not same:
            listed = (
                "its targets are " + ", ".join(repr(t["name"]) for t in targets)
                if targets
                else "it has no targets yet"
            )
            raise NotFound(f"{display_name(name)!r} is not a target of {option['title']!r}; {listed}.")
        conn.execute(
            "DELETE FROM target_org WHERE seeker_id = ? AND id IN (SELECT unnest(?))",
            [seeker_id, [t["id"] for t in same]],
        )
    return str(same[0]["name"])


class Imported(NamedTuple):
    """What :func:`import_targets` did, as ``(added, skipped)``: the names added, and each name
    skipped with the spelling the option holds that organisation under."""

    added: list[str]
    skipped: list[tuple[str, str]]


def import_targets(
    conn: Connection, seeker_id: int, option_id: int, names: Sequence[str], *, today: date
) -> Imported:
    """Add many organisations (a one-column sheet's) as targets of the option, in one transaction.

    Blank names are passed over; a name the option holds already, or one given twice, under any
    spelling, is skipped. A name with no letters or digits refuses the whole import, naming its
    place in the list: nothing is written.
    """
    check_date(today, "Added on")
    given = [(place, display_name(name)) for place, name in enumerate(names, start=1)]
    keyed: list[tuple[str, str]] = []
    for place, shown in given:
        if not shown:
            continue
        key = normalise_org(shown)
        if key is None:
            raise Invalid(
                f"Nothing was imported: name {place} ({shown!r}) is not an organisation's name "
                "(it has no letters or digits)."
            )
        keyed.append((key, shown))
    added: list[str] = []
    skipped: list[tuple[str, str]] = []
    with transaction(conn):
        _option(conn, seeker_id, option_id)
        held = {normalise_org(t["name"]) or "": str(t["name"]) for t in _targets(conn, seeker_id, option_id)}
        for key, shown in keyed:
            if key in held:
                skipped.append((shown, held[key]))
                continue
            _insert(conn, seeker_id, option_id, shown, today)
            held[key] = shown
            added.append(shown)
        check_references(conn)
    return Imported(added, skipped)


def normalise_keywords(keywords: str) -> str:
    """Keywords as stored: comma-separated, each trimmed (inner white space one space), blanks and
    repeats (case aside) dropped, the first spelling kept: " ESG,, sustainability ,esg" is
    "ESG, sustainability"."""
    kept: dict[str, str] = {}
    for word in keywords.split(","):
        shown = " ".join(word.split())
        if shown:
            kept.setdefault(shown.casefold(), shown)
    return ", ".join(kept.values())


def set_keywords(
    conn: Connection,
    seeker_id: int,
    option_id: int,
    keywords: str,
    *,
    view: Callable[[Any], Any] | None = None,
) -> str:
    """Set the career option's field and role words (comma-separated; "" clears them); return them
    as stored (see :func:`normalise_keywords`).

    :param view: how the form showed the keywords (a shared screen scrubs them); what it hid is kept.
    """
    with transaction(conn):
        _option(conn, seeker_id, option_id)
        if view is not None:
            held = scalar(conn, "SELECT keywords FROM career_option WHERE id = ?", [option_id])
            keywords = restore_hidden(keywords, held, view)
        stored = normalise_keywords(keywords)
        conn.execute(
            "UPDATE career_option SET keywords = ? WHERE id = ? AND seeker_id = ?",
            [stored, option_id, seeker_id],
        )
    return stored
