"""Normalising and comparing people's and seekers' names."""

from __future__ import annotations

import difflib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


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
