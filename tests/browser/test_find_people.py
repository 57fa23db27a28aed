"""In a real browser: Find people lists whom to ask, and its Ask button opens Ask with them picked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coach import store
from coach.rules import suggest
from coach.store import db, registry
from tests.browser.conftest import screenshot, serving, wait_for_app
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser


def test_ask_from_find_people_opens_ask_with_the_person_and_option(page: Page, tmp_path: Path) -> None:
    path = str(tmp_path / "coach.duckdb")
    with serving(path, today=ANCHOR, log=tmp_path / "streamlit.log") as server:
        page.goto(server.url)
        wait_for_app(page)
        with db.session(path) as conn:
            seeker = store.list_seekers(conn)[0]
            first = suggest.for_seeker(
                seeker,
                store.list_options(conn, seeker.id),
                store.load_targets(conn, seeker.id),
                registry.load_frames(conn, seeker.id, *suggest.FRAMES),
                as_of=ANCHOR,
            )[0]
        page.get_by_role("link", name="Find people").click()
        expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Find people")
        wait_for_app(page)
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_text(first.reasons[0]).first).to_be_visible()
        screenshot(page, "find-people")
        main.get_by_role("button", name="Ask").first.click()
        expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Ask")
        wait_for_app(page)
        screenshot(page, "find-people-ask")
        expect(page.get_by_role("combobox", name="To")).to_have_value(re.compile(re.escape(first.contact)))
        expect(main.get_by_text("Message check:")).to_be_visible()
        expect(page.get_by_role("combobox", name="About")).to_have_value(first.option)
