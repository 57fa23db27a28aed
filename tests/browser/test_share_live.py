"""Screen-share mode on the live app: nothing private in any page's text, and it survives reloads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from coach import store
from coach.store import db
from tests.browser.conftest import Server, screenshot, wait_for_app

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "due",
    "people",
    "ask",
    "meetings",
    "questions",
    "contacts",
    "outreach",
    "network",
    "decisions",
    "sessions",
]


def test_share_mode_leaks_nothing_and_survives_reload(server: Server, page: Page) -> None:
    page.goto(server.url)
    wait_for_app(page)
    with db.session(server.store) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        emails = [r[0] for r in conn.execute("SELECT email FROM contact WHERE email IS NOT NULL").fetchall()]
        phones = [r[0] for r in conn.execute("SELECT phone FROM contact WHERE phone IS NOT NULL").fetchall()]
        notes = [r[0] for r in conn.execute("SELECT body FROM contact_note WHERE private").fetchall()]
    forbidden = [*emails, *phones, *notes, "Daniel Okafor"]
    for path in PAGES:
        page.goto(f"{server.url}/{path}?seeker={maya.id}&share=1")
        wait_for_app(page)
        text = page.locator("body").inner_text()
        assert "Maya Chen" in text
        leaked = [value for value in forbidden if value in text]
        assert leaked == [], (path, leaked)
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), path
    screenshot(page, "share-mode-sessions")
    page.get_by_role("link", name="Contacts").click()
    wait_for_app(page)
    assert "share=1" in page.url
    page.reload()
    wait_for_app(page)
    assert "share=1" in page.url
    assert page.get_by_role("switch", name="Screen-share mode").is_checked()
    assert "Daniel Okafor" not in page.locator("body").inner_text()
    assert page.get_by_role("link", name="Clients").count() == 0
