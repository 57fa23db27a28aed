"""Evidence, not anecdotes: rates with Wilson intervals, network growth, referrals, career-option warnings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from coach import store
from coach.demo import build_demo
from coach.names import normalise_org
from coach.rules import evidence
from coach.rules.evidence import Rate, sample_warning, wilson
from coach.store import db

D = date
AS_OF = D(2026, 3, 18)
OUTREACH_COLUMNS = [
    "id",
    "sent_on",
    "followed_up_on",
    "responded_on",
    "outcome",
    "channel",
    "warmth",
    "source",
    "template",
]
MEETING_COLUMNS = ["id", "contact_id", "outreach_id", "held_on", "company", "fit"]


def outreach(*rows: tuple[Any, ...]) -> pd.DataFrame:
    """Requests from (sent_on, followed_up_on, responded_on, outcome[, channel, warmth, source, template])."""
    records = []
    for i, row in enumerate(rows, start=1):
        sent, followed, responded, outcome, *groups = row
        defaults: list[Any] = ["email", "cold", "linkedin", None]
        channel, warmth, source, template = [*groups, *defaults[len(groups) :]]
        records.append([i, sent, followed, responded, outcome, channel, warmth, source, template])
    return pd.DataFrame(records, columns=OUTREACH_COLUMNS)


def meetings(*rows: tuple[Any, ...]) -> pd.DataFrame:
    """Meetings from (id, contact_id, outreach_id, held_on, company, fit)."""
    return pd.DataFrame(list(rows), columns=MEETING_COLUMNS)


def tags(*rows: tuple[int, int, str]) -> pd.DataFrame:
    """meeting_option rows from (meeting_id, career_option_id, signal)."""
    return pd.DataFrame(list(rows), columns=["meeting_id", "career_option_id", "signal"])


NO_MEETINGS = meetings()


def summary(
    frame: pd.DataFrame, as_of: date = AS_OF, met: pd.DataFrame = NO_MEETINGS
) -> evidence.OutreachSummary:
    return evidence.outreach_summary(frame, met, as_of=as_of, window_days=14)


# --- rates -------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_statsmodels(kn: tuple[int, int]) -> None:
    k, n = kn
    rate = wilson(k, n)
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert rate.k == k and rate.n == n
    assert rate.rate == pytest.approx(k / n)
    assert rate.low == pytest.approx(low, abs=1e-12)
    assert rate.high == pytest.approx(high, abs=1e-12)
    assert rate.low is not None and rate.high is not None
    assert 0.0 <= rate.low <= k / n <= rate.high <= 1.0


def test_wilson_of_nothing_has_no_rate() -> None:
    assert wilson(0, 0) == Rate(k=0, n=0, rate=None, low=None, high=None)
    assert wilson(0, 0).label() == "no closed requests yet"
    assert wilson(0, 0).label("no agreed requests yet") == "no agreed requests yet"
    assert wilson(0, 0).as_dict() == {"k": 0, "n": 0, "rate": None, "low": None, "high": None}


@pytest.mark.parametrize(("k", "n"), [(3, 2), (-1, 4)])
def test_wilson_refuses_impossible_counts(k: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson(k, n)


def test_rate_label_and_dict() -> None:
    rate = wilson(7, 12)
    assert rate.label() == "7 of 12 (58%, 95% CI 32–81%)"
    assert wilson(5, 5).label() == "5 of 5 (100%, 95% CI 57–100%)"
    assert set(rate.as_dict()) == {"k", "n", "rate", "low", "high"}
    assert rate.as_dict()["low"] == rate.low


# --- outreach --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "as_of", "counts"),
    [
        # (sent, pending, closed, responded, no_response)
        pytest.param((D(2026, 3, 1), None, None, None), D(2026, 3, 14), (1, 1, 0, 0, 0), id="pending-day-13"),
        pytest.param((D(2026, 3, 1), None, None, None), D(2026, 3, 15), (1, 0, 1, 0, 1), id="window-closed"),
        pytest.param(
            (D(2026, 3, 1), D(2026, 3, 10), None, None),
            D(2026, 3, 20),
            (1, 1, 0, 0, 0),
            id="follow-up-reopens",
        ),
        pytest.param(
            (D(2026, 3, 1), D(2026, 3, 10), None, None), D(2026, 3, 24), (1, 0, 1, 0, 1), id="reopened-closes"
        ),
        pytest.param(
            (D(2026, 3, 1), None, D(2026, 4, 30), "agreed"),
            D(2026, 5, 1),
            (1, 0, 1, 1, 0),
            id="late-answer-counts",
        ),
        pytest.param(
            (D(2026, 3, 1), None, D(2026, 4, 30), "agreed"),
            D(2026, 4, 29),
            (1, 0, 1, 0, 1),
            id="answer-after-day-ignored",
        ),
        pytest.param(
            (D(2026, 3, 10), None, D(2026, 3, 20), "agreed"),
            D(2026, 3, 15),
            (1, 1, 0, 0, 0),
            id="answer-after-day-still-pending",
        ),
        pytest.param(
            (D(2026, 3, 1), None, None, "replied"), D(2026, 3, 1), (1, 0, 1, 1, 0), id="outcome-no-date"
        ),
        pytest.param(
            (D(2026, 3, 19), None, None, None), D(2026, 3, 18), (0, 0, 0, 0, 0), id="sent-after-day"
        ),
    ],
)
def test_statuses_as_of_a_day(row: tuple[Any, ...], as_of: date, counts: tuple[int, ...]) -> None:
    got = summary(outreach(row), as_of)
    assert (got.sent, got.pending, got.closed, got.responded, got.no_response) == counts
    assert got.response_rate.n == got.closed
    assert got.response_rate.k == got.responded


def test_pending_is_never_a_failure() -> None:
    frame = outreach(
        (D(2026, 3, 1), None, D(2026, 3, 3), "agreed"),
        (D(2026, 3, 10), None, None, None),  # pending on the 18th
        (D(2026, 3, 17), None, None, None),  # pending
    )
    got = summary(frame)
    assert got.pending == 2
    assert got.response_rate == wilson(1, 1)
    assert got.by_channel["email"] == wilson(1, 1)
    assert got.pending_by["channel"] == {"email": 2}


def test_counts_outcomes_and_rates() -> None:
    frame = outreach(
        (D(2026, 1, 5), None, D(2026, 1, 6), "agreed"),
        (D(2026, 1, 5), None, D(2026, 1, 8), "agreed"),
        (D(2026, 1, 6), None, D(2026, 1, 9), "declined"),
        (D(2026, 1, 7), None, None, "replied"),
        (D(2026, 1, 7), None, None, None),
        (D(2026, 1, 8), D(2026, 1, 20), None, None),
    )
    got = summary(frame)
    assert (got.agreed, got.declined, got.replied, got.no_response) == (2, 1, 1, 2)
    assert got.response_rate == wilson(4, 6)
    assert got.acceptance_rate == wilson(2, 6)
    assert sorted(got.time_to_answer) == [0, 1, 3, 3]


def test_breakdowns_by_group_and_week() -> None:
    frame = outreach(
        (D(2026, 3, 2), None, D(2026, 3, 3), "agreed", "email", "cold", "linkedin", "alumni"),  # Monday
        (D(2026, 3, 3), None, None, None, "linkedin", "cold", "linkedin", None),  # no response
        (D(2026, 3, 9), None, D(2026, 3, 9), "declined", "linkedin", "referral", "referral", "alumni"),
        (D(2026, 3, 16), None, None, None, "phone", None, "other", " "),  # pending
    )
    got = summary(frame)
    assert got.by_week == {"2026-03-02": wilson(1, 2), "2026-03-09": wilson(1, 1), "2026-03-16": wilson(0, 0)}
    assert got.pending_by["week"] == {"2026-03-02": 0, "2026-03-09": 0, "2026-03-16": 1}
    assert got.by_channel == {"email": wilson(1, 1), "linkedin": wilson(1, 2), "phone": wilson(0, 0)}
    assert got.by_warmth == {"cold": wilson(1, 2), "none": wilson(0, 0), "referral": wilson(1, 1)}
    assert got.by_source["linkedin"] == wilson(1, 2)
    assert got.by_template == {"alumni": wilson(2, 2), "none": wilson(0, 1)}
    assert got.pending_by["template"] == {"alumni": 0, "none": 1}


def test_breakdown_rows_put_each_groups_rate_beside_its_pending_requests() -> None:
    rates = {"email": wilson(1, 2), "phone": wilson(0, 0)}
    rows = evidence.breakdown_rows(rates, {"phone": 1, "post": 3}, title="Channel", name=str.title)
    assert rows == [
        {"Channel": "Email", "Answered": 1, "Closed": 2, "Response rate": wilson(1, 2).label(), "Pending": 0},
        {"Channel": "Phone", "Answered": 0, "Closed": 0, "Response rate": "none closed yet", "Pending": 1},
    ]
    assert evidence.breakdown_rows({}, {"phone": 1}, title="Channel", name=str) == []


def test_each_breakdown_on_the_screen_shows_its_own_pending_requests() -> None:
    from ui import derived

    frame = outreach(
        (D(2026, 3, 2), None, D(2026, 3, 3), "agreed", "email", "cold", "linkedin", "alumni"),
        (D(2026, 3, 16), None, None, None, "phone", None, "other", " "),  # pending
    )
    got = summary(frame)
    pending = {by: derived.pending_breakdown(got, by) for by in derived.BREAKDOWNS}
    assert pending == {
        "Channel": got.pending_by["channel"],
        "Warmth": got.pending_by["warmth"],
        "Source": got.pending_by["source"],
        "Template": got.pending_by["template"],
        "Week sent": got.pending_by["week"],
    }
    week = derived.breakdown_table(got, "Week sent")
    assert [(row["Week sent"], row["Pending"]) for row in week] == [("2026-03-02", 0), ("2026-03-16", 1)]
    assert [row["Channel"] for row in derived.breakdown_table(got, "Channel")] == ["E-mail", "Phone"]


@pytest.mark.parametrize("sent", [D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 4), D(2026, 3, 18)])
def test_by_week_keys_are_mondays(sent: date) -> None:
    got = summary(outreach((sent, None, None, None)))
    (key,) = got.by_week
    monday = date.fromisoformat(key)
    assert monday.weekday() == 0
    assert 0 <= (sent - monday).days <= 6


def test_show_rate_counts_agreed_requests_with_a_held_meeting() -> None:
    frame = outreach(
        (D(2026, 3, 1), None, D(2026, 3, 2), "agreed"),  # id 1: met twice
        (D(2026, 3, 1), None, D(2026, 3, 2), "agreed"),  # id 2: meeting after the day
        (D(2026, 3, 1), None, D(2026, 3, 2), "agreed"),  # id 3: no meeting
        (D(2026, 3, 1), None, D(2026, 3, 20), "agreed"),  # id 4: agreed after the day
    )
    held = meetings(
        (1, 10, 1, D(2026, 3, 5), "Acme", 4),
        (2, 10, 1, D(2026, 3, 12), "Acme", 4),
        (3, 11, 2, D(2026, 3, 25), "Acme", None),
        (4, 12, None, D(2026, 3, 6), "Acme", 3),  # no request: counts as held, not in the show rate
        (5, 13, 4, D(2026, 3, 10), "Acme", 3),  # its request was not agreed as of the day
    )
    got = summary(frame, met=held)
    assert got.agreed == 3
    assert got.show_rate == wilson(1, 3)
    assert got.meetings_held == 4


def test_empty_outreach() -> None:
    got = summary(outreach())
    assert (got.sent, got.pending, got.closed) == (0, 0, 0)
    assert got.response_rate == wilson(0, 0)
    assert got.by_week == {} and got.time_to_answer == []


# --- network ---------------------------------------------------------------------------


def network(*rows: tuple[date, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [(i, source, "cold", pd.Timestamp(day)) for i, (day, source) in enumerate(rows)],
        columns=["id", "source", "warmth", "entered_on"],
    )


def test_network_growth_weekly_and_cumulative() -> None:
    frame = network(
        (D(2026, 3, 2), "linkedin"),
        (D(2026, 3, 4), "alumni"),
        (D(2026, 3, 8), "linkedin"),  # Sunday: same week
        (D(2026, 3, 17), "referral"),
        (D(2026, 3, 19), "linkedin"),  # after the day
    )
    growth = evidence.network_growth(frame, as_of=AS_OF)
    assert list(growth.columns) == ["week", "new", "cumulative", "alumni", "linkedin", "referral"]
    assert [w.date() for w in growth["week"]] == [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)]
    assert list(growth["new"]) == [3, 0, 1]
    assert list(growth["cumulative"]) == [3, 3, 4]
    assert list(growth["linkedin"]) == [2, 0, 0]
    assert list(growth["referral"]) == [0, 0, 1]


def test_network_by_month_and_source() -> None:
    frame = network(
        (D(2025, 12, 31), "linkedin"),
        (D(2026, 1, 1), "linkedin"),
        (D(2026, 3, 18), "event"),
        (D(2026, 3, 19), "event"),  # after the day
    )
    assert evidence.network_by_month(frame, as_of=AS_OF) == {"2025-12": 1, "2026-01": 1, "2026-03": 1}
    assert evidence.network_by_source(frame, as_of=AS_OF) == {"linkedin": 2, "event": 1}
    assert evidence.network_by_month(frame, as_of=D(2025, 12, 30)) == {}


def test_empty_network_growth() -> None:
    growth = evidence.network_growth(network(), as_of=AS_OF)
    assert growth.empty and list(growth.columns) == ["week", "new", "cumulative"]


# --- referral tree ---------------------------------------------------------------------


def referrals(*rows: tuple[int, int, date, int | None]) -> pd.DataFrame:
    names = {1: "Ann", 2: "Bo", 3: "Cy", 4: "Di", 5: "Ed"}
    return pd.DataFrame(
        [(i, a, names[a], b, names[b], day, m) for i, (a, b, day, m) in enumerate(rows)],
        columns=["id", "referrer_id", "referrer", "referred_id", "referred", "referred_on", "meeting_id"],
    )


def test_referral_chain_depths_and_new_people_per_meeting() -> None:
    edges = referrals(
        (1, 2, D(2026, 1, 5), 100),  # A -> B after meeting A
        (2, 3, D(2026, 2, 1), 101),  # B -> C after meeting B
        (2, 4, D(2026, 2, 1), 101),  # B -> D
        (3, 5, D(2026, 3, 30), None),  # after the day
    )
    held = meetings(
        (100, 1, None, D(2026, 1, 5), "Acme", 4),
        (101, 2, None, D(2026, 2, 1), "Beta", 4),
        (102, 3, None, D(2026, 3, 1), "Gamma", 3),
        (103, 4, None, D(2026, 3, 25), "Delta", None),
    )
    tree = evidence.referral_tree(edges, held, as_of=AS_OF)
    assert tree.depth == {1: 0, 2: 1, 3: 2, 4: 2}
    assert tree.max_depth == 2
    assert tree.roots == [1]
    assert tree.children(2) == [3, 4]
    assert tree.led_to == {100: 1, 101: 2, 102: 0}
    assert tree.met == frozenset({1, 2, 3})
    assert tree.names[3] == "Cy"


def test_referral_cycle_is_guarded() -> None:
    edges = referrals((1, 2, D(2026, 1, 1), None), (2, 3, D(2026, 1, 2), None), (3, 1, D(2026, 1, 3), None))
    tree = evidence.referral_tree(edges, NO_MEETINGS, as_of=AS_OF)
    assert tree.depth == {1: 0, 2: 1, 3: 2}
    assert tree.max_depth == 2


def test_referral_depth_takes_the_shortest_path_and_joins_a_cycle_to_its_root() -> None:
    depth, parent = evidence.referral_depths([(1, 2), (2, 3), (1, 3), (3, 4), (4, 3)])
    assert depth == {1: 0, 2: 1, 3: 1, 4: 2}
    assert parent == {1: None, 2: 1, 3: 1, 4: 3}


# --- organisations and warnings -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme, Inc.", "acme"),
        ("ACME inc", "acme"),
        ("  Acme ", "acme"),
        ("Acme Inc Ltd", "acme"),
        ("Novara Pharma S.A.", "novara pharma"),
        ("Kestrel Bank plc", "kestrel bank"),
        ("Vogel Systeme GmbH", "vogel systeme"),
        ("Pinnacle Retail Co", "pinnacle retail"),
        ("Co-op Bank", "co op bank"),
        ("Cobalt & Finch LLC", "cobalt finch"),
        ("Inc.", "inc"),
        ("Société Générale SA", "société générale"),
        ("", None),
        ("   ", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_normalise_org(name: Any, expected: str | None) -> None:
    assert normalise_org(name) == expected


def test_org_spellings_compare_equal_and_coop_stays_distinct() -> None:
    assert normalise_org("Acme, Inc.") == normalise_org("ACME inc") == normalise_org("Acme")
    assert len({normalise_org(n) for n in ("Co-op Bank", "Bank", "Co", "Op Bank")}) == 4


DEFAULTS = {"red_min_people": 3, "amber_min_people": 5, "amber_min_orgs": 3}


@pytest.mark.parametrize(
    ("people", "orgs", "level"),
    [
        (0, 0, "red"),
        (2, 2, "red"),  # 2 people
        (3, 3, "amber"),  # 3 people
        (3, 1, "red"),  # all from one organisation
        (6, 1, "red"),
        (6, 0, "red"),  # blank companies: no organisation
        (4, 3, "amber"),  # 4 people
        (5, 3, "ok"),  # 5 people
        (5, 2, "amber"),  # 2 organisations
        (9, 3, "ok"),  # 3 organisations
    ],
)
def test_warning_thresholds_at_the_boundaries(people: int, orgs: int, level: str) -> None:
    assert sample_warning(people, orgs, **DEFAULTS) == level


@pytest.mark.parametrize(
    ("people", "orgs", "level"),
    [(1, 2, "red"), (2, 2, "amber"), (3, 2, "ok"), (2, 1, "red"), (9, 9, "ok")],
)
def test_custom_thresholds(people: int, orgs: int, level: str) -> None:
    assert sample_warning(people, orgs, red_min_people=2, amber_min_people=3, amber_min_orgs=2) == level


def option(option_id: int = 1, status: str = "exploring", decided_on: date | None = None) -> dict[str, Any]:
    return {"id": option_id, "title": "UX research", "status": status, "decided_on": decided_on}


def met_about(
    companies: list[str | None], *, fits: list[int | None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One meeting per company (one person each, a week apart from 5 Jan 2026) tagged with option 1."""
    start = D(2026, 1, 5)
    fits = fits or [4] * len(companies)
    rows = [
        (i, 100 + i, None, start + pd.Timedelta(days=7 * i), company, fit)
        for i, (company, fit) in enumerate(zip(companies, fits, strict=True))
    ]
    return meetings(*rows), tags(*[(i, 1, "for") for i in range(len(companies))])


