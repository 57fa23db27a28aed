"""What the import preview tells a new user: whose export, the counts in words, when the search started."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from coach import store
from coach.importers import Plan, apply, linkedin
from coach.importers.guide import (
    clearly_someone_else,
    explain_counts,
    owner_refusal,
    owner_warning,
    requests_chart,
    requests_per_month,
    shown_sample,
    suggest_search_start,
)
from coach.store import db
from tests.exports import linkedin_export


@pytest.mark.parametrize(
    ("owner", "seeker"),
    [
        ("Ana Lopez", "Ana Lopez"),
        ("ANA LÓPEZ", "ana lopez"),  # case and accents
        ("Lopez, Ana", "Ana Lopez"),  # order and punctuation
        ("Ana María López García", "Ana Lopez"),  # middle and second names
        ("A. Lopez", "Ana Lopez"),  # an initial
        ("Ana L.", "Ana Lopez"),
        ("", "Ana Lopez"),  # nobody known: never someone else
        (None, "Ana Lopez"),
        ("Dr. Ana Lopez, MBA", "Ana Lopez"),
    ],
)
def test_the_same_person_is_not_someone_else(owner: str | None, seeker: str) -> None:
    assert not clearly_someone_else(owner, seeker)


@pytest.mark.parametrize(
    ("owner", "seeker"),
    [
        ("Marcus Morgan", "Ana Lopez"),
        ("Marcus Morgan, MBA", "Ana Lopez, MBA"),  # a shared title is no shared name
        ("Zoë Brandt", "Ana Lopez"),
        ("J. Smith", "Ana Lopez"),
    ],
)
def test_no_name_in_common_is_someone_else(owner: str, seeker: str) -> None:
    assert clearly_someone_else(owner, seeker)


def _plan(conn: db.Connection, tmp_path: Path, **export: Any) -> Plan:
    seeker = store.add_seeker(conn, "Ana Lopez")
    return linkedin.plan(conn, linkedin_export(tmp_path / "export.zip", **export), seeker_id=seeker.id)


def test_the_owner_comes_from_profile_or_from_every_conversation(conn: db.Connection, tmp_path: Path) -> None:
    plan = _plan(conn, tmp_path, owner="Marcus Morgan")
    assert (plan.owner, plan.owner_how) == ("Marcus Morgan", "from Profile.csv")
    other = linkedin.plan(
        conn,
        linkedin_export(tmp_path / "b.zip", owner="Marcus Morgan", profile=False, invitations=()),
        seeker_id=plan.seeker_id,
    )
    assert other.owner == "Marcus Morgan"
    assert other.owner_how == "the one person in every conversation of messages.csv"


def test_the_cli_refuses_someone_elses_export_unless_told(conn: db.Connection, tmp_path: Path) -> None:
    plan = _plan(conn, tmp_path, owner="Marcus Morgan")
    refusal = owner_refusal(plan, "Ana Lopez", me=None, owner_differs=False)
    assert refusal == (
        "export.zip is the export of Marcus Morgan (from Profile.csv), not of Ana Lopez, so nothing was "
        'imported. If it is Ana Lopez\'s data all the same, add --owner-differs (or --me "Marcus Morgan").'
    )
    assert owner_refusal(plan, "Ana Lopez", me=None, owner_differs=True) is None
    assert owner_refusal(plan, "Ana Lopez", me="marcus morgan", owner_differs=False) is None
    assert owner_refusal(plan, "Ana Lopez", me="Ana Lopez", owner_differs=False) is not None
    assert owner_refusal(plan, "Marcus Morgan", me=None, owner_differs=False) is None
    assert owner_warning(plan, "Ana Lopez") == (
        "This export belongs to Marcus Morgan (from Profile.csv), not to Ana Lopez. Its connections and "
        "messages would become Ana Lopez's. Pick Ana Lopez's own export, choose another client, or "
        "confirm below."
    )
    assert owner_warning(plan, "Marcus Morgan") is None


def test_the_counts_say_what_they_are_made_of(conn: db.Connection, tmp_path: Path) -> None:
    plan = _plan(conn, tmp_path, connections=12, strangers=(date(2026, 3, 4), date(2026, 3, 5)))
    assert explain_counts(plan) == [
        "15 new contacts: 12 connections and 3 people from messages and invitations",
        "11 new requests: conversations you opened and invitations you sent with a note",
    ]


def test_since_leaves_requests_out_but_keeps_their_people(conn: db.Connection, tmp_path: Path) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    export = linkedin_export(
        tmp_path / "export.zip", strangers=(date(2021, 5, 10), date(2026, 3, 4)), invitations=()
    )
    plan = linkedin.plan(conn, export, seeker_id=seeker.id, since=date(2026, 1, 1))
    assert plan.counts["requests"] == {"new": 6, "updated": 0, "unchanged": 0, "skipped": 3 + 1}
    assert plan.counts["contacts"]["new"] == 8 + 2  # the stranger written to in 2021 is still a contact
    assert (
        explain_counts(plan)[-1]
        == "4 requests sent before 1 Jan 2026, when the job search started, left out; their people are still imported"
    )
    assert len(plan.timeline) == 10  # the chart and the suggestion see the whole history
    apply(conn, plan)
    sent = store.load_outreach(conn, seeker.id)["sent_on"]
    assert sent.min() >= pd.Timestamp(2026, 1, 1) and len(sent) == 6
    names = set(store.load_contacts(conn, seeker.id)["name"])
    assert {"Stranger 1 Quinn", "Stranger 2 Quinn"} <= names


def test_the_search_starts_after_the_latest_long_gap() -> None:
    old = [date(2021, 5, 3), date(2021, 6, 8)]
    current = [date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 2)]
    assert suggest_search_start(old + current) == date(2026, 1, 12)
    assert suggest_search_start(reversed(current + old)) == date(2026, 1, 12)  # any order
    assert suggest_search_start(current) is None  # one run: the whole history is the search
    assert suggest_search_start([]) is None
    # a gap of 90 days is not long; 91 is
    assert suggest_search_start([date(2026, 1, 1), date(2026, 4, 1)]) is None
    assert suggest_search_start([date(2026, 1, 1), date(2026, 4, 2)]) == date(2026, 4, 2)
    # a run going on for years starts no earlier than a year before its latest request
    steady = list(pd.date_range("2022-01-03", "2026-03-02", freq="30D").date)
    assert suggest_search_start(steady) == steady[-1].replace(year=steady[-1].year - 1)


def test_requests_per_month_split_at_the_start_of_the_search() -> None:
    timeline = pd.DataFrame(
        {
            "sent_on": pd.to_datetime(["2021-05-03", "2021-05-20", "2026-01-05", "2026-01-20", "2026-02-02"]),
            "new": [True, True, True, True, False],
        }
    )
    per_month = requests_per_month(timeline, date(2026, 1, 10))
    assert per_month.values.tolist() == [
        [date(2021, 5, 1), 2, False],
        [date(2026, 1, 1), 1, False],
        [date(2026, 1, 1), 1, True],
    ]
    fig = requests_chart(per_month)
    assert fig is not None
    assert [t.name for t in fig.data] == ["Imported as requests", "Before the job search: left out"]
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tickformat == "d"
    assert requests_chart(requests_per_month(timeline.iloc[:0], None)) is None


def test_example_rows_read_as_words() -> None:
    sample = pd.DataFrame(
        {
            "contact": ["Bo Berg", None],
            "sent_on": pd.to_datetime(["2026-01-12", "2026-02-03"]),
            "responded_on": [pd.Timestamp("2026-01-13"), pd.NaT],
            "outcome": ["no_response", None],
        }
    )
    assert shown_sample(sample).to_dict("records") == [
        {
            "Contact": "Bo Berg",
            "Sent on": "12 Jan 2026",
            "Answered on": "13 Jan 2026",
            "Outcome": "No response",
        },
        {"Contact": "—", "Sent on": "3 Feb 2026", "Answered on": "—", "Outcome": "—"},
    ]
