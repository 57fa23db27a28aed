"""Per-table change counts: every write bumps the tables it changed, in its own transaction, and
nothing else; readers key their caches on them (ui.data)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from coach import store
from coach.importers import apply, linkedin, undo_last
from coach.store import db, registry, reviews, targets, tracking
from tests.conftest import ANCHOR
from tests.exports import linkedin_export


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ("INSERT INTO contact (first_name) VALUES ('Bo')", {"contact"}),
        ("insert or replace into week_note values (1)", {"week_note"}),
        ("  -- a comment first\n  UPDATE seeker SET weekly_goal = 3", {"seeker"}),
        ('DELETE FROM "follow_up" WHERE id = 1', {"follow_up"}),
        ("UPDATE outreach SET outcome = NULL; DELETE FROM referral WHERE id = 2", {"outreach", "referral"}),
        ("INSERT INTO t SELECT 1 ON CONFLICT DO UPDATE SET x = 1", {"t"}),
        ("ALTER TABLE seeker ADD COLUMN x INTEGER", {db.SCHEMA_CHANGE}),
        ("CREATE TABLE x (a INTEGER)", {db.SCHEMA_CHANGE}),
        ("CREATE OR REPLACE TEMP TABLE _matched AS SELECT 1", set()),
        ("CREATE TEMPORARY MACRO clean(x) AS x", set()),
        ("SELECT * FROM contact WHERE note = 'UPDATE contact SET x'", set()),
        ("WITH a AS (SELECT 1) SELECT * FROM a", set()),
    ],
)
def test_each_statement_names_the_tables_it_writes(sql: str, tables: set[str]) -> None:
    assert db.changed_tables(sql) == tables


def _digests(conn: db.Connection) -> dict[str, str]:
    """Every table's content, as a digest (the counts themselves left out)."""
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary"
        ).fetchall()
    ]
    return {
        name: hashlib.sha256(
            repr(sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"').fetchall()))).encode()
        ).hexdigest()
        for name in names
        if name != "table_change"
    }


@pytest.fixture
def demo(demo_file: str, tmp_path: Path) -> str:
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_file, path)
    return str(path)


def _seeker(conn: db.Connection) -> int:
    found = store.find_seeker(conn, "Maya Chen")
    assert found is not None
    return found.id


def _first(conn: db.Connection, sql: str) -> int:
    return int(db.scalar(conn, sql))


def _import(tmp_path: Path) -> Callable[[db.Connection, int], Any]:
    def run(conn: db.Connection, seeker_id: int) -> Any:
        export = linkedin_export(tmp_path / "export.zip", owner="Maya Chen")
        return apply(conn, linkedin.plan(conn, export, seeker_id=seeker_id), accept_partial=True)

    return run


def _writes(tmp_path: Path) -> dict[str, Callable[[db.Connection, int], Any]]:
    """Writes of every kind the app and the CLI make, each on the demo store."""
    return {
        "add a contact": lambda c, s: tracking.add_contact(
            c, s, tracking.NewContact("Ines", "Duarte", company="Acme"), today=ANCHOR
        ),
        "save settings": lambda c, s: tracking.update_settings(c, s, {"weekly_goal": 9}),
        "log a request": lambda c, s: tracking.log_outreach(
            c,
            s,
            tracking.Request(
                _first(c, f"SELECT max(id) FROM contact WHERE seeker_id = {s}"),
                ANCHOR,
                "email",
                message="Hello",
            ),
            today=ANCHOR,
        ),
        "log a meeting with a referral": lambda c, s: tracking.log_meeting(
            c,
            s,
            tracking.Meeting(
                _first(c, f"SELECT min(id) FROM contact WHERE seeker_id = {s}"),
                ANCHOR,
                mode="video",
                referrals=[tracking.Referral(first_name="Noor", last_name="Haddad")],
            ),
            today=ANCHOR,
        ),
        "add an action": lambda c, s: tracking.record_follow_up(
            c, s, {"kind": "action", "title": "Update the CV", "due_on": date(2026, 4, 1)}
        ),
        "merge contacts": lambda c, s: tracking.merge_contacts(
            c,
            s,
            _first(c, f"SELECT min(id) FROM contact WHERE seeker_id = {s}"),
            _first(c, f"SELECT max(id) FROM contact WHERE seeker_id = {s}"),
        ),
        "save a template": lambda c, s: reviews.save_template(c, s, "Mine", "Hello {first_name}"),
        "save a week note": lambda c, s: reviews.save_week_note(c, s, date(2026, 3, 16), "A calm week"),
        "import a LinkedIn export": _import(tmp_path),
        "undo the import": lambda c, s: (_import(tmp_path)(c, s), undo_last(c, s)),
        "delete a client": lambda c, s: reviews.delete_confirmed(c, s, typed_name="Maya Chen"),
        "add a target": lambda c, s: targets.add_target(c, s, _option(c, s), "Initech", today=ANCHOR),
        "import targets": lambda c, s: targets.import_targets(
            c, s, _option(c, s), ["Initech", "Globex"], today=ANCHOR
        ),
        "set keywords": lambda c, s: targets.set_keywords(c, s, _option(c, s), "ESG, sustainability"),
    }


