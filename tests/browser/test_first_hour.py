"""The first hour with a real export, in a real browser: a coach adds a client on the Import screen,
imports five years of someone else's LinkedIn history after confirming whose it is, and goes
through Due, This week, Meetings and Outreach with the client, then shares the screen.

What it checks is what the first hour used to get wrong: years-old chats listed as overdue
duties, answers of unknown outcome counted as refusals, the same conversation saved twice.
Each step leaves a screenshot under tests/artifacts/ (first-hour-*.png), at 1280×720 and
1440×900 where the screen's layout matters.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coach import store
from coach.rules import followups
from coach.store import db
from tests.browser.conftest import Server, screenshot, upload_and_preview, wait_for_app
from tests.conftest import ANCHOR
from tests.exports import linkedin_export, person

pytestmark = pytest.mark.browser

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
CLIENT = "Ana Lopez"
OWNER = "Marcus Morgan"  # whose account the export was downloaded from: not the client's name
# Five years of requests, one about every seven weeks, up to two weeks before the test day.
HISTORY = tuple(date(2021, 4, 5) + timedelta(weeks=7 * n) for n in range(37))
SIZES = {"1280": (1280, 720), "1440": (1440, 900)}


def nav(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(f"^{name} · "))).to_be_visible()
    wait_for_app(page)


def shots(page: Page, name: str, at: str | None = None) -> None:
    """Screenshots of the screen as shown at each window size (scrolled to the text ``at``)."""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)
        if at:
            page.get_by_text(at).first.scroll_into_view_if_needed()
        screenshot(page, f"first-hour-{name}-{size}")
    page.set_viewport_size({"width": 1400, "height": 900})


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def headings(page: Page) -> list[str]:
    return [h.strip() for h in page.locator('[data-testid="stMain"] h3').all_inner_texts()]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    assert HISTORY[-1] <= ANCHOR - timedelta(days=14)
    return linkedin_export(
        tmp_path / "Basic_LinkedInDataExport_03-18-2026.zip",
        owner=OWNER,
        connections=60,
        requests=HISTORY,
        answered=6,
    )


def test_first_hour_with_a_real_export(server: Server, page: Page, export: Path) -> None:
    page.goto(server.url)
    wait_for_app(page)

    # 1. A new client, added on the Import screen, becomes the seeker of every screen.
    nav(page, "Import")
    page.get_by_text("New client: import for someone not in the list yet").click()
    page.get_by_role("textbox", name="Name of the new client").fill(CLIENT)
    page.get_by_role("button", name="Add client and import for them").click()
    expect(page.get_by_role("heading", level=1, name=f"Import · {CLIENT}")).to_be_visible()
    wait_for_app(page)
    with db.session(server.store) as conn:
        ana = store.find_seeker(conn, CLIENT)
        assert ana is not None

    # 2. The preview says whose export it is, explains its counts, and will not import unasked.
    upload_and_preview(page, export)
    # The preview is worked out again for the suggested start of the search: give it time.
    expect(page.get_by_text(f"This export belongs to {OWNER}")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(
        page.get_by_text(re.compile(r"\d+ new contacts: 60 connections and 2 people from"))
    ).to_be_visible()
    importing = page.get_by_role("button", name="Import", exact=True)
    expect(importing).to_be_disabled()
    expect(page.get_by_text("When did this job search start?")).to_be_visible()
    page.get_by_text("All history", exact=True).click()  # the whole five years, on purpose
    wait_for_app(page)
    shots(page, "import-preview", at="What would change")
    page.get_by_text(f"Import anyway: this is {CLIENT}'s export").click()
    wait_for_app(page)
    expect(importing).to_be_enabled()
    importing.click()
    expect(page.get_by_text(f"Imported {export.name}:")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What next")).to_be_visible()
    with db.session(server.store) as conn:
        requests = store.load_outreach(conn, ana.id)
        people = store.load_contacts(conn, ana.id)
    assert len(requests) == len(HISTORY) + 2  # one request per chat, one per stranger and invitation
    # Answers found in the messages are stored unmarked: answered, outcome not known.
    answered = requests[requests["responded_on"].notna()]
    assert len(answered) == 6 and answered["outcome"].isna().all()

    # 3. A conversation a few days ago, saved twice by a double click: logged once, the second
    # attempt from an empty form is refused naming the first.
    first, last = person(len(HISTORY) - 1)  # the latest request, one of the answers found
    met = f"{first} {last}"
    held = ANCHOR - timedelta(days=4)
    nav(page, "Meetings")

    def fill_conversation() -> None:
        picker = page.get_by_role("combobox", name="With")
        picker.fill(met)
        page.get_by_role("option", name=re.compile(f"^{met}")).first.click()
        wait_for_app(page)
        for segment, digits in (("year", f"{held:%Y}"), ("month", f"{held:%m}"), ("day", f"{held:%d}")):
            field = page.get_by_role("spinbutton", name=f"{segment}, Held on (a later date schedules it)")
            field.click()
            field.press_sequentially(digits)
        page.keyboard.press("Tab")
        wait_for_app(page)

    fill_conversation()
    page.get_by_role("button", name="Save conversation").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(f"^Saved the conversation with {met}"))).to_be_visible()
    page.get_by_role("button", name="Save conversation").click()  # the saved one is open: an edit
    wait_for_app(page)
    nav(page, "Due")  # later, from another screen, the same conversation is logged again
    nav(page, "Meetings")
    expect(page.get_by_role("combobox", name="Conversation")).to_have_value("New conversation")
    fill_conversation()
    page.get_by_role("button", name="Save conversation").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(f"A conversation with {met} on .* is already logged"))).to_be_visible()
    expect(page.get_by_role("button", name="Log it anyway")).to_be_visible()
    shots(page, "meetings-twice", at="is already logged")
    with db.session(server.store) as conn:
        meetings = store.load_meetings(conn, ana.id)
    assert len(meetings[meetings["contact"] == met]) == 1

    # 4. Due: nothing from years ago is listed; what was let go is said once; the thank-you for the
    # conversation comes first, before any nudge or keep-in-touch.
    nav(page, "Due")
    text = main_text(page)
    overdue = [int(n) for n in re.findall(r"(\d+) days? overdue", text)]
    assert all(n <= 30 for n in overdue), overdue
    expect(page.get_by_text(re.compile(r"^\d+ older items? let go \("))).to_have_count(1)
    groups = [h for h in headings(page) if re.match(r"^\d+ ", h)]
    assert groups and groups[0] == "1 thank-you", groups
    kinds = [
        next(k for k in followups.PRIORITY if followups.kind_count(k, int(h.split()[0])) == h) for h in groups
    ]
    assert kinds == sorted(kinds, key=followups.PRIORITY.index), kinds
    assert "etiquette note" not in " ".join(page.locator("details[open]").all_inner_texts())
    shots(page, "due")

    # 5. This week says what was let go in the same words, and never "None" or "nan".
    nav(page, "This week")
    week = main_text(page)
    assert re.search(r"\d+ older items? let go", week)
    assert not re.search(r"\bNone\b|\bnan\b|NaT", week)
    shots(page, "this-week")

    # 6. Outreach: the answers of unknown outcome count as answers, not refusals, and are listed to
    # mark; the conversation after one of them made it agreed. Marking another counts it.
    nav(page, "Outreach")

    def acceptance() -> str:
        box = page.locator('[data-testid="stMetric"]', has_text="Acceptance rate")
        return box.locator('[data-testid="stMetricValue"]').inner_text()

    agreed, base = map(int, acceptance().split(" of "))
    assert agreed == 1  # no-responses are in the base (closed − unmarked), unmarked answers are not
    expect(page.get_by_text("5 answers not marked yet", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Answers not marked yet")).to_be_visible()
    shots(page, "outreach")
    page.get_by_role("button", name="Agreed").first.click()
    wait_for_app(page)
    expect(page.get_by_text("4 answers not marked yet", exact=False)).to_be_visible()
    assert acceptance() == f"2 of {base + 1}"

    # 7. Shared with the client: no e-mail address, the etiquette notes stay closed.
    page.locator('[data-testid="stCheckbox"]', has_text="Screen-share mode").locator("label").click()
    wait_for_app(page)
    for screen in ("Due", "This week", "Meetings", "Outreach", "Contacts"):
        nav(page, screen)
        body = page.locator("body").inner_text()
        assert CLIENT in body and not EMAIL.search(body), screen
        assert "Maya Chen" not in body, screen  # another client's name never on a shared screen
        assert not page.locator("details[open]").filter(has_text="etiquette note").count(), screen
        shots(page, f"shared-{screen.lower().replace(' ', '-')}")
    assert len(people) > 60
