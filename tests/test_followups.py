"""The follow-up engine, day by day over scripted months, and the etiquette flags."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from coach import store
from coach.errors import Invalid
from coach.rules.followups import (
    Cadence,
    DueItem,
    add_business_days,
    due_counts,
    due_items,
    etiquette_flags,
    organisation,
    record_for,
    upcoming_items,
)
from coach.rules.metrics import outreach_status
from coach.store import db
from tests.conftest import ANCHOR

D = date
DEFAULT = Cadence()
B7 = Cadence(preset="3b7")

OUTREACH = ["id", "contact_id", "contact", "company", "warmth", "source", "sent_on", "channel", "template"]
OUTREACH += ["minutes_asked", "followed_up_on", "responded_on", "outcome"]
MEETINGS = ["id", "contact_id", "contact", "outreach_id", "held_on", "mode", "company", "minutes_planned"]
MEETINGS += ["minutes_actual", "talk_share", "fit", "thank_you_on"]
REFERRALS = ["id", "referrer_id", "referrer", "referred_id", "referred", "referred_on", "meeting_id"]
REFERRALS += ["referrer_told_on"]
FOLLOW_UPS = ["id", "kind", "contact_id", "outreach_id", "meeting_id", "referral_id", "title", "due_on"]
FOLLOW_UPS += ["done_on", "snoozed_until", "skipped_on", "skip_reason"]
CONTACTS = ["id", "first_name", "last_name", "name", "company", "position", "email", "phone"]
CONTACTS += ["profile_url", "source", "warmth", "connected_on", "added_on"]

LOADS = (
    store.load_outreach,
    store.load_meetings,
    store.load_referrals,
    store.load_follow_ups,
    store.load_contacts,
)
PEOPLE = {
    1: ("Ana Lopez", "Brightwave Inc.", "inner_circle"),
    2: ("Ben Kim", "Northwind Labs", "cold"),
    3: ("Cara Diaz", "Acme Analytics", "referral"),
    4: ("Dev Shah", "Juniper Insurance", "unknown"),
    5: ("Eve Park", "Brightwave", "cold"),
    6: ("Finn Ross", "brightwave, inc", "inner_circle"),
}


def frame(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A frame with a store loader's columns; unset cells are empty."""
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))


def contacts_frame() -> pd.DataFrame:
    """The scenario's contacts, as load_contacts gives them."""
    rows = []
    for contact_id, (name, company, warmth) in PEOPLE.items():
        first, last = name.split(" ", 1)
        person = {"id": contact_id, "first_name": first, "last_name": last, "name": name}
        rows.append({**person, "company": company, "warmth": warmth, "source": "other"})
    return frame(CONTACTS, rows)


def request(rid: int, contact_id: int, sent: date, **extra: Any) -> dict[str, Any]:
    """An outreach row sent by e-mail."""
    name, company, warmth = PEOPLE[contact_id]
    row = {"id": rid, "contact_id": contact_id, "contact": name, "company": company, "warmth": warmth}
    return {**row, "sent_on": sent, "channel": "email", **extra}


def meeting(mid: int, contact_id: int, held: date, **extra: Any) -> dict[str, Any]:
    """A meeting row with 20 minutes planned."""
    row = {"id": mid, "contact_id": contact_id, "contact": PEOPLE[contact_id][0], "held_on": held}
    return {**row, "company": PEOPLE[contact_id][1], "minutes_planned": 20, **extra}


def referral(rid: int, referrer: int, referred: int, on: date, **extra: Any) -> dict[str, Any]:
    """A referral row: ``referrer`` pointed the seeker to ``referred``."""
    names = {"referrer": PEOPLE[referrer][0], "referred": PEOPLE[referred][0]}
    return {"id": rid, "referrer_id": referrer, "referred_id": referred, "referred_on": on, **names, **extra}


def days(first: date, last: date) -> Iterator[date]:
    """Every day from first to last, inclusive."""
    for n in range((last - first).days + 1):
        yield first + timedelta(days=n)


