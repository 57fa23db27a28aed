"""The numbers of "Evidence, not anecdotes": rates with intervals, network growth, referrals, career options.

Pure functions over the DataFrames :mod:`coach.store` loads. Nothing here
reads the clock or the settings: the day ``as_of`` and every threshold are
arguments. "As of a day D" means at the end of D: anything dated after D
(requests, answers, meetings, referrals, contacts, decisions) does not exist
yet (DOMAIN.md, precise rules). No plotting library is imported here.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pandas as pd

from coach.names import normalise_org, spellings
from coach.rules.metrics import (
    NO_RESPONSE,
    PENDING,
    RESPONDED,
    answered_on,
    known_outcome,
    outreach_status,
    week_start,
)
from coach.vocabulary import DECIDED
from coach.wording import plural

Level = Literal["red", "amber", "ok"]
Z95 = 1.959963984540054  # the 97.5% point of the standard normal: a 95% two-sided interval
BREAKDOWNS = ("channel", "warmth", "source", "template", "week")  # the keys of OutreachSummary.pending_by
NO_VALUE = "none"  # the group of requests with no channel, warmth, source or template recorded


# --- rates -------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """k successes out of n, with the rate and its 95% Wilson score interval (None when n is 0)."""

    k: int
    n: int
    rate: float | None
    low: float | None
    high: float | None

    def label(self, empty: str = "no closed requests yet") -> str:
        """The rate for a person: "7 of 12 (58%, 95% CI 32–81%)", or ``empty`` when n is 0."""
        if self.n == 0 or self.rate is None or self.low is None or self.high is None:
            return empty
        return f"{self.k} of {self.n} ({self.rate:.0%}, 95% CI {self.low * 100:.0f}–{self.high:.0%})"

    def as_dict(self) -> dict[str, Any]:
        """The rate as the report's RATE object: k, n, rate, low, high."""
        return {"k": self.k, "n": self.n, "rate": self.rate, "low": self.low, "high": self.high}


def wilson(k: int, n: int, z: float = Z95) -> Rate:
    """The rate k/n with its Wilson score interval (z = 1.96 gives 95%).

    :param k: successes, 0 <= k <= n.
    :param n: trials; with 0 the rate and interval are None.
    :param z: the normal quantile of the interval.
    """
    k, n = int(k), int(n)
    if not 0 <= k <= n:
        raise ValueError(f"Need 0 <= k <= n, got k={k}, n={n}.")
    if n == 0:
        return Rate(k=0, n=0, rate=None, low=None, high=None)
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = 0.0 if k == 0 else min(p, centre - half)  # exact at the ends, never past p by rounding
    high = 1.0 if k == n else max(p, centre + half)
    return Rate(k=k, n=n, rate=p, low=low, high=high)


# --- small helpers -------------------------------------------------------------


def _dates(series: pd.Series) -> pd.Series:
    """A column as midnight timestamps (NaT where empty)."""
    return pd.to_datetime(series, errors="coerce").dt.normalize()


def _day(value: Any) -> date | None:
    """A date from a date, timestamp or string; None for missing values."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _mondays(days: pd.Series) -> pd.Series:
    """The Monday of each day's ISO week (NaT stays NaT), computed once per distinct day."""
    distinct = {t: pd.Timestamp(week_start(t.date())) for t in days.dropna().unique()}
    return pd.to_datetime(days.map(distinct))


def _labels(series: pd.Series) -> pd.Series:
    """Group labels as strings, with missing or blank values as "none"."""
    text = series.astype("object").where(series.notna(), "").astype(str).str.strip()
    return text.where(text != "", NO_VALUE)


def _plural(count: int, one: str, many: str) -> str:
    """A count with its noun, singular for 1: 1 person, 2 people."""
    return f"{count} {one if count == 1 else many}"


# --- outreach ------------------------------------------------------------------


