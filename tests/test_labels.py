"""Stored codes read as words."""

from __future__ import annotations

import pandas as pd

from coach import labels, vocabulary


def test_every_stored_choice_has_a_word() -> None:
    for choices in (
        vocabulary.WARMTHS,
        vocabulary.SOURCES,
        vocabulary.CHANNELS,
        vocabulary.OUTCOMES,
        vocabulary.MODES_OFFERED,
        vocabulary.MEETING_MODES,
        vocabulary.OPTION_STATUSES,
        vocabulary.FOLLOW_UP_KINDS,
    ):
        for code in choices:
            assert code in labels.LABELS, code


def test_labelled_replaces_only_the_named_columns() -> None:
    frame = pd.DataFrame({"channel": ["linkedin", "in_person", None], "note": ["linkedin", "x", "y"]})
    out = labels.labelled(frame, "channel")
    assert out["channel"].tolist() == ["LinkedIn", "In person", ""]
    assert out["note"].tolist() == ["linkedin", "x", "y"]
    assert labels.label("some_new_code") == "some new code"


def test_with_company_names_the_company_once() -> None:
    assert labels.with_company("Ana Lopez", "Acme") == "Ana Lopez · Acme"
    assert labels.with_company("Ana Lopez", None) == "Ana Lopez"
    assert labels.with_company("Ana Lopez", " ") == "Ana Lopez"
    assert labels.with_company("Contact 12 · Acme", "Acme") == "Contact 12 · Acme"
    assert labels.with_company("Contact 12 · Acme", "Acme Inc.") == "Contact 12 · Acme"
    assert labels.with_company("Contact 12 · Acme", "Brightwave") == "Contact 12 · Acme · Brightwave"
    assert labels.with_company(None, "Acme") == "Acme"


def test_warning_badges_use_the_chart_palette() -> None:
    assert labels.warning_badge("red") == ":red-badge[Red: too few to judge]"
    assert labels.warning_text("amber", "thin") == ":orange[thin]"
    assert set(labels.WARNING_COLOURS) == set(labels.WARNING_BADGES) == set(labels.WARNING_NAMES)


def test_the_theme_gives_badges_the_warning_palette() -> None:
    import tomllib
    from pathlib import Path

    theme = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())["theme"]
    for level, colour in labels.WARNING_BADGES.items():
        assert theme[f"{colour}Color"].upper() == labels.WARNING_COLOURS[level].upper()


def test_without_company_leaves_the_company_to_its_own_column() -> None:
    assert labels.without_company("Contact 12 · Acme", "Acme Inc") == "Contact 12"
    assert labels.without_company("Contact 12 · Acme", "Brightwave") == "Contact 12 · Acme"
    assert labels.without_company("Ana Lopez", "Acme") == "Ana Lopez"
    assert labels.without_company("Contact 12", None) == "Contact 12"


def test_a_table_with_a_company_column_names_each_company_once() -> None:
    import pandas as pd

    from coach.labels import beside_company

    table = pd.DataFrame(
        {
            "contact": ["Contact 3 · Acme", "Ana Lopez", "Contact 4 · Acme"],
            "company": ["Acme Inc", "Acme", None],
        }
    )
    shown = beside_company(table)
    assert shown["contact"].tolist() == ["Contact 3", "Ana Lopez", "Contact 4 · Acme"]
    assert table["contact"][0] == "Contact 3 · Acme"  # the table itself is left as it was
