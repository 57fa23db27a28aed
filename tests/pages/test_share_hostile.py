"""Screen-share mode against a store whose every free-text field tries to leak something."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach import store
from coach.rules.checker import TEMPLATES
from coach.store import db, reviews
from tests import hostile
from tests.conftest import ANCHOR
from tests.markup import as_shown
from tests.pages.test_every_page import seeker_pages
from tests.pages.test_share_mode import leaks, texts


@pytest.fixture(scope="module")
def hostile_file(demo_file: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, hostile.Hostile]:
    path = str(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")
    return path, hostile.build(demo_file, path, beacon="http://127.0.0.1:9")


@pytest.fixture
def shared_app(
    hostile_file: tuple[str, hostile.Hostile], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., AppTest]:
    """An AppTest of the app in screen-share mode on a copy of the hostile store."""

    def make(*, aliases: bool = False, seeker: str | None = None) -> AppTest:
        source, found = hostile_file
        path = tmp_path / "store.duckdb"
        path.write_bytes(Path(source).read_bytes())
        monkeypatch.setenv("COACH_DB", str(path))
        monkeypatch.setenv("COACH_TODAY", ANCHOR.isoformat())
        at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
        at.query_params["seeker"] = seeker if seeker is not None else str(found.seeker_id)
        at.query_params["share"] = "1"
        if aliases:
            at.query_params["aliases"] = "1"
        return at

    return make


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
@pytest.mark.parametrize("page", seeker_pages())
def test_no_secret_of_the_hostile_store_reaches_a_shared_page(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile], page: str, aliases: bool
) -> None:
    found = hostile_file[1]
    at = shared_app(aliases=aliases).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert leaks(at, found.secrets()) == []


def test_opened_contacts_and_conversations_show_nothing_hidden(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile]
) -> None:
    found = hostile_file[1]
    with db.session(hostile_file[0]) as conn:
        contact_ids = store.load_contacts(conn, found.seeker_id)["id"].head(8).tolist()
        meeting_ids = store.load_meetings(conn, found.seeker_id)["id"].head(5).tolist()
    at = shared_app().run()
    at.switch_page("app_pages/contacts.py").run()
    problems = []
    for contact_id in contact_ids:
        at.selectbox(key="contacts_open").set_value(contact_id).run()
        assert not at.exception
        problems += leaks(at, found.secrets())
    at.switch_page("app_pages/meetings.py").run()
    for meeting_id in meeting_ids:
        at.selectbox(key="meetings_pick").set_value(meeting_id).run()
        assert not at.exception
        problems += leaks(at, found.secrets())
    assert problems == []


@pytest.mark.parametrize("seeker", ["99999", "", "abc"], ids=["removed", "missing", "not-a-number"])
def test_a_stale_shared_address_shows_no_client(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile], seeker: str
) -> None:
    found = hostile_file[1]
    at = shared_app(seeker=seeker).run()
    assert not at.exception
    everything = "\n".join(texts(at))
    assert found.seeker not in everything and found.other not in everything
    assert "does not name a client" in everything
    for page in ("app_pages/contacts.py", "app_pages/outreach.py"):
        at.switch_page(page).run()
        everything = "\n".join(texts(at))
        assert found.seeker not in everything and found.other not in everything
        assert not at.dataframe


def stored_meeting(path: str, seeker_id: int, meeting_id: int) -> dict[str, object]:
    with db.session(path) as conn:
        frame = store.load_meetings(conn, seeker_id).set_index("id")
    return {str(k): v for k, v in frame.loc[meeting_id].to_dict().items()}


def hostile_meeting(path: str, seeker_id: int) -> int:
    """A held conversation whose insights hold an e-mail address and a phone number."""
    with db.session(path) as conn:
        meetings = store.load_meetings(conn, seeker_id)
    held = meetings[meetings["minutes_actual"].notna() & meetings["insights"].str.contains("@", na=False)]
    return int(held.iloc[0]["id"])


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
def test_a_conversation_saves_on_a_shared_screen_and_keeps_what_it_hid(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile], aliases: bool
) -> None:
    found = hostile_file[1]
    at = shared_app(aliases=aliases).run()
    path = os.environ["COACH_DB"]
    meeting_id = hostile_meeting(path, found.seeker_id)
    before = stored_meeting(path, found.seeker_id, meeting_id)
    at.switch_page("app_pages/meetings.py").run()
    at.selectbox(key="meetings_pick").set_value(meeting_id).run()
    insights = str(at.text_area(key=f"meetings_{meeting_id}_insights").value)
    assert "@" not in insights and "[e-mail hidden]" in insights
    # Unchanged text and a changed fit: the fit is saved, the insights stay whole.
    at.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert stored_meeting(path, found.seeker_id, meeting_id)["insights"] == before["insights"]
    # Edited text: the edit is saved and what the screen hid is put back where it was.
    at.selectbox(key="meetings_pick").set_value(meeting_id).run()
    area = at.text_area(key=f"meetings_{meeting_id}_insights")
    area.set_value(str(area.value) + " Asked about the hiring freeze.")
    at.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = stored_meeting(path, found.seeker_id, meeting_id)
    assert after["insights"] == str(before["insights"]) + " Asked about the hiring freeze."
    assert leaks(at, found.secrets()) == []


def test_a_conflict_on_a_shared_screen_names_no_hidden_value(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile]
) -> None:
    found = hostile_file[1]
    at = shared_app().run()
    path = os.environ["COACH_DB"]
    meeting_id = hostile_meeting(path, found.seeker_id)
    at.switch_page("app_pages/meetings.py").run()
    at.selectbox(key="meetings_pick").set_value(meeting_id).run()
    secret = "changed.elsewhere@example.org 555-867-5309"
    with db.session(path) as conn:
        conn.execute("UPDATE meeting SET insights = ? WHERE id = ?", [f"Other tab: {secret}", meeting_id])
    at.text_area(key=f"meetings_{meeting_id}_insights").set_value("My own edit")
    at.button(key=f"meetings_{meeting_id}_save").click().run()
    assert not at.exception
    message = as_shown(at.error[0].value)
    assert "changed elsewhere" in message and "Other tab:" in message
    assert "changed.elsewhere@example.org" not in message and "867-5309" not in message
    assert leaks(at, {"e-mail": ["changed.elsewhere@example.org"], "phone": ["867-5309"]}) == []


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
def test_a_request_logged_on_a_shared_screen_stores_the_real_names(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile], aliases: bool
) -> None:
    found = hostile_file[1]
    at = shared_app(aliases=aliases).run()
    path = os.environ["COACH_DB"]
    signature = "My number: 555-246-8101"  # the seeker's own, in their template
    with db.session(path) as conn:
        people = store.load_contacts(conn, found.seeker_id)
        reviews.save_template(conn, found.seeker_id, "cold", TEMPLATES["cold"] + "\n\n" + signature)
    person = people[people["company"].fillna("").str.match(r"^[A-Z][a-z]+ ")].iloc[0]
    at.switch_page("app_pages/ask.py").run()
    at.selectbox(key="ask_contact").set_value(int(person["id"])).run()
    at.selectbox(key="ask_template").set_value("cold").run()
    area = next(t for t in at.text_area if t.key and t.key.startswith("ask_message_"))
    draft = str(area.value)
    assert "{first_name}" in draft and str(person["first_name"]) not in draft
    assert "{field}" in draft and "My number: [phone hidden]" in draft
    at.button(key="ask_log").click().run()
    assert not at.exception and not at.error
    with db.session(path) as conn:
        message = db.scalar(
            conn,
            "SELECT message FROM outreach WHERE contact_id = ? ORDER BY id DESC LIMIT 1",
            [int(person["id"])],
        )
    assert str(person["first_name"]) in message and signature in message
    with db.session(path) as conn:
        open_options = [
            o for o in store.list_options(conn, found.seeker_id) if o["status"] in ("exploring", "leaning")
        ]
        title = str(open_options[0]["title"])
    assert title in message  # {field}: the option's stored title, not the scrubbed one
    assert "Contact " not in message and "{" not in message and "hidden]" not in message


def test_the_weekly_reflection_and_an_option_save_on_a_shared_screen(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile]
) -> None:
    found = hostile_file[1]
    at = shared_app()
    path = os.environ["COACH_DB"]
    note = "Ask Sam (sam.private@example.org, 555-867-5309) about the data team."
    with db.session(path) as conn:
        reviews.save_week_note(conn, found.seeker_id, ANCHOR, note)
        options = store.list_options(conn, found.seeker_id)
    at.run()
    area = next(t for t in at.text_area if t.label == "Reflection on the week")
    shown = str(area.value)
    assert "sam.private@example.org" not in shown and "[e-mail hidden]" in shown
    area.set_value(shown + " Went well.")
    next(b for b in at.button if b.label == "Save reflection").click().run()
    assert not at.exception and not at.error
    with db.session(path) as conn:
        assert reviews.week_note(conn, found.seeker_id, ANCHOR) == note + " Went well."

    at.switch_page("app_pages/decisions.py").run()
    next(s for s in at.selectbox if s.label == "Career option").set_value(options[0]["id"])
    next(s for s in at.selectbox if s.label == "Status").set_value("leaning")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    with db.session(path) as conn:
        now = {o["id"]: o for o in store.list_options(conn, found.seeker_id)}
    assert now[options[0]["id"]]["status"] == "leaning"
    assert now[options[0]["id"]]["title"] == options[0]["title"]


def test_keywords_and_targets_edited_on_a_shared_screen_keep_what_it_hid(
    shared_app: Callable[..., AppTest], hostile_file: tuple[str, hostile.Hostile]
) -> None:
    found = hostile_file[1]
    at = shared_app().run()
    path = os.environ["COACH_DB"]
    with db.session(path) as conn:
        option = next(
            o for o in store.list_options(conn, found.seeker_id) if o["status"] in ("exploring", "leaning")
        )
        held = store.load_targets(conn, found.seeker_id)
    option_id, keywords = int(option["id"]), str(option["keywords"])
    target = held[held["career_option_id"] == option_id].iloc[0]
    assert "@" in keywords and "@" in str(target["name"])
    at.switch_page("app_pages/people.py").run()
    at.selectbox(key="people_targets_option").set_value(option_id).run()
    box = at.text_input(key=f"people_keywords_{option_id}")
    assert "@" not in str(box.value) and "[e-mail hidden]" in str(box.value)
    box.input(str(box.value) + ", climate")
    at.button(key="people_keywords_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key=f"people_remove_{int(target['id'])}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with db.session(path) as conn:
        now = next(o for o in store.list_options(conn, found.seeker_id) if o["id"] == option_id)
        left = store.load_targets(conn, found.seeker_id)
    assert now["keywords"] == keywords + ", climate"  # the hidden address is back where it was
    assert int(target["id"]) not in set(left["id"])
    assert leaks(at, found.secrets()) == []
