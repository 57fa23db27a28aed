"""How long a person waits for each screen in a real browser, on a seeker with a big network.

Generates a LinkedIn export of 30,000 connections and 200,000 message rows (the generator of
``import_linkedin.py``), imports it through the CLI as its owner's own export (``coach seeker
add`` then ``coach import linkedin``), and serves the app on that store. In the same run it
also serves a bare two-page Streamlit app, the floor no screen can go under. Debian's chromium
(headless) then clicks every sidebar link for several rounds, each after a round of the bare
app, timing each change from the click until the new screen's title is drawn and the script has
stopped running.

Prints each screen's median over the warm rounds (the first round is a warm-up) and its ratio
to the bare page's median change, against the targets: a median of at most 600 ms and at most
3x the bare page.

    .venv/bin/python benchmarks/browser_screens.py [--connections 30000] [--message-rows 200000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from import_linkedin import OWNER, generate  # noqa: E402  (a sibling script, not a package)

from coach import store as stores  # noqa: E402
from coach.store import db  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

TARGET_MS = 600
TARGET_RATIO = 3.0
DRAWN_TIMEOUT_MS = 60_000
# The bare app: two pages that only draw their titles, under st.navigation like the real one.
BARE = textwrap.dedent(
    """
    import streamlit as st

    def one() -> None:
        st.title("One · bare")

    def two() -> None:
        st.title("Two · bare")

    st.navigation([st.Page(one, title="One"), st.Page(two, title="Two")], expanded=True).run()
    """
)


def drawn(page: Page, title: str) -> None:
    """Wait until the screen titled so ("Due", shown as "Due · Maya Chen") is drawn and idle."""
    page.wait_for_function(
        """(title) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const h1 = document.querySelector('[data-testid="stMain"] h1');
            const shown = h1 && h1.innerText.trim();
            return shown && (shown === title || shown.startsWith(title + ' · '))
                && app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stSkeleton"]');
        }""",
        arg=title,
        timeout=DRAWN_TIMEOUT_MS,
    )


def change_ms(page: Page, link: str, title: str) -> float:
    """Click a sidebar link; milliseconds until its screen is drawn and idle."""
    start = time.perf_counter()
    page.get_by_role("link", name=link, exact=True).click()
    drawn(page, title)
    return (time.perf_counter() - start) * 1000


def sidebar_links(page: Page) -> list[str]:
    """The screens of the navigation, in the order the sidebar lists them."""
    names = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    words = [name.strip().splitlines()[-1].strip() for name in names if name.strip()]  # no icon names
    return [word for word in words if word]


def app_round(page: Page, links: list[str]) -> dict[str, float]:
    """One change to each screen of the app, in the sidebar's order."""
    times = {}
    for link in links:
        try:
            times[link] = change_ms(page, link, link)
        except PlaywrightTimeout:
            shown = page.locator('[data-testid="stMain"]').inner_text()[:300].replace("\n", " | ")
            print(f"  {link}: not drawn within {DRAWN_TIMEOUT_MS // 1000} s; it shows: {shown}", flush=True)
            times[link] = float("inf")
    return times


def bare_round(page: Page) -> list[float]:
    """As many changes of the bare app as a round of the real app has screens (about)."""
    return [change_ms(page, link, link) for link in ("Two", "One") * 6]


def time_rounds(
    app: Page, app_url: str, bare: Page, bare_url: str, rounds: int
) -> tuple[dict[str, list[float]], list[float]]:
    """Each screen's change times and the bare app's, over the warm rounds (one warm-up round
    first, not counted). A round of the bare app comes before each round of the real one, so a
    machine that slows down or speeds up during the run weighs on both alike."""
    app.goto(app_url)
    drawn(app, "This week")
    bare.goto(bare_url)
    drawn(bare, "One")
    links = sidebar_links(app)
    timings: dict[str, list[float]] = {link: [] for link in links}
    floor: list[float] = []
    for n in range(rounds + 1):
        bare.bring_to_front()  # a tab in the background may not draw
        floor_round = bare_round(bare)
        app.bring_to_front()
        times = app_round(app, links)
        if n:
            floor.extend(floor_round)
            for link, ms in times.items():
                timings[link].append(ms)
        print(f"  round {n or 'warm-up'} done", flush=True)
    return timings, floor


def build_store(folder: Path, connections: int, message_rows: int) -> tuple[Path, int, float]:
    """The store with the big seeker made by the CLI import, three career options with keywords and
    targets added by the CLI; its seeker id and the import's seconds."""
    export = folder / "export.zip"
    generate(export, connections, message_rows)
    store = folder / "big.duckdb"
    env = {**os.environ, "COACH_DB": str(store)}
    owner = f"{OWNER[0]} {OWNER[1]}"
    coach = [sys.executable, "-m", "coach"]
    subprocess.run([*coach, "seeker", "add", owner], env=env, check=True, capture_output=True)
    begin = time.perf_counter()
    subprocess.run(
        [*coach, "import", "linkedin", str(export), "--seeker", owner],
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - begin
    # Career options with keywords and targets, so Find people has thousands of people to rank.
    for title, keywords, targets in (
        ("Product management", "product manager", ("Hooli", "Initech")),
        ("Data science", "data scientist, analyst", ("Globex",)),
        ("UX research", "UX researcher, designer", ("Acme", "Tyrell")),
    ):
        add = [*coach, "option", "add", title, "--seeker", owner, "--keywords", keywords]
        subprocess.run(add, env=env, check=True, capture_output=True)
        for target in targets:
            aim = [*coach, "target", "add", target, "--option", title, "--seeker", owner]
            subprocess.run(aim, env=env, check=True, capture_output=True)
    with db.session(str(store)) as conn:
        seeker = stores.find_seeker(conn, owner)
        assert seeker is not None
        return store, seeker.id, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--message-rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds to take the median of (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(f"building: {args.connections:,} connections, {args.message_rows:,} message rows", flush=True)
        store, seeker_id, seconds = build_store(folder, args.connections, args.message_rows)
        print(f"  CLI import: {seconds:.1f} s (whole process)")
        bare = folder / "bare_app.py"
        bare.write_text(BARE)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            app_page, bare_page = context.new_page(), context.new_page()
            today = date.today()
            with (
                serving(
                    str(store), today=today, log=folder / "bare.log", script=bare, ready_within=120
                ) as floor_app,
                serving(str(store), today=today, log=folder / "app.log", ready_within=120) as server,
            ):
                timings, floor_times = time_rounds(
                    app_page, f"{server.url}/?seeker={seeker_id}", bare_page, floor_app.url, args.rounds
                )
            browser.close()
        report(timings, statistics.median(floor_times))


def report(timings: dict[str, list[float]], floor: float) -> None:
    """One line per screen: median, ratio to the bare page, and whether both targets are met."""
    print(f"\nbare two-page app: median change {floor:.0f} ms")
    print(f"{'screen':<12} {'median':>9} {'ratio':>7}  targets (<= {TARGET_MS} ms, <= {TARGET_RATIO:g}x)")
    missed = 0
    for screen, times in timings.items():
        median = statistics.median(times)
        ratio = median / floor if floor else float("inf")
        met = median <= TARGET_MS and ratio <= TARGET_RATIO
        missed += not met
        print(f"{screen:<12} {median:>6.0f} ms {ratio:>6.1f}x  {'met' if met else 'NOT met'}")
    print(f"\n{len(timings) - missed} of {len(timings)} screens meet both targets.")


if __name__ == "__main__":
    main()
