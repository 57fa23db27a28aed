"""Shared fixtures: a migrated in-memory store, store files on disk, the demo at a fixed day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from coach import db

# Tests look at the demo as of this day, never the clock.
ANCHOR = date(2026, 3, 18)


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
