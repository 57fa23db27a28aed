"""In a real browser: upload a LinkedIn zip, preview it, import it, see the counts and what next."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coach import store
from coach.store import db
from tests.browser.conftest import SAMPLE, Server, screenshot, upload_and_preview, wait_for_app
from tests.mailboxes import job_search, mbox

pytestmark = pytest.mark.browser


def test_upload_preview_and_import_the_sample_zip(server: Server, page: Page) -> None:
    page.goto(server.url)
    wait_for_app(page)
    with db.session(server.store) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        before = len(store.load_contacts(conn, maya.id))
    page.goto(f"{server.url}/imports?seeker={maya.id}")
    wait_for_app(page)
    offer = page.locator('[data-testid="stDownloadButton"]', has_text="Sample export")
    expect(offer).to_be_visible()
    screenshot(page, "import-0-upload")
    upload_and_preview(page, SAMPLE)
    expect(offer).to_have_count(0)  # a file is being imported: the offer steps aside
    expect(
        page.get_by_text(
            "122 new contacts: 120 connections and 2 people from messages and invitations", exact=False
        )
    ).to_be_visible()
    expect(page.get_by_text("Requests per month")).to_be_visible(timeout=30_000)  # plotly loads lazily
    screenshot(page, "import-1-preview")
    with db.session(server.store) as conn:
        assert len(store.load_contacts(conn, maya.id)) == before  # the preview wrote nothing
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(f"Imported {SAMPLE.name}:")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    for name in ("Due", "This week", "Decisions"):
        expect(page.get_by_role("link", name=name).last).to_be_visible()
    screenshot(page, "import-2-done")
    message = page.get_by_text(f"Imported {SAMPLE.name}:").inner_text()
    new = int(message.split(":")[1].split()[0])
    with db.session(server.store) as conn:
        after = len(store.load_contacts(conn, maya.id))
    assert new > 100 and after > before


def test_upload_a_mailbox_with_a_label_preview_and_import_it(
    server: Server, page: Page, tmp_path: Path
) -> None:
    mailbox = tmp_path / "All mail Including Spam and Trash.mbox"
    mailbox.write_bytes(mbox(job_search()))
    page.goto(server.url)
    wait_for_app(page)  # the first start writes the demo store
    with db.session(server.store) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        before = len(store.load_outreach(conn, maya.id))
    page.goto(f"{server.url}/imports?seeker={maya.id}")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(mailbox))
    expect(page.get_by_text("This file is")).to_be_visible(timeout=20_000)
    wait_for_app(page)
    expect(page.get_by_role("radio", name="Mail (mbox or .eml)")).to_be_checked()
    label = page.get_by_role("textbox", name="Gmail label to read (optional)")
    label.fill("Job search")
    label.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("What would change")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("3 new requests", exact=False)).to_be_visible()
    expect(page.get_by_text("Read as the mail of", exact=False)).to_be_visible()
    screenshot(page, "import-mail-preview")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(f"Imported {mailbox.name}:")).to_be_visible(timeout=30_000)
    with db.session(server.store) as conn:
        assert len(store.load_outreach(conn, maya.id)) == before + 3