def test_option_evidence_counts_people_orgs_and_signals() -> None:
    held, tagged = met_about(["Acme, Inc.", "ACME inc", "Beta Ltd", None, "Gamma"])
    held.loc[len(held)] = (9, 100, None, D(2026, 3, 10), "Acme", 2)  # the first person again
    tagged.loc[len(tagged)] = (9, 1, "against")
    held.loc[len(held)] = (10, 200, None, D(2026, 3, 30), "Delta", None)  # after the day
    tagged.loc[len(tagged)] = (10, 1, "neutral")
    (got,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF, **DEFAULTS)
    assert (got.meetings, got.people, got.organisations) == (6, 5, 3)
    assert got.organisation_names == ("Acme, Inc.", "Beta Ltd", "Gamma")
    assert (got.signals_for, got.signals_against, got.signals_neutral) == (5, 1, 0)
    assert got.last_conversation == D(2026, 3, 10)
    assert got.warning == "ok"
    assert got.ratings == 6


def test_blank_companies_are_no_organisation() -> None:
    held, tagged = met_about([None, "", "  ", None])
    (got,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF, **DEFAULTS)
    assert (got.people, got.organisations, got.warning) == (4, 0, "red")


def test_mean_fit_interval_only_from_two_ratings() -> None:
    held, tagged = met_about(["A", "B", "C"], fits=[4, None, None])
    (one,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF)
    assert (one.ratings, one.mean_fit, one.fit_low, one.fit_high) == (1, 4.0, None, None)
    fits = [3, 4, 4, 4, 3, 4]
    held, tagged = met_about(["A", "B", "C", "D", "E", "F"], fits=list(fits))
    (six,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF)
    low, high = stats.t.interval(0.95, 5, loc=sum(fits) / 6, scale=stats.sem(fits))
    assert six.mean_fit == pytest.approx(22 / 6)
    assert six.fit_low == pytest.approx(low, abs=1e-9)
    assert six.fit_high == pytest.approx(high, abs=1e-9)