@dataclass
class Scenario:
    """The store's rows; a follow-up row counts from its ``written`` day, as when the UI writes it."""

    outreach: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)

    def frames(self, day: date) -> tuple[pd.DataFrame, ...]:
        """The five frames as the store held them at the end of ``day``."""
        written = [r for r in self.follow_ups if r.get("written", date.min) <= day]
        return (
            frame(OUTREACH, self.outreach),
            frame(MEETINGS, self.meetings),
            frame(REFERRALS, self.referrals),
            frame(FOLLOW_UPS, written),
            contacts_frame(),
        )

    def items(self, day: date, settings: Cadence = DEFAULT) -> list[DueItem]:
        """Items due as of ``day``."""
        return due_items(*self.frames(day), as_of=day, settings=settings)

    def due(self, day: date, settings: Cadence = DEFAULT) -> dict[str, int]:
        """Key -> overdue days of the items due as of ``day``."""
        return {item.key: item.overdue_days for item in self.items(day, settings)}

    def item(self, day: date, key: str, settings: Cadence = DEFAULT) -> DueItem:
        """The item with this key, due as of ``day``."""
        return next(item for item in self.items(day, settings) if item.key == key)

    def record(self, item: DueItem, action: str, *, on: date, **extra: Any) -> None:
        """Store what the UI would write when the seeker acts on an item on ``on``."""
        row = record_for(item, action, on=on, **extra)
        self.follow_ups.append({**row, "id": 100 + len(self.follow_ups), "written": on})


def expected(windows: dict[str, tuple[date, date]], day: date) -> dict[str, int]:
    """Key -> overdue days for every (first due, last day shown) window holding ``day``."""
    return {key: (day - first).days for key, (first, last) in windows.items() if first <= day <= last}


# --- the scripted month ---------------------------------------------------


def march() -> Scenario:
    """Four requests, an answer, a late answer, a follow-up, two meetings, a referral and an action."""
    return Scenario(
        outreach=[
            request(1, 1, D(2026, 3, 2), responded_on=D(2026, 3, 4), outcome="agreed"),
            request(2, 2, D(2026, 3, 3), followed_up_on=D(2026, 3, 19)),
            request(3, 3, D(2026, 3, 11), responded_on=D(2026, 3, 12), outcome="agreed"),
            request(4, 4, D(2026, 3, 5), responded_on=D(2026, 3, 25), outcome="declined"),
        ],
        meetings=[
            meeting(1, 1, D(2026, 3, 10), outreach_id=1, thank_you_on=D(2026, 3, 13)),
            meeting(2, 3, D(2026, 3, 20), outreach_id=3, thank_you_on=D(2026, 3, 21)),
        ],
        referrals=[referral(1, 1, 3, D(2026, 3, 10), meeting_id=1, referrer_told_on=D(2026, 3, 25))],
        follow_ups=[
            {"id": 1, "kind": "action", "title": "Update CV headline", "due_on": D(2026, 3, 9)}
            | {"done_on": D(2026, 3, 11)}
        ],
    )


MARCH = {
    "action:follow_up:1": (D(2026, 3, 9), D(2026, 3, 10)),  # done on the 11th
    "thank_you:meeting:1": (D(2026, 3, 12), D(2026, 3, 12)),  # sent on the 13th, a day late
    "nudge:outreach:2": (D(2026, 3, 17), D(2026, 3, 18)),  # followed up on the 19th
    "nudge:outreach:4": (D(2026, 3, 19), D(2026, 3, 24)),  # answered (late) on the 25th
    "referral_loop:referral:1": (D(2026, 3, 22), D(2026, 3, 24)),  # Ana told on the 25th
}


@pytest.mark.parametrize("day", list(days(D(2026, 3, 1), D(2026, 3, 31))), ids=str)
def test_march_day_by_day(day: date) -> None:
    assert march().due(day) == expected(MARCH, day)


def test_items_say_who_and_what() -> None:
    item = march().item(D(2026, 3, 12), "thank_you:meeting:1")
    assert item.title == "Thank Ana Lopez for the conversation on 10 Mar 2026"
    assert (item.kind, item.contact_id, item.contact, item.company) == (
        "thank_you",
        1,
        "Ana Lopez",
        "Brightwave Inc.",
    )
    assert (item.meeting_id, item.due_on, item.overdue_days) == (1, D(2026, 3, 12), 0)
    loop = march().item(D(2026, 3, 23), "referral_loop:referral:1")
    assert (loop.contact, loop.referral_id) == ("Ana Lopez", 1)
    assert loop.title == "Tell Ana Lopez you met Cara Diaz on 20 Mar 2026"
    nudge = march().item(D(2026, 3, 20), "nudge:outreach:4")
    assert (nudge.outreach_id, nudge.contact, nudge.title) == (
        4,
        "Dev Shah",
        "Follow up with Dev Shah on your request of 5 Mar 2026",
    )


