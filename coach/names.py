"""Normalising and comparing the names of people, seekers and organisations."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import pandas as pd

_SPACE = re.compile(r"\s+")
LEGAL_SUFFIXES = frozenset({"inc", "ltd", "llc", "gmbh", "ag", "sa", "plc", "corp", "co"})


def normalise_name(name: str) -> str:
    """NFKC, case-folded, whitespace collapsed: the key two spellings of one name share."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def close_names(name: str, existing: list[str], *, cutoff: float = 0.8) -> list[str]:
    """Existing names that are probably a typo of ``name`` (not equal to it), closest first."""
    key = normalise_name(name)
    scored = []
    for other in existing:
        other_key = normalise_name(other)
        if other_key == key:
            continue
        ratio = difflib.SequenceMatcher(None, key, other_key).ratio()
        if ratio >= cutoff:
            scored.append((ratio, other))
    return [other for _, other in sorted(scored, key=lambda pair: -pair[0])]


def split_name(display: str) -> tuple[str, str]:
    """A display name cut into first name and the rest ("Ana de la Cruz" -> "Ana", "de la Cruz")."""
    parts = display.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def normalise_org(name: object) -> str | None:
    """An organisation as DOMAIN.md compares them; None for a blank name.

    Lower-cased and trimmed; periods and apostrophes dropped ("S.A." is "sa",
    "O'Neil" is "oneil"), any other punctuation read as a space ("Acme,Inc."
    is "acme inc"); trailing legal suffixes (Inc, Ltd, LLC, GmbH, AG, SA, plc,
    Corp, Co) dropped, unless nothing else is left. "Acme, Inc." and "ACME inc"
    are "acme"; "Co-op Bank" is "co op bank".
    """
    if name is None or (not isinstance(name, str) and pd.isna(name)):  # type: ignore[call-overload]
        return None
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = re.sub(r"[.'’]", "", text)
    words = re.sub(r"[\W_]+", " ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words) or None


def spellings(companies: Iterable[tuple[object, int]]) -> dict[str, Counter[str]]:
    """Each organisation (its :func:`normalise_org` key) with the spellings it is written in, spaces
    collapsed, and how often each is seen, organisations and spellings in the order first seen;
    blank names left out. ``most_common(1)`` of a spelling count is its display name, ties to the
    spelling seen first."""
    found: dict[str, Counter[str]] = {}
    for company, times in companies:
        key = normalise_org(company)
        if key is not None:
            found.setdefault(key, Counter())[" ".join(str(company).split())] += times
    return found