def test_mean_fit_interval_is_clipped_to_the_scale() -> None:
    held, tagged = met_about(["A", "B"], fits=[1, 5])
    (got,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF)
    assert (got.mean_fit, got.fit_low, got.fit_high) == (3.0, 1.0, 5.0)


@pytest.mark.parametrize("df", [*range(1, 41), 60, 120, 999])
def test_t_quantile_matches_scipy(df: int) -> None:
    assert evidence.t_quantile(0.975, df) == pytest.approx(stats.t.ppf(0.975, df), rel=1e-9)


def test_decided_on_red_uses_the_evidence_as_of_the_decision() -> None:
    held, tagged = met_about(["A", "B", "C", "D", "E", "F"])  # 5 Jan, 12 Jan, ...
    chosen = option(status="chosen", decided_on=D(2026, 1, 6))  # after 1 person
    (got,) = evidence.option_evidence([chosen], held, tagged, as_of=AS_OF, **DEFAULTS)
    assert got.warning == "ok"  # today's evidence is broad
    assert got.decided_on_red is True
    assert got.decided_people == 1
    assert got.flag == "decided after talking to 1 person"

    later = option(status="dropped", decided_on=D(2026, 2, 9))  # after 6 people at 6 organisations
    (got,) = evidence.option_evidence([later], held, tagged, as_of=AS_OF, **DEFAULTS)
    assert (got.decided_on_red, got.decided_people, got.flag) == (False, 6, None)


