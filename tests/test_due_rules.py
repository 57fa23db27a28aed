"""History is not a to-do list, the order of the Due list, and the etiquette tolerance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from coach import store
from coach.rules import paging
from coach.rules.followups import (
    LET_GO_KINDS,
    PRIORITY,
    UNDO_SECONDS,
    Cadence,
    DueItem,
    by_priority,
    describe_cadence,
    due_items,
    due_list,
    etiquette_flags,
    group_by_kind,
    kind_count,
    kind_totals,
    let_go_counts,
    let_go_summary,
    overdue_count,
    ran_over,
    split_let_go,
    typed_settings,
    undoable,
    when_due,
)
from coach.rules.metrics import outreach_status
from coach.store import db, due_list_for, registry
from coach.vocabulary import CADENCES
from tests.test_followups import (
    FOLLOW_UPS,
    MEETINGS,
    OUTREACH,
    REFERRALS,
    Scenario,
    contacts_frame,
    frame,
    meeting,
    referral,
    request,
)

D = date
DEFAULT = Cadence()
B7 = Cadence(preset="3b7")
NO_RULE = Cadence(let_go_days=10**6)  # nothing is ever that overdue: the list without the rule


def item(kind: str, overdue: int, key: str | None = None) -> DueItem:
    as_of = D(2026, 12, 2)
    return DueItem(
        kind, key or f"{kind}:{overdue}", 1, "Ana", "", as_of - timedelta(days=overdue), overdue, "t"
    )


def split(
    scenario: Scenario, day: date, settings: Cadence = DEFAULT
) -> tuple[dict[str, int], dict[str, int]]:
    """(listed key -> overdue days, let-go key -> overdue days) as of ``day``."""
    found = due_list(*scenario.frames(day), as_of=day, settings=settings)
    return ({i.key: i.overdue_days for i in found.items}, {i.key: i.overdue_days for i in found.let_go})


# --- letting go ---------------------------------------------------------------


def long_silence() -> Scenario:
    """A meeting with no thank-you, a referral never closed and a request never answered."""
    return Scenario(
        outreach=[request(1, 2, D(2026, 3, 2))],  # nudge due 16 Mar
        meetings=[meeting(1, 3, D(2026, 3, 10), thank_you_on=None)],  # thank-you due 12 Mar
        referrals=[referral(1, 1, 3, D(2026, 3, 1))],  # referral loop due 12 Mar
        follow_ups=[{"id": 9, "kind": "action", "title": "Update CV", "due_on": D(2026, 1, 5)}],
    )


def test_an_item_more_than_30_days_past_due_is_let_go_not_listed() -> None:
    scenario = long_silence()
    listed, gone = split(scenario, D(2026, 4, 11))  # 30 days after 12 Mar
    assert listed["thank_you:meeting:1"] == 30 and listed["referral_loop:referral:1"] == 30
    assert listed["nudge:outreach:1"] == 26 and gone == {}
    listed, gone = split(scenario, D(2026, 4, 12))
    assert gone == {"thank_you:meeting:1": 31, "referral_loop:referral:1": 31}
    assert "nudge:outreach:1" in listed
    listed, gone = split(scenario, D(2026, 4, 16))
    assert set(gone) == {"thank_you:meeting:1", "referral_loop:referral:1", "nudge:outreach:1"}
    assert due_items(*scenario.frames(D(2026, 4, 16)), as_of=D(2026, 4, 16), settings=DEFAULT) == [
        i for i in due_list(*scenario.frames(D(2026, 4, 16)), as_of=D(2026, 4, 16), settings=DEFAULT).items
    ]


def test_actions_agreed_in_a_session_are_never_let_go() -> None:
    listed, gone = split(long_silence(), D(2027, 6, 1))
    assert listed["action:follow_up:9"] == (D(2027, 6, 1) - D(2026, 1, 5)).days
    assert "action:follow_up:9" not in gone and "thank_you:meeting:1" in gone


def test_next_contacts_are_let_go_too() -> None:
    scenario = Scenario(outreach=[request(1, 2, D(2026, 3, 2))])  # Mon: next contact due Thu 5 Mar
    listed, gone = split(scenario, D(2026, 4, 4), B7)
    assert listed["next_contact:outreach:1"] == 30
    listed, gone = split(scenario, D(2026, 4, 5), B7)
    assert "next_contact:outreach:1" in gone and "next_contact:outreach:1" not in listed


def test_the_let_go_days_are_a_setting() -> None:
    patient = Cadence(let_go_days=60)
    listed, gone = split(long_silence(), D(2026, 5, 11), patient)  # 60 days after 12 Mar
    assert listed["thank_you:meeting:1"] == 60 and gone == {}
    _, gone = split(long_silence(), D(2026, 5, 12), patient)
    assert set(gone) == {"thank_you:meeting:1", "referral_loop:referral:1"}


def test_letting_go_changes_no_status() -> None:
    scenario = long_silence()
    outreach = scenario.frames(D(2026, 6, 1))[0]
    _, gone = split(scenario, D(2026, 6, 1))
    assert "nudge:outreach:1" in gone
    assert outreach_status(outreach, as_of=D(2026, 6, 1), window_days=14).tolist() == ["no_response"]


def test_let_go_counts_per_kind() -> None:
    found = due_list(*long_silence().frames(D(2026, 6, 1)), as_of=D(2026, 6, 1), settings=DEFAULT)
    assert found.let_go_counts == {"thank_you": 1, "nudge": 1, "referral_loop": 1, "next_contact": 0}
    assert let_go_counts([]) == dict.fromkeys(LET_GO_KINDS, 0)


def test_let_go_summary_says_it_once_in_words() -> None:
    counts = {"thank_you": 3, "nudge": 8, "referral_loop": 1, "next_contact": 0}
    assert let_go_summary(counts) == "12 older items let go (8 nudges, 3 thank-yous, 1 referral loop)"
    assert let_go_summary({"nudge": 1}) == "1 older item let go (1 nudge)"
    assert let_go_summary({"next_contact": 2}) == "2 older items let go (2 next contacts)"
    assert let_go_summary(dict.fromkeys(LET_GO_KINDS, 0)) == ""
    assert [kind_count(kind, 2) for kind in PRIORITY] == [
        "2 thank-yous",
        "2 referral loops",
        "2 agreed actions",
        "2 nudges",
        "2 next contacts",
        "2 people to keep in touch with",
    ]
    assert kind_count("keep_in_touch", 1) == "1 person to keep in touch with"


def test_split_let_go_keeps_keep_in_touch_and_actions() -> None:
    items = [item(kind, 400) for kind in PRIORITY] + [item("nudge", 30, "fresh")]
    kept, gone = split_let_go(items, 30)
    assert sorted(i.kind for i in gone) == sorted(LET_GO_KINDS)
    assert sorted(i.key for i in kept) == sorted(["action:400", "keep_in_touch:400", "fresh"])


# --- keep in touch after an import --------------------------------------------


def with_added(added: date) -> pd.DataFrame:
    people = contacts_frame()
    people["added_on"] = added
    return people


def test_keep_in_touch_is_never_due_before_the_person_was_added() -> None:
    scenario = Scenario(meetings=[meeting(1, 1, D(2021, 5, 3), thank_you_on=D(2021, 5, 4))])
    o, m, r, f, _ = scenario.frames(D(2026, 12, 2))
    imported = due_items(o, m, r, f, with_added(D(2026, 11, 20)), as_of=D(2026, 12, 2), settings=DEFAULT)
    assert [(i.key, i.due_on, i.overdue_days) for i in imported] == [
        ("keep_in_touch:contact:1", D(2026, 11, 20), 12)
    ]
    long_known = due_items(o, m, r, f, with_added(D(2021, 1, 1)), as_of=D(2021, 8, 10), settings=DEFAULT)
    assert [(i.key, i.due_on) for i in long_known] == [("keep_in_touch:contact:1", D(2021, 8, 2))]
    not_yet = due_items(o, m, r, f, with_added(D(2026, 12, 5)), as_of=D(2026, 12, 2), settings=DEFAULT)
    assert not_yet == []


def five_years(import_day: date) -> tuple[pd.DataFrame, ...]:
    """A whole history imported on ``import_day``: five years of requests, meetings and referrals."""
    outreach: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    referrals: list[dict[str, Any]] = []
    start = import_day - timedelta(days=6 * 365)
    for n in range(260):  # a request a week for five years, to one of six people, ending a year ago
        sent = start + timedelta(weeks=n)
        contact = 1 + n % 6
        answer = {"responded_on": sent + timedelta(days=3), "outcome": "agreed"} if n % 3 == 0 else {}
        outreach.append(request(n + 1, contact, sent, **answer))
        if n % 3 == 0:
            held = sent + timedelta(days=10)
            meetings.append(meeting(n + 1, contact, held, minutes_actual=40))
            if n % 9 == 0:
                referrals.append(referral(n + 1, contact, 1 + (n + 1) % 6, held))
    people = contacts_frame()
    people["added_on"] = import_day
    return (
        frame(OUTREACH, outreach),
        frame(MEETINGS, [m for m in meetings if m["held_on"] <= import_day]),
        frame(REFERRALS, referrals),
        frame(FOLLOW_UPS, []),
        people,
    )


@pytest.mark.parametrize("settings", [DEFAULT, B7], ids=["default", "3b7"])
@pytest.mark.parametrize("days_after", [0, 10, 30])
def test_after_importing_a_whole_history_nothing_listed_is_more_than_30_days_overdue(
    settings: Cadence, days_after: int
) -> None:
    import_day = D(2026, 11, 30)
    frames = five_years(import_day)
    as_of = import_day + timedelta(days=days_after)
    found = due_list(*frames, as_of=as_of, settings=settings)
    assert found.items and found.let_go
    assert max(i.overdue_days for i in found.items) <= 30
    assert {i.kind for i in found.items} == {"keep_in_touch"}
    assert {i.due_on for i in found.items} == {import_day}
    assert sum(found.let_go_counts.values()) == len(found.let_go)
    without = due_list(*frames, as_of=as_of, settings=Cadence(let_go_days=10**6, preset=settings.preset))
    assert without.let_go == []
    assert sorted(i.key for i in found.items + found.let_go) == sorted(i.key for i in without.items)


def test_the_store_path_reads_the_added_day_without_the_contacts_table(conn: db.Connection) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    contact = db.scalar(
        conn,
        "INSERT INTO contact (seeker_id, first_name, last_name, added_on) VALUES (?, 'Ben', 'Kim', ?)"
        " RETURNING id",
        [seeker.id, D(2026, 11, 20)],
    )
    conn.execute(
        "INSERT INTO meeting (seeker_id, contact_id, held_on, thank_you_on) VALUES (?, ?, ?, ?)",
        [seeker.id, contact, D(2021, 5, 3), D(2021, 5, 3)],
    )
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel) VALUES (?, ?, ?, 'email')",
        [seeker.id, contact, D(2021, 4, 1)],
    )
    tables = registry.load_frames(conn, seeker.id, "outreach", "meetings", "referrals", "follow_ups")
    for loaded in (tables, None):
        found = due_list_for(conn, seeker, as_of=D(2026, 12, 2), tables=loaded)
        assert [(i.key, i.due_on) for i in found.items] == [
            (f"keep_in_touch:contact:{contact}", D(2026, 11, 20))
        ]
        assert [i.kind for i in found.let_go] == ["nudge"]


def test_a_new_seeker_lets_go_after_30_days_and_the_setting_changes_it(conn: db.Connection) -> None:
    from coach.store import tracking

    seeker = store.add_seeker(conn, "Ana Lopez")
    assert seeker.let_go_days == 30 and Cadence.from_seeker(seeker).let_go_days == 30
    tracking.update_settings(conn, seeker.id, {"let_go_days": 90})
    assert Cadence.from_seeker(store.get_seeker(conn, seeker.id)).let_go_days == 90
    with pytest.raises(db.Invalid, match="Let go days"):
        tracking.update_settings(conn, seeker.id, {"let_go_days": 3})


# --- priority -------------------------------------------------------------------


def test_kinds_in_order_of_what_matters_and_the_freshest_first() -> None:
    items = [
        item("keep_in_touch", 2),
        item("nudge", 20),
        item("nudge", 1),
        item("action", 9),
        item("thank_you", 5),
        item("next_contact", 0),
        item("referral_loop", 3),
        item("thank_you", 0),
    ]
    assert [(i.kind, i.overdue_days) for i in by_priority(items)] == [
        ("thank_you", 0),
        ("thank_you", 5),
        ("referral_loop", 3),
        ("action", 9),
        ("nudge", 1),
        ("nudge", 20),
        ("next_contact", 0),
        ("keep_in_touch", 2),
    ]
    assert [(kind, len(group)) for kind, group in group_by_kind(items)] == [
        ("thank_you", 2),
        ("referral_loop", 1),
        ("action", 1),
        ("nudge", 2),
        ("next_contact", 1),
        ("keep_in_touch", 1),
    ]
    assert PRIORITY.index("thank_you") < PRIORITY.index("nudge") < PRIORITY.index("keep_in_touch")


def test_the_due_list_counts_each_kind_and_what_is_overdue() -> None:
    items = [item("nudge", 3), item("nudge", 0), item("thank_you", 1), item("action", 0)]
    assert kind_totals(items) == dict.fromkeys(PRIORITY, 0) | {"nudge": 2, "thank_you": 1, "action": 1}
    assert kind_totals([]) == dict.fromkeys(PRIORITY, 0)
    assert overdue_count(items) == 2 and overdue_count([]) == 0
    assert [when_due(i) for i in items] == ["3 days overdue", "due today", "1 day overdue", "due today"]


def test_the_due_list_comes_a_page_at_a_time() -> None:
    items = [item("nudge", n, key=f"nudge:{n}") for n in range(23)]
    assert [paging.page_count(n, 10) for n in (0, 1, 10, 11, 23)] == [1, 1, 1, 2, 3]
    assert items[paging.page_slice(1, 10)] == items[:10] and items[paging.page_slice(3, 10)] == items[20:]
    assert [][paging.page_slice(1, 10)] == []


def test_what_was_just_done_can_be_undone_for_ten_minutes() -> None:
    assert UNDO_SECONDS == 600
    early, late = {"at": 1000.0, "what": "early"}, {"at": 1500.0, "what": "late"}
    assert undoable([early, late], now=1599.0) == [early, late]
    assert undoable([early, late], now=1600.0) == [late]
    assert undoable([early, late], now=2100.0) == []
    assert undoable([early], now=1001.0)[0] is early  # the entry itself, to find it again on undo


def test_the_cadence_preset_reads_as_the_screens_name_it() -> None:
    assert Cadence().preset_name == "default"
    assert Cadence(preset="3b7").preset_name == "3B7"


def test_every_cadence_preset_says_what_it_does() -> None:
    assert [describe_cadence(preset) for preset in CADENCES] == [
        "Default: one nudge after the answer window",
        "3B7: next contact after 3 business days, nudge after 7",
    ]


def test_settings_from_a_form_are_whole_numbers_but_the_cadence() -> None:
    typed = typed_settings({"cadence": "3b7", "weekly_goal": 9.0, "let_go_days": "60"})
    assert typed == {"cadence": "3b7", "weekly_goal": 9, "let_go_days": 60}
    assert all(type(typed[name]) is int for name in ("weekly_goal", "let_go_days"))
    assert typed_settings({}) == {}


def test_the_due_list_comes_in_priority_order() -> None:
    found = due_items(*long_silence().frames(D(2026, 3, 20)), as_of=D(2026, 3, 20), settings=DEFAULT)
    assert [i.kind for i in found] == ["thank_you", "referral_loop", "action", "nudge"]


# --- etiquette --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "actual", "over"),
    [
        (20, 25, False),  # 5 minutes: the floor
        (20, 26, True),
        (10, 15, False),
        (10, 16, True),
        (30, 36, False),  # 20% of 30 is 6
        (30, 37, True),
        (27, 32, False),  # 20% of 27 is 5.4
        (27, 33, True),
        (60, 72, False),
        (60, 73, True),
        (20, 19, False),
    ],
)
def test_a_conversation_is_on_time_within_5_minutes_or_20_percent(
    planned: int, actual: int, over: bool
) -> None:
    assert ran_over(planned, actual) is over
    found = etiquette_flags(
        frame(OUTREACH, []),
        frame(MEETINGS, [meeting(1, 1, D(2026, 3, 10), minutes_planned=planned, minutes_actual=actual)]),
        frame(REFERRALS, []),
        as_of=D(2026, 3, 11),
    )
    assert [f.kind for f in found] == (["over_time"] if over else [])


def test_etiquette_notes_are_advice_not_blame() -> None:
    found = etiquette_flags(
        frame(OUTREACH, [request(1, 2, D(2026, 3, 2), followed_up_on=D(2026, 3, 9))]),
        frame(
            MEETINGS,
            [
                meeting(1, 1, D(2026, 3, 10), minutes_actual=30, thank_you_on=D(2026, 3, 15)),
                meeting(2, 3, D(2026, 3, 20)),
            ],
        ),
        frame(REFERRALS, [referral(1, 1, 3, D(2026, 3, 10))]),
        as_of=D(2026, 3, 31),
    )
    assert [f.text for f in found] == [
        "Ben Kim was followed up after 7 days; waiting 14 days before one polite follow-up "
        "gives people time to answer.",
        "The conversation with Ana Lopez on 10 Mar 2026 ran 10 minutes past the 20 asked for; "
        "starting to wrap up a couple of minutes early helps keep to the time.",
        "The thank-you to Ana Lopez for the conversation on 10 Mar 2026 went 5 days after it; "
        "a day or two keeps it fresh.",
        "Ana Lopez would be glad to hear that you met Cara Diaz on 20 Mar 2026.",
        "A short thank-you to Cara Diaz for the conversation on 20 Mar 2026 would still be welcome.",
    ]
    blame = ("not ", "no ", "failed", "should", "late", "never")
    assert not [f.text for f in found if any(word in f.text.lower() for word in blame)]
