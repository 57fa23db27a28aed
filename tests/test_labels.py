"""Stored codes read as words."""

from __future__ import annotations

import pandas as pd

from coach import labels, tracking


def test_every_stored_choice_has_a_word() -> None:
    for choices in (
        tracking.WARMTHS,
        tracking.SOURCES,
        tracking.CHANNELS,
        tracking.OUTCOMES,
        tracking.MODES_OFFERED,
        tracking.MEETING_MODES,
        tracking.FOLLOW_UP_KINDS,
    ):
        for code in choices:
            assert code in labels.LABELS, code


def test_labelled_replaces_only_the_named_columns() -> None:
    frame = pd.DataFrame({"channel": ["linkedin", "in_person", None], "note": ["linkedin", "x", "y"]})
    out = labels.labelled(frame, "channel")
    assert out["channel"].tolist() == ["LinkedIn", "In person", ""]
    assert out["note"].tolist() == ["linkedin", "x", "y"]
    assert labels.label("some_new_code") == "some new code"
