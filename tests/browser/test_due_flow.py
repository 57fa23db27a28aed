"""In a real browser: a request logged today is on the Due list as a nudge 14 days later."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coach import store
from coach.store import db
from coach.wording import day
from tests.browser.conftest import screenshot, serving, wait_for_app
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser


def test_logged_request_is_due_for_a_nudge_after_its_window(page: Page, tmp_path: Path) -> None:
    path = str(tmp_path / "coach.duckdb")
    log = tmp_path / "streamlit.log"
    with serving(path, today=ANCHOR, log=log) as server:
        page.goto(f"{server.url}/ask")
        wait_for_app(page)
        with db.session(path) as conn:
            seeker = store.list_seekers(conn)[0]
            people = store.load_contacts(conn, seeker.id)
            asked = set(store.load_outreach(conn, seeker.id)["contact_id"])
        person = people[~people["id"].isin(asked)].iloc[0]
        picker = page.get_by_role("combobox", name="To")
        picker.fill(str(person["name"]))
        page.get_by_role("option", name=str(person["name"])).first.click()
        wait_for_app(page)
        expect(page.get_by_text("Message check:")).to_be_visible()
        page.get_by_role("button", name="Log request").click()
        wait_for_app(page)
        screenshot(page, "due-flow-1-logged")
    with db.session(path) as conn:
        logged = store.load_outreach(conn, seeker.id)
    assert person["id"] in set(logged["contact_id"])

    title = f"Follow up with {person['name']} on your request of {day(ANCHOR)}"
    for days, shown in ((13, False), (14, True)):
        with serving(path, today=ANCHOR + timedelta(days=days), log=log) as server:
            page.goto(f"{server.url}/due?seeker={seeker.id}")
            wait_for_app(page)
            screenshot(page, f"due-flow-2-day-{days}")
            listed = page.locator('[data-testid="stMarkdownContainer"]', has_text=f"Nudge · {title}")
            assert (listed.count() > 0) is shown, (days, title)
