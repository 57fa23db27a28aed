"""The live app on the hostile store: text from data makes the browser load nothing, and share mode
sends no secret, in the page or in any websocket frame.

A small HTTP server on a free loopback port stands for the outside world: every Markdown image,
link and HTML tag the hostile store holds points at it, and it must never get a request. Every
request the page makes is recorded too: none may leave for a host that is not this machine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, WebSocket

from tests.browser.conftest import screenshot, serving, wait_for_app
from tests.hostile import Hostile, build
from tests.markup import markup_names
from tests.pages.test_every_page import seeker_pages

pytestmark = pytest.mark.browser

# Every screen about one seeker, by its address (the default page's is ""), read from the app's
# navigation so a new screen is never left out; Clients only when not sharing.
PAGES = ["" if p.endswith("/home.py") else Path(p).stem for p in seeker_pages()]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Beacon(ThreadingHTTPServer):
    """Counts every request it gets, and answers each with an empty 204."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        super().__init__(("127.0.0.1", 0), _Counting)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Counting(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, Beacon)
        self.server.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@dataclass
class Visit:
    """What the browser saw and asked for over one mode's round of every page."""

    texts: dict[str, str] = field(default_factory=dict)
    frames: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class Live:
    hostile: Hostile
    beacon: Beacon
    plain: Visit
    shared: Visit
    toolbar: list[str]


def _data_links(page: Page, beacon: str) -> list[str]:
    """Links and images in the page (SVG ones included) that point at the beacon."""
    return list(
        page.evaluate(
            """(beacon) => [...document.querySelectorAll('a, img, image, link, iframe, source')]
                .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('xlink:href') || '')
                .filter(url => url.includes(beacon))""",
            beacon,
        )
    )


def _round(browser: Browser, url: str, beacon: str, seeker_id: int, *, share: bool) -> Visit:
    seen = Visit()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: seen.requests.append(request.url))

    def listen(socket: WebSocket) -> None:
        socket.on(
            "framereceived",
            lambda payload: seen.frames.append(
                payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
            ),
        )

    page.on("websocket", listen)
    query = f"?seeker={seeker_id}" + ("&share=1" if share else "")
    for path in PAGES + ([] if share else ["clients"]):
        page.goto(f"{url}/{path}{query}")
        wait_for_app(page)
        if path == "contacts":  # open the contact whose name is Markdown
            search = page.get_by_role("textbox", name="Search")
            search.fill("Down")
            search.press("Enter")
            wait_for_app(page)
        if path == "outreach":
            page.locator('[data-testid="stButtonGroup"]').get_by_text("Template", exact=True).click()
            wait_for_app(page)
        page.wait_for_timeout(500)  # images and charts drawn: any fetch they make has started
        seen.texts[path] = page.locator("body").inner_text()
        seen.links += _data_links(page, beacon)
        if path in ("due", "decisions"):
            screenshot(page, f"inert-{'shared' if share else 'plain'}-{path}")
    context.close()
    return seen


def _toolbar(browser: Browser, url: str, seeker_id: int) -> list[str]:
    """The buttons of a table's own toolbar, shown on hover."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/meetings?seeker={seeker_id}")
    wait_for_app(page)
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    table.hover()
    page.wait_for_timeout(500)
    toolbar = page.locator('[data-testid="stElementToolbar"]').last
    names = [
        str(b.get_attribute("aria-label") or b.inner_text())
        for b in toolbar.locator("button").all()
        if b.is_visible()
    ]
    context.close()
    return names


@pytest.fixture(scope="module")
def live(browser: Browser, demo_file: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("inert")
    beacon = Beacon()
    threading.Thread(target=beacon.serve_forever, daemon=True).start()
    try:
        store = str(folder / "hostile.duckdb")
        hostile = build(demo_file, store, beacon=beacon.url)
        markup_names(store, hostile, beacon=beacon.url)
        # Served from a folder without .streamlit/config.toml: what holds is what app.py sets.
        with serving(store, log=folder / "streamlit.log", cwd=folder) as server:
            plain = _round(browser, server.url, beacon.url, hostile.seeker_id, share=False)
            shared = _round(browser, server.url, beacon.url, hostile.seeker_id, share=True)
            toolbar = _toolbar(browser, server.url, hostile.seeker_id)
        yield Live(hostile, beacon, plain, shared, toolbar)
    finally:
        beacon.shutdown()
        beacon.server_close()


def test_every_page_was_drawn(live: Live) -> None:
    for visit in (live.plain, live.shared):
        for path, text in visit.texts.items():
            assert path == "clients" or "Maya 0" in text, path  # the seeker's name, shown as typed
            assert "Traceback" not in text, path
    assert "![Maya]" in live.plain.texts["due"]  # the markup is visible as text, not rendered
    assert "Down ![x]" in live.plain.texts["contacts"]


@pytest.mark.parametrize("mode", ["plain", "shared"])
def test_nothing_from_data_makes_the_browser_load_anything(live: Live, mode: str) -> None:
    visit: Visit = getattr(live, mode)
    assert live.beacon.hits == []
    assert visit.links == []
    away = [u for u in visit.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")]
    assert [u for u in away if urlparse(u).hostname not in LOCAL_HOSTS] == []
    assert not [u for u in away if live.beacon.url in u]
    assert visit.frames  # the frames were seen


def test_the_tables_own_toolbar_offers_no_download(live: Live) -> None:
    assert live.toolbar, "the toolbar was shown"  # e.g. search and full screen
    assert not [b for b in live.toolbar if "download" in b.lower() or "csv" in b.lower()], live.toolbar


def _found(live: Live, values: list[str]) -> list[str]:
    everything = "\n".join([*live.shared.texts.values(), *live.shared.frames])
    return sorted({v for v in values if v and v in everything})


@pytest.mark.parametrize("kind", ["e-mail", "phone", "private note", "other client"])
def test_share_mode_sends_no_secret(live: Live, kind: str) -> None:
    assert _found(live, live.hostile.secrets()[kind]) == []


def test_the_secret_check_sees_what_is_not_shared(live: Live) -> None:
    """Not sharing, the same pages do show e-mail addresses, phone numbers and the other client's
    name: the scan can see them."""
    everything = "\n".join([*live.plain.texts.values(), *live.plain.frames])
    assert [e for e in live.hostile.emails if e in everything]
    assert [p for p in live.hostile.phones if p in everything]
    assert live.hostile.other in everything


def test_the_beacon_counts(live: Live) -> None:
    import urllib.request

    before = len(live.beacon.hits)
    with urllib.request.urlopen(f"{live.beacon.url}/probe.png", timeout=5):
        pass
    assert len(live.beacon.hits) == before + 1
    live.beacon.hits.pop()
