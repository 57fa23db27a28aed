"""Faults: an import killed at random moments leaves the old store or the complete new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from coach.store import db
from tests.exports import linkedin_export

RUNS = 8  # bounded: each run is at most a couple of seconds


def table_counts(path: str) -> dict[str, int]:
    with db.session(path) as conn:
        assert db.reference_problems(conn) == []
        return {
            t: int(db.scalar(conn, f"SELECT count(*) FROM {t}")) for t in ("seeker", "contact", "outreach")
        }


def import_command(path: str, export: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "coach",
        "import",
        "linkedin",
        str(export),
        "--seeker",
        "Ana Lopez",
        "--db",
        path,
    ]


def test_sigkill_during_import_leaves_old_or_complete_state(tmp_path: Path) -> None:
    export = linkedin_export(tmp_path / "export.zip", connections=120)  # Ana Lopez's
    reference = str(tmp_path / "reference.duckdb")
    subprocess.run(import_command(reference, export), check=True, capture_output=True)
    complete = table_counts(reference)
    empty = {"seeker": 0, "contact": 0, "outreach": 0}
    rng = random.Random(7)
    for run in range(RUNS):
        path = str(tmp_path / f"killed{run}.duckdb")
        with db.session(path):
            pass  # an existing, empty store
        process = subprocess.Popen(
            import_command(path, export), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 2.5))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        after = table_counts(path)
        assert after in (empty, complete), (run, after)
        subprocess.run(import_command(path, export), check=True, capture_output=True)  # a re-import succeeds
        assert table_counts(path) == complete
