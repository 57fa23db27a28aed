"""What may be shown on a shared screen: no e-mail addresses, phone numbers, private notes or other clients.

The registry of what the app loads (:data:`coach.store.registry.LOADERS`) gives each
loader a :class:`Table` of rules saying how screen-share mode treats each column:
shown as it is (ids, dates, numbers, codes from a fixed list), scrubbed as free
text, shown as a person's name (an alias when aliases are on), or hidden. It
fails closed: a text column, field or loaded value without a rule is scrubbed as
free text, and a test fails for every one the registry misses.
A :class:`Scrubber` holds what must never show for one seeker: the store's stored
e-mail addresses and phone numbers, and every other client's name.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

import pandas as pd

from coach.rules import redact


def scrub(text: Any, *, region: str = "US", known: frozenset[str] = frozenset()) -> Any:
    """Free text with e-mail addresses and phone numbers replaced by a note that they are hidden.

    See ``coach.rules.redact.scrub``: ``region`` is the seeker's region for numbers
    written without a country code, ``known`` the contact's stored e-mails and phones.
    """
    return redact.scrub(text, region=region, known=known)


SEEKER_HIDDEN = "[client hidden]"
# The words that stand where something was hidden: an edit made on a shared screen keeps them.
HIDDEN_MARK = re.compile(r"\[(?:e-mail|phone|client) hidden\]")


def alias(contact_id: Any, company: Any) -> str:
    """A person's stand-in name on a shared screen: "Contact 12 · Brightwave"."""
    where = company.strip() if isinstance(company, str) and company.strip() else ""
    return f"Contact {int(contact_id)}" + (f" · {where}" if where else "")


# --- what must never show ----------------------------------------------------


@dataclass(frozen=True, eq=False)
class Scrubber:
    """Free text as a shared screen may show it, for one seeker.

    :param known: e-mail addresses and phone numbers stored anywhere in the store: hidden wherever
        they are written, whatever a pattern would make of them.
    :param others: the names of every other client, hidden as "[client hidden]".
    :param region: the country whose way of writing phone numbers is assumed (ISO code).
    """

    known: frozenset[str] = frozenset()
    others: tuple[str, ...] = ()
    region: str = "US"
    _token: str = dataclasses.field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        # Compared and hashed by a digest of what it hides: scrubbed texts are cached per text and
        # scrubber, and a store that changed elsewhere keeps its cache while these values stay.
        digest = hashlib.blake2b(digest_size=16)
        for part in (*sorted(self.known), "\0", *self.others, "\0", self.region):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
        object.__setattr__(self, "_token", digest.hexdigest())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scrubber) and other._token == self._token

    def __hash__(self) -> int:
        return hash(self._token)

    def __call__(self, text: Any) -> Any:
        if not isinstance(text, str) or not text:
            return text
        return _scrubbed(text, self)

    @property
    def _names(self) -> re.Pattern[str] | None:
        return _names_pattern(self.others)


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1 << 18)  # every text of a 30,000-contact seeker's tables
def _scrubbed(text: str, scrubber: Scrubber) -> str:
    out = str(scrub_text(text, region=scrubber.region, known=scrubber.known))
    names = scrubber._names
    return names.sub(SEEKER_HIDDEN, out) if names is not None else out


def scrub_text(text: str, *, region: str, known: frozenset[str]) -> str:
    """E-mail addresses, phone numbers and the ``known`` values in ``text`` replaced by a note."""
    return str(redact.scrub(text, region=region, known=known))


# The patterns alone, without a store's own values: for a table scrubbed outside any store.
PATTERNS_ONLY = Scrubber()


# --- the registry ------------------------------------------------------------


class Rule(Enum):
    """How screen-share mode treats one column."""

    SHOWN = "shown as it is"  # ids, dates, numbers, flags, codes from a fixed list
    TEXT = "free text, scrubbed"
    PERSON = "a person's name: scrubbed, an alias when aliases are on"
    LINK = "a person's profile address: scrubbed, hidden when aliases are on"
    HIDDEN = "never shown"


S, T, P, L, H = Rule.SHOWN, Rule.TEXT, Rule.PERSON, Rule.LINK, Rule.HIDDEN


@dataclass(frozen=True)
class Table:
    """The rules of one loaded table (a DataFrame, a list of records or one record).

    :param columns: each column's (or field's) rule.
    :param people: for PERSON columns, the column holding that person's contact id (for the alias).
    :param private_rows: the name of a boolean column: rows where it is true are never shown.
    """

    columns: Mapping[str, Rule]
    people: Mapping[str, str] = dataclasses.field(default_factory=dict)
    private_rows: str | None = None


def share_safe(value: Any, table: Table, *, aliases: bool, scrubber: Scrubber = PATTERNS_ONLY) -> Any:
    """A loaded value as a shared screen may show it: every column treated by its rule in
    ``table`` (see :data:`coach.store.registry.LOADERS`), and any text without a rule scrubbed. The
    value given is never changed."""
    if isinstance(value, pd.DataFrame):
        return _frame(value, table, aliases=aliases, scrubber=scrubber)
    return _value(value, table, aliases=aliases, scrubber=scrubber)


