"""Charts and the HTML report draw text from data as typed: no link, image or markup from a name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from coach import store
from coach.labels import label
from coach.output import charts, export
from coach.rules import evidence
from coach.store import db, registry
from tests.conftest import ANCHOR
from tests.hostile import Hostile, build
from tests.markup import PLOTLY_MARKUP, markup_names

BEACON = "http://127.0.0.1:9"


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def markup(fig: go.Figure | None) -> list[str]:
    """Every string of the figure (traces, labels, hovers, ticks, legend, annotations) with live markup."""
    assert fig is not None
    return [s for s in strings(fig.to_dict()) if PLOTLY_MARKUP.search(s)]


@pytest.fixture
def hostile(demo_file: str, tmp_path: Path) -> tuple[str, Hostile]:
    path = str(tmp_path / "hostile.duckdb")
    found = build(demo_file, path, beacon=BEACON)
    markup_names(path, found, beacon=BEACON)
    return path, found


@pytest.fixture
def frames(hostile: tuple[str, Hostile]) -> dict[str, Any]:
    path, found = hostile
    with db.session(path) as conn:
        return registry.load_frames(
            conn,
            found.seeker_id,
            "outreach",
            "meetings",
            "referrals",
            "network",
            "options",
            "meeting_options",
        )


def test_the_referral_tree_draws_names_as_typed(frames: dict[str, Any]) -> None:
    tree = evidence.referral_tree(frames["referrals"], frames["meetings"], as_of=ANCHOR)
    fig = charts.referral_tree_chart(tree)
    assert markup(fig) == []
    assert fig is not None
    names = [t for trace in fig.data if trace.text is not None for t in trace.text]
    assert any("&lt;img src=x&gt;" in n and "&lt;a href=" in n for n in names)  # shown, as entities


def test_the_option_chart_draws_titles_as_typed(frames: dict[str, Any]) -> None:
    evidences = evidence.option_evidence(
        frames["options"], frames["meetings"], frames["meeting_options"], as_of=ANCHOR
    )
    fig = charts.option_evidence_chart(evidences)
    assert markup(fig) == []
    assert fig is not None
    ticks = [y for trace in fig.data for y in trace.y]
    assert all("&lt;b&gt;x&lt;/b&gt;" in y for y in ticks)
    assert set(fig.layout.yaxis.categoryarray) == set(ticks)  # the bars keep their places


def test_rate_charts_draw_group_names_as_typed(frames: dict[str, Any]) -> None:
    summary = evidence.outreach_summary(frames["outreach"], frames["meetings"], as_of=ANCHOR, window_days=14)
    assert any("<a href" in group for group in summary.by_template)  # the templates hold markup
    for rates in (summary.by_template, {label(k): v for k, v in summary.by_channel.items()}):
        assert markup(charts.rate_chart(rates, "Response rate")) == []


def test_network_growth_draws_source_names_as_typed() -> None:
    growth = pd.DataFrame(
        {
            "week": ["2026-03-02", "2026-03-09"],
            "new": [1, 2],
            "cumulative": [1, 3],
            f"<a href='{BEACON}/s'>linkedin</a><img src='{BEACON}/s.png'>": [1, 2],
        }
    )
    assert markup(charts.network_growth_chart(growth)) == []


def test_the_check_sees_raw_markup() -> None:
    fig = go.Figure(go.Bar(x=[1], y=[f"<a href='{BEACON}'>x</a>"]))
    assert markup(fig)


class Parsed(HTMLParser):
    """The tags of a page with their attributes, and the text of its scripts."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


LOADING_TAGS = {"img", "a", "link", "iframe", "object", "embed", "image", "source", "video", "audio", "base"}


def loads(page: str) -> list[str]:
    """What in a page could make a browser load something or follow a link: tags, attributes, and
    pseudo-HTML in the figures' data (plotly's own library, the first script, left aside)."""
    parsed = Parsed(page)
    found = [
        f"<{tag} {attrs}>"
        for tag, attrs in parsed.tags
        if tag in LOADING_TAGS or {"src", "href", "srcset", "action"} & set(attrs)
    ]
    for script in parsed.scripts[1:]:
        decoded = script.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u002f", "/")
        found += [f"figure: {m.group(0)}" for m in PLOTLY_MARKUP.finditer(decoded)]
    return found


@pytest.mark.parametrize("share", [False, True], ids=["plain", "shared"])
def test_the_html_report_loads_nothing_from_data(hostile: tuple[str, Hostile], share: bool) -> None:
    path, found = hostile
    with db.session(path) as conn:
        seeker = store.get_seeker(conn, found.seeker_id)
        week = ANCHOR - timedelta(days=ANCHOR.weekday())
        report = export.weekly_report_html(conn, seeker, week=week, today=ANCHOR, share=share)
    assert report.count("Plotly.newPlot") == 3  # the charts are there
    assert "&lt;b&gt;x&lt;/b&gt;" in report  # the option's title, as typed
    assert loads(report) == []


def test_the_report_check_sees_an_unescaped_chart_and_tag() -> None:
    fig = go.Figure(go.Bar(x=[1], y=[f"<a href='{BEACON}'>x</a>"]))
    page = "<html><script>var library;</script>" + fig.to_html(full_html=False, include_plotlyjs=False)
    assert [f for f in loads(page) if f.startswith("figure: <a")]
    assert loads(f"<p>x</p><img src='{BEACON}/p.png'>")
    assert not loads("<p>&lt;img src=&quot;x&quot;&gt;</p>")
