"""The app on a store it cannot use: a clear message, a way forward, and a working app afterwards."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach import store
from coach.output import export
from coach.store import db
from tests.conftest import held
from tests.markup import as_shown


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
    assert as_shown(at.success[0].value).startswith("Restored 2 job seekers from backup.zip.")
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
    assert f"kept as {kept[0]}" in as_shown(at.success[0].value)
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


def test_store_deleted_while_open_is_said_to_be_gone_never_replaced_by_the_demo(
    app: Callable[..., AppTest], demo_file: str, tmp_path: Path
) -> None:
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    at.switch_page("app_pages/settings.py").run()
    goal_before = int(at.number_input[0].value or 0)
    os.remove(path)  # deleted (or moved away) while the Settings form is open
    at.number_input[0].set_value(goal_before + 1)
    at.button[0].click().run()
    assert not at.exception
    assert any("is gone" in e.value for e in at.error), [e.value for e in at.error]
    assert not os.path.exists(path)  # no demo, no empty store in its place
    at.run()  # and not on the next look either
    assert not at.exception and not os.path.exists(path)
    backup = export.backup(demo_file, tmp_path / "backup.zip")
    at.file_uploader(key="recovery_backup").set_value(("backup.zip", backup.read_bytes(), "application/zip"))
    at.run()
    at.button(key="recovery_restore").click().run()
    assert not at.exception and not at.error
    assert as_shown(at.success[0].value).startswith("Restored 2 job seekers from backup.zip.")
    with db.session(path) as conn:
        assert store.list_seekers(conn)[0].weekly_goal == goal_before  # the lost save was never made


def test_a_store_gone_can_be_started_anew_when_asked(
    app: Callable[..., AppTest], demo_file: str, tmp_path: Path
) -> None:
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    at.run()
    os.rename(path, tmp_path / "moved.duckdb")
    at.run()
    assert any("is gone" in e.value for e in at.error)
    assert at.button(key="recovery_fresh").disabled
    at.checkbox(key="recovery_sure").check().run()
    at.button(key="recovery_fresh").click().run()
    assert not at.exception and not at.error
    with db.session(path) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]


def test_an_interrupted_restore_is_explained_and_a_kept_store_can_be_put_back(
    app: Callable[..., AppTest], demo_file: str, tmp_path: Path
) -> None:
    """What the earlier version left when stopped between its two renames: no store, two kept ones."""
    path = tmp_path / "store.duckdb"
    with db.session(str(path)) as conn:
        store.add_seeker(conn, "Ana Lopez")
    replaced = tmp_path / "store.duckdb.replaced-20260318-100000"
    os.rename(path, replaced)
    shutil.copy(demo_file, tmp_path / "store.duckdb.restoring")
    at = app(None)
    at.run()
    assert not at.exception
    assert not path.exists()  # never papered over with the demo
    problem = " ".join(as_shown(e.value) for e in at.error)
    assert "store.duckdb.restoring" in problem and replaced.name in problem
    at.button(key=f"recovery_put_back_{replaced.name}").click().run()
    assert not at.exception and not at.error
    assert f"{replaced.name} is the store again" in as_shown(at.success[0].value)
    assert not replaced.exists()
    with db.session(str(path)) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Ana Lopez"]
    assert (tmp_path / "store.duckdb.restoring").exists()  # the other one is left as it was