def test_upcoming_items_are_the_next_week_if_nothing_changes() -> None:
    scenario = march()
    coming = upcoming_items(*scenario.frames(D(2026, 3, 10)), as_of=D(2026, 3, 10), settings=DEFAULT)
    assert [(i.key, i.due_on, i.overdue_days) for i in coming] == [
        ("thank_you:meeting:1", D(2026, 3, 12), -2),
        ("nudge:outreach:2", D(2026, 3, 17), -7),
    ]
    later = upcoming_items(*scenario.frames(D(2026, 3, 10)), as_of=D(2026, 3, 10), settings=DEFAULT, days=9)
    assert [i.key for i in later][-1] == "nudge:outreach:4"


def test_answers_and_follow_ups_dated_after_the_day_do_not_count_yet() -> None:
    scenario = march()
    assert "nudge:outreach:4" in scenario.due(D(2026, 3, 24))  # the answer of the 25th does not exist yet
    assert "nudge:outreach:2" in scenario.due(D(2026, 3, 18))  # nor the follow-up of the 19th


def test_an_outcome_without_a_date_counts_as_answered_when_sent() -> None:
    scenario = Scenario(outreach=[request(1, 1, D(2026, 3, 2), outcome="replied")])
    assert all(scenario.due(day) == {} for day in days(D(2026, 3, 1), D(2026, 5, 1)))


# --- nudges: never a second one -------------------------------------------


def test_no_second_nudge_after_the_follow_up() -> None:
    scenario = Scenario(outreach=[request(1, 2, D(2026, 3, 2), followed_up_on=D(2026, 3, 18))])
    windows = {"nudge:outreach:1": (D(2026, 3, 16), D(2026, 3, 17))}
    for day in days(D(2026, 3, 1), D(2026, 6, 30)):
        assert scenario.due(day) == expected(windows, day), day
    status = outreach_status(frame(OUTREACH, scenario.outreach), as_of=D(2026, 4, 1), window_days=14)
    assert status.iloc[0] == "no_response"  # closed as no response; nothing more is due


# --- done, snoozed, skipped -----------------------------------------------


def silent_request() -> Scenario:
    """One request to Ben, sent 3 March and never answered: its nudge is due 17 March."""
    return Scenario(outreach=[request(2, 2, D(2026, 3, 3))])


def test_snooze_hides_until_the_date_then_counts_overdue_from_it() -> None:
    scenario = silent_request()
    scenario.record(
        scenario.item(D(2026, 3, 18), "nudge:outreach:2"), "snoozed", on=D(2026, 3, 18), until=D(2026, 3, 21)
    )
    windows = {"nudge:outreach:2": (D(2026, 3, 17), D(2026, 3, 17))}
    for day in days(D(2026, 3, 1), D(2026, 3, 20)):
        assert scenario.due(day) == expected(windows, day), day
    for day in days(D(2026, 3, 21), D(2026, 4, 20)):
        assert scenario.due(day) == {"nudge:outreach:2": (day - D(2026, 3, 21)).days}, day
    assert scenario.due(D(2026, 4, 21)) == {}  # 31 days past the snooze: let go
    assert scenario.item(D(2026, 3, 22), "nudge:outreach:2").due_on == D(2026, 3, 21)


def test_snoozed_item_shows_as_upcoming_on_its_new_day() -> None:
    scenario = silent_request()
    scenario.record(
        scenario.item(D(2026, 3, 17), "nudge:outreach:2"), "snoozed", on=D(2026, 3, 17), until=D(2026, 3, 20)
    )
    coming = upcoming_items(*scenario.frames(D(2026, 3, 17)), as_of=D(2026, 3, 17), settings=DEFAULT)
    assert [(i.key, i.due_on) for i in coming] == [("nudge:outreach:2", D(2026, 3, 20))]


def test_skip_removes_the_item_for_good() -> None:
    scenario = silent_request()
    scenario.record(
        scenario.item(D(2026, 3, 19), "nudge:outreach:2"),
        "skipped",
        on=D(2026, 3, 19),
        reason="Left the company",
    )
    windows = {"nudge:outreach:2": (D(2026, 3, 17), D(2026, 3, 18))}
    for day in days(D(2026, 3, 1), D(2026, 6, 30)):
        assert scenario.due(day) == expected(windows, day), day
    assert scenario.follow_ups[0]["skip_reason"] == "Left the company"