@dataclass(frozen=True)
class OutreachSummary:
    """Every request as of a day: counts, rates with intervals, and breakdowns of the response rate.

    The breakdowns map a group (a channel, warmth, source, template, or the
    Monday of the week sent as "YYYY-MM-DD") to its response rate over closed
    requests; ``pending_by[dimension][group]`` counts the requests of that group
    still inside their window, which are never counted as failures.
    """

    as_of: date
    sent: int
    pending: int
    closed: int
    responded: int
    agreed: int
    declined: int
    replied: int
    unmarked: int
    no_response: int
    response_rate: Rate
    acceptance_rate: Rate
    show_rate: Rate
    meetings_held: int
    by_channel: dict[str, Rate]
    by_warmth: dict[str, Rate]
    by_source: dict[str, Rate]
    by_template: dict[str, Rate]
    by_week: dict[str, Rate]
    pending_by: dict[str, dict[str, int]]
    time_to_answer: list[int]


def breakdown_rows(
    rates: Mapping[str, Rate], pending: Mapping[str, int], *, title: str, name: Callable[[str], str]
) -> list[dict[str, Any]]:
    """A breakdown of the response rate as table rows: each group named under ``title``, its answered
    and closed requests, its rate, and its requests still pending (never counted as failures)."""
    return [
        {
            title: name(group),
            "Answered": rate.k,
            "Closed": rate.n,
            "Response rate": rate.label("none closed yet"),
            "Pending": pending.get(group, 0),
        }
        for group, rate in rates.items()
    ]


def acceptance_label(rate: Rate, unmarked: int) -> str:
    """The acceptance rate with its base and the answers left out of it.

    "4 of 9 known (44%, 95% CI 19–73%); 19 answers not marked yet", or the rate alone when
    every answer is marked.
    """
    if not unmarked:
        return rate.label()
    left_out = f"{plural(unmarked, 'answer')} not marked yet"
    if rate.n == 0:
        return f"no known outcome yet; {left_out}"
    known = rate.label().replace(f"{rate.k} of {rate.n}", f"{rate.k} of {rate.n} known", 1)
    return f"{known}; {left_out}"


def _breakdown(groups: pd.Series, status: pd.Series) -> tuple[dict[str, Rate], dict[str, int]]:
    """Response rate (closed requests only) and pending count per group of sent requests, by group."""
    rates: dict[str, Rate] = {}
    pending: dict[str, int] = {}
    frame = pd.DataFrame({"group": groups, "status": status}).dropna(subset=["status"])
    for group, rows in frame.groupby("group", sort=True):
        responded = int((rows["status"] == RESPONDED).sum())
        closed = responded + int((rows["status"] == NO_RESPONSE).sum())
        rates[str(group)] = wilson(responded, closed)
        pending[str(group)] = int((rows["status"] == PENDING).sum())
    return rates, pending


def _held_from_agreed(meetings: pd.DataFrame, agreed_ids: pd.Series, *, as_of: date) -> int:
    """How many agreed requests led to at least one meeting held on or before the day."""
    held = meetings[_dates(meetings["held_on"]) <= pd.Timestamp(as_of)]
    linked = {int(i) for i in held["outreach_id"].dropna()}
    return len(linked & {int(i) for i in agreed_ids})


def outreach_summary(
    outreach: pd.DataFrame, meetings: pd.DataFrame, *, as_of: date, window_days: int
) -> OutreachSummary:
    """Requests sent up to a day, their statuses, rates with Wilson intervals, and breakdowns.

    :param outreach: the frame of :func:`coach.store.load_outreach`.
    :param meetings: the frame of :func:`coach.store.load_meetings` (for the show rate).
    :param as_of: the day the numbers are for; later requests and answers do not exist yet.
    :param window_days: the answer window, counted from the later of sent on and followed up on.
    """
    status = outreach_status(outreach, as_of=as_of, window_days=window_days)
    sent_mask = status.notna()
    responded_mask = status == RESPONDED
    outcome = known_outcome(outreach, meetings).where(responded_mask)
    responded = int(responded_mask.sum())
    no_response = int((status == NO_RESPONSE).sum())
    closed = responded + no_response
    agreed_mask = responded_mask & (outcome == "agreed")
    agreed = int(agreed_mask.sum())
    unmarked = int((responded_mask & outcome.isna()).sum())
    day = pd.Timestamp(as_of)
    held = int((_dates(meetings["held_on"]) <= day).sum())
    sent_on = _dates(outreach["sent_on"])
    weeks = _mondays(sent_on).dt.strftime("%Y-%m-%d").fillna(NO_VALUE)
    groups = {dimension: _labels(outreach[dimension]) for dimension in BREAKDOWNS if dimension != "week"}
    groups["week"] = weeks
    rates: dict[str, dict[str, Rate]] = {}
    pending_by: dict[str, dict[str, int]] = {}
    for dimension, labels in groups.items():
        rates[dimension], pending_by[dimension] = _breakdown(labels, status)
    answered = answered_on(outreach)
    waited = (answered - sent_on)[responded_mask].dt.days
    return OutreachSummary(
        as_of=as_of,
        sent=int(sent_mask.sum()),
        pending=int((status == PENDING).sum()),
        closed=closed,
        responded=responded,
        agreed=agreed,
        declined=int((outcome == "declined").sum()),
        replied=int((outcome == "replied").sum()),
        unmarked=unmarked,
        no_response=no_response,
        response_rate=wilson(responded, closed),
        acceptance_rate=wilson(agreed, closed - unmarked),
        show_rate=wilson(_held_from_agreed(meetings, outreach["id"][agreed_mask], as_of=as_of), agreed),
        meetings_held=held,
        by_channel=rates["channel"],
        by_warmth=rates["warmth"],
        by_source=rates["source"],
        by_template=rates["template"],
        by_week=rates["week"],
        pending_by=pending_by,
        time_to_answer=[int(d) for d in waited.dropna()],
    )


