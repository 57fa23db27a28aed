"""A store whose every free-text field holds what a hostile or careless user could bring.

Built on the demo: each text a seeker can type or import (a contact's company and
position, a meeting's company and insights, a request's message and template, an
option's title, keywords and target organisations, session notes, the week's
reflection, an action's title, a skip reason, a question, a note) gets an e-mail
address, a phone number written the way people write them, Markdown and HTML that
would make a browser fetch something, and a spreadsheet formula. ``secrets`` are the strings that must never reach a
shared screen; ``BEACON`` is a loopback address that no page may ever ask for.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

from coach import store
from coach.store import db

# The browser test serves this address and counts the requests it gets (there must be none).
BEACON_HOST = "127.0.0.1"

# Written as people write numbers (the shapes a plain regex misses), each with the part that must
# never be seen.
PHONES = (
    ("555–123–4567", "555–123–4567"),
    ("call5551234567", "5551234567"),
    ("555-123-4567ext", "555-123-4567"),
    ("555/123/4567", "555/123/4567"),
    ("555_123_4567", "555_123_4567"),
    ("Tel: 020 7946 0958x", "7946 0958"),
    ("+1 (415) 555-0199", "555-0199"),
)


@dataclass
class Hostile:
    """What the hostile store holds: the shown seeker, the other client, and what must stay hidden."""

    seeker_id: int
    seeker: str
    other: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def secrets(self) -> dict[str, list[str]]:
        return {
            "e-mail": self.emails,
            "phone": self.phones,
            "private note": self.notes,
            "other client": [self.other],
        }


def payload(where: str, n: int, beacon: str) -> tuple[str, str, str]:
    """Text for one field: (text, its e-mail, the part of its phone number that must stay hidden)."""
    email = f"leak.{where}.{n}@example.org"
    phone, core = PHONES[n % len(PHONES)]
    text = (
        f"{where} {n}: mail {email} or {phone}. "
        f"![pixel]({beacon}/{where}.png) [Verify]({beacon}/{where}) "
        f'<img src="{beacon}/{where}.gif"> <a href="{beacon}/{where}">link</a> '
        f'=HYPERLINK("{beacon}/{where}") **bold** met 2026-01-05 10:30'
    )
    return text, email, core


# (table, column) pairs that hold free text, with the seeker filter of each table.
FREE_TEXT = (
    ("contact", "company"),
    ("contact", "position"),
    ("meeting", "company"),
    ("meeting", "insights"),
    ("outreach", "message"),
    ("outreach", "template"),
    ("outreach", "reply_excerpt"),
    ("career_option", "title"),
    ("career_option", "keywords"),
    ("target_org", "name"),
    ("session_note", "agenda"),
    ("session_note", "notes"),
    ("week_note", "body"),
    ("follow_up", "title"),
    ("follow_up", "skip_reason"),
    ("question", "text"),
    ("message_template", "body"),
)


def build(demo_file: str, path: str, *, beacon: str) -> Hostile:
    """Copy the demo to ``path`` and fill Maya Chen's free text with hostile content."""
    shutil.copy(demo_file, path)
    with db.session(path) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        other = store.find_seeker(conn, "Daniel Okafor")
        found = Hostile(maya.id, maya.name, other.name)
        for table, column in FREE_TEXT:
            key = "rowid"
            ids = [
                r[0]
                for r in conn.execute(f"SELECT {key} FROM {table} WHERE seeker_id = ?", [maya.id]).fetchall()
            ]
            for n, row_id in enumerate(ids[:40]):
                text, email, phone = payload(f"{table}-{column}", n, beacon)
                if column == "title" and table == "career_option":
                    text = f"Option {n}: {email} {phone} ![pixel]({beacon}/option.png)"  # unique, short
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", [text, row_id])
                found.emails.append(email)
                found.phones.append(phone)
        # A contact's own stored e-mail and phone, written into another field without punctuation.
        rows = conn.execute(
            "SELECT id, email, phone FROM contact WHERE seeker_id = ? AND email IS NOT NULL AND phone IS NOT NULL"
            " ORDER BY id LIMIT 5",
            [maya.id],
        ).fetchall()
        for contact_id, email, phone in rows:
            digits = "".join(ch for ch in phone if ch.isdigit())
            conn.execute(
                "UPDATE contact SET position = ? WHERE id = ?", [f"Reach at {digits} / {email}", contact_id]
            )
            found.emails.append(email)
            found.phones.append(phone)
        # Names with Markdown that would load an image or make a link.
        conn.execute(
            "UPDATE contact SET first_name = 'Down ![x](' || ? || '/name.png)', "
            "last_name = '[Verify](' || ? || '/name)' WHERE id = (SELECT min(id) FROM contact WHERE seeker_id = ?)",
            [beacon, beacon, maya.id],
        )
        # The other client's name, in a note that is not private; a private note with a secret.
        contact_id = db.scalar(conn, "SELECT min(id) FROM contact WHERE seeker_id = ?", [maya.id])
        conn.execute(
            "INSERT INTO contact_note (seeker_id, contact_id, written_on, body, private) VALUES (?, ?, ?, ?, false)",
            [maya.id, contact_id, "2026-03-01", f"Same firm as {other.name}, see leak.note@example.org"],
        )
        found.emails.append("leak.note@example.org")
        secret = "PRIVATE-NOTE-7731 salary expectations"
        conn.execute(
            "INSERT INTO contact_note (seeker_id, contact_id, written_on, body, private) VALUES (?, ?, ?, ?, true)",
            [maya.id, contact_id, "2026-03-02", secret],
        )
        found.notes.append(secret)
        for table, column in (("contact", "email"), ("contact", "phone")):
            stored = [
                r[0]
                for r in conn.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()
            ]
            (found.emails if column == "email" else found.phones).extend(stored)
    return found
