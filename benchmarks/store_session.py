"""How much a unit of work costs: opening the store, checking its schema and closing it.

The app opens the store for every uncached load and every write, so this is
the price of not holding the file. Prints medians over repeated runs, and the
ratio of an uncached load to a cache hit (a fingerprint of the file).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from coach import store
from coach.demo import build_demo
from coach.store import db

RUNS = 50


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``work`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.duckdb")
        with db.session(path) as conn:
            build_demo(conn, anchor=date.today())
            seeker_id = store.list_seekers(conn)[0].id

        def open_close() -> None:
            with db.session(path):
                pass

        def load_outreach() -> None:
            with db.session(path) as conn:
                store.load_outreach(conn, seeker_id)

        session_ms = median_ms(open_close)
        load_ms = median_ms(load_outreach)
        stamp_ms = median_ms(lambda: db.store_version(path), runs=1000)
    print(f"open + schema check + close: {session_ms:7.2f} ms (median of {RUNS})")
    print(f"uncached load of requests:   {load_ms:7.2f} ms (median of {RUNS})")
    print(f"cache key (file stat):       {stamp_ms:7.4f} ms (median of 1000)")
    print(f"uncached load / cache check: {load_ms / stamp_ms:7.0f}x")


if __name__ == "__main__":
    main()