# --- network -----------------------------------------------------------------------


def _entered(network: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """The contacts in the network at the end of the day, with entered_on as timestamps."""
    entered = _dates(network["entered_on"])
    kept = network.assign(entered_on=entered, source=_labels(network["source"]))
    return kept[entered <= pd.Timestamp(as_of)]


def network_growth(network: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Contacts entering the network per ISO week, up to the week of the day.

    Columns: ``week`` (the Monday, as a timestamp), ``new``, ``cumulative``, then
    one column per source with that week's new contacts. Every week from the
    first contact's to the day's is a row, empty weeks included.

    :param network: the frame of :func:`coach.store.load_network` (entered_on, source).
    """
    kept = _entered(network, as_of=as_of)
    sources = sorted(kept["source"].unique())
    if kept.empty:
        return pd.DataFrame({"week": pd.Series(dtype="datetime64[us]"), "new": [], "cumulative": []}).astype(
            {"new": int, "cumulative": int}
        )
    mondays = _mondays(kept["entered_on"])
    weeks = pd.date_range(mondays.min(), pd.Timestamp(week_start(as_of)), freq="7D")
    per_source = (
        pd.crosstab(mondays, kept["source"]).reindex(index=weeks, columns=sources, fill_value=0).astype(int)
    )
    growth = pd.DataFrame({"week": weeks, "new": per_source.sum(axis=1).to_numpy()})
    growth["cumulative"] = growth["new"].cumsum()
    for source in sources:
        growth[source] = per_source[source].to_numpy()
    return growth


def network_by_month(network: pd.DataFrame, *, as_of: date) -> dict[str, int]:
    """New contacts per calendar month ("YYYY-MM"), months with at least one, oldest first."""
    kept = _entered(network, as_of=as_of)
    days = kept["entered_on"]
    counts = (days.dt.year * 100 + days.dt.month).value_counts().to_dict()
    return {f"{int(m) // 100:04d}-{int(m) % 100:02d}": int(counts[m]) for m in sorted(counts)}


def network_by_source(network: pd.DataFrame, *, as_of: date) -> dict[str, int]:
    """Contacts in the network at the end of the day per source, largest first."""
    counts = _entered(network, as_of=as_of)["source"].value_counts().to_dict()
    return {
        str(source): int(n) for source, n in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    }


# --- referral tree -------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralTree:
    """Who led to whom as of a day.

    ``edges`` are (referrer id, referred id) pairs; ``depth`` gives every person
    in the tree their distance from a root (someone nobody referred, depth 0);
    ``parent`` the referrer through which that depth is reached (None for
    roots); ``led_to`` how many new people each held meeting led to (0
    included); ``met`` the people in the tree met on or before the day.
    """

    names: dict[int, str]
    edges: list[tuple[int, int]]
    depth: dict[int, int]
    parent: dict[int, int | None]
    max_depth: int
    led_to: dict[int, int]
    met: frozenset[int]

    @property
    def roots(self) -> list[int]:
        """People at depth 0, by id."""
        return sorted(person for person, d in self.depth.items() if d == 0)

    def children(self, person: int) -> list[int]:
        """The people this person is the tree parent of, by id."""
        return sorted(child for child, parent in self.parent.items() if parent == person)


def referral_depths(edges: Sequence[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int | None]]:
    """Depth and tree parent of every person in the edges, breadth first from the roots.

    Roots are people nobody referred. A cycle nobody outside it leads into
    (A referred B and B referred A) would have no root: its lowest id is taken
    as one, so every person gets a finite depth and the walk always ends.
    """
    referrers: dict[int, list[int]] = {}
    children: dict[int, list[int]] = {}
    people: set[int] = set()
    for a, b in edges:
        people |= {a, b}
        children.setdefault(a, []).append(b)
        referrers.setdefault(b, []).append(a)
    depth: dict[int, int] = {}
    parent: dict[int, int | None] = {}
    queue: deque[int] = deque()

    def start(root: int) -> None:
        depth[root], parent[root] = 0, None
        queue.append(root)

    for person in sorted(people - set(referrers)):
        start(person)
    while True:
        while queue:
            person = queue.popleft()
            for child in sorted(children.get(person, [])):
                if child not in depth:
                    depth[child], parent[child] = depth[person] + 1, person
                    queue.append(child)
        left = people - set(depth)
        if not left:
            return depth, parent
        start(min(left))


def referral_tree(referrals: pd.DataFrame, meetings: pd.DataFrame, *, as_of: date) -> ReferralTree:
    """The referral tree as of a day: edges, depth per person, and new people per conversation.

    :param referrals: the frame of :func:`coach.store.load_referrals`.
    :param meetings: the frame of :func:`coach.store.load_meetings`.
    """
    day = pd.Timestamp(as_of)
    kept = referrals[_dates(referrals["referred_on"]) <= day]
    edges = [(int(a), int(b)) for a, b in zip(kept["referrer_id"], kept["referred_id"], strict=True)]
    names = {int(i): str(n) for i, n in zip(kept["referrer_id"], kept["referrer"], strict=True)}
    names |= {int(i): str(n) for i, n in zip(kept["referred_id"], kept["referred"], strict=True)}
    depth, parent = referral_depths(edges)
    held = meetings[_dates(meetings["held_on"]) <= day]
    counts = Counter(int(m) for m in kept["meeting_id"].dropna())
    led_to = {int(m): counts.get(int(m), 0) for m in held["id"]}
    return ReferralTree(
        names=names,
        edges=edges,
        depth=depth,
        parent=parent,
        max_depth=max(depth.values(), default=0),
        led_to=led_to,
        met=frozenset(int(c) for c in held["contact_id"] if int(c) in depth),
    )


# --- career options ------------------------------------------------------------------


def sample_warning(
    people: int, organisations: int, *, red_min_people: int, amber_min_people: int, amber_min_orgs: int
) -> Level:
    """The sample-size warning: red, amber or ok.

    Red: fewer than ``red_min_people`` people, or all of them from one
    organisation (a blank company is no organisation, so people with no or
    one organisation recorded are red too). Amber: fewer than
    ``amber_min_people`` people or fewer than ``amber_min_orgs`` organisations.
    """
    if people < red_min_people or organisations <= 1:
        return "red"
    if people < amber_min_people or organisations < amber_min_orgs:
        return "amber"
    return "ok"


@dataclass(frozen=True)
class OptionEvidence:
    """What the conversations held up to a day say about one career option.

    ``status`` and ``decided_on`` are as of the day: a decision dated after it
    does not exist yet, so the option shows as exploring. ``fit_low`` and
    ``fit_high`` are a 95% t-interval on the mean fit (from 2 ratings up,
    clipped to the 1-5 scale). ``decided_people`` is the number of people met
    as of ``decided_on``; ``flag`` says "decided after talking to 1 person" when
    the option was decided on a red sample.
    """

    option_id: int
    title: str
    status: str
    decided_on: date | None
    meetings: int
    people: int
    organisations: int
    organisation_names: tuple[str, ...]
    ratings: int
    mean_fit: float | None
    fit_low: float | None
    fit_high: float | None
    signals_for: int
    signals_against: int
    signals_neutral: int
    last_conversation: date | None
    warning: Level
    decided_on_red: bool
    decided_people: int | None
    flag: str | None


def t_quantile(probability: float, df: int) -> float:
    """The ``probability`` quantile (above 0.5) of Student's t with ``df`` degrees of freedom.

    Solves the exact closed form of the t distribution for whole degrees of
    freedom (Abramowitz & Stegun 26.7.3-4) by bisection: no SciPy needed.
    """
    if df < 1 or not 0.5 <= probability < 1:
        raise ValueError(f"Need df >= 1 and 0.5 <= probability < 1, got {df}, {probability}.")
    inside = 2 * probability - 1  # P(|T| < t)
    low, high = 0.0, 1.0
    while _t_inside(high, df) < inside:
        low, high = high, high * 2
    for _ in range(200):
        middle = (low + high) / 2
        if _t_inside(middle, df) < inside:
            low = middle
        else:
            high = middle
        if high - low < 1e-13 * max(1.0, high):
            break
    return (low + high) / 2


def _t_inside(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with whole ``df`` degrees of freedom."""
    theta = math.atan(t / math.sqrt(df))
    s, c = math.sin(theta), math.cos(theta)
    if df % 2 == 1:
        term, total = c, c if df > 1 else 0.0
        for j in range(3, df - 1, 2):
            term *= (j - 1) / j * c * c
            total += term
        return 2 / math.pi * (theta + s * total)
    term, total = 1.0, 1.0
    for j in range(2, df - 1, 2):
        term *= (j - 1) / j * c * c
        total += term
    return s * total


def mean_interval(values: Sequence[float], *, level: float = 0.95) -> tuple[float | None, float | None]:
    """A t-interval on the mean of the values; (None, None) below 2 values."""
    n = len(values)
    if n < 2:
        return None, None
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile((1 + level) / 2, n - 1) * sd / math.sqrt(n)
    return mean - half, mean + half


def _tagged(meetings: pd.DataFrame, meeting_options: pd.DataFrame) -> pd.DataFrame:
    """One row per (meeting, option) tag with the meeting's contact, date, company and fit."""
    tags = meeting_options[["meeting_id", "career_option_id", "signal"]]
    facts = meetings[["id", "contact_id", "held_on", "company", "fit"]].rename(columns={"id": "meeting_id"})
    merged = tags.merge(facts, on="meeting_id", how="inner")
    merged["held_on"] = _dates(merged["held_on"])
    merged["org"] = merged["company"].map(normalise_org)
    return merged


def _spellings(rows: pd.DataFrame) -> tuple[str, ...]:
    """One display name per organisation: its most common spelling, ties to the first met."""
    found = spellings((company, 1) for company in rows["company"])
    return tuple(counts.most_common(1)[0][0] for counts in found.values())


def _evidence_rows(tagged: pd.DataFrame, option_id: int, day: date) -> pd.DataFrame:
    """The tags of one option on meetings held on or before the day, oldest first."""
    rows = tagged[(tagged["career_option_id"] == option_id) & (tagged["held_on"] <= pd.Timestamp(day))]
    return rows.sort_values(["held_on", "meeting_id"])


def _people(rows: pd.DataFrame) -> int:
    """Distinct contacts among the evidence rows."""
    return int(rows["contact_id"].nunique())


def _decision_flag(people: int) -> str:
    """The flag of a decision on a red sample: decided after talking to 1 person (or to no one)."""
    if people == 0:
        return "decided before talking to anyone"
    return f"decided after talking to {_plural(people, 'person', 'people')}"


def option_evidence(
    options: Sequence[Mapping[str, Any]],
    meetings: pd.DataFrame,
    meeting_options: pd.DataFrame,
    *,
    as_of: date,
    red_min_people: int = 3,
    amber_min_people: int = 5,
    amber_min_orgs: int = 3,
) -> list[OptionEvidence]:
    """The evidence for each career option from meetings held on or before the day, in the given order.

    :param options: the list of :func:`coach.store.list_options` (id, title, status, decided_on).
    :param meetings: the frame of :func:`coach.store.load_meetings`.
    :param meeting_options: the frame of :func:`coach.store.load_meeting_options`.
    :param red_min_people: fewer people than this is red.
    :param amber_min_people: fewer people than this is amber.
    :param amber_min_orgs: fewer organisations than this is amber.
    """
    thresholds = {
        "red_min_people": red_min_people,
        "amber_min_people": amber_min_people,
        "amber_min_orgs": amber_min_orgs,
    }
    tagged = _tagged(meetings, meeting_options)
    found = []
    for option in options:
        option_id = int(option["id"])
        rows = _evidence_rows(tagged, option_id, as_of)
        decided_on = _day(option.get("decided_on"))
        status = str(option["status"])
        if decided_on is not None and decided_on > as_of:
            status, decided_on = "exploring", None  # the decision does not exist yet
        decided_people = None
        decided_on_red = False
        if status in DECIDED and decided_on is not None:
            then = _evidence_rows(tagged, option_id, decided_on)
            decided_people = _people(then)
            level = sample_warning(decided_people, int(then["org"].nunique()), **thresholds)
            decided_on_red = level == "red"
        fits = [float(f) for f in rows["fit"].dropna()]
        low, high = mean_interval(fits)
        signals = Counter(rows["signal"])
        people, organisations = _people(rows), int(rows["org"].nunique())
        found.append(
            OptionEvidence(
                option_id=option_id,
                title=str(option["title"]),
                status=status,
                decided_on=decided_on,
                meetings=int(rows["meeting_id"].nunique()),
                people=people,
                organisations=organisations,
                organisation_names=_spellings(rows),
                ratings=len(fits),
                mean_fit=sum(fits) / len(fits) if fits else None,
                fit_low=None if low is None else max(1.0, low),
                fit_high=None if high is None else min(5.0, high),
                signals_for=int(signals.get("for", 0)),
                signals_against=int(signals.get("against", 0)),
                signals_neutral=int(signals.get("neutral", 0)),
                last_conversation=_day(rows["held_on"].max()) if len(rows) else None,
                warning=sample_warning(people, organisations, **thresholds),
                decided_on_red=decided_on_red,
                decided_people=decided_people,
                flag=_decision_flag(decided_people or 0) if decided_on_red else None,
            )
        )
    return found


def what_would_clear(
    evidence: OptionEvidence, *, red_min_people: int = 3, amber_min_people: int = 5, amber_min_orgs: int = 3
) -> str:
    """What moves the option's warning one level up, e.g. "Talk to 2 more people, at least 1 outside Acme".

    From red the target is amber (``red_min_people`` people from at least two
    organisations); from amber it is ok. Each new person can add at most one
    new organisation, so the people asked for cover the organisations too.
    """
    people, orgs = evidence.people, evidence.organisations
    if evidence.status in ("chosen", "dropped"):  # decided: no more people to meet for it
        return (
            f"{evidence.status.capitalize()} after talking to {_plural(people, 'person', 'people')} "
            f"from {_plural(orgs, 'organisation', 'organisations')}."
        )
    if evidence.warning == "ok":
        return (
            f"Enough for a first view: {_plural(people, 'person', 'people')} "
            f"from {_plural(orgs, 'organisation', 'organisations')}."
        )
    if evidence.warning == "red":
        more_people, more_orgs, target = max(0, red_min_people - people), max(0, 2 - orgs), "amber"
    else:
        more_people = max(0, amber_min_people - people)
        more_orgs, target = max(0, amber_min_orgs - orgs), "ok"
    needed = max(more_people, more_orgs, 1)
    more = "more " if people else ""
    talk = f"Talk to {_plural(needed, more + 'person', more + 'people')}"
    if more_orgs == 0:
        where = ""
    elif orgs == 1 and evidence.organisation_names:
        outside = f"outside {evidence.organisation_names[0]}"
        where = f" {outside}" if needed == more_orgs else f", at least {more_orgs} {outside}"
    elif orgs == 0:
        where = f", from at least {_plural(more_orgs, 'organisation', 'different organisations')}"
    elif needed == more_orgs:
        where = " from a new organisation" if needed == 1 else ", each from a new organisation"
    else:
        where = (
            f", at least {more_orgs} from {'a new organisation' if more_orgs == 1 else 'new organisations'}"
        )
    close = "," if where.startswith(",") else ""
    return f"{talk}{where}{close} to move from {evidence.warning} to {target}."
