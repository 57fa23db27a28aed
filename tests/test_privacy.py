"""Screen-share redaction: e-mail addresses, phone numbers and private notes never pass."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from coach.rules import privacy
from coach.store import registry


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
    plain = privacy.share_safe(contacts, registry.share_rule("contacts"), aliases=False)
    assert plain[["name", "email", "phone"]].values.tolist() == [["Ana Lopez", None, None]]
    aliased = privacy.share_safe(contacts, registry.share_rule("contacts"), aliases=True)
    assert aliased["name"].tolist() == ["Contact 12 · Brightwave"]
    assert "Ana" not in aliased.to_csv()
    assert contacts["email"].tolist() == ["ana@example.com"]  # the cached original is untouched


def test_private_notes_never_pass() -> None:
    notes = pd.DataFrame(
        {"contact_id": [1, 1], "body": ["secret", "call 555-0100-22"], "private": [True, False]}
    )
    shared = privacy.share_safe(notes, registry.share_rule("notes"), aliases=False)
    assert shared["body"].tolist() == ["call [phone hidden]"]


def test_other_tables_alias_the_contact_and_scrub_free_text() -> None:
    meetings = pd.DataFrame(
        {"contact_id": [3], "contact": ["Bo Berg"], "company": ["Acme"], "insights": ["Email bo@example.com"]}
    )
    shared = privacy.share_safe(meetings, registry.share_rule("meetings"), aliases=True)
    assert shared[["contact", "insights"]].values.tolist() == [["Contact 3 · Acme", "Email [e-mail hidden]"]]
    referrals = pd.DataFrame(
        {"referrer_id": [3], "referrer": ["Bo Berg"], "referred_id": [4], "referred": ["Cy"]}
    )
    assert privacy.share_safe(referrals, registry.share_rule("referrals"), aliases=True)[
        ["referrer", "referred"]
    ].values.tolist() == [["Contact 3", "Contact 4"]]
    assert privacy.share_safe("unchanged", registry.share_rule("network"), aliases=True) == "unchanged"


def _loaded(demo_file: str, tmp_path: Path) -> dict[str, object]:
    """Every loader of the app run once on the demo (with a coach session, an import and a target), by name."""
    from datetime import date

    from coach.store import db, reviews, targets
    from coach.store.registry import LOADERS

    path = str(tmp_path / "store.duckdb")
    shutil.copy(demo_file, path)
    with db.session(path) as conn:
        reviews.add_session(conn, 1, held_on=date(2026, 3, 10), agenda="Plan", notes="Notes", actions=[])
        option = db.scalar(conn, "SELECT min(id) FROM career_option WHERE seeker_id = 1")
        targets.add_target(conn, 1, option, "Brightwave", today=date(2026, 3, 10))
        conn.execute(
            "INSERT INTO import_run (seeker_id, kind, file_name, counts) VALUES (1, 'tracker', 'a.csv', '{}')"
        )
        reviews.save_week_note(conn, 1, date(2026, 3, 16), "A reflection")
    args: dict[str, tuple[object, ...]] = {
        "seekers": (),
        "week_note": (1, date(2026, 3, 16)),
        "overview": (date(2026, 3, 18),),
    }
    with db.session(path) as conn:
        return {name: loader.load(conn, *args.get(name, (1,))) for name, loader in LOADERS.items()}


def test_every_loaded_table_and_column_has_a_share_rule(demo_file: str, tmp_path: Path) -> None:
    """Fail closed: a table the app loads, or a column of one, without a rule is a failure here."""
    import dataclasses

    missing = []
    for name, value in _loaded(demo_file, tmp_path).items():
        assert not hasattr(value, "__len__") or len(value), f"{name} loaded nothing to check"
        table = registry.LOADERS[name].share
        if isinstance(value, pd.DataFrame):
            columns = [str(c) for c in value.columns]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            columns = list(value[0])
        elif isinstance(value, dict) and name == "templates":
            continue  # names to texts: every string is scrubbed
        elif isinstance(value, dict):
            columns = list(value[0])
        elif dataclasses.is_dataclass(value):
            columns = [f.name for f in dataclasses.fields(value)]
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            columns = [f.name for f in dataclasses.fields(value[0])]
        else:
            continue  # a text or a mapping of texts: every string is scrubbed
        missing += [f"{name}.{c}" for c in columns if c not in table.columns]
    assert missing == []


def test_text_without_a_rule_is_scrubbed() -> None:
    frame = pd.DataFrame({"id": [1], "brand_new": ["mail me: a@b.example"], "n": [3]})
    assert privacy.share_safe(frame, registry.share_rule("outreach"), aliases=False)[
        "brand_new"
    ].tolist() == ["mail me: [e-mail hidden]"]
    assert privacy.share_safe(frame, registry.share_rule("no such table"), aliases=False)[
        "brand_new"
    ].tolist() == ["mail me: [e-mail hidden]"]
    assert privacy.share_safe(
        {"x": ["call a@b.example"]}, registry.share_rule("no such table"), aliases=False
    ) == {"x": ["call [e-mail hidden]"]}


def test_known_values_and_other_clients_are_hidden_wherever_written() -> None:
    scrubber = privacy.Scrubber(known=frozenset({"4155550199", "ana@example.org"}), others=("Daniel Okafor",))
    assert scrubber("Number 4155550199 from Daniel  Okafor's file") == (
        "Number [phone hidden] from [client hidden]'s file"
    )
    assert scrubber("danielokafor and Danielle Okafor stay") == "danielokafor and Danielle Okafor stay"


@pytest.mark.parametrize(
    ("stored", "edited_from_shown", "expected"),
    [
        ("Call a@b.org today", lambda shown: shown, "Call a@b.org today"),
        ("Call a@b.org today", lambda shown: shown + " Done.", "Call a@b.org today Done."),
        (
            "a@b.org then c@d.org",
            lambda shown: shown.replace("then", "and then"),
            "a@b.org and then c@d.org",
        ),
        ("Call a@b.org today", lambda shown: "All new text", "All new text"),
        ("Call a@b.org today", lambda shown: shown.replace("[e-mail hidden]", ""), "Call  today"),
    ],
)
def test_an_edit_made_on_a_shared_screen_keeps_what_it_hid(
    stored: str, edited_from_shown: Callable[[str], str], expected: str
) -> None:
    view = privacy.Scrubber()
    assert privacy.restore_hidden(edited_from_shown(view(stored)), stored, view) == expected


def test_marks_are_put_back_in_order_in_a_long_text() -> None:
    view = privacy.Scrubber()
    stored = " ".join(f"part {n} write to p{n}@example.org then wait." for n in range(300))
    shown = str(view(stored))
    assert shown.count("[e-mail hidden]") == 300
    assert privacy.restore_hidden(shown + " Done.", stored, view) == stored + " Done."


def test_every_loader_returns_the_type_it_names(demo_file: str, tmp_path: Path) -> None:
    for name, value in _loaded(demo_file, tmp_path).items():
        assert isinstance(value, registry.LOADERS[name].returns), f"{name} returned {type(value).__name__}"
