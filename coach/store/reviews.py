"""Weekly reflections, coach session notes, edited request templates, and managing clients."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from coach.rules.checker import TEMPLATES
from coach.rules.metrics import week_start
from coach.rules.privacy import restore_hidden
from coach.store import delete_seeker, get_seeker
from coach.store.db import Connection, Invalid, check_date, rows, scalar, transaction

# --- the week's reflection ---------------------------------------------------


def week_note(conn: Connection, seeker_id: int, week: date) -> str:
    """The seeker's reflection on the ISO week holding ``week`` ("" if none)."""
    return str(
        scalar(
            conn, "SELECT body FROM week_note WHERE seeker_id = ? AND week = ?", [seeker_id, week_start(week)]
        )
        or ""
    )


def save_week_note(
    conn: Connection, seeker_id: int, week: date, body: str, *, view: Callable[[Any], Any] | None = None
) -> None:
    """Keep the reflection for that week (an empty text removes it).

    :param view: how the form showed the reflection (a shared screen scrubs it); what it hid is kept.
    """
    monday = week_start(week)
    check_date(monday, "Week")
    if view is not None:
        body = restore_hidden(body, week_note(conn, seeker_id, week), view)
    with transaction(conn):
        conn.execute("DELETE FROM week_note WHERE seeker_id = ? AND week = ?", [seeker_id, monday])
        if body.strip():
            conn.execute(
                "INSERT INTO week_note (seeker_id, week, body) VALUES (?, ?, ?)",
                [seeker_id, monday, body.strip()],
            )


# --- coach sessions ----------------------------------------------------------


def add_session(
    conn: Connection,
    seeker_id: int,
    *,
    held_on: date,
    agenda: str,
    notes: str,
    actions: list[tuple[str, date]],
) -> int:
    """Record a coach session; each agreed action becomes a due item (kind action) on its date."""
    check_date(held_on, "Session date")
    if not (agenda.strip() or notes.strip() or actions):
        raise Invalid("A session note needs an agenda, notes or an agreed action.")
    for title, due_on in actions:
        if not title.strip():
            raise Invalid("Each agreed action needs a title.")
        check_date(due_on, "Action due date")
    with transaction(conn):
        session_id = int(
            scalar(
                conn,
                "INSERT INTO session_note (seeker_id, held_on, agenda, notes)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                [seeker_id, held_on, agenda.strip(), notes.strip()],
            )
        )
        for title, due_on in actions:
            conn.execute(
                "INSERT INTO follow_up (seeker_id, kind, title, due_on) VALUES (?, 'action', ?, ?)",
                [seeker_id, title.strip(), due_on],
            )
    return session_id


def list_sessions(conn: Connection, seeker_id: int) -> list[dict[str, object]]:
    """The seeker's coach sessions, newest first."""
    return rows(
        conn,
        "SELECT id, held_on, agenda, notes FROM session_note WHERE seeker_id = ?"
        " ORDER BY held_on DESC, id DESC",
        [seeker_id],
    )


# --- request templates -------------------------------------------------------


def templates(conn: Connection, seeker_id: int) -> dict[str, str]:
    """The seeker's request templates: the defaults, as edited, plus any of their own."""
    edited = rows(
        conn, "SELECT name, body FROM message_template WHERE seeker_id = ? ORDER BY name", [seeker_id]
    )
    return TEMPLATES | {str(r["name"]): str(r["body"]) for r in edited}


def save_template(
    conn: Connection, seeker_id: int, name: str, body: str, *, view: Callable[[Any], Any] | None = None
) -> None:
    """Keep an edited or new template under ``name``.

    :param view: how the form showed the template (a shared screen scrubs it); what it hid is kept.
    """
    name = " ".join(name.split())
    if view is not None:
        body = restore_hidden(body, templates(conn, seeker_id).get(name), view)
    if not name or not body.strip():
        raise Invalid("A template needs a name and some text.")
    with transaction(conn):
        conn.execute("DELETE FROM message_template WHERE seeker_id = ? AND name = ?", [seeker_id, name])
        conn.execute(
            "INSERT INTO message_template (seeker_id, name, body) VALUES (?, ?, ?)", [seeker_id, name, body]
        )


def reset_template(conn: Connection, seeker_id: int, name: str) -> None:
    """Forget the seeker's edit of a template (a default comes back; an own one is gone)."""
    conn.execute("DELETE FROM message_template WHERE seeker_id = ? AND name = ?", [seeker_id, name])


# --- seekers -----------------------------------------------------------------


def set_archived(conn: Connection, seeker_id: int, archived: bool) -> None:
    """Archive a seeker (hidden from the picker, data kept) or bring them back."""
    get_seeker(conn, seeker_id)
    conn.execute("UPDATE seeker SET archived = ? WHERE id = ?", [archived, seeker_id])


def delete_confirmed(conn: Connection, seeker_id: int, *, typed_name: str) -> None:
    """Delete a seeker with all their data, only when their name was typed to confirm."""
    seeker = get_seeker(conn, seeker_id)
    if typed_name.strip() != seeker.name:
        raise Invalid(f"Type the client's name exactly ({seeker.name}) to delete them and all their data.")
    delete_seeker(conn, seeker_id)


def remove_demo(conn: Connection) -> int:
    """Delete the demo seekers and their data; return how many were removed."""
    demo_ids = [int(r[0]) for r in conn.execute("SELECT id FROM seeker WHERE is_demo").fetchall()]
    with transaction(conn):
        for seeker_id in demo_ids:
            delete_seeker(conn, seeker_id)
    return len(demo_ids)


def previous_week(week: date) -> date:
    """The Monday of the week before."""
    return week_start(week) - timedelta(days=7)
