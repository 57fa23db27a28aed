"""Many people on one app at once: concurrent browser tabs on a seeker with 30,000 contacts.

Builds the big seeker of ``browser_screens.py`` (the CLI import of a generated LinkedIn
export of 30,000 connections and 200,000 message rows), serves the app on it with
``streamlit run`` and opens N tabs of Debian's chromium (headless) as N sessions of that one
server. For a fixed time each tab moves between screens through the sidebar at random; every
tenth step it saves something, by turns the Settings form and a new action on Due (each
with a title of its own), so the store changes under the others' feet.

Prints the p50 and p95 time of a screen change (click to the screen drawn and idle), the
errors (an exception or a traceback on a page or in the server log; must be 0), the save
conflicts shown to users (expected when two tabs save the same settings), the saves lost
(actions a tab saw saved that the store does not hold; must be 0), and the server process's
resident memory after the warm-up and at the end.

    .venv/bin/python benchmarks/load.py [--sessions 10] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.async_api import Page, async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from browser_screens import build_store  # noqa: E402  (a sibling script, not a package)

from coach.store import db  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

SCREENS = ["This week", "Due", "Ask", "Meetings", "Contacts", "Outreach", "Network", "Decisions", "Sessions"]
TITLES = {"This week": "This week · "}  # every other screen's title starts with its name


@dataclass
class Tally:
    """What one tab saw."""

    changes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saves: int = 0
    conflicts: int = 0
    actions: list[str] = field(default_factory=list)  # titles of the actions seen saved
    refused: list[str] = field(default_factory=list)  # actions the screen said were not saved


def rss_mb(pid: int) -> float:
    """A process's resident memory now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def drawn(page: Page, title: str) -> None:
    """Wait until the screen with this title is drawn and the script has finished."""
    await page.wait_for_function(
        """(title) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const h1 = document.querySelector('[data-testid="stMain"] h1');
            return h1 && h1.innerText.startsWith(title)
                && app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stSkeleton"]');
        }""",
        arg=title,
        timeout=120_000,
    )


async def check(page: Page, tally: Tally) -> None:
    crashed = await page.locator('[data-testid="stException"]').count()
    if crashed:
        tally.errors.append((await page.locator('[data-testid="stException"]').first.inner_text())[:200])


async def go(page: Page, screen: str, tally: Tally) -> None:
    start = time.perf_counter()
    await page.get_by_role("link", name=screen, exact=True).click()
    await drawn(page, TITLES.get(screen, f"{screen} · "))
    tally.changes.append((time.perf_counter() - start) * 1000)
    await check(page, tally)


async def save_settings(page: Page, rng: random.Random, tally: Tally) -> None:
    await go(page, "Settings", tally)
    goal = page.get_by_label("Requests to send each week")
    await goal.fill(str(rng.randint(3, 15)))
    await page.get_by_role("button", name="Save settings").click()
    await page.wait_for_timeout(300)
    await drawn(page, "Settings · ")
    tally.saves += 1
    tally.conflicts += await page.get_by_text("changed elsewhere").count()
    await check(page, tally)


async def add_action(page: Page, title: str, tally: Tally) -> None:
    await go(page, "Due", tally)
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Add action"))
    await form.get_by_label("What").fill(title)
    await form.get_by_role("button", name="Add action").click()
    await page.wait_for_timeout(300)
    await drawn(page, "Due · ")
    await check(page, tally)
    # Saved unless the screen says otherwise; the store is checked for every one at the end.
    alerts = await page.locator('[data-testid="stAlert"]').all_inner_texts()
    refusals = [a for a in alerts if "Nothing was saved" in a or "needs" in a]
    if refusals:
        tally.refused.append(refusals[0][:160])
    else:
        tally.actions.append(title)


