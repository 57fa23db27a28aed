"""Pages run through Streamlit's AppTest from the entry point, on a store file of their own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.store import db
from tests.conftest import ANCHOR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., AppTest]:
    """Make an AppTest of the whole app on a store: 'demo' (a copy of the demo), 'empty', or None (no file)."""

    def make(kind: str | None, demo_file: str | None = None) -> AppTest:
        path = tmp_path / "store.duckdb"
        if kind == "demo":
            assert demo_file
            shutil.copy(demo_file, path)
        elif kind == "empty":
            with db.session(str(path)):
                pass
        monkeypatch.setenv("COACH_DB", str(path))
        monkeypatch.setenv("COACH_TODAY", ANCHOR.isoformat())
        return AppTest.from_file(APP, default_timeout=60)

    return make
