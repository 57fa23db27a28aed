"""One person's first session, end to end in a real browser, on a fresh store.

First run shows the demo; the sample LinkedIn export is uploaded, previewed and imported;
a request, a conversation and its thank-you are logged; the Due list and the weekly review
change accordingly; screen-share mode shows no e-mail address; a reload keeps everything.
Each step leaves a screenshot under tests/artifacts/ (journey-NN-*.png).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from coach import store
from coach.store import db
from coach.wording import day
from tests.browser.conftest import SAMPLE, Server, screenshot, upload_and_preview, wait_for_app
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
MONDAY = ANCHOR - timedelta(days=2)  # the test week's Monday: a thank-you for a talk then is due today


class Journey:
    """The browser and the server, with the steps a person takes."""

    def __init__(self, page: Page, server: Server) -> None:
        self.page = page
        self.server = server
        self.step = 0

    def open(self, path: str, query: str = "") -> None:
        self.page.goto(f"{self.server.url}/{path}{query}")
        wait_for_app(self.page)

    def nav(self, name: str) -> None:
        """Go to a screen through the sidebar, as a person does (the address keeps no ?seeker)."""
        self.page.get_by_role("link", name=name, exact=True).click()
        expect(self.page.get_by_role("heading", level=1, name=re.compile(f"^{name} · "))).to_be_visible()
        wait_for_app(self.page)

    def shot(self, name: str) -> None:
        self.step += 1
        screenshot(self.page, f"journey-{self.step:02d}-{name}")

    def text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def metric(self, name: str) -> str:
        box = self.page.locator('[data-testid="stMetric"]', has_text=name)
        return box.locator('[data-testid="stMetricValue"]').inner_text()

    def pick(self, box: str, option: str) -> None:
        picker = self.page.get_by_role("combobox", name=box)
        picker.fill(option)
        self.page.get_by_role("option", name=option).first.click()
        wait_for_app(self.page)

    def last_page(self) -> None:
        """Show the last page of a list shown a page at a time."""
        pager = self.page.get_by_label(re.compile(r"Page \(of \d+\)"))
        if pager.count():
            pages = re.search(r"of (\d+)", pager.get_attribute("aria-label") or "")
            pager.fill(pages[1] if pages else "1")
            pager.press("Enter")
            wait_for_app(self.page)

    def type_date(self, label: str, value: date) -> None:
        """Type a day into a date field, segment by segment, as a keyboard user does."""
        for segment, digits in (("year", f"{value:%Y}"), ("month", f"{value:%m}"), ("day", f"{value:%d}")):
            field = self.page.get_by_role("spinbutton", name=f"{segment}, {label}")
            field.click()
            field.press_sequentially(digits)
        self.page.keyboard.press("Tab")
        wait_for_app(self.page)


def test_first_session_end_to_end(server: Server, page: Page) -> None:
    me = Journey(page, server)

    # 1. First run: the demo is there to explore. The coach picks the client Maya Chen.
    me.open("")
    expect(page.get_by_role("heading", name=re.compile("This week · "))).to_be_visible()
    me.pick("Job seeker", "Maya Chen")
    expect(page.get_by_role("heading", name="This week · Maya Chen")).to_be_visible()
    with db.session(server.store) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        contacts_before = len(store.load_contacts(conn, maya.id))
    me.shot("first-run-demo")
    sent_before = int(me.metric("Requests sent").split()[0])
    held_before = int(me.metric("Conversations held"))

    # 2. Import the sample export: preview first (nothing written), then import.
    me.nav("Import")
    upload_and_preview(page, SAMPLE)
    me.shot("import-preview")
    with db.session(server.store) as conn:
        assert len(store.load_contacts(conn, maya.id)) == contacts_before
    page.get_by_role("button", name="Import", exact=True).click()
    done = page.get_by_text(f"Imported {SAMPLE.name}:")
    expect(done).to_be_visible(timeout=30_000)
    wait_for_app(page)
    me.shot("import-done")
    found = re.search(r"(\d+) new contacts, (\d+) new requests", done.inner_text())
    assert found, done.inner_text()
    new_contacts = int(found[1])
    with db.session(server.store) as conn:
        people = store.load_contacts(conn, maya.id)
        asked = set(store.load_outreach(conn, maya.id)["contact_id"])
    assert new_contacts > 100
    assert len(people) == contacts_before + new_contacts

    # 3. Ask someone from the import who has not been asked yet.
    fresh = people[(people["source"] == "linkedin") & ~people["id"].isin(asked)]
    person = str(fresh.sort_values("id").iloc[0]["name"])
    me.nav("Ask")
    me.pick("To", person)
    me.type_date("Sent on", MONDAY)
    expect(page.get_by_text("Message check:")).to_be_visible()
    page.get_by_role("button", name="Log request").click()
    wait_for_app(page)
    me.shot("request-logged")

    # 4. They said yes and talked the same day. No thank-you yet: it is due today, and
    # thank-yous come first on the Due list, the freshest first.
    me.nav("Meetings")
    me.pick("With", person)
    me.type_date("Held on (a later date schedules it)", MONDAY)
    page.get_by_role("button", name="Save conversation").click()
    wait_for_app(page)
    me.shot("meeting-logged")
    me.nav("Due")
    expect(
        page.get_by_role("heading").filter(has_text=re.compile(r"^\d+ thank-yous?$")).first
    ).to_be_visible()
    thanks = page.locator('[data-testid="stHorizontalBlock"]', has_text=f"Thank {person}")
    expect(thanks).to_have_count(1)
    me.shot("due-thank-you")

    # 5. Send the thank-you: the item leaves the list.
    thanks.get_by_role("button", name="Done").click()
    wait_for_app(page)
    rows = page.locator('[data-testid="stHorizontalBlock"]', has_text=f"Thank {person}")
    expect(rows.filter(has=page.get_by_role("button", name="Done", exact=True))).to_have_count(0)
    expect(rows.filter(has=page.get_by_role("button", name="Undo"))).to_have_count(1)  # under Just done
    me.shot("due-after-thank-you")

    # 6. The weekly review counts the week's new request, conversation and thank-you.
    me.nav("This week")
    assert int(me.metric("Requests sent").split()[0]) == sent_before + 1
    assert int(me.metric("Conversations held")) == held_before + 1
    assert re.search(r"\b(?:1 thank-you|[2-9]\d* thank-yous|1\d+ thank-yous) and ", me.text())
    me.shot("weekly-review")

    # 7. Screen-share mode: no e-mail address on any screen that lists people.
    page.locator('[data-testid="stCheckbox"]', has_text="Screen-share mode").locator("label").click()
    wait_for_app(page)
    for screen in ("Contacts", "Meetings", "Due", "This week"):
        me.nav(screen)
        body = page.locator("body").inner_text()
        assert "Maya Chen" in body
        assert not EMAIL.search(body), screen
    me.shot("share-mode")

    # 8. A reload keeps the mode and every record.
    page.reload()
    wait_for_app(page)
    assert page.get_by_role("switch", name="Screen-share mode").is_checked()
    assert int(me.metric("Requests sent").split()[0]) == sent_before + 1
    assert int(me.metric("Conversations held")) == held_before + 1
    me.nav("Meetings")
    page.get_by_role("combobox", name="Conversation").click()
    expect(page.get_by_role("option", name=f"{person} · {day(MONDAY)}")).to_have_count(1)
    page.keyboard.press("Escape")
    me.shot("after-reload")
    with db.session(server.store) as conn:
        meetings = store.load_meetings(conn, maya.id)
    ours = meetings[meetings["contact"] == person]
    assert len(ours) == 1 and ours.iloc[0]["held_on"].date() == MONDAY
