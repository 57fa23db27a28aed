"""How numbers, dates and empty values read on every screen and in every report.

One home for the small words, so two screens never say the same thing two ways:
``plural(2, "thank-you")`` is "2 thank-yous", ``day(d)`` is "2 Dec 2026", an empty value is
:data:`EMPTY`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

import pandas as pd

EMPTY = "—"  # an empty cell or value: never "None", "nan" or "NaT"

# Nouns whose plural is not the word with an "s".
_IRREGULAR = {"person": "people", "company": "companies", "reply": "replies", "activity": "activities"}


def plural(count: int, one: str, many: str | None = None) -> str:
    """A count with its noun in words: 1 thank-you, 2 thank-yous, 3 people, 30,000 contacts."""
    if count == 1:
        return f"{count} {one}"
    return f"{count:,} {many or _IRREGULAR.get(one) or one + 's'}"


def is_empty(value: object) -> bool:
    """Whether a value is missing: None, NaN, NaT, NA, or blank text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and value != value  # NaN


def text(value: object) -> str:
    """A value as it reads on screen: :data:`EMPTY` when missing, else ``str``."""
    return EMPTY if is_empty(value) else str(value)


def day(value: object) -> str:
    """A date in the one style screens use ("2 Dec 2026"); :data:`EMPTY` when missing."""
    if is_empty(value):
        return EMPTY
    moment = value if isinstance(value, date) else pd.Timestamp(str(value))
    if isinstance(moment, datetime):  # a pandas Timestamp is a datetime too
        moment = moment.date()
    return f"{moment.day} {moment:%b %Y}"


# The one format string for st.column_config.DateColumn, matching :func:`day`.
DATE_FORMAT = "D MMM YYYY"


def cells(
    frame: pd.DataFrame, *, dates: Iterable[str] = (), numbers: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """A copy of a table whose columns that may be empty read as words.

    Each column in ``dates`` shows its days in the one style, each in ``numbers`` its values
    through a format ("{:.0f} of 5"), and an empty cell in either shows :data:`EMPTY`: a table
    never shows "None" for a date or number not recorded yet.
    """
    shown = frame.copy()
    for column in dates:
        shown[column] = [day(v) for v in frame[column]]
    for column, fmt in (numbers or {}).items():
        shown[column] = [EMPTY if is_empty(v) else fmt.format(v) for v in frame[column]]
    return shown