def test_done_removes_the_item_and_its_date_matters() -> None:
    scenario = Scenario(meetings=[meeting(1, 1, D(2026, 3, 10))])
    scenario.record(scenario.item(D(2026, 3, 14), "thank_you:meeting:1"), "done", on=D(2026, 3, 14))
    windows = {"thank_you:meeting:1": (D(2026, 3, 12), D(2026, 3, 13))}
    for day in days(D(2026, 3, 1), D(2026, 5, 31)):
        assert scenario.due(day) == expected(windows, day), day
    scenario.follow_ups[0]["written"] = date.min  # a record dated later does not count before its day
    assert scenario.due(D(2026, 3, 13)) == {"thank_you:meeting:1": 1}


# --- keep in touch --------------------------------------------------------


def test_keep_in_touch_every_90_days_and_a_done_one_restarts_the_clock() -> None:
    scenario = Scenario(meetings=[meeting(1, 1, D(2026, 1, 5), thank_you_on=D(2026, 1, 6))])
    key = "keep_in_touch:contact:1"
    scenario.record(scenario.item(D(2026, 4, 8), key), "done", on=D(2026, 4, 8))
    windows = {key: (D(2026, 4, 6), D(2026, 4, 7))}  # 90 days after the thank-you, the last interaction
    seen = []
    for day in days(D(2026, 1, 1), D(2026, 8, 31)):
        items = scenario.items(day)
        due = {item.key: item.overdue_days for item in items}
        if day >= D(2026, 7, 7):  # 90 days after the done keep-in-touch
            assert due == {key: (day - D(2026, 7, 7)).days}, day
        else:
            assert due == expected(windows, day), day
        seen += [item.due_on for item in items]
    starts = sorted(set(seen))
    assert starts == [D(2026, 4, 6), D(2026, 7, 7)]
    assert all((b - a).days >= 90 for a, b in itertools.pairwise(starts))


def test_keep_in_touch_counts_every_interaction_and_only_people_met() -> None:
    scenario = Scenario(
        outreach=[
            request(1, 1, D(2026, 2, 20), responded_on=D(2026, 2, 22), outcome="replied"),
            request(2, 2, D(2026, 1, 10), responded_on=D(2026, 1, 12), outcome="declined"),
        ],
        meetings=[meeting(1, 1, D(2026, 1, 5), thank_you_on=D(2026, 1, 6)), meeting(2, 1, D(2026, 9, 1))],
    )
    first_due = [day for day in days(D(2026, 1, 1), D(2026, 8, 31)) if scenario.due(day)]
    assert first_due[0] == D(2026, 5, 23)  # 90 days after the answer of 22 Feb
    assert {key for day in first_due for key in scenario.due(day)} == {"keep_in_touch:contact:1"}


def test_telling_a_referrer_is_an_interaction_with_them() -> None:
    scenario = Scenario(
        meetings=[meeting(1, 1, D(2026, 1, 5), thank_you_on=D(2026, 1, 5)), meeting(2, 3, D(2026, 2, 1))],
        referrals=[referral(1, 1, 3, D(2026, 1, 5), referrer_told_on=D(2026, 2, 3))],
    )
    assert scenario.item(D(2026, 5, 4), "keep_in_touch:contact:1").due_on == D(2026, 5, 4)


# --- the 3B7 preset ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (D(2026, 3, 6), 3, D(2026, 3, 11)),  # Friday + 3 -> Wednesday
        (D(2026, 3, 6), 7, D(2026, 3, 17)),  # Friday + 7 -> Tuesday week
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # Saturday + 1 -> Monday
        (D(2026, 3, 9), 5, D(2026, 3, 16)),
        (D(2026, 3, 11), 0, D(2026, 3, 11)),
        (D(2026, 3, 16), -1, D(2026, 3, 13)),
        (D(2026, 3, 7), 5, D(2026, 3, 13)),  # Saturday + 5 -> Friday, not the Saturday after
        (D(2026, 3, 15), -5, D(2026, 3, 9)),  # Sunday - 5 -> Monday
    ],
)
def test_add_business_days_skips_weekends(start: date, n: int, end: date) -> None:
    assert add_business_days(start, n) == end


