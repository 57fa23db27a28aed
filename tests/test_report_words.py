"""The weekly report reads like the screens: one date style, "—" for empty, no ISO dates or codes."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from coach import store
from coach.output import export
from coach.store import db
from tests.conftest import ANCHOR


def report_text(path: str, name: str, *, share: bool) -> str:
    with db.session(path) as conn:
        seeker = store.find_seeker(conn, name)
        page = export.weekly_report_html(
            conn, seeker, week=ANCHOR - timedelta(days=2), today=ANCHOR, share=share
        )
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


@pytest.mark.parametrize("share", [False, True])
@pytest.mark.parametrize("name", ["Maya Chen", "Daniel Okafor"])
def test_weekly_report_reads_as_words(demo_file: str, name: str, share: bool) -> None:
    text = report_text(demo_file, name, share=share)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates
    assert not re.search(r"\b0\d [A-Z][a-z]{2}", text)  # "02 Mar": not the one date style
    assert not re.search(r"\b(None|nan|NaT)\b", text)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)  # no stored codes
    assert f"week of {ANCHOR - timedelta(days=2):%-d %b %Y}" in text
    assert f"Numbers as of {ANCHOR:%-d %b %Y}." in text
    assert "\n–\n" not in text  # an empty mean fit reads "—", as on the screens
