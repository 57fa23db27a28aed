"""Charts of the evidence: a summary or DataFrame in, a plotly Figure out.

Every chart uses the Okabe–Ito palette (safe for colour-blind viewers), a
plain white template, labelled axes, fonts readable on a shared screen, and
puts the counts behind each mark in its hover text. A chart of nothing is
None: check the matching ``has_*`` first and show a sentence instead.

Plotly reads pseudo-HTML in every string it draws (``<a href>`` becomes a link, ``<b>``,
``<br>`` and the like change the text): every string that comes from data (names, titles,
groups, sources) enters a figure through :func:`_label`, so it is drawn as typed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from statistics import median

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from coach.labels import LABELS, WARNING_COLOURS, WARNING_NAMES, label
from coach.rules.evidence import OptionEvidence, Rate, ReferralTree
from coach.vocabulary import SOURCES
from coach.wording import day

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# Categories take colours in this order (yellow last: faint on white).
PALETTE = tuple(
    OKABE_ITO[c]
    for c in ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "black", "yellow")
)
# WARNING_COLOURS and WARNING_NAMES come from coach.labels: badges and tables use the same three.
SOURCE_COLOURS = dict(zip(SOURCES, PALETTE, strict=False))
GREY = "#999999"
COUNTS = {"tickformat": ",d", "rangemode": "tozero"}  # an axis of counts: whole numbers from 0
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
FONT_SIZE = 16
TEMPLATE = "plotly_white"


# --- is there anything to draw? ------------------------------------------------


def has_rates(rates: Mapping[str, Rate]) -> bool:
    """True when at least one group has a closed request (a rate to show)."""
    return any(rate.n > 0 for rate in rates.values())


def has_answers(days: Sequence[int]) -> bool:
    """True when at least one request was answered."""
    return len(days) > 0


def has_growth(growth: pd.DataFrame) -> bool:
    """True when at least one contact entered the network."""
    return not growth.empty and int(growth["new"].sum()) > 0


def has_referrals(tree: ReferralTree) -> bool:
    """True when anyone referred anyone."""
    return bool(tree.edges)


def has_options(evidences: Sequence[OptionEvidence]) -> bool:
    """True when the seeker has at least one career option."""
    return len(evidences) > 0


# --- shared look -------------------------------------------------------------------


def _style(fig: go.Figure, title: str, *, x_title: str, y_title: str) -> go.Figure:
    """The shared look: white template, large fonts, a title and both axis titles."""
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "font": {"size": FONT_SIZE + 4}},
        font={"size": FONT_SIZE},
        hoverlabel={"font": {"size": FONT_SIZE}},
        legend={"font": {"size": FONT_SIZE}},
        margin={"l": 20, "r": 20, "t": 70, "b": 20},
        colorway=list(PALETTE),
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return fig


def _label(text: object) -> str:
    """A data string as plotly must get it to draw it as typed: ``&``, ``<`` and ``>`` as entities."""
    return html.escape(str(text), quote=False)


def _group(group: object) -> str:
    """A group's name as drawn: a stored code as its word, a week as a day, anything else as typed."""
    text = str(group)
    if text in LABELS:
        return label(text)
    if ISO_DAY.fullmatch(text):
        return day(text)
    return _label(text)


def _small_counts(most: int) -> dict[str, object]:
    """An axis of counts up to ``most``: whole numbers from 0, one tick per count when few."""
    return {**COUNTS, "dtick": 1} if most <= 10 else dict(COUNTS)


def _plural(count: int, one: str, many: str) -> str:
    """A count with its noun, singular for 1: 1 person, 2 people."""
    return f"{count} {one if count == 1 else many}"


# --- rates -------------------------------------------------------------------------


def rate_chart(
    rates: Mapping[str, Rate],
    title: str,
    *,
    group_title: str = "Group",
    rate_title: str = "Response rate",
) -> go.Figure | None:
    """Each group's rate as a point with its 95% Wilson interval as error bars, "k of n" beside it.

    Groups with nothing closed (n = 0) have no rate and are left out; None
    when no group has one.

    :param rates: group name to rate, in the order to draw.
    :param group_title: the x-axis title, e.g. "Channel" or "Week sent".
    :param rate_title: the y-axis title.
    """
    shown = [(group, rate) for group, rate in rates.items() if rate.n > 0]
    if not shown:
        return None
    values = [float(rate.rate or 0.0) for _, rate in shown]
    above = [float(rate.high or 0.0) - v for (_, rate), v in zip(shown, values, strict=True)]
    below = [v - float(rate.low or 0.0) for (_, rate), v in zip(shown, values, strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=[_group(group) for group, _ in shown],
            y=values,
            mode="markers+text",
            marker={"color": OKABE_ITO["blue"], "size": 14},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": above,
                "arrayminus": below,
                "color": OKABE_ITO["blue"],
                "thickness": 2,
                "width": 8,
            },
            text=[f"{rate.k} of {rate.n}" for _, rate in shown],
            textposition="middle right",
            hovertext=[f"{_group(group)}: {rate.label()}" for group, rate in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            name=rate_title,
        )
    )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    # Half a group of room either side, so the count written beside the last point is not cut off.
    fig.update_xaxes(type="category", range=[-0.5, len(shown) - 0.5])
    return _style(fig, title, x_title=group_title, y_title=f"{rate_title} (95% interval)")


