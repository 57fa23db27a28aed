"""Shared fixtures: a migrated in-memory store, store files on disk, the demo at a fixed day."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from coach.store import db

# Tests look at the demo as of this day, never the clock.
ANCHOR = date(2026, 3, 18)


@contextmanager
def held(path: str, *, writing: str = "") -> Iterator[subprocess.Popen[str]]:
    """Another process holding the store open (in the middle of ``writing``, an SQL statement,
    if given) until the block ends; the block gets that process."""
    begin = f"con.execute('BEGIN'); con.execute({writing!r})" if writing else ""
    end = "con.execute('COMMIT')" if writing else ""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({path!r})
            {begin}
            print("holding", flush=True)
            sys.stdin.readline()
            {end}
            """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.communicate("\n", timeout=20)


@pytest.fixture
def conn() -> Iterator[db.Connection]:
    """A migrated in-memory store."""
    connection = duckdb.connect(":memory:")
    db.migrate(connection)
    yield connection
    connection.close()


@pytest.fixture
def store_file(tmp_path: Path) -> str:
    """A path for a store file that does not exist yet."""
    return str(tmp_path / "coach.duckdb")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store file holding the demo as of ANCHOR; copy it before writing to it."""
    from coach.demo import build_demo

    path = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    with db.session(path) as connection:
        build_demo(connection, anchor=ANCHOR)
    return path