def test_add_business_days_agrees_with_counting_day_by_day() -> None:
    for start in days(D(2026, 3, 2), D(2026, 3, 8)):  # every weekday
        for n in range(-25, 26):
            day, left = start, abs(n)
            while left:
                day += timedelta(days=1 if n > 0 else -1)
                left -= day.weekday() < 5
            assert add_business_days(start, n) == day, (start, n)


def friday_request() -> Scenario:
    """A request to Ana at Brightwave, sent Friday 6 March; two others work there, one not yet asked."""
    return Scenario(outreach=[request(1, 1, D(2026, 3, 6))])


def test_3b7_next_contact_after_3_business_days_and_nudge_after_7() -> None:
    scenario = friday_request()
    windows = {
        "next_contact:outreach:1": (D(2026, 3, 11), D(2026, 3, 31)),
        "nudge:outreach:1": (D(2026, 3, 17), D(2026, 3, 31)),
    }
    for day in days(D(2026, 3, 6), D(2026, 3, 31)):
        assert scenario.due(day, B7) == expected(windows, day), day


def test_3b7_next_contact_suggests_the_warmest_unasked_person_at_the_same_organisation() -> None:
    item = friday_request().item(D(2026, 3, 11), "next_contact:outreach:1", B7)
    assert (item.suggested_contact_id, item.suggested_contact) == (6, "Finn Ross")
    assert item.title == "Contact someone else at Brightwave Inc.: try Finn Ross"


def test_3b7_next_contact_is_gone_once_someone_else_there_is_asked_or_they_answer() -> None:
    scenario = friday_request()
    scenario.outreach.append(request(2, 6, D(2026, 3, 12)))
    assert scenario.due(D(2026, 3, 11), B7) == {"next_contact:outreach:1": 0}
    assert scenario.due(D(2026, 3, 12), B7) == {}
    later = scenario.item(D(2026, 3, 17), "next_contact:outreach:2", B7)  # Thursday + 3 -> Tuesday
    assert (later.overdue_days, later.suggested_contact) == (0, "Eve Park")
    scenario.outreach[0].update(responded_on=D(2026, 3, 13), outcome="replied")
    assert "nudge:outreach:1" not in scenario.due(D(2026, 3, 20), B7)


def test_3b7_replaces_the_window_nudge() -> None:
    scenario = friday_request()
    assert scenario.item(D(2026, 3, 25), "nudge:outreach:1", B7).due_on == D(2026, 3, 17)
    assert scenario.item(D(2026, 3, 25), "nudge:outreach:1").due_on == D(2026, 3, 20)
    assert not any(key.startswith("next_contact") for key in scenario.due(D(2026, 3, 25)))


# --- settings -----------------------------------------------------------------


def first_due_day(scenario: Scenario, key: str, settings: Cadence) -> date:
    """The first day in March-April the item is due."""
    return next(day for day in days(D(2026, 3, 1), D(2026, 4, 30)) if key in scenario.due(day, settings))


def test_settings_change_the_dates() -> None:
    scenario = Scenario(
        outreach=[request(1, 2, D(2026, 3, 2))],
        meetings=[meeting(1, 3, D(2026, 3, 10))],
        referrals=[referral(1, 1, 3, D(2026, 3, 1))],
    )
    quick = Cadence(answer_window_days=7, thank_you_days=1, referral_loop_days=3)
    assert first_due_day(scenario, "nudge:outreach:1", DEFAULT) == D(2026, 3, 16)
    assert first_due_day(scenario, "nudge:outreach:1", quick) == D(2026, 3, 9)
    assert first_due_day(scenario, "thank_you:meeting:1", DEFAULT) == D(2026, 3, 12)
    assert first_due_day(scenario, "thank_you:meeting:1", quick) == D(2026, 3, 11)
    assert first_due_day(scenario, "referral_loop:referral:1", DEFAULT) == D(2026, 3, 12)
    assert first_due_day(scenario, "referral_loop:referral:1", quick) == D(2026, 3, 13)


def test_cadence_from_a_seeker_and_a_bad_preset(conn: db.Connection) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    assert Cadence.from_seeker(seeker) == Cadence()
    conn.execute("UPDATE seeker SET cadence = '3b7', answer_window_days = 10 WHERE id = ?", [seeker.id])
    assert Cadence.from_seeker(store.get_seeker(conn, seeker.id)) == Cadence(
        answer_window_days=10, preset="3b7"
    )
    with pytest.raises(Invalid, match="preset"):
        Cadence(preset="weekly")


