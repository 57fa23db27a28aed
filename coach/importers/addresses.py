"""Who an e-mail address or a name in mail and calendar files is among a seeker's contacts.

People are matched by e-mail address first (trimmed and lower-cased, as every importer compares
them), then by a full name that only one contact has (as the LinkedIn import matches names). An
address or name two contacts share matches nobody: guessing would file a conversation under the
wrong person. The owner address an earlier mail or calendar import worked with is kept with
that import (``import_run.owner``) and learned back by :func:`learned_owner`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import getaddresses

from coach.importers.keys import name_key
from coach.store.db import Connection


def address_key(address: object) -> str | None:
    """An e-mail address as compared: trimmed of space and angle brackets, lower-cased; None if not one."""
    if not isinstance(address, str):
        return None
    key = address.strip().strip("<>").strip().lower()
    if "@" not in key or key.startswith("@") or key.endswith("@") or any(c.isspace() for c in key):
        return None
    return key


def parse_addresses(*values: object) -> list[tuple[str, str]]:
    """(display name, address key) for every address in header values, in order; bad ones dropped."""
    found: list[tuple[str, str]] = []
    texts = [str(v) for v in values if v]
    for name, address in getaddresses(texts):
        key = address_key(address)
        if key is not None:
            found.append((name.strip().strip('"').strip(), key))
    return found


@dataclass
class Known:
    """A seeker's contacts as mail and calendar files name them."""

    by_address: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    addresses: dict[int, str] = field(default_factory=dict)

    def match(self, address: str | None = None, name: str | None = None) -> int | None:
        """The contact id an address, else a full name, belongs to; None for nobody (or several)."""
        key = address_key(address)
        if key is not None and key in self.by_address:
            return self.by_address[key]
        named = name_key(name) if name else None
        if named is not None and named in self.by_name:
            return self.by_name[named]
        return None

    def add(self, contact_id: int, name: str, address: str | None) -> None:
        """Make a contact the plan is about to add known, so later messages match it."""
        self.names[contact_id] = name
        key = address_key(address)
        if key is not None:
            self.by_address.setdefault(key, contact_id)
            self.addresses.setdefault(contact_id, key)
        named = name_key(name)
        if named is not None:
            self.by_name.setdefault(named, contact_id)


def known_contacts(conn: Connection, seeker_id: int) -> Known:
    """The seeker's contacts keyed by address and by a full name only one of them has."""
    found = conn.execute(
        "SELECT id, trim(concat_ws(' ', nullif(trim(first_name), ''), nullif(trim(last_name), ''))), email "
        "FROM contact WHERE seeker_id = ? ORDER BY id",
        [seeker_id],
    ).fetchall()
    known = Known()
    address_count: dict[str, int] = {}
    name_count: dict[str, int] = {}
    for contact_id, name, email in found:
        known.names[int(contact_id)] = str(name)
        key = address_key(email)
        if key is not None:
            address_count[key] = address_count.get(key, 0) + 1
            known.by_address[key] = int(contact_id)
            known.addresses[int(contact_id)] = key
        named = name_key(name)
        if named is not None:
            name_count[named] = name_count.get(named, 0) + 1
            known.by_name[named] = int(contact_id)
    for key, n in address_count.items():
        if n > 1:
            del known.by_address[key]
    for named, n in name_count.items():
        if n > 1:
            del known.by_name[named]
    return known


def learned_owner(conn: Connection, seeker_id: int) -> str | None:
    """The owner address of the seeker's latest mail or calendar import not undone; None if none."""
    row = conn.execute(
        "SELECT owner FROM import_run WHERE seeker_id = ? AND kind IN ('mail', 'calendar') "
        "AND undone_at IS NULL AND owner IS NOT NULL ORDER BY id DESC LIMIT 1",
        [seeker_id],
    ).fetchone()
    return str(row[0]) if row else None
