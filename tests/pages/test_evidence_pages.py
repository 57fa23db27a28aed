"""Outreach, Network and Decisions show the evidence numbers of the store, with counts."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from coach import store
from coach.rules import evidence, suggest
from coach.store import db, registry
from tests.conftest import ANCHOR
from tests.markup import as_shown


def opened(app: Callable[..., AppTest], page: str, kind: str, demo_file: str | None = None) -> AppTest:
    at = app(kind, demo_file).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def first(path: str) -> store.Seeker:
    with db.session(path) as conn:
        return store.list_seekers(conn)[0]


def test_outreach_rates_carry_their_counts(app: Callable[..., AppTest], demo_file: str) -> None:
    at = opened(app, "app_pages/outreach.py", "demo", demo_file)
    seeker = first(demo_file)
    with db.session(demo_file) as conn:
        summary = evidence.outreach_summary(
            store.load_outreach(conn, seeker.id),
            store.load_meetings(conn, seeker.id),
            as_of=ANCHOR,
            window_days=seeker.answer_window_days,
        )
    shown = {m.label: m.value for m in at.metric}
    assert shown["Response rate"] == f"{summary.response_rate.k} of {summary.response_rate.n}"
    assert shown["Acceptance rate"] == f"{summary.acceptance_rate.k} of {summary.acceptance_rate.n}"
    assert shown["Show rate"] == f"{summary.show_rate.k} of {summary.show_rate.n}"
    assert shown["Pending"] == str(summary.pending)
    assert len(at.get("plotly_chart")) == 2
    table = at.dataframe[0].value
    assert table["Answered"].sum() == summary.responded and table["Closed"].sum() == summary.closed
    at.segmented_control(key="outreach_by").set_value("Week sent").run()
    weeks = at.dataframe[0].value
    assert list(weeks["Week sent"]) == list(summary.by_week)


def test_marking_an_answer_agreed_moves_the_acceptance_rate(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = app("demo", demo_file)
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page("app_pages/outreach.py").run()
    assert not at.exception, at.exception
    before = next(m.value for m in at.metric if m.label == "Acceptance rate")
    k, n = (int(x) for x in before.split(" of "))
    assert any(c.value.startswith("2 answers not marked yet") for c in at.caption)
    assert [s.value for s in at.subheader].count("Answers not marked yet") == 1
    shown = [m.value for m in at.markdown if "answered" in m.value]
    assert len(shown) == 2 and all("· asked " in line for line in shown)
    assert any(c.value.startswith("“Hi, sure, happy to help where I can") for c in at.caption)
    agreed = [b for b in at.button if b.label == "Agreed"]
    assert len(agreed) == 2 and {b.label for b in at.button} >= {"Agreed", "Declined", "Just replied"}
    agreed[0].click().run()
    assert not at.exception, at.exception
    assert next(m.value for m in at.metric if m.label == "Acceptance rate") == f"{k + 1} of {n + 1}"
    assert any(c.value.startswith("1 answer not marked yet") for c in at.caption)
    assert [b.label for b in at.button].count("Agreed") == 1
    with db.session(os.environ["COACH_DB"]) as conn:
        requests = store.load_outreach(conn, maya.id)
    answered = requests[requests["reply_excerpt"].notna()]
    assert sorted(answered["outcome"].fillna("unmarked")) == ["agreed", "unmarked"]


def test_a_rate_with_no_base_says_why(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        seeker = store.list_seekers(conn)[0]
        conn.execute("INSERT INTO contact (seeker_id, first_name) VALUES (?, 'Bo')", [seeker.id])
        conn.execute(
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, responded_on, outcome) "
            "SELECT ?, id, DATE '2026-03-02', 'email', DATE '2026-03-03', 'declined' FROM contact",
            [seeker.id],
        )
    at.switch_page("app_pages/outreach.py").run()
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Response rate"], shown["Acceptance rate"], shown["Show rate"]) == ("1 of 1", "0 of 1", "—")
    captions = [c.value for c in at.caption]
    assert "—: no request agreed yet" in captions
    assert any(c.startswith("1 request sent up to 18 Mar 2026: 1 answered, 1 closed") for c in captions)


def test_network_counts(app: Callable[..., AppTest], demo_file: str) -> None:
    at = opened(app, "app_pages/network.py", "demo", demo_file)
    seeker = first(demo_file)
    with db.session(demo_file) as conn:
        network = store.load_network(conn, seeker.id)
        tree = evidence.referral_tree(
            store.load_referrals(conn, seeker.id), store.load_meetings(conn, seeker.id), as_of=ANCHOR
        )
    shown = {m.label: m.value for m in at.metric}
    assert shown["People in the network"] == str(int((network["entered_on"].dt.date <= ANCHOR).sum()))
    assert shown["Longest referral chain"] == str(tree.max_depth)
    assert len(at.get("plotly_chart")) == 2


def test_decisions_flag_the_option_decided_on_red(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page("app_pages/decisions.py").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "decided after talking to 1 person" in errors[0].lower()
    home = app("demo", demo_file)
    home.query_params["seeker"] = str(maya.id)
    home.run()
    assert any("decided after talking to 1 person" in w.value for w in home.warning)


@pytest.mark.parametrize("who", ["Maya Chen", "Daniel Okafor"])  # Daniel has an option no one was met about
def test_decisions_give_every_number_its_base(app: Callable[..., AppTest], demo_file: str, who: str) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, who)
        found = evidence.option_evidence(
            store.list_options(conn, maya.id),
            store.load_meetings(conn, maya.id),
            store.load_meeting_options(conn, maya.id),
            as_of=ANCHOR,
            **maya.thresholds,
        )
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page("app_pages/decisions.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    rated = [e for e in found if e.ratings > 1]
    assert rated
    for item in rated:
        assert any(c.startswith(f"from {item.ratings} ratings; 95% interval ") for c in captions)
    for item in found:
        conversations = "1 conversation" if item.meetings == 1 else f"{item.meetings} conversations"
        assert f"in {conversations}" in captions
    unrated = [e for e in found if e.mean_fit is None]
    assert len([c for c in captions if c == "—: no fit rating yet"]) == len(unrated)
    signals = [c for c in captions if c.startswith("Signals: ")]
    unmet = [e for e in found if e.last_conversation is None]
    assert len([c for c in signals if c.endswith(" · no conversation yet")]) == len(unmet)
    assert not [c for c in signals if "last conversation none" in c]


def test_a_red_options_card_names_who_would_clear_it(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        options = store.list_options(conn, daniel.id)
        tables = registry.load_frames(conn, daniel.id, *suggest.FRAMES)
        found = suggest.for_seeker(daniel, options, store.load_targets(conn, daniel.id), tables, as_of=ANCHOR)
        seen = evidence.option_evidence(
            options, tables["meetings"], tables["meeting_options"], as_of=ANCHOR, **daniel.thresholds
        )
    red = [e for e in seen if e.warning == "red" and e.status not in ("chosen", "dropped")]
    assert red
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(daniel.id)
    at.run()
    at.switch_page("app_pages/decisions.py").run()
    assert not at.exception, at.exception
    captions = [as_shown(c.value) for c in at.caption]
    for item in red:
        theirs = [s for s in found if s.option_id == item.option_id]
        first = theirs[0]
        other = next(s for s in theirs if s.company != first.company)  # one per organisation first
        line = next(c for c in captions if c.startswith(f"Ask {first.contact} ("))
        assert f" or {other.contact} ({other.company}" in line
        clear = evidence.what_would_clear(item, **daniel.thresholds)
        assert captions.index(line) == captions.index(clear) + 1  # just after the "Talk to" line
        button = at.button(key=f"decisions_ask_{item.option_id}")
        assert button.label == f"Ask {first.contact}"
    esg = next(e for e in red if e.title == "ESG reporting")
    first = next(s for s in found if s.option_id == esg.option_id)
    at.button(key=f"decisions_ask_{esg.option_id}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"Ask · {daniel.name}"
    assert at.selectbox(key="ask_contact").value == first.contact_id
    assert at.selectbox(key="ask_field").value == esg.option_id


def test_a_decided_option_names_nobody(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        options = store.list_options(conn, maya.id)
    decided = {f"decisions_ask_{o['id']}" for o in options if o["status"] in ("chosen", "dropped")}
    amber = {f"decisions_ask_{o['id']}" for o in options if o["status"] not in ("chosen", "dropped")}
    assert decided and amber  # the demo's Maya chose one option, dropped one and weighs two (amber)
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page("app_pages/decisions.py").run()
    assert not at.exception, at.exception
    keys = {str(b.key) for b in at.button}
    assert not decided & keys
    assert amber <= keys


def test_decisions_add_and_decide_an_option(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page("app_pages/decisions.py").run()
    assert "No career options yet" in at.info[0].value
    next(t for t in at.text_input if t.label == "New career option").input("UX research")
    next(b for b in at.button if b.label == "Add").click().run()
    assert not at.exception
    with db.session(os.environ["COACH_DB"]) as conn:
        seeker = store.list_seekers(conn)[0]
        assert [o["title"] for o in store.list_options(conn, seeker.id)] == ["UX research"]
    next(s for s in at.selectbox if s.label == "Status").set_value("chosen")
    next(b for b in at.button if b.label == "Save").click().run()
    assert any("decided before talking to anyone" in e.value.lower() for e in at.error)
    with db.session(os.environ["COACH_DB"]) as conn:
        option = store.list_options(conn, seeker.id)[0]
    assert (option["status"], option["decided_on"]) == ("chosen", ANCHOR)


def test_empty_seeker_pages_say_what_to_do(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    for page, words in [
        ("app_pages/outreach.py", "No requests yet"),
        ("app_pages/network.py", "No contacts yet"),
    ]:
        at.switch_page(page).run()
        assert not at.exception
        assert words in at.info[0].value
        assert not at.get("plotly_chart")
