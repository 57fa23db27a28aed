"""Charts: assertions on the traces, never on pixels."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
import pytest

from coach import labels
from coach.output import charts
from coach.rules import evidence
from coach.rules.evidence import OptionEvidence, Rate, ReferralTree, wilson

PALETTE = set(charts.OKABE_ITO.values())


def assert_readable(fig: Any) -> None:
    """The shared look: white template, fonts of 14 or more, a title."""
    assert fig.layout.font.size >= 14
    assert fig.layout.hoverlabel.font.size >= 14
    assert fig.layout.title.text
    assert fig.layout.template.layout.paper_bgcolor in ("white", "#FFFFFF", "#ffffff", None)
    assert fig.layout.template.layout.plot_bgcolor in ("white", "#FFFFFF", "#ffffff")


# --- rates -------------------------------------------------------------------------


RATES = {"email": wilson(7, 12), "linkedin": wilson(3, 10), "phone": wilson(0, 0), "letter": wilson(1, 1)}


def test_rate_chart_draws_wilson_intervals_as_error_bars() -> None:
    fig = charts.rate_chart(RATES, "Response rate by channel", group_title="Channel")
    assert fig is not None
    (trace,) = fig.data
    shown = {group: rate for group, rate in RATES.items() if rate.n}
    assert list(trace.x) == [labels.label(g) for g in shown]  # nothing closed: no point; codes as words
    assert trace.error_y.type == "data" and trace.error_y.symmetric is False
    for y, plus, minus, rate in zip(
        trace.y, trace.error_y.array, trace.error_y.arrayminus, shown.values(), strict=True
    ):
        assert y == pytest.approx(rate.rate)
        assert y - minus == pytest.approx(rate.low)
        assert y + plus == pytest.approx(rate.high)
    assert list(trace.text) == ["7 of 12", "3 of 10", "1 of 1"]
    assert "7 of 12" in trace.hovertext[0] and "95% CI" in trace.hovertext[0]
    assert all(f"{r.k} of {r.n}" in h for r, h in zip(shown.values(), trace.hovertext, strict=True))
    assert trace.marker.color in PALETTE and trace.error_y.color in PALETTE
    assert fig.layout.xaxis.title.text == "Channel"
    assert fig.layout.yaxis.title.text == "Response rate (95% interval)"
    assert fig.layout.yaxis.tickformat == ".0%"
    # Half a group of room either side: the last point's "1 of 1" beside it is not cut off.
    assert list(fig.layout.xaxis.range) == [-0.5, len(shown) - 0.5]
    assert_readable(fig)


def test_rate_chart_of_nothing_closed_is_none() -> None:
    empty = {"email": Rate(0, 0, None, None, None)}
    assert not charts.has_rates(empty) and not charts.has_rates({})
    assert charts.rate_chart(empty, "Response rate") is None
    assert charts.has_rates(RATES)


# --- time to answer ----------------------------------------------------------------


def test_time_to_answer_chart_counts_each_day() -> None:
    fig = charts.time_to_answer_chart([2, 2, 3, 10, 2])
    assert fig is not None
    (bars,) = fig.data
    assert list(bars.x) == [2, 3, 10] and list(bars.y) == [3, 1, 1]
    assert bars.hovertext[0] == "3 requests answered after 2 days"
    assert bars.hovertext[1] == "1 request answered after 3 days"
    assert bars.marker.color in PALETTE
    assert fig.layout.xaxis.title.text == "Days from request to answer"
    assert fig.layout.yaxis.title.text == "Requests answered"
    assert fig.layout.shapes[0].x0 == 2  # the median
    assert_readable(fig)
    assert charts.time_to_answer_chart([]) is None and not charts.has_answers([])


# --- network growth ----------------------------------------------------------------


def growth() -> pd.DataFrame:
    network = pd.DataFrame(
        {
            "id": range(5),
            "source": ["linkedin", "linkedin", "alumni", "referral", "linkedin"],
            "warmth": "cold",
            "entered_on": pd.to_datetime(
                ["2026-03-02", "2026-03-04", "2026-03-04", "2026-03-17", "2026-03-20"]
            ),
        }
    )
    return evidence.network_growth(network, as_of=date(2026, 3, 18))


def test_network_growth_chart_has_bars_by_source_and_a_cumulative_line() -> None:
    fig = charts.network_growth_chart(growth())
    assert fig is not None
    bars = [t for t in fig.data if t.type == "bar"]
    (line,) = [t for t in fig.data if t.type == "scatter"]
    assert [b.name for b in bars] == ["Alumni directory", "LinkedIn", "Referral"]
    by_name = {b.name: list(b.y) for b in bars}
    assert by_name["LinkedIn"] == [2, 0, 0] and by_name["Referral"] == [0, 0, 1]
    assert list(line.y) == [3, 3, 4]
    assert "2 new contacts from LinkedIn" in bars[1].hovertext[0]
    assert "4 contacts in the network" in line.hovertext[-1]
    assert {b.marker.color for b in bars} <= PALETTE and line.line.color in PALETTE
    assert line.yaxis == "y2"
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.title.text == "Week (Monday)"
    assert fig.layout.yaxis.title.text == "New contacts per week"
    assert fig.layout.yaxis2.title.text == "Contacts in the network"
    assert_readable(fig)


def test_network_growth_chart_of_nothing_is_none() -> None:
    nobody = pd.DataFrame({"id": [], "source": [], "warmth": [], "entered_on": pd.to_datetime([])})
    empty = evidence.network_growth(nobody, as_of=date(2026, 3, 18))
    assert not charts.has_growth(empty)
    assert charts.network_growth_chart(empty) is None


# --- referral tree -------------------------------------------------------------------


def chain() -> ReferralTree:
    referrals = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "referrer_id": [1, 2, 2],
            "referrer": ["Ann", "Bo", "Bo"],
            "referred_id": [2, 3, 4],
            "referred": ["Bo", "Cy", "Di"],
            "referred_on": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-02-01"]),
            "meeting_id": [100, 101, 101],
        }
    )
    meetings = pd.DataFrame(
        {"id": [100, 101], "contact_id": [1, 2], "held_on": pd.to_datetime(["2026-01-05", "2026-02-01"])}
    )
    return evidence.referral_tree(referrals, meetings, as_of=date(2026, 3, 18))


def test_referral_tree_chart_places_people_by_depth() -> None:
    tree = chain()
    fig = charts.referral_tree_chart(tree)
    assert fig is not None
    lines, met, not_met = fig.data
    assert lines.mode == "lines" and len([x for x in lines.x if x is None]) == len(tree.edges)
    assert list(met.text) == ["Ann", "Bo"] and list(met.x) == [0, 1]
    assert list(not_met.text) == ["Cy", "Di"] and list(not_met.x) == [2, 2]
    assert met.name == "Met" and not_met.name == "Not met yet"
    assert met.marker.symbol != not_met.marker.symbol  # not colour alone
    assert {met.marker.color, not_met.marker.color} <= PALETTE
    assert "Bo: referred 2 people" in met.hovertext[1]
    assert list(fig.layout.xaxis.ticktext) == ["Your network", "1 step", "2 steps"]
    assert fig.layout.xaxis.title.text
    assert_readable(fig)


def test_tree_layout_puts_a_parent_between_its_children() -> None:
    at = charts.tree_layout(chain())
    assert len({y for _, y in at.values()}) >= 2
    assert at[2][1] == (at[3][1] + at[4][1]) / 2
    assert at[1][0] == 0 and at[3][0] == 2


def test_referral_tree_chart_without_referrals_is_none() -> None:
    tree = ReferralTree(names={}, edges=[], depth={}, parent={}, max_depth=0, led_to={}, met=frozenset())
    assert not charts.has_referrals(tree)
    assert charts.referral_tree_chart(tree) is None


# --- career options ------------------------------------------------------------------


def option(title: str, people: int, orgs: int, warning: str, flag: str | None = None) -> OptionEvidence:
    return OptionEvidence(
        option_id=1,
        title=title,
        status="exploring",
        decided_on=None,
        meetings=people,
        people=people,
        organisations=orgs,
        organisation_names=(),
        ratings=people,
        mean_fit=3.5 if people else None,
        fit_low=2.5 if people > 1 else None,
        fit_high=4.5 if people > 1 else None,
        signals_for=people,
        signals_against=0,
        signals_neutral=0,
        last_conversation=None,
        warning=warning,  # type: ignore[arg-type]
        decided_on_red=flag is not None,
        decided_people=1 if flag else None,
        flag=flag,
    )


OPTIONS = [
    option("UX research", 7, 5, "ok"),
    option("Learning design", 1, 1, "red", "decided after talking to 1 person"),
    option("Product management", 4, 3, "amber"),
]


def test_option_evidence_chart_colours_by_warning_and_marks_thresholds() -> None:
    fig = charts.option_evidence_chart(OPTIONS, red_min_people=3, amber_min_people=5)
    assert fig is not None
    traces = {t.name: t for t in fig.data}
    red, amber, ok = (traces[charts.WARNING_NAMES[level]] for level in ("red", "amber", "ok"))
    assert red.marker.color == charts.OKABE_ITO["vermillion"]
    assert amber.marker.color == charts.OKABE_ITO["orange"]
    assert ok.marker.color == charts.OKABE_ITO["bluish_green"]
    assert list(red.x) == [1] and list(red.y) == ["Learning design"]
    assert "decided after talking to 1 person" in red.text[0]
    assert amber.text[0].startswith("4 people · 3 orgs")
    assert "4 people from 3 organisations" in amber.hovertext[0] and "95% CI 2.5–4.5" in amber.hovertext[0]
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [3, 5]
    assert fig.layout.xaxis.title.text == "People met (distinct contacts)"
    assert fig.layout.yaxis.title.text == "Career option"
    assert list(fig.layout.yaxis.categoryarray) == [o.title for o in OPTIONS]
    assert_readable(fig)


def test_option_evidence_chart_uses_the_thresholds_given() -> None:
    fig = charts.option_evidence_chart(OPTIONS, red_min_people=2, amber_min_people=8)
    assert fig is not None
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [2, 8]
    assert "amber from 2" in {a.text for a in fig.layout.annotations}


def test_option_evidence_chart_of_no_options_is_none() -> None:
    assert not charts.has_options([])
    assert charts.option_evidence_chart([]) is None
    fig = charts.option_evidence_chart([replace(OPTIONS[0], people=0, organisations=0, warning="red")])
    assert fig is not None and list(fig.data[0].x) == [0]


def test_palette_is_okabe_ito() -> None:
    assert set(charts.PALETTE) == PALETTE
    assert set(charts.WARNING_COLOURS.values()) <= PALETTE
    assert set(charts.SOURCE_COLOURS.values()) <= PALETTE
