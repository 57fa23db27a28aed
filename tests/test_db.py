"""The store file: migrations, constraints, references, and clear errors for bad files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from coach import store, vocabulary
from coach.store import db
from tests.conftest import held

TABLES = {
    "import_run",
    "import_change",
    "week_note",
    "session_note",
    "message_template",
    "seeker",
    "career_option",
    "target_org",
    "contact",
    "contact_note",
    "outreach",
    "meeting",
    "meeting_option",
    "question",
    "meeting_question",
    "referral",
    "follow_up",
    "schema_version",
    "table_change",
}


def table_names(conn: db.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_new_store_gets_every_table(conn: db.Connection) -> None:
    assert table_names(conn) >= TABLES
    assert db.schema_version(conn) == db.migrations()[-1].version


def test_migrate_again_is_a_no_op(store_file: str) -> None:
    with db.session(store_file) as conn:
        versions = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    with db.session(store_file) as conn:
        assert db.migrate(conn) == []
        assert conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == versions


def test_migrations_are_numbered_in_order() -> None:
    versions = [m.version for m in db.migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_failed_migration_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = [*db.migrations(), db.Migration(999, "broken", "CREATE TABLE half (x INTEGER); SELECT nope;")]
    monkeypatch.setattr(db, "migrations", lambda: broken)
    conn = duckdb.connect(":memory:")
    with pytest.raises(duckdb.Error):
        db.migrate(conn)
    assert "half" not in table_names(conn)
    assert db.schema_version(conn) == broken[-2].version


def test_newer_schema_is_refused(store_file: str) -> None:
    with db.session(store_file) as conn:
        conn.execute("INSERT INTO schema_version (version, name) VALUES (9999, 'future')")
    with pytest.raises(db.StoreInvalid, match="newer version"), db.session(store_file):
        pass


def test_file_that_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("These are my interview notes, not a database.\n" * 200)
    with pytest.raises(db.StoreInvalid, match="not a DuckDB database"), db.session(str(path)):
        pass


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("INSERT INTO contact (seeker_id, first_name, warmth) VALUES (?, 'A', 'lukewarm')", []),
        ("INSERT INTO contact (seeker_id, first_name, source) VALUES (?, 'A', 'newspaper')", []),
        ("INSERT INTO contact (seeker_id, first_name, connected_on) VALUES (?, 'A', DATE '1899-12-31')", []),
        ("INSERT INTO contact (seeker_id, first_name, last_name) VALUES (?, ' ', '')", []),
        ("INSERT INTO career_option (seeker_id, title, status) VALUES (?, 'UX', 'maybe')", []),
        ("INSERT INTO career_option (seeker_id, title, status) VALUES (?, 'UX', 'chosen')", []),
        (
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel) VALUES (?, 1, DATE '2026-01-01', 'fax')",
            [],
        ),
        (
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel) VALUES (?, 1, DATE '2101-01-01', 'email')",
            [],
        ),
        (
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, responded_on, outcome) "
            "VALUES (?, 1, DATE '2026-01-10', 'email', DATE '2026-01-09', 'agreed')",
            [],
        ),
        (
            "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, outcome) "
            "VALUES (?, 1, DATE '2026-01-10', 'email', 'maybe')",
            [],
        ),
        ("INSERT INTO meeting (seeker_id, contact_id, held_on, fit) VALUES (?, 1, DATE '2026-01-10', 7)", []),
        (
            "INSERT INTO meeting (seeker_id, contact_id, held_on, mode) VALUES (?, 1, DATE '2026-01-10', 'fax')",
            [],
        ),
        ("INSERT INTO follow_up (seeker_id, kind, due_on) VALUES (?, 'nag', DATE '2026-01-10')", []),
        ("INSERT INTO follow_up (seeker_id, kind, due_on) VALUES (?, 'action', DATE '2026-01-10')", []),
        (
            "INSERT INTO referral (seeker_id, referrer_id, referred_id, referred_on) VALUES (?, 1, 1, DATE '2026-01-10')",
            [],
        ),
        ("INSERT INTO target_org (seeker_id, career_option_id, name) VALUES (?, 1, '  ')", []),
        (
            "INSERT INTO target_org (seeker_id, career_option_id, name, added_on) VALUES (?, 1, 'Acme', DATE '1899-12-31')",
            [],
        ),
        ("UPDATE seeker SET cadence = 'weekly' WHERE id = ?", []),
        ("UPDATE seeker SET weekly_goal = -1 WHERE id = ?", []),
    ],
)
def test_constraints_reject_bad_values(conn: db.Connection, sql: str, params: list[object]) -> None:
    seeker = store.add_seeker(conn, "Ana Lopez")
    conn.execute("INSERT INTO contact (id, seeker_id, first_name) VALUES (1, ?, 'Bo')", [seeker.id])
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(sql, [seeker.id, *params])


def test_reference_to_another_seekers_contact_is_a_problem(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    bo = store.add_seeker(conn, "Bo Berg")
    conn.execute("INSERT INTO contact (id, seeker_id, first_name) VALUES (1, ?, 'Cy')", [ana.id])
    assert db.reference_problems(conn) == []
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel) VALUES (?, 1, DATE '2026-01-01', 'email')",
        [bo.id],
    )
    problems = db.reference_problems(conn)
    assert len(problems) == 1 and "outreach.contact_id" in problems[0]
    with pytest.raises(db.Invalid, match="outreach.contact_id"):
        db.check_references(conn)


def test_a_store_from_before_targets_gets_them_with_empty_keywords() -> None:
    conn = duckdb.connect(":memory:")
    db.migrate(conn, target=7)
    conn.execute("INSERT INTO seeker (name) VALUES ('Ana Lopez')")
    conn.execute("INSERT INTO career_option (seeker_id, title) VALUES (1, 'UX research')")
    assert db.migrate(conn, target=8) == ["0008_targets"]
    assert [(o["title"], o["keywords"]) for o in store.list_options(conn, 1)] == [("UX research", "")]
    assert "target_org" in table_names(conn)


def test_every_id_column_is_covered_by_references(conn: db.Connection) -> None:
    columns = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE column_name LIKE '%\\_id' ESCAPE '\\' AND table_name <> 'schema_version'"
    ).fetchall()
    declared = {(t, c) for t, c, _ in db.REFERENCES} | db.POLYMORPHIC
    assert set(columns) <= declared


def test_delete_seeker_removes_every_row_and_keeps_others(demo_file: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(demo_file).read_bytes())
    with db.session(str(copy)) as conn:
        first, second = store.list_seekers(conn)
        counts_before = {t: _count(conn, t, second.id) for t in vocabulary.SEEKER_TABLES}
        store.delete_seeker(conn, first.id)
        for table in vocabulary.SEEKER_TABLES:
            assert _count(conn, table, first.id) == 0, table
            assert _count(conn, table, second.id) == counts_before[table], table
        assert [s.name for s in store.list_seekers(conn)] == [second.name]
        assert db.reference_problems(conn) == []


def _count(conn: db.Connection, table: str, seeker_id: int) -> int:
    return int(db.scalar(conn, f"SELECT count(*) FROM {table} WHERE seeker_id = ?", [seeker_id]))


def test_store_version_changes_on_write_not_on_read(store_file: str) -> None:
    with db.session(store_file) as conn:
        store.add_seeker(conn, "Ana Lopez")
    before = db.store_version(store_file)
    with db.session(store_file) as conn:
        store.list_seekers(conn)
    assert db.store_version(store_file) == before
    with db.session(store_file) as conn:
        store.add_seeker(conn, "Bo Berg")
    assert db.store_version(store_file) != before


def test_busy_store_names_the_holder(store_file: str) -> None:
    with held(store_file) as holder:
        with pytest.raises(db.StoreBusy) as caught, db.session(store_file, retry_seconds=0.3):
            pass
        message = str(caught.value)
        assert store_file in message and f"PID {holder.pid}" in message and "try again" in message


def test_busy_store_is_retried_until_free(store_file: str) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({store_file!r}); "
            "print('holding', flush=True); time.sleep(0.8)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    with db.session(store_file, retry_seconds=10) as conn:
        assert db.schema_version(conn) >= 1
    holder.wait(timeout=10)


def test_resolve_path_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    assert db.resolve_path(None) == "data/coach.duckdb"
    monkeypatch.setenv(db.ENV_VAR, "/elsewhere/x.duckdb")
    assert db.resolve_path(None) == "/elsewhere/x.duckdb"
    assert db.resolve_path("given.duckdb") == "given.duckdb"


def test_transaction_rolls_back_on_error(conn: db.Connection) -> None:
    with pytest.raises(RuntimeError), db.transaction(conn):
        store.add_seeker(conn, "Ana Lopez")
        raise RuntimeError("boom")
    assert store.list_seekers(conn) == []


def test_nested_transaction_joins_the_outer_one(conn: db.Connection) -> None:
    with pytest.raises(RuntimeError), db.transaction(conn):
        with db.transaction(conn):
            store.add_seeker(conn, "Ana Lopez")
        raise RuntimeError("the outer block fails after the inner one finished")
    assert store.list_seekers(conn) == []
    with db.transaction(conn), db.transaction(conn):
        store.add_seeker(conn, "Bo Berg")
    assert [s.name for s in store.list_seekers(conn)] == ["Bo Berg"]


def test_a_store_from_before_mail_keeps_its_imports_and_learns_the_new_kinds() -> None:
    conn = duckdb.connect(":memory:")
    db.migrate(conn, target=8)
    conn.execute("INSERT INTO seeker (name) VALUES ('Ana Lopez')")
    conn.execute(
        "INSERT INTO import_run (seeker_id, kind, file_name, counts) VALUES (1, 'linkedin', 'a.zip', '{}')"
    )
    assert db.migrate(conn) == ["0009_mail_calendar"]
    assert conn.execute("SELECT id, kind, file_name, owner FROM import_run").fetchall() == [
        (1, "linkedin", "a.zip", None)
    ]
    conn.execute(
        "INSERT INTO import_run (seeker_id, kind, file_name, counts, owner) VALUES (1, 'mail', 'm', '{}', 'a@x.org')"
    )
    assert conn.execute("SELECT max(id) FROM import_run").fetchone() == (2,)
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(
            "INSERT INTO import_run (seeker_id, kind, file_name, counts) VALUES (1, 'fax', 'f', '{}')"
        )