def test_decided_on_red_flag_wording() -> None:
    held, tagged = met_about(["A", "A"])
    decided = option(status="chosen", decided_on=D(2026, 1, 20))
    (got,) = evidence.option_evidence([decided], held, tagged, as_of=AS_OF, **DEFAULTS)
    assert got.flag == "decided after talking to 2 people"
    (none,) = evidence.option_evidence([decided], meetings(), tags(), as_of=AS_OF, **DEFAULTS)
    assert none.flag == "decided before talking to anyone"


def test_a_decision_after_the_day_does_not_exist_yet() -> None:
    held, tagged = met_about(["A"])
    (got,) = evidence.option_evidence(
        [option(status="chosen", decided_on=D(2026, 4, 1))], held, tagged, as_of=AS_OF, **DEFAULTS
    )
    assert (got.status, got.decided_on, got.decided_on_red, got.flag) == ("exploring", None, False, None)


@pytest.mark.parametrize(
    ("companies", "thresholds", "text"),
    [
        (
            [],
            DEFAULTS,
            "Talk to 3 people, from at least 2 different organisations, to move from red to amber.",
        ),
        (
            ["Acme Inc"],
            DEFAULTS,
            "Talk to 2 more people, at least 1 outside Acme Inc, to move from red to amber.",
        ),
        (["Acme", "Acme", "ACME"], DEFAULTS, "Talk to 1 more person outside Acme to move from red to amber."),
        (["A", "B"], DEFAULTS, "Talk to 1 more person to move from red to amber."),
        (["A", "B", "C"], DEFAULTS, "Talk to 2 more people to move from amber to ok."),
        (
            ["A", "B", "B", "B"],
            DEFAULTS,
            "Talk to 1 more person from a new organisation to move from amber to ok.",
        ),
        (
            ["A", "B", "B"],
            DEFAULTS,
            "Talk to 2 more people, at least 1 from a new organisation, to move from amber to ok.",
        ),
        (
            ["A", "B", "B", "B", "B"],
            {**DEFAULTS, "amber_min_orgs": 4},
            "Talk to 2 more people, each from a new organisation, to move from amber to ok.",
        ),
        (["A", "B", "C", "D", "E"], DEFAULTS, "Enough for a first view: 5 people from 5 organisations."),
    ],
)
def test_what_would_clear(companies: list[str], thresholds: dict[str, int], text: str) -> None:
    held, tagged = met_about(list(companies))
    (got,) = evidence.option_evidence([option()], held, tagged, as_of=AS_OF, **thresholds)
    assert evidence.what_would_clear(got, **thresholds) == text