# --- counts, records and the store ------------------------------------------


def test_due_counts_always_has_the_four_kinds() -> None:
    assert due_counts([]) == {"thank_you": 0, "nudge": 0, "referral_loop": 0, "keep_in_touch": 0}
    counts = due_counts(march().items(D(2026, 3, 22)))
    assert counts == {"thank_you": 0, "nudge": 1, "referral_loop": 1, "keep_in_touch": 0}


def test_record_for_rejects_unknown_actions_and_bare_snoozes() -> None:
    item = silent_request().item(D(2026, 3, 17), "nudge:outreach:2")
    with pytest.raises(Invalid, match="not one of"):
        record_for(item, "deleted", on=D(2026, 3, 17))
    with pytest.raises(Invalid, match="until"):
        record_for(item, "snoozed", on=D(2026, 3, 17))
    row = record_for(item, "done", on=D(2026, 3, 18))
    assert row == {
        "id": None,  # a new row to insert
        "kind": "nudge",
        "contact_id": 2,
        "outreach_id": 2,
        "meeting_id": None,
        "referral_id": None,
        "title": "Follow up with Ben Kim on your request of 3 Mar 2026",
        "due_on": D(2026, 3, 17),
        "done_on": D(2026, 3, 18),
        "snoozed_until": None,
        "skipped_on": None,
        "skip_reason": None,
    }


def test_records_written_to_the_store_settle_items(conn: db.Connection) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    contact = db.scalar(
        conn,
        "INSERT INTO contact (seeker_id, first_name, last_name, company) VALUES (?, 'Ben', 'Kim', 'Acme') RETURNING id",
        [seeker.id],
    )
    conn.execute(
        "INSERT INTO meeting (seeker_id, contact_id, held_on, minutes_planned) VALUES (?, ?, ?, 20)",
        [seeker.id, contact, D(2026, 3, 10)],
    )
    conn.execute(
        "INSERT INTO follow_up (seeker_id, kind, title, due_on) VALUES (?, 'action', 'Update CV', ?)",
        [seeker.id, D(2026, 3, 11)],
    )

    def due(day: date) -> list[DueItem]:
        frames = [load(conn, seeker.id) for load in LOADS]
        return due_items(*frames, as_of=day, settings=Cadence.from_seeker(seeker))

    items = due(D(2026, 3, 12))
    assert [i.key.split(":")[0] for i in items] == ["thank_you", "action"]
    thanks, action = items
    row = record_for(thanks, "done", on=D(2026, 3, 12))
    columns = [c for c in row if c != "id"]
    marks = ", ".join("?" * len(columns))
    conn.execute(
        f"INSERT INTO follow_up (seeker_id, {', '.join(columns)}) VALUES (?, {marks})",
        [seeker.id, *(row[c] for c in columns)],
    )
    update = record_for(action, "skipped", on=D(2026, 3, 12), reason="Done in session")
    assert update["id"] == action.follow_up_id
    conn.execute(
        "UPDATE follow_up SET skipped_on = ?, skip_reason = ? WHERE id = ?",
        [update["skipped_on"], update["skip_reason"], update["id"]],
    )
    assert due(D(2026, 3, 12)) == []
    assert [i.key for i in due(D(2026, 3, 11))] == [action.key]  # skipped only on the 12th


# --- the demo ---------------------------------------------------------------------


def demo_frames(path: str) -> list[tuple[store.Seeker, tuple[pd.DataFrame, ...]]]:
    """Each demo seeker with their five frames, read in one short session."""
    with db.session(path) as conn:
        return [(s, tuple(load(conn, s.id) for load in LOADS)) for s in store.list_seekers(conn)]


