"""Filling a request template for one contact: the values its placeholders take."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from coach.rules.checker import fill_template


def follow_up_day(sent_on: date, *, window_days: int) -> str:
    """The day the seeker promises to follow up: the answer window after sending, as "Tuesday 1 December"."""
    day = sent_on + timedelta(days=window_days)
    return f"{day:%A} {day.day} {day:%B}"


def template_values(
    contact: Mapping[str, Any],
    *,
    seeker_name: str,
    referrer: str | None,
    field: str,
    sent_on: date,
    window_days: int,
) -> dict[str, str]:
    """What each placeholder of a template means for this contact (blank when unknown)."""

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    return {
        "first_name": text(contact.get("first_name")),
        "company": text(contact.get("company")),
        "position": text(contact.get("position")),
        "mutual_contact": referrer or "",
        "school": "",
        "association": "",
        "my_name": seeker_name,
        "field": field,
        "follow_up_day": follow_up_day(sent_on, window_days=window_days),
    }


# The placeholders filled from stored text a shared screen may show scrubbed or aliased: there the
# draft shows them unfilled, and they are filled from the store when the request is logged (see
# ``tracking.log_outreach``).
PERSONAL = ("first_name", "company", "position", "mutual_contact", "my_name", "field")


def unfilled(values: dict[str, str]) -> dict[str, str]:
    """Template values with the personal ones left as their ``{placeholder}``."""
    return values | {name: "{" + name + "}" for name in PERSONAL}


def personalise(
    message: str, contact: Mapping[str, Any], *, referrer: str | None, my_name: str, field: str
) -> str:
    """A message's personal placeholders filled from the stored contact (and who referred them),
    the seeker's name and the career option it is about."""

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    values = {
        "first_name": text(contact.get("first_name")),
        "company": text(contact.get("company")),
        "position": text(contact.get("position")),
        "mutual_contact": referrer or "",
        "my_name": my_name,
        "field": field,
    }
    return fill_template(message, values, only=PERSONAL)


def suggested_template(contact: Mapping[str, Any], *, referred: bool) -> str:
    """The template that fits how the seeker knows the person."""
    if referred:
        return "mutual contact"
    return {"alumni": "alumni", "association": "association"}.get(str(contact.get("source")), "cold")


def draft(body: str, values: dict[str, str]) -> str:
    """The filled template text; placeholders without a value stay visible as [placeholder]."""
    return fill_template(body, values)