# --- time to answer ----------------------------------------------------------------


def time_to_answer_chart(days: Sequence[int], title: str = "How long answers took") -> go.Figure | None:
    """Answered requests by days from sending to the answer, with the median marked; None if none."""
    if not days:
        return None
    counts = dict(sorted(Counter(int(d) for d in days).items()))
    fig = go.Figure(
        go.Bar(
            x=list(counts),
            y=list(counts.values()),
            marker={"color": OKABE_ITO["blue"]},
            text=list(counts.values()),
            textposition="outside",
            hovertext=[
                f"{_plural(c, 'request', 'requests')} answered after {_plural(d, 'day', 'days')}"
                for d, c in counts.items()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            name="Requests answered",
        )
    )
    middle = float(median(days))
    fig.add_vline(
        x=middle,
        line={"color": OKABE_ITO["vermillion"], "dash": "dash", "width": 2},
        annotation_text=f"median {middle:g} days",
        annotation_position="top right",
        annotation_font={"size": FONT_SIZE, "color": OKABE_ITO["vermillion"]},
    )
    fig.update_yaxes(**_small_counts(max(counts.values())))
    return _style(fig, title, x_title="Days from request to answer", y_title="Requests answered")


# --- network growth ----------------------------------------------------------------


def network_growth_chart(growth: pd.DataFrame, title: str = "How the network grew") -> go.Figure | None:
    """New contacts per ISO week as bars stacked by source, and the running total as a line.

    :param growth: the frame of :func:`coach.rules.evidence.network_growth`.
    """
    if not has_growth(growth):
        return None
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    weeks = pd.to_datetime(growth["week"])
    labels = [day(w) for w in weeks]
    sources = [c for c in growth.columns if c not in ("week", "new", "cumulative")]
    spare = iter(c for c in PALETTE if c not in SOURCE_COLOURS.values())
    for source in sources:
        counts = [int(n) for n in growth[source]]
        if not any(counts):
            continue
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=counts,
                name=_group(source),
                marker={"color": SOURCE_COLOURS.get(source) or next(spare, GREY)},
                hovertext=[
                    f"{_plural(n, 'new contact', 'new contacts')} from {_group(source)}, week of {monday}"
                    for n, monday in zip(counts, labels, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            secondary_y=False,
        )
    totals = [int(n) for n in growth["cumulative"]]
    fig.add_trace(
        go.Scatter(
            x=weeks,
            y=totals,
            mode="lines",
            name="In the network",
            line={"color": OKABE_ITO["black"], "width": 3},
            hovertext=[
                f"{_plural(n, 'contact', 'contacts')} in the network by the week of {monday}"
                for n, monday in zip(totals, labels, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
    _style(fig, title, x_title="Week (Monday)", y_title="")
    most_new = int(growth["new"].max())
    fig.update_yaxes(title_text="New contacts per week", **_small_counts(most_new), secondary_y=False)
    fig.update_yaxes(
        title_text="Contacts in the network",
        **_small_counts(max(totals)),
        tickmode="auto",  # its own round ticks, not ones lined up with the bars' axis
        showgrid=False,
        secondary_y=True,
    )
    return fig


# --- referral tree -------------------------------------------------------------------


def tree_layout(tree: ReferralTree) -> dict[int, tuple[float, float]]:
    """A layered layout: x is the depth, y spreads each person's referrals below them, leaves one apart."""
    positions: dict[int, tuple[float, float]] = {}
    below: dict[int, list[int]] = {}
    for child, parent in sorted(tree.parent.items()):
        if parent is not None:
            below.setdefault(parent, []).append(child)
    next_row = 0.0

    def place(person: int) -> float:
        nonlocal next_row
        children = [c for c in below.get(person, []) if c not in positions]
        if not children:
            y = next_row
            next_row += 1
        else:
            positions[person] = (float(tree.depth[person]), 0.0)  # reserve: guards against revisits
            ys = [place(child) for child in children]
            y = sum(ys) / len(ys)
        positions[person] = (float(tree.depth[person]), y)
        return y

    for root in tree.roots:
        place(root)
    for person in sorted(tree.depth):  # anyone the walk did not reach
        if person not in positions:
            place(person)
    return positions


def referral_tree_chart(tree: ReferralTree, title: str = "Who led to whom") -> go.Figure | None:
    """The referral tree in layers from the left: your own contacts, then whom they referred, and so on."""
    if not has_referrals(tree):
        return None
    at = tree_layout(tree)
    line_x: list[float | None] = []
    line_y: list[float | None] = []
    for a, b in tree.edges:
        line_x += [at[a][0], at[b][0], None]
        line_y += [at[a][1], at[b][1], None]
    fig = go.Figure(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": GREY, "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    referred = Counter(a for a, _ in tree.edges)
    groups = (
        ("Met", True, "circle", OKABE_ITO["blue"]),
        ("Not met yet", False, "circle-open", OKABE_ITO["orange"]),
    )
    for name, met, symbol, colour in groups:
        people = [p for p in sorted(tree.depth) if (p in tree.met) == met]
        if not people:
            continue
        fig.add_trace(
            go.Scatter(
                x=[at[p][0] for p in people],
                y=[at[p][1] for p in people],
                mode="markers+text",
                name=name,
                marker={"symbol": symbol, "size": 18, "color": colour, "line": {"width": 3, "color": colour}},
                text=[_label(tree.names.get(p, f"#{p}")) for p in people],
                textposition="top center",
                hovertext=[
                    f"{_label(tree.names.get(p, f'#{p}'))}: "
                    f"referred {_plural(referred[p], 'person', 'people')}; "
                    f"{tree.depth[p]} {'step' if tree.depth[p] == 1 else 'steps'} from your own network"
                    for p in people
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(tree.max_depth + 1)),
        ticktext=[
            "Your network" if d == 0 else f"{d} {'step' if d == 1 else 'steps'}"
            for d in range(tree.max_depth + 1)
        ],
        range=[-0.5, tree.max_depth + 0.5],
        showgrid=False,
    )
    fig.update_yaxes(visible=False, autorange="reversed")
    rows = max((y for _, y in at.values()), default=0.0) + 1
    fig.update_layout(legend={"orientation": "h", "y": -0.15}, height=int(220 + 60 * rows))  # no empty band
    return _style(fig, title, x_title="Referral steps from your own network", y_title="")


# --- career options ------------------------------------------------------------------


def option_evidence_chart(
    evidences: Sequence[OptionEvidence],
    title: str = "People met per career option",
    *,
    red_min_people: int = 3,
    amber_min_people: int = 5,
) -> go.Figure | None:
    """People met about each career option as bars coloured by warning, with the amber and ok lines.

    A bar's text gives its people and organisations, and the flag when the
    option was decided on a red sample; the colour is never the only cue.
    """
    if not has_options(evidences):
        return None
    fig = go.Figure()
    titles = [_label(e.title) for e in evidences]
    for level in ("red", "amber", "ok"):
        rows = [e for e in evidences if e.warning == level]
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
                x=[e.people for e in rows],
                y=[_label(e.title) for e in rows],
                orientation="h",
                name=WARNING_NAMES[level],
                marker={"color": WARNING_COLOURS[level]},
                text=[_bar_text(e) for e in rows],
                textposition="outside",
                cliponaxis=False,
                hovertext=[_option_hover(e) for e in rows],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    most = max([e.people for e in evidences] + [amber_min_people])
    for x, text, side in (
        (red_min_people, f"amber from {red_min_people}", "top left"),
        (amber_min_people, f"ok from {amber_min_people}", "top right"),
    ):
        fig.add_vline(
            x=x,
            line={"color": OKABE_ITO["black"], "dash": "dash", "width": 2},
            annotation_text=text,
            annotation_position=side,
            annotation_font={"size": FONT_SIZE - 2},
            annotation_yanchor="bottom",
        )
    fig.update_xaxes(range=[0, most * 1.6 + 1], **_small_counts(most))
    fig.update_yaxes(categoryorder="array", categoryarray=titles, autorange="reversed")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, barmode="overlay")
    return _style(fig, title, x_title="People met (distinct contacts)", y_title="Career option")


def _bar_text(evidence: OptionEvidence) -> str:
    """The bar's text, like "4 people · 3 orgs", with the decided-on-red flag when there is one."""
    people = _plural(evidence.people, "person", "people")
    text = f"{people} · {_plural(evidence.organisations, 'org', 'orgs')}"
    return f"{text} · ⚠ {_label(evidence.flag)}" if evidence.flag else text


def _option_hover(evidence: OptionEvidence) -> str:
    """Everything behind one bar: people, organisations, fit and its interval, signals, warning."""
    fit = "no fit rating yet"
    if evidence.mean_fit is not None:
        fit = f"mean fit {evidence.mean_fit:.1f} of 5 over {_plural(evidence.ratings, 'rating', 'ratings')}"
        if evidence.fit_low is not None and evidence.fit_high is not None:
            fit += f" (95% CI {evidence.fit_low:.1f}–{evidence.fit_high:.1f})"
    lines = [
        f"<b>{_label(evidence.title)}</b> ({label(evidence.status)})",
        f"{_plural(evidence.people, 'person', 'people')} from "
        f"{_plural(evidence.organisations, 'organisation', 'organisations')}",
        fit,
        f"{evidence.signals_for} for, {evidence.signals_against} against, {evidence.signals_neutral} neutral",
        WARNING_NAMES[evidence.warning],
    ]
    if evidence.flag:
        lines.append(f"⚠ {_label(evidence.flag)}")
    return "<br>".join(lines)