def test_demo_has_every_kind_due_and_only_the_seekers_own_contacts(demo_file: str) -> None:
    totals = dict.fromkeys(("thank_you", "nudge", "referral_loop", "keep_in_touch"), 0)
    for seeker, frames in demo_frames(demo_file):
        for settings in (Cadence.from_seeker(seeker), B7):
            items = due_items(*frames, as_of=ANCHOR, settings=settings)
            own = set(frames[4]["id"])
            assert {i.contact_id for i in items if i.contact_id is not None} <= own
            assert {i.suggested_contact_id for i in items if i.suggested_contact_id is not None} <= own
            assert len({i.key for i in items}) == len(items)
            assert all(i.overdue_days >= 0 and i.due_on <= ANCHOR for i in items)
        for kind, count in due_counts(
            due_items(*frames, as_of=ANCHOR, settings=Cadence.from_seeker(seeker))
        ).items():
            totals[kind] += count
    assert totals["thank_you"] >= 1 and totals["nudge"] >= 1 and totals["referral_loop"] >= 1


def test_demo_next_contact_suggestions_work_at_the_same_organisation(demo_file: str) -> None:
    for _, frames in demo_frames(demo_file):
        companies = dict(zip(frames[4]["id"], frames[4]["company"], strict=True))
        for item in due_items(*frames, as_of=ANCHOR, settings=B7):
            if item.suggested_contact_id is not None:
                assert organisation(companies[item.suggested_contact_id]) == organisation(item.company)


@pytest.mark.parametrize(
    ("company", "org"),
    [
        ("Northwind Labs, Inc.", "northwind labs"),
        ("  Cobalt & Finch LLC ", "cobalt finch"),
        ("Pinnacle Retail Co", "pinnacle retail"),
        ("Vogel Systeme GmbH", "vogel systeme"),
        ("", ""),
        (None, ""),
    ],
)
def test_organisation_names_compare_like_the_domain_says(company: str | None, org: str) -> None:
    assert organisation(company) == org


END_OF_MARCH = D(2026, 3, 31)


# --- etiquette ------------------------------------------------------------------


def flags(
    *,
    outreach: Sequence[dict[str, Any]] = (),
    meetings: Sequence[dict[str, Any]] = (),
    referrals: Sequence[dict[str, Any]] = (),
    as_of: date = END_OF_MARCH,
) -> list[tuple[str, int | None]]:
    """(kind, contact id) of each flag as of a day."""
    found = etiquette_flags(
        frame(OUTREACH, outreach), frame(MEETINGS, meetings), frame(REFERRALS, referrals), as_of=as_of
    )
    return [(f.kind, f.contact_id) for f in found]


def test_a_clean_record_has_no_flags() -> None:
    assert (
        flags(
            outreach=[
                request(1, 1, D(2026, 1, 5), followed_up_on=D(2026, 1, 19)),
                request(2, 1, D(2026, 4, 1)),
            ],
            meetings=[
                meeting(1, 1, D(2026, 3, 10), minutes_actual=20, thank_you_on=D(2026, 3, 12)),
                meeting(2, 3, D(2026, 3, 20), minutes_actual=18, thank_you_on=D(2026, 3, 20)),
            ],
            referrals=[referral(1, 1, 3, D(2026, 3, 10), referrer_told_on=D(2026, 3, 21))],
        )
        == []
    )


def test_meeting_over_the_time_asked_for() -> None:
    assert flags(
        meetings=[meeting(1, 1, D(2026, 3, 10), minutes_actual=35, thank_you_on=D(2026, 3, 10))]
    ) == [("over_time", 1)]
    assert (
        flags(meetings=[meeting(1, 1, D(2026, 3, 10), minutes_actual=20, thank_you_on=D(2026, 3, 10))]) == []
    )


@pytest.mark.parametrize(
    ("thanked", "as_of", "flagged"),
    [
        (D(2026, 3, 13), D(2026, 3, 31), True),  # sent 3 days after
        (D(2026, 3, 12), D(2026, 3, 31), False),  # within 2 days
        (None, D(2026, 3, 12), False),  # not sent, but still in time
        (None, D(2026, 3, 13), True),  # not sent and overdue
        (
            D(2026, 3, 20),
            D(2026, 3, 12),
            False,
        ),  # the late thank-you does not exist yet, and it is not late yet
    ],
)
def test_thank_you_not_sent_within_two_days(thanked: date | None, as_of: date, flagged: bool) -> None:
    found = flags(meetings=[meeting(1, 1, D(2026, 3, 10), thank_you_on=thanked)], as_of=as_of)
    assert found == ([("thank_you_late", 1)] if flagged else [])


