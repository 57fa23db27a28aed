"""Charts read like the screens: counts on whole-number axes, words for codes, one date style."""

from __future__ import annotations

import re
from typing import Any

from coach import labels
from coach.output import charts
from coach.rules.evidence import wilson
from tests.test_charts import OPTIONS, chain, growth

CODES = set(labels.LABELS)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def every_chart() -> dict[str, Any]:
    figures = {
        "rates": charts.rate_chart(
            {"email": wilson(3, 5), "2026-11-30": wilson(1, 2)}, "Response rate", group_title="Group"
        ),
        "time to answer": charts.time_to_answer_chart([1, 3, 3, 12] * 4),
        "growth": charts.network_growth_chart(growth()),
        "tree": charts.referral_tree_chart(chain()),
        "options": charts.option_evidence_chart(OPTIONS),
    }
    assert all(f is not None for f in figures.values())
    return figures


def words(fig: Any) -> list[str]:
    """Every string a reader sees: legend entries, hover, mark and tick text."""
    seen: list[str] = []
    for trace in fig.data:
        if trace.showlegend is not False and trace.name:
            seen.append(trace.name)
        for field in ("hovertext", "text", "x"):
            value = getattr(trace, field, None)
            if isinstance(value, str):
                seen.append(value)
            elif value is not None:
                seen += [v for v in value if isinstance(v, str)]
    for axis in ("xaxis", "yaxis"):
        seen += [t for t in (fig.layout[axis].ticktext or ()) if isinstance(t, str)]
    return seen


def test_count_axes_are_whole_numbers() -> None:
    figures = every_chart()
    counts = [
        figures["time to answer"].layout.yaxis,
        figures["growth"].layout.yaxis,
        figures["growth"].layout.yaxis2,
        figures["options"].layout.xaxis,
    ]
    for axis in counts:
        assert axis.tickformat == ",d", axis.title.text
        assert axis.rangemode == "tozero", axis.title.text


def test_legends_and_hover_show_words_not_codes() -> None:
    for name, fig in every_chart().items():
        for text in words(fig):
            found = [w for w in re.findall(r"[a-z][a-z_]*", text) if w in CODES and w != "other"]
            if name == "tree":
                found = []  # names of people, drawn as typed
            assert not any("_" in w for w in found), (name, text)
            # a code that is also a plain English word ("cold", "event") may appear inside a sentence,
            # but never as the whole entry
            assert text not in CODES, (name, text)


def test_growth_legend_names_each_source() -> None:
    fig = charts.network_growth_chart(growth())
    assert fig is not None
    names = {t.name for t in fig.data}
    assert {"LinkedIn", "Alumni directory", "Referral"} <= names
    assert all("from linkedin" not in h for t in fig.data for h in (t.hovertext or ()))
    assert any("from LinkedIn, week of 2 Mar 2026" in h for t in fig.data for h in (t.hovertext or ()))


def test_option_hover_reads_status_and_warning_as_words() -> None:
    fig = charts.option_evidence_chart(OPTIONS)
    assert fig is not None
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "(Exploring)" in hover and "(exploring)" not in hover
    assert "warning: red" not in hover and "Red: too few to judge" in hover


def test_no_chart_shows_an_iso_date() -> None:
    for name, fig in every_chart().items():
        for text in words(fig):
            assert not ISO.search(text), (name, text)


def test_rate_groups_that_are_codes_or_weeks_read_as_words() -> None:
    fig = charts.rate_chart({"in_person": wilson(1, 2), "2026-11-30": wilson(1, 1)}, "Rates")
    assert fig is not None
    assert list(fig.data[0].x) == ["In person", "30 Nov 2026"]


def test_one_palette_for_warnings() -> None:
    assert charts.WARNING_COLOURS is labels.WARNING_COLOURS
    assert set(labels.WARNING_BADGES) == {"red", "amber", "ok"}
    fig = charts.option_evidence_chart(OPTIONS)
    assert fig is not None
    colours = {t.name: t.marker.color for t in fig.data}
    for level in ("red", "amber", "ok"):
        assert colours[labels.WARNING_NAMES[level]] == labels.WARNING_COLOURS[level]
