"""The weekly HTML report opens in Chromium with no network and shows the numbers of `coach report --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from coach.cli import main
from tests.browser.conftest import ARTIFACTS
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser


def test_html_report_matches_the_json_report_offline(
    browser: Browser, demo_file: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "week.html"
    week = ANCHOR.isoformat()
    made = runner.invoke(
        main,
        ["export", "report", "--seeker", "Maya Chen", "--week", week, "--out", str(out), "--db", demo_file],
    )
    assert made.exit_code == 0, made.output
    # A past week is reported as it stood on its Sunday, 22 March.
    report = json.loads(
        runner.invoke(
            main, ["report", "--seeker", "Maya Chen", "--as-of", "2026-03-22", "--json", "--db", demo_file]
        ).output
    )
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(out.as_uri())
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=20_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "weekly-report.png"), full_page=True)

    def number(name: str) -> str:
        return page.locator(f".number[data-name='{name}'] b").inner_text().strip()

    rate = report["outreach"]["response_rate"]
    assert number("Response rate") == f"{rate['k']} of {rate['n']}"
    accept = report["outreach"]["acceptance_rate"]
    known = " known" if report["outreach"]["unmarked"] else ""  # answers not marked yet are left out
    assert report["outreach"]["unmarked"] == 2
    assert number("Acceptance rate") == f"{accept['k']} of {accept['n']}{known}"
    assert number("Pending") == str(report["outreach"]["pending"])
    assert number("Meetings held") == str(report["meetings"]["held"])
    assert number("People in the network") == str(report["network"]["contacts"])
    assert page.locator(".plotly-graph-div").count() == 3
    assert failed == []
    context.close()
