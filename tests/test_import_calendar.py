"""The calendar (.ics) importer: who an event is with, what is left out, links, re-imports, bad files."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import store
from coach.importers import ImportProblem, Plan, apply, calendar, undo_last
from coach.store import db
from coach.store.tracking import Meeting, NewContact, Request, add_contact, log_meeting, log_outreach

TODAY = date(2026, 3, 18)
ME = "ana@example.com"


def seeker(conn: db.Connection) -> int:
    return store.add_seeker(conn, "Ana Lopez").id


def contact(conn: db.Connection, seeker_id: int, first: str, last: str, **kwargs: Any) -> int:
    return add_contact(conn, seeker_id, NewContact(first, last, **kwargs), today=date(2026, 1, 1))


def request(conn: db.Connection, seeker_id: int, contact_id: int, sent_on: date, **kwargs: Any) -> int:
    return log_outreach(conn, seeker_id, Request(contact_id, sent_on, "email", **kwargs), today=TODAY)


def event(
    uid: str | None = "e1",
    *,
    start: str = "DTSTART;TZID=America/New_York:20260310T223000",
    end: str | None = "DTEND;TZID=America/New_York:20260310T230000",
    summary: str = "Informational interview",
    organiser: str | None = ME,
    attendees: tuple[str, ...] = (),
    extra: str = "",
) -> str:
    lines = ["BEGIN:VEVENT"]
    if uid is not None:
        lines.append(f"UID:{uid}")
    lines += ["DTSTAMP:20260301T120000Z", start]
    if end:
        lines.append(end)
    lines.append(f"SUMMARY:{summary}")
    if organiser:
        lines.append(f"ORGANIZER;CN=Organiser:mailto:{organiser}")
    lines += [f"ATTENDEE;CN=Someone;PARTSTAT=ACCEPTED:mailto:{a}" for a in attendees]
    if extra:
        lines += extra.strip().splitlines()
    lines.append("END:VEVENT")
    return "\n".join(lines)


def ics(*events: str, zone: str | None = None) -> bytes:
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        *([f"X-WR-TIMEZONE:{zone}"] if zone else []),
    ]
    body = "\n".join([*head, *events, "END:VCALENDAR", ""])
    return body.replace("\n", "\r\n").encode()


def plan_of(conn: db.Connection, data: bytes, seeker_id: int, **kwargs: Any) -> Plan:
    kwargs.setdefault("file_name", "calendar.ics")
    return calendar.plan(conn, data, seeker_id=seeker_id, today=TODAY, **kwargs)


def run(conn: db.Connection, data: bytes, seeker_id: int, **kwargs: Any) -> Plan:
    plan = plan_of(conn, data, seeker_id, **kwargs)
    apply(conn, plan)
    return plan


def meetings(conn: db.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT contact_id, outreach_id, held_on, mode, company, minutes_planned, event_uid FROM meeting ORDER BY id"
    ).fetchall()


def requests(conn: db.Connection) -> list[tuple[Any, ...]]:
    return conn.execute("SELECT id, sent_on, responded_on, outcome FROM outreach ORDER BY id").fetchall()


def dump(conn: db.Connection) -> dict[str, list[tuple[Any, ...]]]:
    tables = ("contact", "outreach", "meeting")
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_an_attendee_who_is_a_contact_makes_a_conversation_on_the_local_day(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="Hana.Mori@Example.org", company="Acme")
    data = ics(
        event(
            "past-1",
            attendees=(ME, "hana.mori@example.org"),
            extra="LOCATION:https://acme.zoom.us/j/123456789",
        ),
        event(
            "future-1",
            start="DTSTART:20260420T150000Z",
            end="DTEND:20260420T154500Z",
            summary="Follow-up chat",
            attendees=("HANA.MORI@example.org",),
            extra="LOCATION:Acme HQ, 1 Main Street",
        ),
    )
    plan = run(conn, data, sid)
    assert plan.kind == "calendar"
    assert plan.rejected == [] and plan.skipped == []
    assert plan.counts == {
        "meetings": {"new": 2, "updated": 0, "unchanged": 0, "skipped": 0},
        "requests": {"new": 0, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    assert meetings(conn) == [
        (hana, None, date(2026, 3, 10), "video", "Acme", 30, "past-1"),
        (hana, None, date(2026, 4, 20), "in_person", "Acme", 45, "future-1"),
    ]
    # The owner was only guessed (the organiser of most events): not kept for later imports.
    assert (plan.owner_address, plan.owner_how) == ("", "the organiser of most events")
    assert conn.execute("SELECT kind, file_name, owner FROM import_run").fetchall() == [
        ("calendar", "calendar.ics", None)  # a guessed owner is not kept
    ]
    assert plan.notes == [
        "Read as the calendar of ana@example.com.",
        "1 new conversation still to come (after 18 Mar 2026).",
    ]
    sample = plan.samples["meetings"]
    assert list(sample.columns) == ["contact", "held_on", "mode", "minutes_planned"]
    assert sample.iloc[0].to_dict() == {
        "contact": "Hana Mori",
        "held_on": date(2026, 3, 10),
        "mode": "video",
        "minutes_planned": 30,
    }


def test_a_title_naming_one_contact_makes_a_conversation(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori")
    contact(conn, sid, "Bob", "Smith")
    data = ics(
        event(
            "c1",
            start="DTSTART:20260305T090000",
            end="DTEND:20260305T100000",
            summary="Coffee with hana  MORI",
            organiser=None,
        ),
        event("c2", start="DTSTART:20260306T090000", end=None, summary="Hana Mori / Ana", organiser=None),
        event(
            "c3", start="DTSTART:20260307T090000", summary="Hana Mori and Bob Smith", organiser=None, end=None
        ),
        event("c4", start="DTSTART:20260308T090000", summary="Hanami party", organiser=None, end=None),
    )
    plan = run(conn, data, sid)
    assert meetings(conn) == [
        (hana, None, date(2026, 3, 5), "coffee", None, 60, "c1"),
        (hana, None, date(2026, 3, 6), "video", None, None, "c2"),
    ]
    assert [s.reason for s in plan.skipped] == [
        "event 3 (UID c3): the title names more than one of your contacts",
        "event 4 (UID c4): nobody known (no attendee, organiser or name in the title is one of your contacts)",
    ]
    assert plan.counts["meetings"]["skipped"] == 2


def test_events_left_out_are_counted_by_why(conn: db.Connection) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    hana = ("hana@example.org",)
    data = ics(
        event("r1", attendees=hana, extra="RRULE:FREQ=WEEKLY;COUNT=4"),
        event("r2", attendees=hana, extra="RDATE:20260320T100000Z"),
        event("r3", attendees=hana, extra="RECURRENCE-ID:20260317T100000Z"),
        event("a1", start="DTSTART;VALUE=DATE:20260310", end="DTEND;VALUE=DATE:20260311", attendees=hana),
        event("x1", attendees=hana, extra="STATUS:CANCELLED"),
        event("n1", attendees=("stranger@example.com",)),
        event("n2", attendees=("other@example.com",), summary="Standup"),
        event("s1", start="DTSTART:20260101T100000Z", end=None, attendees=hana),
        event("ok", start="DTSTART:20260201T100000Z", end=None, attendees=hana),
    )
    plan = run(conn, data, sid, since=date(2026, 1, 15))
    assert plan.counts["meetings"] == {"new": 1, "updated": 0, "unchanged": 0, "skipped": 8}
    assert len(plan.skipped) == 8
    assert all(s.file == "calendar.ics" for s in plan.skipped)
    assert plan.skipped[0].reason == "event 1 (UID r1): recurring (a series, or one occurrence of a series)"
    left_out = [n for n in plan.notes if "left out" in n]
    assert left_out == [
        "3 events left out: recurring (a series, or one occurrence of a series).",
        "1 event left out: all-day.",
        "1 event left out: cancelled.",
        "1 event left out: before the job search started.",
        "2 events left out: nobody known (no attendee, organiser or name in the title is one of your contacts).",
    ]
    assert [m[6] for m in meetings(conn)] == ["ok"]


def test_a_conversation_links_to_the_latest_request_and_marks_it_agreed(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    bob = contact(conn, sid, "Bob", "Smith", email="bob@example.org")
    cara = contact(conn, sid, "Cara", "Diaz", email="cara@example.org")
    dan = contact(conn, sid, "Dan", "Wu", email="dan@example.org")
    old = request(conn, sid, hana, date(2026, 1, 5))
    latest = request(conn, sid, hana, date(2026, 2, 1))
    after = request(conn, sid, hana, date(2026, 3, 12))  # sent after the conversation
    unmarked = request(conn, sid, bob, date(2026, 2, 2), responded_on=date(2026, 2, 4))
    declined = request(conn, sid, cara, date(2026, 2, 3), responded_on=date(2026, 2, 5), outcome="declined")
    early = request(conn, sid, dan, date(2026, 3, 2))
    data = ics(
        event("h", attendees=("hana@example.org",), extra="CREATED:20260203T080000Z"),
        event("b", start="DTSTART:20260309T100000Z", end=None, attendees=("bob@example.org",)),
        event("c", start="DTSTART:20260308T100000Z", end=None, attendees=("cara@example.org",)),
        # made before the request was sent: answered on the day of the conversation
        event("d", start="DTSTART:20260307T100000Z", end=None, attendees=("dan@example.org",)),
    )
    before = requests(conn)
    plan = run(conn, data, sid)
    assert plan.counts["requests"] == {"new": 0, "updated": 3, "unchanged": 1, "skipped": 0}
    assert requests(conn) == [
        (old, date(2026, 1, 5), None, None),
        (latest, date(2026, 2, 1), date(2026, 2, 3), "agreed"),
        (after, date(2026, 3, 12), None, None),
        (unmarked, date(2026, 2, 2), date(2026, 2, 4), "agreed"),
        (declined, date(2026, 2, 3), date(2026, 2, 5), "declined"),
        (early, date(2026, 3, 2), date(2026, 3, 7), "agreed"),
    ]
    linked = dict(conn.execute("SELECT event_uid, outreach_id FROM meeting").fetchall())
    assert linked == {"h": latest, "b": unmarked, "c": declined, "d": early}

    # The same file again changes nothing.
    again = plan_of(conn, data, sid)
    assert again.counts["meetings"] == {"new": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert again.counts["requests"] == {"new": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    assert all(c.inserts.empty and c.updates.empty for c in again.changes)
    stored = dump(conn)
    apply(conn, again)
    assert dump(conn) == stored

    # Undoing the re-import and the import takes the conversations away and restores the requests.
    undo_last(conn, sid)
    undo_last(conn, sid)
    assert meetings(conn) == []
    assert requests(conn) == before


def test_a_second_conversation_takes_the_next_request_without_one(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    first = request(conn, sid, hana, date(2026, 1, 5))
    second = request(conn, sid, hana, date(2026, 2, 1))
    hana_at = ("hana@example.org",)
    data = ics(
        event("later", start="DTSTART:20260305T100000Z", end=None, attendees=hana_at),
        event("earlier", start="DTSTART:20260110T100000Z", end=None, attendees=hana_at),
    )
    run(conn, data, sid)
    linked = dict(conn.execute("SELECT event_uid, outreach_id FROM meeting").fetchall())
    assert linked == {"earlier": first, "later": second}


def test_a_conversation_logged_by_hand_gains_the_uid_and_is_not_doubled(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org", company="Acme")
    log_meeting(conn, sid, Meeting(hana, date(2026, 3, 10), mode="phone", company="Beta"), today=TODAY)
    data = ics(event("h1", attendees=("hana@example.org",), extra="LOCATION:https://zoom.us/j/1"))
    plan = run(conn, data, sid)
    assert plan.counts["meetings"] == {"new": 0, "updated": 1, "unchanged": 0, "skipped": 0}
    assert meetings(conn) == [(hana, None, date(2026, 3, 10), "phone", "Beta", 30, "h1")]
    again = plan_of(conn, data, sid)
    assert again.counts["meetings"] == {"new": 0, "updated": 0, "unchanged": 1, "skipped": 0}
    undo_last(conn, sid)
    assert meetings(conn) == [(hana, None, date(2026, 3, 10), "phone", "Beta", None, None)]


def test_a_stored_event_only_fills_what_is_empty(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    run(conn, ics(event("h1", end=None, attendees=("hana@example.org",))), sid)
    assert meetings(conn) == [(hana, None, date(2026, 3, 10), "video", None, None, "h1")]
    moved = ics(
        event(
            "h1",
            start="DTSTART:20260312T100000Z",
            end="DTEND:20260312T102000Z",
            attendees=("hana@example.org",),
        )
    )
    plan = run(conn, moved, sid)
    assert plan.counts["meetings"] == {"new": 0, "updated": 1, "unchanged": 0, "skipped": 0}
    assert meetings(conn) == [(hana, None, date(2026, 3, 10), "video", None, 20, "h1")]
    assert (
        "1 event moved since an earlier import; each conversation keeps its stored day (change it there if "
        "it moved): event 1 (now 12 Mar 2026, stored 10 Mar 2026)."
    ) in plan.notes
    cancelled = plan_of(
        conn, ics(event("h1", attendees=("hana@example.org",), extra="STATUS:CANCELLED")), sid
    )
    assert cancelled.counts["meetings"] == {"new": 0, "updated": 0, "unchanged": 0, "skipped": 1}
    assert any(n.startswith("1 event imported earlier, now cancelled;") for n in cancelled.notes)


def test_mode_from_place_and_title() -> None:
    mode = calendar._mode
    assert mode("https://meet.google.com/abc-defg-hij", "Chat") == "video"
    assert mode("", "Teams catch-up") == "video"
    assert mode("", "Phone call with Hana") == "phone"
    assert mode("tel:+15551234567", "Chat") == "phone"
    assert mode("+44 20 7946 0958", "Chat") == "phone"
    assert mode("Starbucks, Main St", "Chat") == "coffee"
    assert mode("", "Café with Hana") == "coffee"
    assert mode("Acme HQ, 1600 Main Street", "Chat") == "in_person"
    assert mode("", "Chat") == "video"
    assert mode("", "Recall the Callahan file") == "video"


def test_an_event_without_a_uid_is_found_again(conn: db.Connection) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    data = ics(event(None, attendees=("hana@example.org",)))
    run(conn, data, sid)
    (uid,) = conn.execute("SELECT event_uid FROM meeting").fetchone() or ("",)
    assert str(uid).startswith("nouid:")
    assert plan_of(conn, data, sid).counts["meetings"]["unchanged"] == 1


def test_an_unreadable_start_is_rejected(conn: db.Connection) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    data = ics(
        event("bad", start="DTSTART:garbage", end=None, attendees=("hana@example.org",)),
        event("good", start="DTSTART:20260301T100000Z", end=None, attendees=("hana@example.org",)),
    )
    plan = plan_of(conn, data, sid)
    assert [r.reason[:30] for r in plan.rejected] == ["event 1 (UID bad): its start ("]
    with pytest.raises(ImportProblem, match="cannot be imported"):
        apply(conn, plan)
    apply(conn, plan, accept_partial=True)
    assert [m[6] for m in meetings(conn)] == ["good"]


def test_the_owner_is_given_learned_or_the_most_frequent_organiser(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    contact(conn, sid, "Bob", "Smith", email="bob@example.org")
    # Bob is in every event; as the owner he is not the person the conversation is with.
    data = ics(
        event("o1", organiser="bob@example.org", attendees=("bob@example.org", "hana@example.org")),
        event(
            "o2",
            start="DTSTART:20260301T100000Z",
            end=None,
            organiser="x@example.com",
            attendees=("x@example.com",),
        ),
    )
    given_plan = plan_of(conn, data, sid, me="mailto:Bob@Example.org")
    assert given_plan.owner_address == "bob@example.org"
    assert given_plan.owner_how == "given"
    assert given_plan.counts["meetings"]["new"] == 1
    apply(conn, given_plan)
    assert [m[0] for m in meetings(conn)] == [hana]

    learned = plan_of(conn, data, sid)
    assert (learned.owner_address, learned.owner_how) == ("bob@example.org", "from an earlier import")

    other = store.add_seeker(conn, "Cy Young").id
    contact(conn, other, "Hana", "Mori", email="hana@example.org")
    frequent = ics(
        event("f1", organiser="cy@example.com", attendees=("hana@example.org",)),
        event("f2", start="DTSTART:20260301T100000Z", end=None, organiser="cy@example.com"),
        event("f3", start="DTSTART:20260302T100000Z", end=None, organiser="hana@example.org"),
        event("f4", start="DTSTART:20260303T100000Z", end=None, organiser="hana@example.org"),
        event("f5", start="DTSTART:20260304T100000Z", end=None, organiser="hana@example.org"),
    )
    found = plan_of(conn, frequent, other)
    # Hana organised most events, but she is a contact: the owner is the other organiser.
    assert (found.owner_address, found.owner_how) == ("", "the organiser of most events")
    assert any("cy@example.com" in note for note in found.notes)
    assert found.counts["meetings"]["new"] == 4

    nobody = plan_of(conn, ics(event("n", organiser=None, attendees=("hana@example.org",))), other)
    assert nobody.owner_address == ""
    assert nobody.counts["meetings"]["new"] == 1


def test_several_contacts_invited_go_to_the_first(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    contact(conn, sid, "Bob", "Smith", email="bob@example.org")
    plan = run(conn, ics(event("g", attendees=(ME, "hana@example.org", "bob@example.org"))), sid)
    assert [m[0] for m in meetings(conn)] == [hana]
    assert any("filed under the first of them: event 1 (Hana Mori)" in n for n in plan.notes)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "calendar.ics is empty."),
        (b"  \r\n", "calendar.ics is empty."),
        (b"PK\x03\x04rest of a zip", "calendar.ics is a zip archive"),
        (b"hello", "calendar.ics is not a calendar"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "calendar.ics holds no events."),
        (b"BEGIN:VCALENDAR\r\nnot a content line\r\n", "calendar.ics could not be read as a calendar"),
    ],
)
def test_bad_files_are_refused_naming_the_file(conn: db.Connection, data: bytes, said: str) -> None:
    sid = seeker(conn)
    with pytest.raises(ImportProblem) as problem:
        plan_of(conn, data, sid)
    assert str(problem.value).startswith(said)
    assert "\n" not in str(problem.value)
    assert problem.value.file == "calendar.ics"


def test_a_path_and_a_file_object_are_read(conn: db.Connection, tmp_path: Any) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    path = tmp_path / "work.ics"
    path.write_bytes(ics(event("p", attendees=("hana@example.org",))))
    assert calendar.plan(conn, path, seeker_id=sid, today=TODAY).file_name == "work.ics"
    with path.open("rb") as handle:
        assert (
            calendar.plan(conn, handle, seeker_id=sid, today=TODAY, file_name="up.ics").counts["meetings"][
                "new"
            ]
            == 1
        )
    with pytest.raises(ImportProblem, match="missing.ics: no such file"):
        calendar.plan(conn, tmp_path / "missing.ics", seeker_id=sid, today=TODAY)


def test_planning_writes_nothing(conn: db.Connection) -> None:
    sid = seeker(conn)
    hana = contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    request(conn, sid, hana, date(2026, 2, 1))
    stored = dump(conn)
    plan = plan_of(conn, ics(event("h", attendees=("hana@example.org",))), sid)
    assert plan.counts["meetings"]["new"] == 1 and plan.counts["requests"]["updated"] == 1
    assert dump(conn) == stored


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_only_raise_import_problems(conn: db.Connection, data: bytes) -> None:
    sid = 1 if _seekers(conn) else seeker(conn)
    with contextlib.suppress(ImportProblem):
        calendar.plan(conn, data, seeker_id=sid, today=TODAY, file_name="x.ics")


_LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:u1",
        "DTSTART:20260310T100000Z",
        "DTSTART;TZID=Nowhere/Land:20260310T100000",
        "DTSTART;VALUE=DATE:20260310",
        "DTSTART:garbage",
        "DTEND:20260310T090000Z",
        "DURATION:PT30M",
        "DURATION:nonsense",
        "RRULE:FREQ=DAILY",
        "STATUS:CANCELLED",
        "ATTENDEE:mailto:hana@example.org",
        'ATTENDEE;CN="x":mailto:',
        "ORGANIZER:mailto:ana@example.com",
        "SUMMARY:Coffee with Hana Mori",
        "LOCATION:+1 555 123 4567",
        "CREATED:2026",
        "BEGIN:VALARM",
        "END:VALARM",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "END:VCALENDAR",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=25))
def test_random_calendar_text_only_raises_import_problems(conn: db.Connection, lines: list[str]) -> None:
    if not _seekers(conn):
        sid = seeker(conn)
        add_contact(conn, sid, NewContact("Hana", "Mori", email="hana@example.org"), today=TODAY)
    text = "\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"])
    try:
        plan = calendar.plan(conn, text.encode(), seeker_id=1, today=TODAY, file_name="x.ics")
    except ImportProblem:
        return
    apply(conn, plan, accept_partial=True)
    undo_last(conn, 1)


def _seekers(conn: db.Connection) -> int:
    return int((conn.execute("SELECT count(*) FROM seeker").fetchone() or (0,))[0])


def test_a_time_in_utc_is_the_day_where_the_calendar_is_kept(conn: db.Connection) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    coffee = event(
        "utc-1",
        start="DTSTART:20260311T010000Z",
        end="DTEND:20260311T013000Z",
        attendees=("hana@example.org",),
    )
    run(conn, ics(coffee, zone="America/Los_Angeles"), sid, me=ME)
    assert [m[2] for m in meetings(conn)] == [date(2026, 3, 10)]  # 5 pm on the 10th in Los Angeles


def test_an_attendee_who_declined_is_not_the_person_met(conn: db.Connection) -> None:
    sid = seeker(conn)
    contact(conn, sid, "Hana", "Mori", email="hana@example.org")
    declined = event("no-1", extra="ATTENDEE;PARTSTAT=DECLINED:mailto:hana@example.org")
    plan = plan_of(conn, ics(declined), sid, me=ME)
    assert plan.counts["meetings"]["new"] == 0 and plan.counts["meetings"]["skipped"] == 1
