"""Writing the cycle: validation first, nothing written on a rejected change."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from coach import store, vocabulary
from coach.store import db, tracking
from coach.store.tracking import Meeting, NewContact, Referral, Request

TODAY = date(2026, 3, 18)


def dump(conn: db.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in vocabulary.SEEKER_TABLES}


@pytest.fixture
def ana(conn: db.Connection) -> store.Seeker:
    return store.add_seeker(conn, "Ana Lopez")


def person(conn: db.Connection, seeker: store.Seeker, first: str, company: str = "Acme") -> int:
    return tracking.add_contact(conn, seeker.id, NewContact(first, "Doe", company=company), today=TODAY)


def test_add_contact_and_reject_bad_ones(conn: db.Connection, ana: store.Seeker) -> None:
    new_id = person(conn, ana, "Bo")
    assert store.load_contacts(conn, ana.id).set_index("id").loc[new_id, "name"] == "Bo Doe"
    for bad, message in [
        (NewContact(" "), "needs a first or last name"),
        (NewContact("Cy", warmth="hot"), "Warmth 'hot'"),
        (NewContact("Cy", email="cy.example.com"), "has no @"),
    ]:
        with pytest.raises(db.Invalid, match=message):
            tracking.add_contact(conn, ana.id, bad, today=TODAY)


def test_contact_edit_statements_are_pure_and_checked() -> None:
    statements = tracking.contact_edit_statements(
        7, [11, 12, 13], {2: {"warmth": "cold", "company": "  Acme  "}, 0: {"source": "event"}}, today=TODAY
    )
    assert statements == [
        tracking.Statement("UPDATE contact SET source = ? WHERE id = ? AND seeker_id = ?", ["event", 11, 7]),
        tracking.Statement(
            "UPDATE contact SET company = ?, warmth = ? WHERE id = ? AND seeker_id = ?",
            ["Acme", "cold", 13, 7],
        ),
    ]
    with pytest.raises(db.Invalid, match="Row 2, warmth: 'tepid'"):
        tracking.contact_edit_statements(7, [11, 12], {1: {"warmth": "tepid"}}, today=TODAY)
    with pytest.raises(db.Invalid, match="Row 1: the column 'email' cannot be edited"):
        tracking.contact_edit_statements(7, [11], {0: {"email": "x@example.com"}}, today=TODAY)
    with pytest.raises(db.Invalid, match="Row 5 is not in the table"):
        tracking.contact_edit_statements(7, [11], {4: {"warmth": "cold"}}, today=TODAY)


def test_contact_edits_persist_only_for_the_seeker(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    other = store.add_seeker(conn, "Daniel Okafor")
    theirs = person(conn, other, "Cy")
    tracking.apply_statements(
        conn,
        tracking.contact_edit_statements(
            ana.id,
            [bo, theirs],
            {
                0: {"warmth": "inner_circle"},
                1: {"warmth": "cold"},
            },
            today=TODAY,
        ),
    )
    warmth = dict(conn.execute("SELECT id, warmth FROM contact").fetchall())
    assert warmth == {bo: "inner_circle", theirs: "unknown"}


def test_a_new_note_in_the_table_adds_a_private_note(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    statements = tracking.contact_edit_statements(
        ana.id, [bo], {0: {"note": "  Prefers e-mail  ", "warmth": "cold"}}, today=TODAY
    )
    assert [s.sql.split()[0] for s in statements] == ["INSERT", "UPDATE"]
    tracking.apply_statements(conn, statements)
    notes = store.load_notes(conn, ana.id)
    assert notes[["contact_id", "body", "private"]].values.tolist() == [[bo, "Prefers e-mail", True]]
    assert tracking.contact_edit_statements(ana.id, [bo], {0: {"note": "   "}}, today=TODAY) == []


def test_log_outreach_validates(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    other = store.add_seeker(conn, "Daniel Okafor")
    theirs = person(conn, other, "Cy")
    before = dump(conn)
    cases = [
        (Request(theirs, TODAY, "email"), "not one of this seeker's contacts"),
        (Request(bo, TODAY, "fax"), "Channel 'fax'"),
        (Request(bo, date(2026, 3, 19), "email"), "in the future"),
        (Request(bo, TODAY, "email", minutes_asked=0), "between 1 and 240"),
        (Request(bo, TODAY, "email", responded_on=date(2026, 3, 1), outcome="agreed"), "before the request"),
        (Request(bo, date(1899, 3, 1), "email"), "outside 1900-2100"),
    ]
    for request, message in cases:
        with pytest.raises(db.Invalid, match=message):
            tracking.log_outreach(conn, ana.id, request, today=TODAY)
    assert dump(conn) == before
    new_id = tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 1), "email"), today=TODAY)
    tracking.mark_followed_up(conn, ana.id, new_id, on=date(2026, 3, 15))
    assert store.load_outreach(conn, ana.id)["followed_up_on"].dt.date.tolist() == [date(2026, 3, 15)]


def test_an_answer_without_its_outcome_is_saved_unmarked(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    answered = Request(bo, date(2026, 3, 1), "email", responded_on=date(2026, 3, 4))
    logged = tracking.log_outreach(conn, ana.id, answered, today=TODAY)
    followed = Request(
        bo, date(2026, 3, 1), "email", followed_up_on=date(2026, 3, 3), responded_on=date(2026, 3, 4)
    )
    tracking.update_outreach(conn, ana.id, logged, followed, today=TODAY)
    row = store.load_outreach(conn, ana.id).set_index("id").loc[logged]
    assert (row["followed_up_on"].date(), row["responded_on"].date()) == (date(2026, 3, 3), date(2026, 3, 4))
    assert pd.isna(row["outcome"])  # answered, not marked yet: never made into "replied"


def test_an_answer_and_the_meeting_it_agrees_to_are_stored_together(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo = person(conn, ana, "Bo")
    sent = tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 1), "email"), today=TODAY)
    agreed = Request(bo, date(2026, 3, 1), "email", responded_on=date(2026, 3, 4), outcome="agreed")
    answered = tracking.record_answer(
        conn, ana.id, sent, agreed, meeting=Meeting(bo, date(2026, 3, 20), mode="video"), today=TODAY
    )
    assert answered.meeting is not None
    meetings = store.load_meetings(conn, ana.id).set_index("id")
    assert meetings.at[answered.meeting.meeting_id, "outreach_id"] == sent  # from the request it answered
    assert store.load_outreach(conn, ana.id).set_index("id").loc[sent, "outcome"] == "agreed"


def test_an_answer_whose_meeting_is_refused_is_not_stored_either(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo = person(conn, ana, "Bo")
    sent = tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 1), "email"), today=TODAY)
    tracking.log_meeting(conn, ana.id, Meeting(bo, date(2026, 3, 20), mode="phone"), today=TODAY)
    before = dump(conn)
    agreed = Request(bo, date(2026, 3, 1), "email", responded_on=date(2026, 3, 4), outcome="agreed")
    with pytest.raises(tracking.Duplicate):
        tracking.record_answer(
            conn, ana.id, sent, agreed, meeting=Meeting(bo, date(2026, 3, 20), mode="video"), today=TODAY
        )
    assert dump(conn) == before  # the answer waits for "Log it anyway", with its meeting
    again = tracking.record_answer(
        conn,
        ana.id,
        sent,
        agreed,
        meeting=Meeting(bo, date(2026, 3, 20), mode="video"),
        today=TODAY,
        again=True,
    )
    assert again.meeting is not None
    assert len(store.load_meetings(conn, ana.id)) == 2


def test_log_meeting_with_options_questions_and_referrals(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    cy = person(conn, ana, "Cy", company="Brightwave")
    ux = store.add_option(conn, ana.id, "UX research", today=TODAY)
    question = tracking.add_question(conn, ana.id, "What does a typical week look like?", career_option_id=ux)
    asked = tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 1), "email"), today=TODAY)
    logged = tracking.log_meeting(
        conn,
        ana.id,
        Meeting(
            bo,
            date(2026, 3, 10),
            outreach_id=asked,
            company="Acme",
            minutes_planned=15,
            minutes_actual=20,
            fit=4,
            talk_share=40,
            signals={ux: "for"},
            question_ids=[question, question],
            referrals=[
                Referral(first_name="Di", last_name="New", company="Northwind"),
                Referral(contact_id=cy),
            ],
        ),
        today=TODAY,
    )
    assert len(logged.new_contact_ids) == 1 and len(logged.referral_ids) == 2
    referrals = store.load_referrals(conn, ana.id)
    assert sorted(referrals["referred"]) == ["Cy Doe", "Di New"]
    assert set(referrals["meeting_id"]) == {logged.meeting_id}
    new_contact = store.load_contacts(conn, ana.id).set_index("id").loc[logged.new_contact_ids[0]]
    assert (new_contact["source"], new_contact["warmth"]) == ("referral", "referral")
    assert tracking.referral_draft(conn, ana.id, cy) == "Hi Cy, Bo Doe suggested I reach out to you."
    options = store.load_meeting_options(conn, ana.id)
    assert options[["title", "signal"]].values.tolist() == [["UX research", "for"]]
    assert db.scalar(conn, "SELECT count(*) FROM meeting_question") == 1
    assert db.reference_problems(conn) == []


def test_log_meeting_rejects_bad_input_and_writes_nothing(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    cy = person(conn, ana, "Cy")
    other = store.add_seeker(conn, "Daniel Okafor")
    theirs_option = store.add_option(conn, other.id, "Law", today=TODAY)
    asked_cy = tracking.log_outreach(conn, ana.id, Request(cy, date(2026, 3, 1), "email"), today=TODAY)
    before = dump(conn)
    cases = [
        (Meeting(bo, date(2026, 3, 10), fit=7), "Fit 7 must be between 1 and 5"),
        (Meeting(bo, date(2026, 3, 25), fit=4), "still to come"),
        (Meeting(bo, date(2026, 3, 10), signals={theirs_option: "for"}), "not one of this seeker's"),
        (Meeting(bo, date(2026, 3, 10), outreach_id=asked_cy), "sent to someone else"),
        (Meeting(cy, date(2026, 2, 27), outreach_id=asked_cy), "cannot come before the request it came from"),
        (Meeting(bo, date(2026, 3, 10), thank_you_on=date(2026, 3, 9)), "before the meeting"),
        (Meeting(bo, date(2026, 3, 10), referrals=[Referral(contact_id=bo)]), "themselves"),
        (Meeting(bo, date(2026, 3, 10), mode="carrier pigeon"), "Mode 'carrier pigeon'"),
    ]
    for meeting, message in cases:
        with pytest.raises((db.Invalid, db.NotFound), match=message):
            tracking.log_meeting(conn, ana.id, meeting, today=TODAY)
    assert dump(conn) == before


def test_scheduled_meeting_can_be_logged(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    logged = tracking.log_meeting(conn, ana.id, Meeting(bo, date(2026, 3, 25), mode="coffee"), today=TODAY)
    assert store.load_meetings(conn, ana.id)["id"].tolist() == [logged.meeting_id]


def test_delete_request_and_meeting_keep_the_rest(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    cy = person(conn, ana, "Cy")
    asked = tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 1), "email"), today=TODAY)
    logged = tracking.log_meeting(
        conn,
        ana.id,
        Meeting(bo, date(2026, 3, 10), outreach_id=asked, referrals=[Referral(contact_id=cy)]),
        today=TODAY,
    )
    tracking.delete_outreach(conn, ana.id, asked)
    assert store.load_meetings(conn, ana.id)["outreach_id"].isna().all()
    tracking.delete_meeting(conn, ana.id, logged.meeting_id)
    assert store.load_meetings(conn, ana.id).empty
    assert store.load_referrals(conn, ana.id)["meeting_id"].isna().all()
    assert db.reference_problems(conn) == []


def test_merge_contacts_keeps_everything(conn: db.Connection, ana: store.Seeker) -> None:
    keep = tracking.add_contact(conn, ana.id, NewContact("Bo", "Doe", company="Acme"), today=TODAY)
    dupe = tracking.add_contact(
        conn,
        ana.id,
        NewContact("Bo", "Doe", email="bo@example.com", position="Designer"),
        today=date(2026, 1, 1),
    )
    cy = person(conn, ana, "Cy")
    tracking.add_note(conn, ana.id, dupe, "Met at the alumni evening", private=True, on=TODAY)
    tracking.log_outreach(conn, ana.id, Request(dupe, date(2026, 3, 1), "email"), today=TODAY)
    tracking.log_meeting(
        conn, ana.id, Meeting(dupe, date(2026, 3, 10), referrals=[Referral(contact_id=cy)]), today=TODAY
    )
    tracking.log_meeting(
        conn, ana.id, Meeting(keep, date(2026, 3, 11), referrals=[Referral(contact_id=cy)]), today=TODAY
    )
    tracking.merge_contacts(conn, ana.id, keep, dupe)
    contacts = store.load_contacts(conn, ana.id).set_index("id")
    assert dupe not in contacts.index
    merged = contacts.loc[keep]
    assert (merged["email"], merged["position"], merged["company"]) == ("bo@example.com", "Designer", "Acme")
    assert merged["added_on"].date() == date(2026, 1, 1)
    assert set(store.load_outreach(conn, ana.id)["contact_id"]) == {keep}
    assert set(store.load_meetings(conn, ana.id)["contact_id"]) == {keep}
    assert store.load_referrals(conn, ana.id)[["referrer_id", "referred_id"]].values.tolist() == [[keep, cy]]
    assert db.scalar(conn, "SELECT contact_id FROM contact_note") == keep
    assert db.reference_problems(conn) == []


def test_merge_refuses_the_same_or_anothers_contact(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    other = store.add_seeker(conn, "Daniel Okafor")
    with pytest.raises(db.Invalid, match="two different"):
        tracking.merge_contacts(conn, ana.id, bo, bo)
    with pytest.raises(db.Invalid, match="not one of this seeker's"):
        tracking.merge_contacts(conn, ana.id, bo, person(conn, other, "Cy"))


def test_settings(conn: db.Connection, ana: store.Seeker) -> None:
    tracking.update_settings(conn, ana.id, {"weekly_goal": 8, "cadence": "3b7", "answer_window_days": 10})
    updated = store.get_seeker(conn, ana.id)
    assert (updated.weekly_goal, updated.cadence, updated.answer_window_days) == (8, "3b7", 10)
    cases: list[tuple[dict[str, object], str]] = [
        ({"cadence": "daily"}, "Cadence 'daily'"),
        ({"answer_window_days": 0}, "between 1 and 90"),
        ({"amber_min_people": 2}, "cannot be below the red one"),
        ({"name": "Bo"}, "'name' is not a setting"),
    ]
    for changes, message in cases:
        with pytest.raises(db.Invalid, match=message):
            tracking.update_settings(conn, ana.id, changes)


def test_follow_up_records(conn: db.Connection, ana: store.Seeker) -> None:
    bo = person(conn, ana, "Bo")
    tracking.record_follow_up(conn, ana.id, {"kind": "action", "title": "Update CV", "due_on": TODAY})
    tracking.record_follow_up(
        conn, ana.id, {"kind": "keep_in_touch", "contact_id": bo, "due_on": TODAY, "done_on": TODAY}
    )
    assert len(store.load_follow_ups(conn, ana.id)) == 2
    cases: list[tuple[dict[str, object], str]] = [
        ({"kind": "action", "due_on": TODAY}, "needs a title"),
        ({"kind": "nag", "due_on": TODAY}, "Kind 'nag'"),
        ({"kind": "nudge", "due_on": TODAY, "skipped_on": TODAY}, "Say why"),
        ({"kind": "nudge"}, "needs a due date"),
    ]
    for record, message in cases:
        with pytest.raises(db.Invalid, match=message):
            tracking.record_follow_up(conn, ana.id, record)


def test_question_bank(conn: db.Connection, ana: store.Seeker) -> None:
    with pytest.raises(db.Invalid, match="Priority 11"):
        tracking.add_question(conn, ana.id, "Why?", priority=11)
    question = tracking.add_question(conn, ana.id, "What surprised you?", theme="day to day", priority=2)
    tracking.delete_question(conn, ana.id, question)
    assert db.scalar(conn, "SELECT count(*) FROM question") == 0


def test_acting_on_due_items_records_them_where_the_numbers_read(tmp_path: object) -> None:
    import duckdb

    from coach.demo import build_demo
    from coach.rules import followups

    conn = duckdb.connect(":memory:")
    db.migrate(conn)
    build_demo(conn, anchor=TODAY)
    maya = store.find_seeker(conn, "Maya Chen")
    cadence = followups.Cadence.from_seeker(maya)

    def due() -> list[followups.DueItem]:
        return followups.due_items(
            store.load_outreach(conn, maya.id),
            store.load_meetings(conn, maya.id),
            store.load_referrals(conn, maya.id),
            store.load_follow_ups(conn, maya.id),
            store.load_contacts(conn, maya.id),
            as_of=TODAY,
            settings=cadence,
        )

    items = due()
    by_kind = {item.kind: item for item in items}
    for kind in ("thank_you", "nudge", "referral_loop", "action"):
        tracking.act_on_due(conn, maya.id, followups.record_for(by_kind[kind], "done", on=TODAY))
    meeting = store.load_meetings(conn, maya.id).set_index("id").loc[by_kind["thank_you"].meeting_id]
    assert meeting["thank_you_on"].date() == TODAY
    request = store.load_outreach(conn, maya.id).set_index("id").loc[by_kind["nudge"].outreach_id]
    assert request["followed_up_on"].date() == TODAY
    referral = store.load_referrals(conn, maya.id).set_index("id").loc[by_kind["referral_loop"].referral_id]
    assert referral["referrer_told_on"].date() == TODAY
    left = {item.key for item in due()}
    assert not left & {by_kind[k].key for k in ("thank_you", "nudge", "referral_loop", "action")}
    skipped = next(i for i in due() if i.kind == "keep_in_touch")
    with pytest.raises(db.Invalid, match="Say why"):
        tracking.act_on_due(conn, maya.id, followups.record_for(skipped, "skipped", on=TODAY))
    tracking.act_on_due(
        conn, maya.id, followups.record_for(skipped, "skipped", on=TODAY, reason="Moved abroad")
    )
    assert skipped.key not in {item.key for item in due()}
    assert db.reference_problems(conn) == []


def test_a_store_rule_broken_inside_a_transaction_is_a_clear_error(
    conn: db.Connection, ana: store.Seeker
) -> None:
    with pytest.raises(db.Invalid, match="Nothing was saved"), db.transaction(conn):
        conn.execute(
            "INSERT INTO contact (seeker_id, first_name, warmth) VALUES (?, 'Bo', 'tepid')", [ana.id]
        )
    assert store.load_contacts(conn, ana.id).empty


def test_check_unchanged_compares_what_a_form_saw_with_what_is_stored() -> None:
    stored = {"held_on": date(2026, 3, 2), "fit": None, "insights": "Calm team", "minutes_actual": 20}
    seen = {
        "held_on": pd.Timestamp("2026-03-02"),
        "fit": float("nan"),
        "insights": "Calm team",
        "minutes_actual": np.int64(20),
        "contact": "Bo Berg",  # not a column of the record: not compared
    }
    tracking.check_unchanged(stored, seen, "This conversation")
    tracking.check_unchanged(stored, None, "This conversation")
    with pytest.raises(tracking.Stale, match="fit is now 4; insights is now empty. Nothing was saved"):
        tracking.check_unchanged({**stored, "fit": 4, "insights": None}, seen, "This conversation")
    with pytest.raises(tracking.Stale, match="held on is now 2026-03-03"):
        tracking.check_unchanged({**stored, "held_on": date(2026, 3, 3)}, {"held_on": pd.NaT} | seen, "It")


def test_edits_made_on_a_shared_screen_keep_what_it_hid(conn: db.Connection, ana: store.Seeker) -> None:
    from coach.rules.privacy import Scrubber

    view = Scrubber()
    position = "Lead, reach me at bo@example.org or 555-867-5309"
    bo = tracking.add_contact(
        conn, ana.id, NewContact("Bo", "Berg", company="Acme", position=position), today=TODAY
    )
    shown = str(view(position))
    assert "bo@example.org" not in shown
    tracking.save_contact_edits(
        conn, ana.id, [bo], {0: {"position": "Senior " + shown}}, today=TODAY, view=view
    )
    assert db.scalar(conn, "SELECT position FROM contact WHERE id = ?", [bo]) == "Senior " + position
    message = "Hi Bo, my number is 555-123-4567."
    request = tracking.Request(bo, TODAY, "email", message=message)
    outreach_id = tracking.log_outreach(conn, ana.id, request, today=TODAY)
    seen = {"message": view(message)}
    answered = tracking.Request(
        bo, TODAY, "email", message=str(view(message)), responded_on=TODAY, outcome="agreed"
    )
    tracking.update_outreach(conn, ana.id, outreach_id, answered, today=TODAY, seen=seen, view=view)
    stored = db.rows(conn, "SELECT message, outcome FROM outreach WHERE id = ?", [outreach_id])[0]
    assert stored == {"message": message, "outcome": "agreed"}


def test_a_meeting_logged_on_a_shared_screen_keeps_the_company_it_hid(
    conn: db.Connection, ana: store.Seeker
) -> None:
    from coach.rules.privacy import Scrubber

    view = Scrubber()
    company = "Acme (switchboard 555-867-5309)"
    bo = tracking.add_contact(conn, ana.id, NewContact("Bo", "Berg", company=company), today=TODAY)
    shown = str(view(company))
    assert "867-5309" not in shown
    tracking.log_meeting(conn, ana.id, Meeting(bo, TODAY, company=shown), today=TODAY, view=view)
    assert db.scalar(conn, "SELECT company FROM meeting WHERE contact_id = ?", [bo]) == company


def test_a_second_conversation_with_one_person_on_one_day_is_refused_naming_the_first(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo = tracking.add_contact(conn, ana.id, NewContact("Bo", "Li", company="Acme"), today=TODAY)
    first = tracking.log_meeting(
        conn, ana.id, Meeting(bo, date(2026, 3, 2), mode="video", minutes_actual=20), today=TODAY
    )
    before = dump(conn)
    with pytest.raises(tracking.Duplicate) as refused:
        tracking.log_meeting(
            conn,
            ana.id,
            Meeting(bo, date(2026, 3, 2), mode="coffee", referrals=[Referral(first_name="Cy")]),
            today=TODAY,
        )
    assert (
        str(refused.value)
        == "A conversation with Bo Li on 2 Mar 2026 is already logged (Video call, 20 minutes)."
    )
    assert refused.value.first_id == first.meeting_id
    assert refused.value.contact_id == bo
    assert dump(conn) == before  # nothing written, not even the referral's new contact
    again = tracking.log_meeting(
        conn, ana.id, Meeting(bo, date(2026, 3, 2), mode="coffee"), today=TODAY, again=True
    )
    assert again.meeting_id != first.meeting_id
    assert len(store.load_meetings(conn, ana.id)) == 2


def test_conversations_with_other_people_or_on_other_days_are_not_refused(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo, cy = person(conn, ana, "Bo"), person(conn, ana, "Cy")
    tracking.log_meeting(conn, ana.id, Meeting(bo, date(2026, 3, 2)), today=TODAY)
    tracking.log_meeting(conn, ana.id, Meeting(cy, date(2026, 3, 2)), today=TODAY)
    tracking.log_meeting(conn, ana.id, Meeting(bo, date(2026, 3, 3)), today=TODAY)
    other = store.add_seeker(conn, "Ola Berg")
    dan = person(conn, other, "Dan")
    tracking.log_meeting(conn, other.id, Meeting(dan, date(2026, 3, 2)), today=TODAY)
    assert len(store.load_meetings(conn, ana.id)) == 3


def test_a_scheduled_conversation_is_named_by_the_minutes_asked(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo = person(conn, ana, "Bo")
    tracking.log_meeting(
        conn, ana.id, Meeting(bo, date(2026, 3, 25), mode="phone", minutes_planned=1), today=TODAY
    )
    with pytest.raises(
        tracking.Duplicate, match=r"Bo Doe on 25 Mar 2026 is already logged \(Phone, 1 minute asked\)"
    ):
        tracking.log_meeting(conn, ana.id, Meeting(bo, date(2026, 3, 25)), today=TODAY)


def test_a_second_request_to_one_person_on_one_channel_and_day_is_refused(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo = tracking.add_contact(conn, ana.id, NewContact("Bo", "Li"), today=TODAY)
    first = tracking.log_outreach(
        conn,
        ana.id,
        Request(bo, date(2026, 3, 2), "linkedin", minutes_asked=19, template="warm"),
        today=TODAY,
    )
    before = dump(conn)
    with pytest.raises(tracking.Duplicate) as refused:
        tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 2), "linkedin"), today=TODAY)
    assert str(refused.value) == (
        'A request to Bo Li by LinkedIn on 2 Mar 2026 is already logged (19 minutes asked, template "warm").'
    )
    assert (refused.value.first_id, refused.value.contact_id) == (first, bo)
    assert refused.value.describe("Contact 7").startswith("A request to Contact 7 by LinkedIn on 2 Mar 2026")
    assert dump(conn) == before
    second = tracking.log_outreach(
        conn, ana.id, Request(bo, date(2026, 3, 2), "linkedin"), today=TODAY, again=True
    )
    assert second != first and len(store.load_outreach(conn, ana.id)) == 2


def test_requests_on_another_channel_day_or_to_another_person_are_not_refused(
    conn: db.Connection, ana: store.Seeker
) -> None:
    bo, cy = person(conn, ana, "Bo"), person(conn, ana, "Cy")
    tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 2), "email"), today=TODAY)
    tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 2), "phone"), today=TODAY)
    tracking.log_outreach(conn, ana.id, Request(bo, date(2026, 3, 3), "email"), today=TODAY)
    tracking.log_outreach(conn, ana.id, Request(cy, date(2026, 3, 2), "email"), today=TODAY)
    assert len(store.load_outreach(conn, ana.id)) == 4


def test_referrals_typed_one_per_line() -> None:
    people = tracking.parse_referrals("Zoë Nwosu, Brightwave\n\n  Bo  \nAna  María López,")
    assert [(p.first_name, p.last_name, p.company) for p in people] == [
        ("Zoë", "Nwosu", "Brightwave"),
        ("Bo", "", None),
        ("Ana", "María López", None),
    ]