@pytest.mark.parametrize(
    ("told", "as_of", "flagged"),
    [(None, D(2026, 3, 23), True), (None, D(2026, 3, 22), False), (D(2026, 3, 21), D(2026, 3, 31), False)],
)
def test_referral_met_but_referrer_not_told(told: date | None, as_of: date, flagged: bool) -> None:
    found = flags(
        meetings=[meeting(1, 3, D(2026, 3, 20), thank_you_on=D(2026, 3, 20))],
        referrals=[referral(1, 1, 3, D(2026, 3, 10), referrer_told_on=told)],
        as_of=as_of,
    )
    assert found == ([("referrer_not_told", 1)] if flagged else [])


@pytest.mark.parametrize(
    ("second_follow_up", "as_of", "flagged"),
    [
        (D(2026, 3, 16), D(2026, 3, 31), True),  # 65 days after the first
        (D(2026, 3, 16), D(2026, 3, 15), False),  # not nudged twice yet
        (D(2026, 5, 1), D(2026, 5, 31), False),  # 111 days apart
    ],
)
def test_contact_nudged_more_than_once_in_90_days(second_follow_up: date, as_of: date, flagged: bool) -> None:
    second_sent = second_follow_up - timedelta(days=14)
    found = flags(
        outreach=[
            request(1, 2, D(2026, 1, 1), followed_up_on=D(2026, 1, 10) + timedelta(days=5)),
            request(2, 2, second_sent, followed_up_on=second_follow_up),
        ],
        as_of=as_of,
    )
    assert found == ([("nudged_often", 2)] if flagged else [])


def test_follow_up_before_the_window_passed() -> None:
    assert flags(outreach=[request(1, 2, D(2026, 3, 2), followed_up_on=D(2026, 3, 9))]) == [
        ("nudge_too_soon", 2)
    ]
    assert flags(outreach=[request(1, 2, D(2026, 3, 2), followed_up_on=D(2026, 3, 16))]) == []


def test_flags_say_what_happened() -> None:
    found = etiquette_flags(
        frame(OUTREACH, []),
        frame(MEETINGS, [meeting(1, 1, D(2026, 3, 10), minutes_actual=26, thank_you_on=D(2026, 3, 15))]),
        frame(REFERRALS, []),
        as_of=D(2026, 3, 31),
    )
    assert [(f.on, f.contact, f.text) for f in found] == [
        (
            D(2026, 3, 10),
            "Ana Lopez",
            "The conversation with Ana Lopez on 10 Mar 2026 ran 6 minutes past the 20 asked for; "
            "starting to wrap up a couple of minutes early helps keep to the time.",
        ),
        (
            D(2026, 3, 15),
            "Ana Lopez",
            "The thank-you to Ana Lopez for the conversation on 10 Mar 2026 went 5 days after it; "
            "a day or two keeps it fresh.",
        ),
    ]


@pytest.mark.parametrize(("done", "flagged"), [(D(2026, 3, 11), False), (D(2026, 3, 14), True)])
def test_done_thank_you_records_count_as_thank_yous(done: date, flagged: bool) -> None:
    record = {
        "id": 1,
        "kind": "thank_you",
        "contact_id": 1,
        "meeting_id": 1,
        "due_on": D(2026, 3, 12),
        "done_on": done,
    }
    found = etiquette_flags(
        frame(OUTREACH, []),
        frame(MEETINGS, [meeting(1, 1, D(2026, 3, 10))]),
        frame(REFERRALS, []),
        as_of=END_OF_MARCH,
        follow_ups=frame(FOLLOW_UPS, [record]),
    )
    assert [(f.kind, f.on) for f in found] == ([("thank_you_late", done)] if flagged else [])


def test_next_step_by_contact_takes_the_earliest_item() -> None:
    from coach.rules.followups import DueItem, next_step_by_contact

    items = [
        DueItem("nudge", "nudge:outreach:1", 7, "Bo", "", date(2026, 3, 9), 0, "t"),
        DueItem("thank_you", "thank_you:meeting:2", 7, "Bo", "", date(2026, 3, 2), 0, "t"),
        DueItem("action", "action:follow_up:3", None, "", "", date(2026, 3, 1), 0, "t"),
        DueItem("keep_in_touch", "keep_in_touch:contact:8", 8, "Cy", "", date(2026, 4, 1), 0, "t"),
    ]
    assert next_step_by_contact(items) == {7: "Thank-you, due 2 Mar 2026", 8: "Keep in touch, due 1 Apr 2026"}
