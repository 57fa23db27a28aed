"""Screen-share redaction: e-mail addresses, phone numbers and private notes never pass."""

from __future__ import annotations

import pandas as pd
import pytest

from coach import privacy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to ana.lopez+jobs@example.org today", "Write to [e-mail hidden] today"),
        ("Call +1 555 0142 or (020) 7946-0958.", "Call [phone hidden] or [phone hidden]."),
        ("Met on 2026-03-18 for 15 minutes at 10:30", "Met on 2026-03-18 for 15 minutes at 10:30"),
        (
            "https://www.linkedin.com/in/ana-lopez-1a2b3c4d5",
            "https://www.linkedin.com/in/ana-lopez-1a2b3c4d5",
        ),
        (None, None),
    ],
)
def test_scrub(text: str | None, expected: str | None) -> None:
    assert privacy.scrub(text) == expected


def test_contacts_lose_email_and_phone_and_can_be_aliased() -> None:
    contacts = pd.DataFrame(
        {
            "id": [12],
            "first_name": ["Ana"],
            "last_name": ["Lopez"],
            "name": ["Ana Lopez"],
            "company": ["Brightwave"],
            "email": ["ana@example.com"],
            "phone": ["+1 555 0100"],
            "profile_url": ["https://x/in/ana"],
        }
    )
    plain = privacy.share_safe("contacts", contacts, aliases=False)
    assert plain[["name", "email", "phone"]].values.tolist() == [["Ana Lopez", None, None]]
    aliased = privacy.share_safe("contacts", contacts, aliases=True)
    assert aliased["name"].tolist() == ["Contact 12 · Brightwave"]
    assert "Ana" not in aliased.to_csv()
    assert contacts["email"].tolist() == ["ana@example.com"]  # the cached original is untouched


def test_private_notes_never_pass() -> None:
    notes = pd.DataFrame(
        {"contact_id": [1, 1], "body": ["secret", "call 555-0100-22"], "private": [True, False]}
    )
    shared = privacy.share_safe("notes", notes, aliases=False)
    assert shared["body"].tolist() == ["call [phone hidden]"]


def test_other_tables_alias_the_contact_and_scrub_free_text() -> None:
    meetings = pd.DataFrame(
        {"contact_id": [3], "contact": ["Bo Berg"], "company": ["Acme"], "insights": ["Email bo@example.com"]}
    )
    shared = privacy.share_safe("meetings", meetings, aliases=True)
    assert shared[["contact", "insights"]].values.tolist() == [["Contact 3 · Acme", "Email [e-mail hidden]"]]
    referrals = pd.DataFrame(
        {"referrer_id": [3], "referrer": ["Bo Berg"], "referred_id": [4], "referred": ["Cy"]}
    )
    assert privacy.share_safe("referrals", referrals, aliases=True)[
        ["referrer", "referred"]
    ].values.tolist() == [["Contact 3", "Contact 4"]]
    assert privacy.share_safe("network", "unchanged", aliases=True) == "unchanged"