def _option(conn: db.Connection, seeker_id: int) -> int:
    return _first(conn, f"SELECT min(id) FROM career_option WHERE seeker_id = {seeker_id}")


@pytest.mark.parametrize(
    "write",
    [
        "add a contact",
        "save settings",
        "log a request",
        "log a meeting with a referral",
        "add an action",
        "merge contacts",
        "save a template",
        "save a week note",
        "import a LinkedIn export",
        "undo the import",
        "delete a client",
        "add a target",
        "import targets",
        "set keywords",
    ],
)
def test_every_table_a_write_changes_has_its_count_bumped(demo: str, tmp_path: Path, write: str) -> None:
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
        before, counts = _digests(conn), db.table_changes(conn)
        _writes(tmp_path)[write](conn, seeker_id)
        after, now = _digests(conn), db.table_changes(conn)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed, "the write changed nothing"
    bumped = {name for name in now if now[name] != counts.get(name)}
    assert changed <= bumped, f"changed but not counted: {changed - bumped}"


def test_removing_a_target_counts_as_a_change_of_targets(demo: str) -> None:
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
        targets.add_target(conn, seeker_id, _option(conn, seeker_id), "Initech", today=ANCHOR)
        counts = db.table_changes(conn)
        targets.remove_target(conn, seeker_id, _option(conn, seeker_id), "initech inc")
        now = db.table_changes(conn)
    assert {name for name in now if now[name] != counts.get(name)} == {"target_org"}


def test_settings_saved_leave_the_contact_counts_alone(demo: str) -> None:
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
        counts = db.table_changes(conn)
        tracking.update_settings(conn, seeker_id, {"weekly_goal": 9})
        now = db.table_changes(conn)
    assert now["seeker"] == counts.get("seeker", 0) + 1
    assert {k: v for k, v in now.items() if k != "seeker"} == {
        k: v for k, v in counts.items() if k != "seeker"
    }


def test_a_write_that_fails_counts_nothing(demo: str) -> None:
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
        counts = db.table_changes(conn)
        with pytest.raises(db.StoreError):
            tracking.log_outreach(
                conn, seeker_id, tracking.Request(999_999, ANCHOR, "email", message="Hi"), today=ANCHOR
            )
        assert db.table_changes(conn) == counts


def test_a_write_on_its_own_is_counted_and_still_returns_its_rows(tmp_path: Path) -> None:
    with db.session(str(tmp_path / "s.duckdb")) as conn:
        counts = db.table_changes(conn)
        new_id = conn.execute("INSERT INTO seeker (name) VALUES ('Ana') RETURNING id").fetchone()
        assert new_id is not None and new_id[0] >= 1
        assert db.table_changes(conn)["seeker"] == counts.get("seeker", 0) + 1


def test_reading_changes_neither_the_counts_nor_the_file(demo: str) -> None:
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
    stamp = db.store_version(demo)
    with db.session(demo) as conn:
        counts = db.table_changes(conn)
        registry.load_frames(conn, seeker_id)
        store.list_seekers(conn)
        assert db.table_changes(conn) == counts
    assert db.store_version(demo) == stamp