def _frame(frame: pd.DataFrame, table: Table, *, aliases: bool, scrubber: Scrubber) -> pd.DataFrame:
    out = frame.copy()
    if table.private_rows and table.private_rows in out:
        out = out[~out[table.private_rows].fillna(True).astype(bool)].copy()
    aliased = []
    for column in out.columns:
        how = table.columns.get(str(column), T)
        if how is S:
            continue
        if how is H or (how is L and aliases):
            out[column] = None
        elif how is P and aliases:
            aliased.append(str(column))
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(scrubber, na_action="ignore")
    companies = out.get("company")  # scrubbed by now: an alias shows the company as shared
    for column in aliased:
        ids = out[table.people[column]] if column in table.people else None
        out[column] = _aliases(out, column, ids, companies)
    return out


def _aliases(
    frame: pd.DataFrame, column: str, ids: pd.Series | None, companies: pd.Series | None
) -> pd.Series:
    if ids is None:
        return pd.Series(["Contact"] * len(frame), index=frame.index, dtype=object)
    if column == "last_name":
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    with_company = column in ("name", "first_name", "contact")
    where = companies if with_company and companies is not None else pd.Series(None, index=frame.index)
    return pd.Series(
        [None if pd.isna(i) else alias(i, c) for i, c in zip(ids, where, strict=True)],
        index=frame.index,
        dtype=object,
    )


def _value(value: Any, table: Table, *, aliases: bool, scrubber: Scrubber) -> Any:
    """Records, lists and mappings: each field by its rule, text without one scrubbed."""

    def field(key: str, item: Any) -> Any:
        how = table.columns.get(key, T)
        if how is S:
            return item
        if how is H:
            return None
        return _value(item, Table({}), aliases=aliases, scrubber=scrubber)

    if isinstance(value, str):
        return scrubber(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: field(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, Mapping):
        if not table.columns:  # a mapping without rules (template names to texts): all of it is text
            return {
                scrubber(k) if isinstance(k, str) else k: _value(v, table, aliases=aliases, scrubber=scrubber)
                for k, v in value.items()
            }
        return {k: field(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_value(item, table, aliases=aliases, scrubber=scrubber) for item in value)
    if isinstance(value, pd.DataFrame):
        return _frame(value, table, aliases=aliases, scrubber=scrubber)
    return value


def scrub_frame(frame: pd.DataFrame, scrubber: Scrubber) -> pd.DataFrame:
    """Any table (an import preview, a computed list) with every text cell scrubbed."""
    return _frame(frame, Table({}), aliases=False, scrubber=scrubber)


# --- edits made on a shared screen -------------------------------------------


def restore_hidden(edited: Any, stored: Any, view: Callable[[Any], Any]) -> Any:
    """What to store for a text edited on a shared screen: the hidden parts put back.

    The form showed ``view(stored)``. Left as shown, the stored text is kept whole; otherwise each
    "[… hidden]" mark still in the edit takes back, in order, what it stood for. Marks the user
    typed beyond those stay as typed; nothing hidden is ever needed to make the edit.
    """
    if not isinstance(edited, str) or not isinstance(stored, str):
        return edited
    shown = view(stored)
    if edited == shown:
        return stored
    # The shown text is the stored one with stretches replaced by marks: its other parts appear in
    # the stored text in order, and each mark stands for what lies between them.
    parts = HIDDEN_MARK.split(shown)
    hidden: dict[str, list[str]] = {}
    for mark, original in zip(HIDDEN_MARK.findall(shown), _between(stored, parts) or [], strict=False):
        hidden.setdefault(mark, []).append(original)
    if not hidden:
        return edited

    def back(match: re.Match[str]) -> str:
        pending = hidden.get(match[0])
        return pending.pop(0) if pending else match[0]

    return HIDDEN_MARK.sub(back, edited)


def _between(stored: str, parts: list[str]) -> list[str] | None:
    """What lies between ``parts`` found in order in ``stored`` (first at its start, last at its
    end), in one pass without backtracking; None if they are not all there."""
    first, last = parts[0], parts[-1]
    if not stored.startswith(first) or not stored.endswith(last) or len(first) + len(last) > len(stored):
        return None
    found, at, end = [], len(first), len(stored) - len(last)
    for part in parts[1:-1]:
        start = stored.find(part, at + 1, end) if part else at + 1
        if start < 0:
            return None
        found.append(stored[at:start])
        at = start + len(part)
    found.append(stored[at:end])
    return found if all(found) else None


def restore_record(record: Any, stored: Mapping[str, Any], view: Callable[[Any], Any]) -> Any:
    """A record (dataclass) edited on a shared screen, its text fields' hidden parts put back
    from the stored row of the same columns."""
    changes = {
        f.name: restore_hidden(getattr(record, f.name), stored[f.name], view)
        for f in dataclasses.fields(record)
        if f.name in stored and isinstance(getattr(record, f.name), str)
    }
    return dataclasses.replace(record, **changes)
