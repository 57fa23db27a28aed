"""Drafts filled from a contact pass the message checker."""

from __future__ import annotations

from datetime import date

import pytest

from coach.rules import checker, drafts

CONTACT = {"first_name": "Zoë", "company": "Brightwave", "position": "UX Researcher", "source": "linkedin"}


def test_follow_up_day_is_the_window_after_sending() -> None:
    assert drafts.follow_up_day(date(2026, 3, 18), window_days=14) == "Wednesday 1 April"


@pytest.mark.parametrize("template", ["mutual contact", "cold"])
def test_filled_drafts_pass_every_check(template: str) -> None:
    values = drafts.template_values(
        CONTACT,
        seeker_name="Ana Lopez",
        referrer="Bo Berg",
        field="UX research",
        sent_on=date(2026, 3, 18),
        window_days=14,
    )
    text = drafts.draft(checker.TEMPLATES[template], values)
    assert "Zoë" in text and "Brightwave" in text and "Wednesday 1 April" in text
    result = checker.check_message(text, contact_name="Zoë Nwosu")
    assert result.ok, [c.why for c in result.checks if not c.passed]


def test_unknown_values_stay_visible() -> None:
    values = drafts.template_values(
        CONTACT,
        seeker_name="Ana Lopez",
        referrer=None,
        field="UX research",
        sent_on=date(2026, 3, 18),
        window_days=14,
    )
    assert "[mutual contact]" in drafts.draft(checker.TEMPLATES["mutual contact"], values)


def test_suggested_template_follows_how_they_were_found() -> None:
    assert drafts.suggested_template(CONTACT, referred=True) == "mutual contact"
    assert drafts.suggested_template(CONTACT, referred=False) == "cold"
    assert drafts.suggested_template({"source": "alumni"}, referred=False) == "alumni"
