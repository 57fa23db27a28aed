"""Smoke test in a real browser: the demo's home screen shows the store's numbers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from coach import store
from coach.rules import metrics
from coach.store import db
from tests.browser.conftest import Server, screenshot, wait_for_app
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser


def test_home_screen_shows_this_weeks_numbers(server: Server, page: Page) -> None:
    page.goto(server.url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(page)
    shot = screenshot(page, "smoke-home")
    assert shot.stat().st_size > 10_000

    with db.session(server.store) as conn:  # the app holds the file only while it works
        first = store.list_seekers(conn)[0]
        week = metrics.week_at_a_glance(
            store.load_outreach(conn, first.id),
            store.load_meetings(conn, first.id),
            store.load_network(conn, first.id),
            as_of=ANCHOR,
            goal=first.weekly_goal,
            window_days=first.answer_window_days,
        )
    assert page.locator("h1").first.inner_text() == f"This week · {first.name}"
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    shown = dict(zip([label.strip() for label in labels], [value.strip() for value in values], strict=True))
    assert shown["Requests sent"] == f"{week.sent} of {week.goal}"
    assert shown["Waiting for an answer"] == str(week.pending)
    assert shown["Conversations held"] == str(week.meetings_held)
    assert f"seeker={first.id}" in page.url
