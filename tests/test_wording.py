import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

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
        (30000, "contact", "30,000 contacts"),
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


def test_table_cells_that_may_be_empty_read_as_words() -> None:
    frame = pd.DataFrame(
        {
            "held_on": [pd.Timestamp("2026-03-02"), pd.NaT],
            "fit": [4.0, float("nan")],
            "minutes": [pd.NA, 18],
            "who": ["Ana", "Bo"],
        }
    )
    shown = wording.cells(frame, dates=["held_on"], numbers={"fit": "{:.0f} of 5", "minutes": "{}"})
    assert shown.to_dict("list") == {
        "held_on": ["2 Mar 2026", "—"],
        "fit": ["4 of 5", "—"],
        "minutes": ["—", "18"],
        "who": ["Ana", "Bo"],  # the columns not named are left as they are
    }
    assert frame["fit"].isna().sum() == 1  # the table itself is not changed


def _texts(path: Path) -> Iterator[tuple[int, str]]:
    """The string literals of a source file (f-strings' literal parts included), with their lines."""
    import ast

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = node.format_spec
            parts = [v.value for v in getattr(spec, "values", []) if isinstance(v, ast.Constant)]
            yield node.lineno, "".join(str(p) for p in parts)


ROOT = Path(__file__).resolve().parents[1]
# Formats that read dates: a zero-padded day ("02 Dec") or a day without its year is not the one style.
OUT_OF_STYLE = re.compile(r"%d %b|%a %d|%A %d|%d %B")
# Where dates are parsed from files, or written for machines (calendar files, file names), not read.
PARSED = {"coach/importers/linkedin_files.py", "coach/importers/tracker_sheet.py", "coach/rules/redact.py"}


def test_what_the_app_says_counts_and_dates_in_words() -> None:
    found = []
    for folder in ("app_pages", "ui", "coach"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            for line, text in _texts(path):
                if "(s)" in text:
                    found.append(f"{name}:{line}: {text!r} (use wording.plural)")
                if OUT_OF_STYLE.search(text) and name not in PARSED:
                    found.append(f"{name}:{line}: {text!r} (use wording.day)")
    assert not found, "\n".join(found)
