"""The Ask screen: a checked draft becomes a request; answers and meetings are recorded on it."""

from __future__ import annotations

import os
from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from coach import store
from coach.store import db, tracking
from tests.conftest import ANCHOR
from tests.markup import as_shown

PAGE = "app_pages/ask.py"


def maya(path: str) -> store.Seeker:
    with db.session(path) as conn:
        return store.find_seeker(conn, "Maya Chen")


def opened(app: Callable[..., AppTest], demo_file: str, page: str) -> AppTest:
    """The demo with Maya Chen picked, switched to ``page``, drawn without an exception."""
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya(demo_file).id)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_ask(app: Callable[..., AppTest], demo_file: str) -> AppTest:
    return opened(app, demo_file, PAGE)


def test_logging_a_checked_request(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, seeker.id)
        asked = set(store.load_outreach(conn, seeker.id)["contact_id"])
    target = int(people[~people["id"].isin(asked)]["id"].iloc[0])
    at.selectbox(key="ask_contact").set_value(target).run()
    assert not at.exception
    verdict = next(m.value for m in at.markdown if m.value.startswith("**Message check:"))
    assert verdict.startswith("**Message check: 8 of 8**") or verdict.startswith(
        "**Message check: 7 of 7**"
    ), verdict
    at.button(key="ask_log").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        logged = store.load_outreach(conn, seeker.id)
    new = logged[logged["contact_id"] == target]
    assert len(new) == 1 and new["sent_on"].dt.date.iloc[0] == ANCHOR
    assert "15 minutes" in new["message"].iloc[0]