# --- the demo ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Iterator[db.Connection]:
    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    build_demo(conn, anchor=AS_OF)
    yield conn
    conn.close()


def demo_evidence(conn: db.Connection, name: str) -> list[evidence.OptionEvidence]:
    seeker = store.find_seeker(conn, name)
    return evidence.option_evidence(
        store.list_options(conn, seeker.id),
        store.load_meetings(conn, seeker.id),
        store.load_meeting_options(conn, seeker.id),
        as_of=AS_OF,
        red_min_people=seeker.red_min_people,
        amber_min_people=seeker.amber_min_people,
        amber_min_orgs=seeker.amber_min_orgs,
    )


def test_demo_has_one_decided_on_red_option_and_every_warning(demo: db.Connection) -> None:
    maya = demo_evidence(demo, "Maya Chen")
    everyone = maya + demo_evidence(demo, "Daniel Okafor")
    flagged = [(e.title, e.status, e.flag) for e in everyone if e.decided_on_red]
    assert flagged == [("Learning design", "dropped", "decided after talking to 1 person")]
    assert {e.warning for e in maya} == {"red", "amber", "ok"}


def test_demo_outreach_summary_is_consistent(demo: db.Connection) -> None:
    seeker = store.find_seeker(demo, "Maya Chen")
    got = evidence.outreach_summary(
        store.load_outreach(demo, seeker.id),
        store.load_meetings(demo, seeker.id),
        as_of=AS_OF,
        window_days=14,
    )
    assert got.sent == got.pending + got.closed
    assert got.closed == got.responded + got.no_response
    assert got.responded == got.agreed + got.declined + got.replied + got.unmarked
    assert got.unmarked == 2 and got.acceptance_rate.n == got.closed - got.unmarked
    assert sum(r.n for r in got.by_week.values()) == got.closed
    assert sum(got.pending_by["channel"].values()) == got.pending
    assert got.pending >= 3 and got.show_rate.n == got.agreed
    tree = evidence.referral_tree(
        store.load_referrals(demo, seeker.id), store.load_meetings(demo, seeker.id), as_of=AS_OF
    )
    assert tree.max_depth >= 2
    assert sum(tree.led_to.values()) == len(tree.edges)
