"""How fast the analytics screens and `coach report` are on a large seeker.

Builds a store with one seeker holding 30,000 contacts, 5,000 requests and 500
meetings, then prints, for each screen, the median of 10 full script runs in
Streamlit's AppTest (the store unchanged, so cached loads are hit) and its
ratio to an empty page measured in the same process, as shown normally and in
screen-share mode (every text scrubbed; a third of the contacts have an e-mail
and a phone), with the first run after a write (caches cold) beside it; then
`coach report --json` as a whole process, start-up included. Targets: each screen under
250 ms and at most 50x the empty page; the report under 1 s.

    .venv/bin/python benchmarks/dashboard.py [--contacts 30000] [--requests 5000] [--meetings 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach.store import db

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 18)
SCREENS = [
    "app_pages/home.py",
    "app_pages/outreach.py",
    "app_pages/network.py",
    "app_pages/decisions.py",
    "app_pages/due.py",
    "app_pages/contacts.py",
]
RUNS = 10


def build_store(path: str, *, contacts: int, requests: int, meetings: int) -> None:
    """One seeker with many synthetic rows, written with set-based SQL."""
    with db.session(path) as conn, db.transaction(conn):
        conn.execute("INSERT INTO seeker (id, name, weekly_goal) VALUES (1, 'Big Seeker', 10)")
        conn.execute(
            """
            INSERT INTO career_option (id, seeker_id, title, status, decided_on)
            SELECT i, 1, 'Option ' || i, CASE WHEN i = 1 THEN 'chosen' ELSE 'exploring' END,
                   CASE WHEN i = 1 THEN DATE '2026-03-01' END
            FROM range(1, 5) t(i)
            """
        )
        conn.execute(
            """
            INSERT INTO contact (id, seeker_id, first_name, last_name, company, position, email, phone,
                                 source, warmth, connected_on, added_on)
            SELECT i, 1, 'First' || i, 'Last' || i, 'Company ' || (i % 700), 'Role ' || (i % 50),
                   CASE WHEN i % 3 = 0 THEN 'person' || i || '@example.org' END,
                   CASE WHEN i % 3 = 0 THEN '+1 415 555 ' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0') END,
                   ['linkedin', 'alumni', 'association', 'event', 'referral', 'other'][1 + i % 6],
                   ['inner_circle', 'shared_affiliation', 'referral', 'cold', 'unknown'][1 + i % 5],
                   DATE '2024-03-18' + CAST(i % 730 AS INTEGER), DATE '2024-03-18' + CAST(i % 730 AS INTEGER)
            FROM range(1, CAST(? AS BIGINT) + 1) t(i)
            """,
            [contacts],
        )
        conn.execute(
            """
            INSERT INTO outreach (id, seeker_id, contact_id, sent_on, channel, template, minutes_asked,
                                  followed_up_on, responded_on, outcome)
            SELECT i, 1, 1 + (i * 7) % CAST(? AS BIGINT), DATE '2026-03-17' - CAST(i % 300 AS INTEGER),
                   ['email', 'linkedin', 'phone', 'in_person'][1 + i % 4],
                   ['alumni', 'cold', 'mutual'][1 + i % 3], 15,
                   CASE WHEN i % 5 = 0 THEN DATE '2026-03-17' - CAST(i % 300 AS INTEGER) + 14 END,
                   CASE WHEN i % 2 = 0 THEN DATE '2026-03-17' - CAST(i % 300 AS INTEGER) + 3 END,
                   CASE WHEN i % 2 = 0 THEN ['agreed', 'declined', 'replied'][1 + i % 3] END
            FROM range(1, CAST(? AS BIGINT) + 1) t(i)
            """,
            [contacts, requests],
        )
        conn.execute(
            "UPDATE outreach SET responded_on = NULL, outcome = NULL WHERE responded_on > DATE '2026-03-18'"
        )
        conn.execute("UPDATE outreach SET followed_up_on = NULL WHERE followed_up_on > DATE '2026-03-18'")
        conn.execute(
            """
            INSERT INTO meeting (id, seeker_id, contact_id, held_on, mode, company, minutes_planned,
                                 minutes_actual, talk_share, fit, thank_you_on)
            SELECT i, 1, 1 + (i * 13) % CAST(? AS BIGINT), DATE '2026-03-18' - CAST(i % 280 AS INTEGER),
                   'video',
                   'Company ' || (i % 40), 15, 15 + i % 7, 50, 1 + i % 5,
                   DATE '2026-03-18' - CAST(i % 280 AS INTEGER) + CAST(i % 3 AS INTEGER)
            FROM range(1, CAST(? AS BIGINT) + 1) t(i)
            """,
            [contacts, meetings],
        )
        conn.execute("UPDATE meeting SET thank_you_on = NULL WHERE thank_you_on > DATE '2026-03-18'")
        conn.execute(
            """
            INSERT INTO meeting_option (seeker_id, meeting_id, career_option_id, signal)
            SELECT 1, i, 1 + i % 4, ['for', 'against', 'neutral'][1 + i % 3]
            FROM range(1, CAST(? AS BIGINT) + 1) t(i)
            """,
            [meetings],
        )
        conn.execute(
            """
            INSERT INTO referral (id, seeker_id, referrer_id, referred_id, referred_on, meeting_id)
            SELECT i, 1, 1 + (i * 13) % CAST(? AS BIGINT), 20000 + i,
                   DATE '2026-03-18' - CAST(i % 280 AS INTEGER), i
            FROM range(1, LEAST(CAST(? AS BIGINT), 200) + 1) t(i)
            """,
            [contacts, meetings],
        )
        conn.execute(
            "UPDATE referral SET referred_id = referrer_id + 1 WHERE referred_id > CAST(? AS BIGINT)",
            [contacts],
        )
        db.check_references(conn)


def median_run_ms(at: AppTest) -> float:
    """Median wall time of RUNS full script runs, after one warm-up run."""
    at.run()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    assert not at.exception, at.exception
    return statistics.median(times)


def cold_run_ms(at: AppTest, path: str) -> float:
    """Median of 3 runs each right after a write to the store (every cached load and scrub is stale)."""
    times = []
    for goal in (11, 12, 13):
        with db.session(path) as conn:
            conn.execute("UPDATE seeker SET weekly_goal = ? WHERE id = 1", [goal])
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "big.duckdb")
        start = time.perf_counter()
        build_store(path, contacts=args.contacts, requests=args.requests, meetings=args.meetings)
        print(
            f"store: {args.contacts} contacts, {args.requests} requests, {args.meetings} meetings "
            f"built in {time.perf_counter() - start:.1f} s"
        )
        os.environ["COACH_DB"] = path
        os.environ["COACH_TODAY"] = TODAY.isoformat()

        empty = median_run_ms(AppTest.from_string("import streamlit as st\nst.title('Empty')"))
        print(f"{'empty page':<28}{empty:8.1f} ms")
        for shared in (False, True):
            for screen in SCREENS:
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
                if shared:
                    at.query_params["seeker"] = "1"
                    at.query_params["share"] = "1"
                at.run()
                at.switch_page(screen)
                ms = median_run_ms(at)
                cold = cold_run_ms(at, path)
                verdict = "ok" if ms < 250 and ms <= 50 * empty else "SLOW"
                name = screen + (" (shared)" if shared else "")
                print(
                    f"{name:<37}{ms:8.1f} ms  {ms / empty:5.1f}x empty  {verdict}"
                    f"   after a write {cold:7.1f} ms"
                )

        # As on a user's machine, Python keeps compiled bytecode between runs; an uncounted run writes it.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [
            sys.executable,
            "-m",
            "coach",
            "report",
            "--seeker",
            "Big Seeker",
            "--as-of",
            TODAY.isoformat(),
            "--json",
            "--db",
            path,
        ]
        subprocess.run(command, check=True, capture_output=True, env=env)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
        report = statistics.median(times)
        print(
            f"{'coach report --json':<28}{report * 1000:8.1f} ms  (median of 5, process start included)  "
            f"{'ok' if report < 1 else 'SLOW'}"
        )


if __name__ == "__main__":
    main()
