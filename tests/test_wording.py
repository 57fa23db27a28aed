from datetime import date, datetime

import pandas as pd
import pytest

from coach import wording


@pytest.mark.parametrize(
    ("count", "one", "expected"),
    [
        (1, "thank-you", "1 thank-you"),
        (2, "thank-you", "2 thank-yous"),
        (0, "person", "0 people"),
        (3, "reply", "3 replies"),
    ],
)
def test_plural_reads_as_words(count: int, one: str, expected: str) -> None:
    assert wording.plural(count, one) == expected


@pytest.mark.parametrize("value", [None, float("nan"), pd.NaT, pd.NA, "", "  "])
def test_missing_values_read_as_a_dash(value: object) -> None:
    assert wording.text(value) == "—"
    assert wording.day(value) == "—"


def test_one_date_style_for_dates_datetimes_and_text() -> None:
    assert wording.day(date(2026, 12, 2)) == "2 Dec 2026"
    assert wording.day(datetime(2026, 12, 2, 14, 5)) == "2 Dec 2026"
    assert wording.day(pd.Timestamp("2026-01-09")) == "9 Jan 2026"
    assert wording.day("2026-03-01") == "1 Mar 2026"
