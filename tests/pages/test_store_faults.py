"""The app on a store it cannot use: a clear message, a way forward, and a working app afterwards."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach import db, export, store
from tests.conftest import held


def damage(path: str) -> bytes:
    """Cut the store file to a third of its size, as an interrupted copy would; its bytes after."""
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) // 3)
    return Path(path).read_bytes()


def test_damaged_store_offers_a_restore_from_backup(
    app: Callable[..., AppTest], demo_file: str, tmp_path: Path
) -> None:
    backup = export.backup(demo_file, tmp_path / "backup.zip")
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    damaged = damage(path)
    at.run()
    assert not at.exception
    assert "damaged or incomplete" in at.error[0].value
    assert at.title == [] or all("·" not in t.value for t in at.title)  # no screen drawn on a broken store
    at.file_uploader(key="recovery_backup").set_value(("backup.zip", backup.read_bytes(), "application/zip"))
    at.run()
    at.button(key="recovery_restore").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Restored 2 job seeker(s) from backup.zip.")
    kept = list(Path(path).parent.glob("store.duckdb.replaced-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert any(t.value.endswith("· Daniel Okafor") for t in at.title)


def test_damaged_store_can_be_set_aside_for_a_new_one(
    app: Callable[..., AppTest], demo_file: str, tmp_path: Path
) -> None:
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    damaged = damage(path)
    at.run()
    assert at.button(key="recovery_fresh").disabled  # not before saying so
    at.checkbox(key="recovery_sure").check().run()
    at.button(key="recovery_fresh").click().run()
    assert not at.exception and not at.error
    kept = list(Path(path).parent.glob("store.duckdb.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert f"kept as {kept[0]}" in at.success[0].value
    with db.session(path) as conn:  # a new store, with the demo to start from
        assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]


def test_store_held_by_another_process_while_saving(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    at.switch_page("app_pages/settings.py").run()
    goal_before = int(at.number_input[0].value or 0)
    with held(path) as holder:
        at.number_input[0].set_value(goal_before + 1)
        at.button[0].click().run(timeout=60)
        assert not at.exception
        assert any(f"PID {holder.pid}" in e.value and "try again" in e.value for e in at.error)
    at.button[0].click().run()  # the same save, once the other process is done
    assert not at.exception and not at.error
    with db.session(path) as conn:
        daniel = store.list_seekers(conn)[0]
        assert daniel.weekly_goal == goal_before + 1
        assert db.reference_problems(conn) == []