async def tab(
    page: Page, url: str, seed: int, ready: list[int], start: asyncio.Event, stop: list[float], tally: Tally
) -> None:
    rng = random.Random(seed)
    await page.goto(url)
    await drawn(page, "This week · ")
    warm = Tally()
    for screen in SCREENS:  # warm-up: every screen once, so the timed part starts with full caches
        await go(page, screen, warm)
    tally.errors += warm.errors
    ready[0] += 1
    await start.wait()
    step = 0
    while time.monotonic() < stop[0]:
        step += 1
        screen = "Settings (saving)" if step % 10 == 0 else "Due (adding an action)"
        try:
            if step % 10 == 0:
                await save_settings(page, rng, tally)
            elif step % 10 == 5:
                await add_action(page, f"Load check: tab {seed}, step {step}", tally)
            else:
                screen = rng.choice(SCREENS)
                await go(page, screen, tally)
        except Exception as exc:  # a screen that never finished drawing counts as an error
            shown = (await page.locator('[data-testid="stMain"]').inner_text())[:160].replace("\n", " | ")
            tally.errors.append(f"{screen}: {type(exc).__name__}: {str(exc)[:80]}; it shows: {shown}")


async def run(url: str, pid: int, sessions: int, seconds: float) -> list[Tally]:
    tallies = [Tally() for _ in range(sessions)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        pages = []
        for _ in range(sessions):
            context = await browser.new_context(viewport={"width": 1400, "height": 900})
            pages.append(await context.new_page())
        ready, start, stop = [0], asyncio.Event(), [float("inf")]
        tasks = [
            asyncio.create_task(tab(page, url, i, ready, start, stop, tally))
            for i, (page, tally) in enumerate(zip(pages, tallies, strict=True))
        ]
        while ready[0] < sessions and not any(t.done() for t in tasks):
            await asyncio.sleep(0.2)
        before = rss_mb(pid)
        stop[0] = time.monotonic() + seconds
        begin = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - begin
        after = rss_mb(pid)
        await browser.close()
    report(tallies, sessions, elapsed, before, after)
    return tallies


def lost_saves(store: str, tallies: list[Tally]) -> list[str]:
    """The actions some tab added (no message said otherwise) that the store does not hold."""
    with db.session(store, create="never") as conn:
        held = {
            str(r[0]) for r in conn.execute("SELECT title FROM follow_up WHERE kind = 'action'").fetchall()
        }
    return [title for t in tallies for title in t.actions if title not in held]


def report(tallies: list[Tally], sessions: int, elapsed: float, before: float, after: float) -> None:
    changes = sorted(ms for t in tallies for ms in t.changes)
    errors = [e for t in tallies for e in t.errors]
    p95 = changes[min(len(changes) - 1, int(0.95 * len(changes)))]
    print(
        f"{sessions} tabs for {elapsed:.0f} s: {len(changes)} screen changes "
        f"({len(changes) / elapsed:.1f} per second)"
    )
    print(
        f"screen change: p50 {statistics.median(changes):.0f} ms, p95 {p95:.0f} ms, max {changes[-1]:.0f} ms"
    )
    print(
        f"saves: {sum(t.saves for t in tallies)} of settings, conflicts shown: "
        f"{sum(t.conflicts for t in tallies)}; {sum(len(t.actions) for t in tallies)} actions added, "
        f"{sum(len(t.refused) for t in tallies)} refused with a message"
        + "".join(f"\n  {r}" for t in tallies for r in t.refused[:1])
    )
    print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:5]))
    print(
        f"server memory: {before:.0f} MB after warm-up, {after:.0f} MB at the end ({after - before:+.0f} MB)"
    )
    if errors:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--message-rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(f"building: {args.connections:,} connections, {args.message_rows:,} message rows", flush=True)
        store, seeker_id, _ = build_store(folder, args.connections, args.message_rows)
        log = folder / "streamlit.log"
        with serving(str(store), today=date.today(), log=log, ready_within=120) as server:
            url = f"{server.url}/?seeker={seeker_id}"
            tallies = asyncio.run(run(url, server.process.pid, args.sessions, args.seconds))
        lost = lost_saves(str(store), tallies)
        print(f"saves lost: {len(lost)}" + "".join(f"\n  {title}" for title in lost[:5]))
        text = log.read_text(errors="replace")
        tracebacks = text.count("Traceback")
        if tracebacks:
            print(f"server log: {tracebacks} traceback(s); the first:")
            print(text[text.index("Traceback") :][:3000])
        if lost or tracebacks:
            sys.exit(1)


if __name__ == "__main__":
    main()