def test_a_new_store_counts_its_schema(tmp_path: Path) -> None:
    with db.session(str(tmp_path / "s.duckdb")) as conn:
        assert db.table_changes(conn).get(db.SCHEMA_CHANGE, 0) >= 1


def _holding_the_goal(demo: str) -> tuple[db.Connection, int, Callable[[], None]]:
    """Another connection in the middle of changing the weekly goal; the seeker; a save of it."""
    with db.session(demo) as conn:
        seeker_id = _seeker(conn)
    holder = db.connect(demo)
    holder.execute("BEGIN TRANSACTION")
    holder.execute("UPDATE seeker SET weekly_goal = 11 WHERE id = ?", [seeker_id])

    def save() -> None:
        with db.session(demo) as conn:
            tracking.update_settings(conn, seeker_id, {"weekly_goal": 12})

    return holder, seeker_id, save


def test_two_saves_at_once_both_land(demo: str) -> None:
    """Two sessions of one process changing the same row at once: the later one is run again."""
    holder, seeker_id, save_goal = _holding_the_goal(demo)
    tries: list[int] = []

    def save() -> None:
        tries.append(1)
        if len(tries) == 2:  # the other transaction ends while this one waits to try again
            holder.execute("COMMIT")
        save_goal()

    db.retry_conflicts(save, waits=(0.01, 0.01, 0.01))
    holder.close()
    assert len(tries) >= 2  # the first try collided
    with db.session(demo) as conn:
        assert store.get_seeker(conn, seeker_id).weekly_goal == 12  # saved after the other one


def test_a_save_that_keeps_colliding_says_so(demo: str) -> None:
    holder, seeker_id, save = _holding_the_goal(demo)
    with pytest.raises(db.WriteConflict, match="Nothing was saved: another tab"):
        db.retry_conflicts(save, waits=(0.01,))
    holder.execute("ROLLBACK")
    holder.close()
    with db.session(demo) as conn:
        assert store.get_seeker(conn, seeker_id).weekly_goal not in (11, 12)


def test_opening_while_another_thread_closes_the_store_waits_for_it(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file still attached by a session another thread is closing: opening tries again."""
    real = duckdb.connect
    tries: list[str] = []

    def connect(path: str) -> Any:
        tries.append(path)
        if len(tries) == 1:
            raise duckdb.IOException(
                f'Resource In Use Error: Unique file handle conflict: Cannot attach "store" - the database '
                f'file "{path}" is already attached by database "store"'
            )
        return real(path)

    monkeypatch.setattr(duckdb, "connect", connect)
    with db.session(demo) as conn:
        assert store.list_seekers(conn)
    assert len(tries) == 2


def test_two_tabs_adding_to_one_table_at_once_both_land_and_both_count(tmp_path: Path) -> None:
    """Both bump follow_up's count, for the first time: the one committing second is run again."""
    demo = str(tmp_path / "new.duckdb")
    with db.session(demo) as conn:
        seeker_id = int(conn.execute("INSERT INTO seeker (name) VALUES ('Ana') RETURNING id").fetchone()[0])  # type: ignore[index]
        counts = db.table_changes(conn)
    tries: list[int] = []

    def action(conn: db.Connection, title: str) -> None:
        tracking.record_follow_up(conn, seeker_id, {"kind": "action", "title": title, "due_on": ANCHOR})

    def first() -> None:
        tries.append(1)
        conn = db.connect(demo)
        try:
            with db.transaction(conn):
                action(conn, "First tab")
                if len(tries) == 1:  # the other tab saves and commits while this one is open
                    db.retry_conflicts(lambda: _in_session(demo, action, "Second tab"))
        finally:
            conn.close()

    db.retry_conflicts(first)
    assert len(tries) == 2  # the first try collided with the second tab's count
    with db.session(demo) as conn:
        titles = [r[0] for r in conn.execute("SELECT title FROM follow_up WHERE kind = 'action'").fetchall()]
        assert {"First tab", "Second tab"} <= set(titles) and titles.count("First tab") == 1
        assert db.table_changes(conn)["follow_up"] == counts.get("follow_up", 0) + 2


def _in_session(path: str, action: Callable[..., Any], *args: Any) -> None:
    with db.session(path) as conn:
        action(conn, *args)
