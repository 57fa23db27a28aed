"""A real browser on the real server: `streamlit run` on a free port, driven by Playwright in Debian's chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import ANCHOR
from tests.exports import linkedin_export

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
# Maya Chen's LinkedIn export (the demo's seeker), built here: 120 connections and their messages.
SAMPLE = linkedin_export(
    Path(tempfile.gettempdir()) / "coach-browser-export" / "linkedin-export.zip",
    owner="Maya Chen",
    connections=120,
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Server:
    url: str
    store: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout}s")


@contextmanager
def started(
    command: list[str], *, url: str, cwd: Path, env: dict[str, str], log: Path, ready_within: float
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server ``command`` from ``cwd``, its output appended to ``log``, until it answers on
    ``url``; always stop it afterwards."""
    with open(log, "ab") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(url, process, timeout=ready_within)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def serving(
    store: str,
    *,
    today: date = ANCHOR,
    log: Path,
    cwd: Path = ROOT,
    script: Path = ROOT / "app.py",
    ready_within: float = 60,
) -> Iterator[Server]:
    """Serve the app (or another ``script``) on a free port on ``store`` as of ``today``, and always
    stop it.

    ``cwd`` is the folder it is started from (another one than the project's leaves out
    its .streamlit/config.toml); ``ready_within`` the seconds it may take to answer."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    env = {**os.environ, "COACH_DB": store, "COACH_TODAY": today.isoformat()}
    url = f"http://127.0.0.1:{port}"
    with started(command, url=url, cwd=cwd, env=env, log=log, ready_within=ready_within) as process:
        yield Server(url=url, store=store, process=process)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The app served on a fresh store (so it starts with the demo) as of the tests' fixed day."""
    with serving(str(tmp_path / "coach.duckdb"), log=tmp_path / "streamlit.log") as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM} (make setup installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script: a page title drawn, nothing running."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    # The status widget shows only after a run has gone on a while: the app's own script state
    # says at once whether a run is going. Checked twice, 300 ms apart, as a click's rerun may
    # not have started when the first check passes.
    for _ in range(2):
        page.wait_for_function(
            """() => document.querySelector('[data-testid="stApp"]')
                         ?.getAttribute('data-test-script-state') === 'notRunning'
                     && !document.querySelector('[data-testid="stStatusWidget"]')
                     && !document.querySelector('[data-testid="stSkeleton"]')""",
            timeout=timeout,
        )
        page.wait_for_timeout(300)


def upload_and_preview(page: Page, export: Path) -> None:
    """On the Import screen: upload a file, press Preview, and wait for what would change."""
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(export))
    expect(page.get_by_text("This file is")).to_be_visible(timeout=20_000)
    wait_for_app(page)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("What would change")).to_be_visible(timeout=30_000)
    wait_for_app(page)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
