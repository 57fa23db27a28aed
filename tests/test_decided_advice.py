"""A decided option is not told to go and meet more people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coach.rules import evidence
from tests.test_charts import option


@pytest.mark.parametrize("status", ["chosen", "dropped"])
def test_a_decided_option_gets_no_talk_to_more_advice(status: str) -> None:
    decided = replace(option("Learning design", 1, 1, "red"), status=status, decided_on=date(2026, 3, 1))
    text = evidence.what_would_clear(decided)
    assert "Talk to" not in text and "more" not in text
    # the card beside it already says when: the line says on what
    assert text == f"{status.capitalize()} after talking to 1 person from 1 organisation."


def test_an_open_option_still_gets_advice() -> None:
    assert evidence.what_would_clear(option("UX", 1, 1, "red")).startswith("Talk to 2 more people")


def test_a_decided_option_is_not_on_next_weeks_list(demo_file: str) -> None:
    from tests.test_report_words import report_text

    text = report_text(demo_file, "Maya Chen", share=False)
    next_week = text[text.index("Next week") :]
    assert "Learning design" not in next_week  # dropped: nothing left to do for it
    assert "Product management: Talk to" in next_week