def test_a_draft_asking_for_a_job_is_flagged(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        target = int(store.load_contacts(conn, seeker.id)["id"].iloc[0])
    at.selectbox(key="ask_contact").set_value(target).run()
    area = next(t for t in at.text_area if t.key and t.key.startswith("ask_message_"))
    area.input("Hi, are you hiring? Please send me any job openings. Thanks").run()
    checks = [m.value for m in at.markdown if m.value.startswith(":orange[✗]")]
    assert any("job" in c.lower() for c in checks)
    assert any("time" in c.lower() or "minutes" in c.lower() for c in checks)


def test_a_logged_request_shows_up_as_a_nudge_after_its_window(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, seeker.id)
        asked = set(store.load_outreach(conn, seeker.id)["contact_id"])
    target = int(people[~people["id"].isin(asked)]["id"].iloc[-1])
    at.selectbox(key="ask_contact").set_value(target).run()
    at.button(key="ask_log").click().run()
    from datetime import timedelta

    with db.session(os.environ["COACH_DB"]) as conn:
        later = store.due_for(conn, store.get_seeker(conn, seeker.id), as_of=ANCHOR + timedelta(days=14))
        sooner = store.due_for(conn, store.get_seeker(conn, seeker.id), as_of=ANCHOR + timedelta(days=13))
    assert any(i.kind == "nudge" and i.contact_id == target for i in later)
    assert not any(i.kind == "nudge" and i.contact_id == target for i in sooner)


def test_recording_an_answer_and_scheduling_a_meeting(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    request_id = at.selectbox(key="ask_pick").value
    answer = next(s for s in at.selectbox if s.label == "Answer")
    answer.set_value("agreed")
    next(d for d in at.date_input if d.label == "Answered on").set_value(ANCHOR)
    next(d for d in at.date_input if d.label.startswith("Schedule a meeting")).set_value(
        ANCHOR.replace(day=25)
    )
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        request = store.load_outreach(conn, seeker.id).set_index("id").loc[request_id]
        meetings = store.load_meetings(conn, seeker.id)
    assert request["outcome"] == "agreed" and request["responded_on"].date() == ANCHOR
    assert request_id in set(meetings["outreach_id"].dropna().astype(int))
    # The meeting is scheduled once: the form no longer holds its date, so saving again adds none.
    assert next(d for d in at.date_input if d.label.startswith("Schedule a meeting")).value is None
    next(b for b in at.button if b.label == "Save").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        assert len(store.load_meetings(conn, seeker.id)) == len(meetings)


def test_an_edited_template_fills_the_next_draft(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    at.selectbox(key="ask_edit_pick").set_value("cold").run()
    at.text_area(key="ask_edit_body_cold").input(
        "Hello {first_name}, 15 minutes by phone? I'll follow up on {follow_up_day}."
    )
    at.button(key="ask_edit_save").click().run()
    assert not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, seeker.id)
    cold = people[(people["source"] == "linkedin") & (people["warmth"] == "cold")]
    target = int(cold["id"].iloc[0])
    at.selectbox(key="ask_contact").set_value(target).run()
    at.selectbox(key="ask_template").set_value("cold").run()
    draft = next(t for t in at.text_area if t.key and t.key.startswith("ask_message_"))
    assert (draft.value or "").startswith(f"Hello {cold['first_name'].iloc[0]}, 15 minutes by phone?")
    at.button(key="ask_edit_reset").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        from coach.rules import checker
        from coach.store import reviews

        assert reviews.templates(conn, seeker.id)["cold"] == checker.TEMPLATES["cold"]


def test_a_request_logged_twice_is_caught_and_can_be_logged_anyway(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, seeker.id)
        asked = set(store.load_outreach(conn, seeker.id)["contact_id"])
    fresh = people[~people["id"].isin(asked)]
    target, name = int(fresh["id"].iloc[0]), str(fresh["name"].iloc[0])

    def to_them() -> int:
        with db.session(os.environ["COACH_DB"]) as conn:
            return int((store.load_outreach(conn, seeker.id)["contact_id"] == target).sum())

    def log() -> None:
        at.selectbox(key="ask_contact").set_value(target).run()
        at.selectbox(key="ask_channel").set_value("linkedin").run()
        at.button(key="ask_log").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]

    log()
    assert to_them() == 1
    # The form is cleared after logging, and says what was logged.
    assert at.selectbox(key="ask_contact").value is None
    assert as_shown(at.success[0].value) == f"Logged the request to {name} on {ANCHOR.day} {ANCHOR:%b %Y}."

    log()
    assert to_them() == 1
    [refusal] = [as_shown(w.value) for w in at.warning if "already logged" in as_shown(w.value)]
    assert refusal.startswith(
        f"A request to {name} by LinkedIn on {ANCHOR.day} {ANCHOR:%b %Y} is already logged"
    )
    assert refusal.endswith(" Log it anyway to record a second one.")
    at.button(key="ask_new_again").click().run()
    assert not at.exception and not at.error
    assert to_them() == 2
    assert not [w for w in at.warning if "already logged" in as_shown(w.value)]


def test_a_refused_request_is_forgotten_once_the_form_changes(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        people = store.load_contacts(conn, seeker.id)
        asked = set(store.load_outreach(conn, seeker.id)["contact_id"])
    target = int(people[~people["id"].isin(asked)]["id"].iloc[1])
    for _ in range(2):
        at.selectbox(key="ask_contact").set_value(target).run()
        at.button(key="ask_log").click().run()
    assert [w for w in at.warning if "already logged" in as_shown(w.value)]
    at.selectbox(key="ask_channel").set_value("phone").run()
    assert not [w for w in at.warning if "already logged" in as_shown(w.value)]
    at.button(key="ask_log").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        logged = store.load_outreach(conn, seeker.id)
    assert sorted(logged.loc[logged["contact_id"] == target, "channel"]) == ["email", "phone"]


def test_scheduling_a_second_meeting_on_a_day_asks_first(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_ask(app, demo_file)
    seeker = maya(demo_file)
    request_id = at.selectbox(key="ask_pick").value
    on = ANCHOR.replace(day=25)
    with db.session(os.environ["COACH_DB"]) as conn:
        requests = store.load_outreach(conn, seeker.id)
        contact = int(requests.loc[requests["id"] == request_id, "contact_id"].iloc[0])
        tracking.log_meeting(conn, seeker.id, tracking.Meeting(contact, on, mode="phone"), today=ANCHOR)
    at.run()

    def theirs() -> int:
        with db.session(os.environ["COACH_DB"]) as conn:
            meetings = store.load_meetings(conn, seeker.id)
        return int(((meetings["contact_id"] == contact) & (meetings["held_on"].dt.date == on)).sum())

    next(d for d in at.date_input if d.label.startswith("Schedule a meeting")).set_value(on)
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert theirs() == 1
    [refusal] = [as_shown(w.value) for w in at.warning if "already logged" in as_shown(w.value)]
    assert f"on {on.day} {on:%b %Y} is already logged (Phone)." in refusal
    next(b for b in at.button if b.label == "Log it anyway").click().run()
    assert not at.exception and not at.error
    assert theirs() == 2
    assert not [w for w in at.warning if "already logged" in as_shown(w.value)]
    assert next(d for d in at.date_input if d.label.startswith("Schedule a meeting")).value is None


def test_an_unmarked_answer_is_edited_and_stays_unmarked(app: Callable[..., AppTest], demo_file: str) -> None:
    seeker = maya(demo_file)
    at = app("demo", demo_file)  # a copy of the demo, at COACH_DB
    with db.session(os.environ["COACH_DB"]) as conn:  # an answer whose outcome is not known
        request_id = int(store.load_outreach(conn, seeker.id)["id"].iloc[0])
        conn.execute("UPDATE outreach SET responded_on = sent_on, outcome = NULL WHERE id = ?", [request_id])
    at.query_params["seeker"] = str(seeker.id)
    at.run()
    at.switch_page(PAGE).run()
    at.selectbox(key="ask_pick").set_value(request_id).run()
    answer = next(s for s in at.selectbox if s.label == "Answer")
    assert answer.value is None and answer.options[0] == "Not marked yet"
    followed = next(d for d in at.date_input if d.label == "Followed up on")
    if followed.value is None:
        answered = next(d for d in at.date_input if d.label == "Answered on").value
        followed.set_value(answered)
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(os.environ["COACH_DB"]) as conn:
        request = store.load_outreach(conn, seeker.id).set_index("id").loc[request_id]
    assert pd.notna(request["responded_on"]) and pd.notna(request["followed_up_on"])
    assert pd.isna(request["outcome"])  # saved, and still not marked
