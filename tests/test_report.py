"""The report contract on the demo, and its plain-text form."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import duckdb
import pytest

from coach import store
from coach.demo import build_demo
from coach.output.report import build_report, format_report, rate_text
from coach.store import db

ANCHOR = date(2026, 3, 18)
TOP = {"seeker", "as_of", "outreach", "meetings", "network", "career_options", "due", "due_let_go"}
COUNTS = ("sent", "pending", "closed", "responded", "agreed", "declined", "unmarked", "no_response")
OUTREACH = {*COUNTS, "response_rate", "acceptance_rate", "by_channel", "by_warmth", "by_week"}
OPTION = {"title", "status", "people", "organisations", "mean_fit", "warning", "decided_on_red"}
DUE = {"thank_you", "nudge", "referral_loop", "keep_in_touch"}
LET_GO = {"thank_you", "nudge", "referral_loop", "next_contact"}


@pytest.fixture(scope="module")
def demo() -> Iterator[db.Connection]:
    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    build_demo(conn, anchor=ANCHOR)
    yield conn
    conn.close()


def report(
    conn: db.Connection, name: str = "Maya Chen", as_of: date = ANCHOR, **kwargs: Any
) -> dict[str, Any]:
    return build_report(conn, store.find_seeker(conn, name), as_of=as_of, **kwargs)


def assert_rate(rate: Any) -> None:
    """A RATE object: k, n ints; rate, low, high floats (None exactly when n is 0)."""
    assert set(rate) == {"k", "n", "rate", "low", "high"}
    assert type(rate["k"]) is int and type(rate["n"]) is int and 0 <= rate["k"] <= rate["n"]
    if rate["n"] == 0:
        assert rate["rate"] is None and rate["low"] is None and rate["high"] is None
    else:
        assert all(type(rate[key]) is float for key in ("rate", "low", "high"))
        assert 0 <= rate["low"] <= rate["rate"] <= rate["high"] <= 1
        assert rate["rate"] == pytest.approx(rate["k"] / rate["n"])


def test_report_keys_and_types(demo: db.Connection) -> None:
    got = report(demo)
    assert set(got) == TOP
    assert got["seeker"] == "Maya Chen" and got["as_of"] == "2026-03-18"
    outreach = got["outreach"]
    assert set(outreach) == OUTREACH
    assert all(type(outreach[key]) is int for key in COUNTS)
    assert_rate(outreach["response_rate"])
    assert_rate(outreach["acceptance_rate"])
    for breakdown in ("by_channel", "by_warmth", "by_week"):
        assert outreach[breakdown]
        for group, rate in outreach[breakdown].items():
            assert isinstance(group, str)
            assert_rate(rate)
    assert all(date.fromisoformat(week).weekday() == 0 for week in outreach["by_week"])
    assert set(got["meetings"]) == {"held", "show_rate"} and type(got["meetings"]["held"]) is int
    assert_rate(got["meetings"]["show_rate"])
    network = got["network"]
    assert set(network) == {"contacts", "by_month", "by_source"} and type(network["contacts"]) is int
    assert all(
        len(month) == 7 and month[4] == "-" and type(n) is int for month, n in network["by_month"].items()
    )
    assert sum(network["by_source"].values()) == network["contacts"] == sum(network["by_month"].values())
    assert got["career_options"]
    for option in got["career_options"]:
        assert set(option) == OPTION
        assert option["warning"] in ("red", "amber", "ok")
        assert type(option["people"]) is int and type(option["organisations"]) is int
        assert option["mean_fit"] is None or type(option["mean_fit"]) is float
        assert type(option["decided_on_red"]) is bool
    assert got["due"] == dict.fromkeys(DUE, 0)
    assert got["due_let_go"] == dict.fromkeys(LET_GO, 0)


def test_rates_agree_with_the_counts(demo: db.Connection) -> None:
    outreach = report(demo)["outreach"]
    assert outreach["response_rate"]["k"] == outreach["responded"]
    assert outreach["response_rate"]["n"] == outreach["closed"]
    assert outreach["acceptance_rate"]["k"] == outreach["agreed"]
    assert outreach["acceptance_rate"]["n"] == outreach["closed"] - outreach["unmarked"]
    assert outreach["unmarked"] == 2
    assert outreach["sent"] == outreach["pending"] + outreach["closed"]
    assert outreach["closed"] == outreach["responded"] + outreach["no_response"]
    assert outreach["pending"] > 0
    for breakdown in ("by_channel", "by_warmth", "by_week"):
        rates = outreach[breakdown].values()
        assert sum(r["n"] for r in rates) == outreach["closed"]
        assert sum(r["k"] for r in rates) == outreach["responded"]


def test_demo_options_in_the_report(demo: db.Connection) -> None:
    options = {o["title"]: o for o in report(demo)["career_options"]}
    assert options["Learning design"]["decided_on_red"] is True
    assert [t for t, o in options.items() if o["decided_on_red"]] == ["Learning design"]
    assert {o["warning"] for o in options.values()} == {"red", "amber", "ok"}


def test_an_earlier_day_has_fewer_numbers(demo: db.Connection) -> None:
    now, before = report(demo), report(demo, as_of=date(2026, 1, 15))
    assert before["as_of"] == "2026-01-15"
    assert before["outreach"]["sent"] < now["outreach"]["sent"]
    assert before["meetings"]["held"] < now["meetings"]["held"]
    assert before["network"]["contacts"] < now["network"]["contacts"]
    assert max(before["outreach"]["by_week"]) <= "2026-01-15"
    assert max(before["network"]["by_month"]) == "2026-01"
    people = {o["title"]: o["people"] for o in before["career_options"]}
    assert all(people[o["title"]] <= o["people"] for o in now["career_options"])


def test_due_counts_pass_through(demo: db.Connection) -> None:
    got = report(demo, due={"thank_you": 2, "nudge": 5})
    assert got["due"] == {"thank_you": 2, "nudge": 5, "referral_loop": 0, "keep_in_touch": 0}
    gone = report(demo, due_let_go={"nudge": 40, "thank_you": 1})["due_let_go"]
    assert gone == {"thank_you": 1, "nudge": 40, "referral_loop": 0, "next_contact": 0}


def test_the_table_says_what_was_let_go(demo: db.Connection) -> None:
    text = format_report(report(demo, due={"nudge": 3}, due_let_go={"nudge": 40, "thank_you": 1}))
    assert [
        line.split("  ")[-1].strip() for line in text.splitlines() if line.strip().startswith("Let go")
    ] == ["41 (40 nudges, 1 thank-you)"]
    assert "Let go" not in format_report(report(demo, due={"nudge": 3}))


def test_the_seekers_settings_apply(demo: db.Connection) -> None:
    maya = store.find_seeker(demo, "Maya Chen")
    strict = build_report(demo, replace(maya, amber_min_people=50), as_of=ANCHOR)
    assert {o["title"]: o["warning"] for o in strict["career_options"]}["UX research"] == "amber"
    short = build_report(demo, replace(maya, answer_window_days=1), as_of=ANCHOR)
    assert short["outreach"]["pending"] < report(demo)["outreach"]["pending"]


def test_report_is_json(demo: db.Connection) -> None:
    got = report(demo, name="Daniel Okafor")
    assert json.loads(json.dumps(got)) == got


def test_format_report_reads_as_a_table(demo: db.Connection) -> None:
    got = report(demo, due={"nudge": 3})
    text = format_report(got)
    lines = text.splitlines()
    outreach = got["outreach"]
    assert "Maya Chen" in text and "2026-03-18" in text
    assert f"{outreach['responded']} of {outreach['closed']} (" in text
    known = outreach["closed"] - outreach["unmarked"]
    assert f"Acceptance rate                     {outreach['agreed']} of {known} known (" in text
    assert text.count("; 2 answers not marked yet") == 1
    assert "Not marked yet                      2" in text
    assert f"Answered                            {outreach['responded']} of {outreach['sent']} sent" in text
    show = got["meetings"]["show_rate"]
    assert f"{show['k']} of {show['n']}" in text
    assert "Learning design" in text and "decided on a red sample" in text
    assert "Nudges" in text and "New in 2026-03" in text
    for group, rate in outreach["by_channel"].items():
        assert any(line.split() and line.split()[0] == group and rate_text(rate) in line for line in lines)


def test_report_of_a_seeker_with_nothing_yet(conn: db.Connection) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    got = build_report(conn, seeker, as_of=ANCHOR)
    assert got["outreach"]["sent"] == 0 and got["outreach"]["response_rate"]["rate"] is None
    assert got["network"] == {"contacts": 0, "by_month": {}, "by_source": {}}
    assert got["career_options"] == []
    json.dumps(got)
    text = format_report(got)
    assert "Ana Lopez" in text and "none closed yet" in text and "no career options yet" in text


def test_report_does_not_import_plotly_or_streamlit() -> None:
    code = "import sys, coach.output.report, coach.rules.evidence; print(sorted(m for m in ('plotly', 'streamlit') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
