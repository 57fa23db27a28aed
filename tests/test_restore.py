"""Restores that cannot hurt: no SQL from the file is ever run, only known data is loaded, the store
it replaces is always kept under a name of its own, and a failure at any step of the swap leaves a
working store at the path."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from coach import store
from coach.cli import main
from coach.output import export
from coach.store import db
from tests.conftest import ANCHOR, held

CURRENT = db.migrations()[-1].version


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest(path: str | Path) -> str:
    return sha256(Path(path).read_bytes())


def names(path: str | Path) -> list[str]:
    with db.session(str(path)) as conn:
        return [s.name for s in store.list_seekers(conn, include_archived=True)]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def one_line_refusal(done: Any, *words: str) -> None:
    assert done.exit_code == 1, done.output
    assert isinstance(done.exception, SystemExit), repr(done.exception)  # no uncaught error
    assert "Traceback" not in done.output
    text = done.output.strip()
    assert text.count("\n") == 0, text
    for word in words:
        assert word in text, text


@pytest.fixture
def backup_zip(demo_file: str, tmp_path: Path) -> Path:
    return export.backup(demo_file, tmp_path / "backup.zip")


def legacy_backup(source: str, out: Path, version: int = CURRENT) -> Path:
    """A backup as the earlier version wrote it: EXPORT DATABASE and a two-line coach-backup.txt."""
    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "export"
        con = duckdb.connect(source)
        quoted = str(exported).replace("'", "''")
        con.execute(f"EXPORT DATABASE '{quoted}' (FORMAT parquet)")
        con.close()
        (exported / "coach-backup.txt").write_text(f"schema {version}\nmade 2026-03-18 10:00\n")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(exported.iterdir()):
                archive.write(file, file.name)
    return out


@pytest.fixture
def legacy_zip(demo_file: str, tmp_path: Path) -> Path:
    copy = tmp_path / "legacy-source.duckdb"
    shutil.copy(demo_file, copy)
    return legacy_backup(str(copy), tmp_path / "legacy.zip")


def rewrite(
    source: Path,
    out: Path,
    change: Callable[[dict[str, bytes]], None],
    *,
    fix_manifest: bool = False,
) -> Path:
    """A copy of a backup zip with its members changed by ``change``; with ``fix_manifest`` the
    manifest's checksums and sizes are made to match the changed files, as a careful forger would."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    if fix_manifest and export.MANIFEST in members:
        manifest = json.loads(members[export.MANIFEST])
        manifest["files"] = {
            name: {"bytes": len(data), "sha256": sha256(data)}
            for name, data in members.items()
            if name != export.MANIFEST
        }
        members[export.MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


# --- point 8: the manifest, and no SQL from the file is ever run ------------


def test_backup_holds_a_manifest_with_checksums_and_row_counts(backup_zip: Path, demo_file: str) -> None:
    with zipfile.ZipFile(backup_zip) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[export.MANIFEST])
    assert manifest["format"] == "informational-interview-coach backup"
    assert manifest["format_version"] == export.FORMAT_VERSION
    assert manifest["schema_version"] == CURRENT
    assert set(manifest["files"]) == set(members) - {export.MANIFEST}
    for name, entry in manifest["files"].items():
        assert entry == {"bytes": len(members[name]), "sha256": sha256(members[name])}
    with db.session(demo_file) as conn:
        for table, count in manifest["tables"].items():
            assert db.scalar(conn, f'SELECT count(*) FROM "{table}"') == count
        assert manifest["tables"]["contact"] > 300
    assert {"schema.sql", "load.sql", "contact.parquet"} <= set(members)  # DuckDB's own layout


PAYLOAD = (
    "\nCOPY (SELECT 'taken') TO '{target}' (FORMAT csv);"
    "\nCREATE TABLE leak AS SELECT * FROM read_text('/etc/hostname');\n"
)


@pytest.mark.parametrize("manifest", ["stale", "forged", "legacy"])
def test_sql_added_to_schema_sql_is_refused_and_never_run(
    manifest: str, backup_zip: Path, legacy_zip: Path, tmp_path: Path
) -> None:
    target = tmp_path / "taken.csv"

    def tamper(members: dict[str, bytes]) -> None:
        members["schema.sql"] += PAYLOAD.format(target=target).encode()

    source = legacy_zip if manifest == "legacy" else backup_zip
    bad = rewrite(source, tmp_path / "bad.zip", tamper, fix_manifest=manifest == "forged")
    path = tmp_path / "restored.duckdb"
    done = run("restore", str(bad), "--db", str(path))
    one_line_refusal(done, str(bad), "schema.sql")
    assert not target.exists()
    assert not path.exists() and not Path(f"{path}.restoring").exists()


def test_sql_in_load_sql_is_refused_in_one_line(backup_zip: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.csv"

    def tamper(members: dict[str, bytes]) -> None:
        members["load.sql"] = (
            members["load.sql"].replace(b"COPY seeker FROM", b"COPY seeker FROM '/etc/passwd'; --")
            + f"COPY (SELECT 1) TO '{target}';\nnot even SQL (((\n".encode()
        )

    for forged in (False, True):
        bad = rewrite(backup_zip, tmp_path / f"bad-{forged}.zip", tamper, fix_manifest=forged)
        path = tmp_path / f"restored-{forged}.duckdb"
        one_line_refusal(run("restore", str(bad), "--db", str(path)), "load.sql")
        assert not target.exists() and not path.exists()


def test_a_changed_data_file_fails_its_checksum(backup_zip: Path, tmp_path: Path) -> None:
    def swap(members: dict[str, bytes]) -> None:
        members["seeker.parquet"], members["question.parquet"] = (
            members["question.parquet"],
            members["seeker.parquet"],
        )

    bad = rewrite(backup_zip, tmp_path / "bad.zip", swap)
    path = tmp_path / "restored.duckdb"
    one_line_refusal(run("restore", str(bad), "--db", str(path)), "question.parquet", "checksum")
    assert not path.exists()


def parquet_bytes(tmp_path: Path, query: str) -> bytes:
    out = tmp_path / "made.parquet"
    con = duckdb.connect()
    con.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet)")
    con.close()
    return out.read_bytes()


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("change", ["extra column", "other type"])
def test_data_with_unknown_columns_or_types_is_refused(
    legacy: bool, change: str, backup_zip: Path, legacy_zip: Path, tmp_path: Path
) -> None:
    source = legacy_zip if legacy else backup_zip
    original = tmp_path / "seeker.parquet"
    original.write_bytes(zipfile.ZipFile(source).read("seeker.parquet"))
    if change == "extra column":
        query = f"SELECT *, 'x' AS evil FROM read_parquet('{original}')"
    else:
        query = (
            f"SELECT * REPLACE (CAST(weekly_goal AS VARCHAR) AS weekly_goal) FROM read_parquet('{original}')"
        )
    forged = parquet_bytes(tmp_path, query)

    def tamper(members: dict[str, bytes]) -> None:
        members["seeker.parquet"] = forged

    bad = rewrite(source, tmp_path / "bad.zip", tamper, fix_manifest=True)
    path = tmp_path / "restored.duckdb"
    one_line_refusal(run("restore", str(bad), "--db", str(path)), "seeker.parquet", "columns")
    assert not path.exists()


def test_row_counts_that_differ_from_the_manifest_are_refused(backup_zip: Path, tmp_path: Path) -> None:
    def tamper(members: dict[str, bytes]) -> None:
        manifest = json.loads(members[export.MANIFEST])
        manifest["tables"]["contact"] += 1
        members[export.MANIFEST] = json.dumps(manifest).encode()

    bad = rewrite(backup_zip, tmp_path / "bad.zip", tamper)
    path = tmp_path / "restored.duckdb"
    one_line_refusal(run("restore", str(bad), "--db", str(path)), "contact.parquet", "rows")
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../escape.parquet", ["../escape.parquet"]),
        ("/etc/cron.d/x", ["/etc/cron.d/x"]),
        ("sub/contact.parquet", ["sub/contact.parquet"]),
        ("notes.txt", ["notes.txt"]),
        ("evil.parquet", ["evil.parquet"]),
    ],
)
def test_entries_that_are_no_part_of_a_backup_are_refused(
    name: str, words: list[str], backup_zip: Path, tmp_path: Path
) -> None:
    def add(members: dict[str, bytes]) -> None:
        members[name] = b"x"

    bad = rewrite(backup_zip, tmp_path / "bad.zip", add, fix_manifest=True)
    path = tmp_path / "restored.duckdb"
    one_line_refusal(run("restore", str(bad), "--db", str(path)), *words)
    assert not path.exists()
    assert not (tmp_path / "escape.parquet").exists()


def test_an_entry_of_absurd_size_is_refused_before_it_is_read(backup_zip: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bomb.zip"
    with zipfile.ZipFile(backup_zip) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != "session_note.parquet":
                archive.writestr(name, source.read(name))
        with archive.open("session_note.parquet", "w") as out:
            block = bytes(1 << 20)
            for _ in range(120):  # 120 MB of zeros: about 120 KB in the zip
                out.write(block)
    path = tmp_path / "restored.duckdb"
    started = datetime.now()
    done = run("restore", str(bad), "--db", str(path))
    one_line_refusal(done, "session_note.parquet", "unpack")
    assert (datetime.now() - started).total_seconds() < 5
    assert not path.exists()


def test_legacy_backup_restores_through_the_safe_path(
    legacy_zip: Path, demo_file: str, tmp_path: Path
) -> None:
    path = str(tmp_path / "restored.duckdb")
    done = run("restore", str(legacy_zip), "--db", path)
    assert done.exit_code == 0, done.output
    args = ["report", "--seeker", "Maya Chen", "--as-of", ANCHOR.isoformat(), "--json"]
    assert json.loads(run(*args, "--db", demo_file).output) == json.loads(run(*args, "--db", path).output)
    with db.session(path) as conn:
        assert db.schema_version(conn) == CURRENT
        for table in ("seeker", "contact", "outreach", "meeting", "follow_up", "question", "referral"):
            top = db.scalar(conn, f"SELECT max(id) FROM {table}") or 0
            after = db.scalar(conn, f"SELECT nextval('{table}_id_seq')")
            assert after > top, table


def test_restore_of_an_older_schema_applies_the_later_migrations(tmp_path: Path) -> None:
    """A backup made at schema 3 (before import_change.last_row_id) is built at 3 and migrated on."""
    old_store = str(tmp_path / "old.duckdb")
    con = duckdb.connect(old_store)
    db.migrate(con, target=3)
    con.execute("INSERT INTO seeker (name) VALUES ('Old Timer')")
    con.close()
    zipped = legacy_backup(old_store, tmp_path / "old.zip", version=3)
    path = str(tmp_path / "restored.duckdb")
    done = run("restore", str(zipped), "--db", path)
    assert done.exit_code == 0, done.output
    with db.session(path) as conn:
        assert db.schema_version(conn) == CURRENT
        assert [s.name for s in store.list_seekers(conn)] == ["Old Timer"]
        assert "last_row_id" in {r[0] for r in conn.execute("DESCRIBE import_change").fetchall()}


def test_backup_of_a_store_in_a_folder_with_an_apostrophe(
    demo_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "O'Brien"
    scratch = folder / "tmp"
    scratch.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    source = folder / "coach.duckdb"
    shutil.copy(demo_file, source)
    zipped = folder / "backups" / "O'Brien's backup.zip"
    assert run("backup", str(zipped), "--db", str(source)).exit_code == 0
    target = folder / "restored" / "coach.duckdb"
    done = run("restore", str(zipped), "--db", str(target))
    assert done.exit_code == 0, done.output
    assert names(target) == names(source)


# --- point 9: kept names are unique, always ---------------------------------


class FrozenClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> FrozenClock:
        return cls(2026, 3, 18, 10, 0, 0, 0)


def test_two_restores_in_the_same_instant_keep_both_stores(
    backup_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "datetime", FrozenClock)
    path = str(tmp_path / "coach.duckdb")
    assert run("seeker", "add", "Ana Lopez", "--db", path).exit_code == 0
    first = export.restore(backup_zip, path, force=True)
    second = export.restore(backup_zip, path, force=True)
    assert first.kept and second.kept and first.kept != second.kept
    assert names(first.kept) == ["Ana Lopez"]
    assert names(second.kept) == ["Daniel Okafor", "Maya Chen"]
    assert names(path) == ["Daniel Okafor", "Maya Chen"]


def test_setting_aside_twice_in_the_same_instant_keeps_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "datetime", FrozenClock)
    path = tmp_path / "coach.duckdb"
    kept = []
    for body in (b"first", b"second", b"third"):
        path.write_bytes(body)
        kept.append(export.set_aside(str(path), "unreadable"))
    assert [k.read_bytes() for k in kept if k] == [b"first", b"second", b"third"]
    assert not path.exists()


# --- point 10: a failure at any step of the swap leaves a store at the path --


SWAP_CALLS = ("link", "rename", "replace", "remove", "unlink")


class Killed(BaseException):
    """The process stopping dead: no ``except`` clause of the program sees it."""


def inject(
    monkeypatch: pytest.MonkeyPatch, path: str, fail_at: int | None, seen: list[str], *, kill: bool = False
) -> list[str]:
    """Make the file operations on ``path`` and its companions fail at call ``fail_at`` (an error, or
    with ``kill`` the process stopping there), checking before and after every one that the path
    holds the old or the new store."""
    real = {name: getattr(os, name) for name in SWAP_CALLS}
    calls: list[str] = []

    def check() -> None:
        assert os.path.exists(path), f"no store at the path after {calls}"
        assert digest(path) in seen, f"the path holds neither store after {calls}"

    def wrap(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if not any(str(a).startswith(path) for a in args):
                return real[name](*args, **kwargs)
            if name in ("link", "replace", "rename") and str(args[1]) == path:
                seen.append(digest(args[0]))  # the restored store is complete before it moves in
            check()
            calls.append(f"{name}{tuple(Path(str(a)).name for a in args)}")
            if fail_at is not None and len(calls) - 1 == fail_at:
                if kill:
                    raise Killed
                raise OSError(28, "No space left on device (injected)")
            result = real[name](*args, **kwargs)
            check()
            return result

        return call

    for name in SWAP_CALLS:
        monkeypatch.setattr(os, name, wrap(name))
    return calls


@pytest.mark.parametrize("how", ["error", "kill"])
@pytest.mark.parametrize("with_log", [False, True])
def test_a_failure_at_every_step_of_the_swap_leaves_the_old_or_the_new_store(
    how: str,
    with_log: bool,
    backup_zip: Path,
    demo_file: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fresh_store(folder: Path) -> str:
        folder.mkdir()
        path = str(folder / "coach.duckdb")
        assert run("seeker", "add", "Ana Lopez", "--db", path).exit_code == 0
        if with_log:  # a damaged store with a write-ahead log left by a crash
            Path(path).write_bytes(Path(path).read_bytes()[:5000])
            Path(path + ".wal").write_bytes(b"log of the old store")
        return path

    path = fresh_store(tmp_path / "count")
    with monkeypatch.context() as patch:
        steps = inject(patch, path, None, [digest(path)])
        export.restore(backup_zip, path, force=True)
    assert len(steps) >= 2, steps
    assert not os.path.exists(path + ".wal")
    for fail_at in range(len(steps)):
        path = fresh_store(tmp_path / f"step-{fail_at}")
        old = digest(path)
        with monkeypatch.context() as patch:
            inject(patch, path, fail_at, seen := [old], kill=how == "kill")
            with pytest.raises(Killed if how == "kill" else db.StoreError) as caught:
                export.restore(backup_zip, path, force=True)
        if how == "error":
            message = str(caught.value)
            assert "\n" not in message and "nothing was" in message.lower(), message
        assert digest(path) in seen
        kept_old = [p for p in Path(path).parent.iterdir() if p.is_file() and digest(p) == old]
        assert kept_old, f"the old store is lost after failing at step {fail_at}: {steps[fail_at]}"
        if digest(path) != old:  # the new store opens, never fed the old store's log
            assert names(path) == ["Daniel Okafor", "Maya Chen"]
        elif not with_log:
            assert names(path) == ["Ana Lopez"]
        # the next restore works, and a store with a log that is not its own still opens
        done = run("restore", str(backup_zip), "--db", path, "--force")
        assert done.exit_code == 0, (fail_at, steps[fail_at], done.output)
        assert names(path) == ["Daniel Okafor", "Maya Chen"]


def test_a_log_left_beside_a_swapped_in_store_is_recognised(
    backup_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted after the restored store moved in but before the old store's log moved out."""
    path = str(tmp_path / "coach.duckdb")
    assert run("seeker", "add", "Ana Lopez", "--db", path).exit_code == 0
    Path(path).write_bytes(Path(path).read_bytes()[:5000])
    Path(path + ".wal").write_bytes(b"log of the old store")
    real_unlink = os.unlink

    def no_unlink(target: Any, *args: Any, **kwargs: Any) -> None:
        if str(target) == path + ".wal":
            raise OSError(5, "Input/output error (injected)")
        real_unlink(target, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", no_unlink)
    monkeypatch.setattr(os, "remove", no_unlink)
    with pytest.raises(db.StoreError):
        export.restore(backup_zip, path, force=True)
    monkeypatch.undo()
    assert names(path) == ["Daniel Okafor", "Maya Chen"]  # opens: the old log is kept, not replayed
    kept_logs = list(tmp_path.glob("coach.duckdb.replaced-*.wal"))
    assert [p.read_bytes() for p in kept_logs] == [b"log of the old store"]


def test_a_store_missing_beside_an_interrupted_restore_is_explained(backup_zip: Path, tmp_path: Path) -> None:
    """What the earlier version left when killed between its two renames."""
    path = tmp_path / "coach.duckdb"
    assert run("seeker", "add", "Ana Lopez", "--db", str(path)).exit_code == 0
    kept = tmp_path / "coach.duckdb.replaced-20260318-100000"
    os.rename(path, kept)
    export.restore(backup_zip, str(tmp_path / "other.duckdb"))
    os.rename(tmp_path / "other.duckdb", tmp_path / "coach.duckdb.restoring")
    for command in (
        ["seeker", "list"],
        ["due", "--seeker", "Ana Lopez"],
        ["backup", str(tmp_path / "b.zip")],
    ):
        done = run(*command, "--db", str(path))
        one_line_refusal(done, str(path), "coach.duckdb.restoring", kept.name)
        assert not path.exists()
    made = run("init", "--db", str(path))  # asked for in so many words: a new store, and a note
    assert made.exit_code == 0 and kept.name in made.output and path.exists()
    assert names(kept) == ["Ana Lopez"]


def test_a_backup_of_no_store_is_refused_and_creates_none(tmp_path: Path) -> None:
    path = tmp_path / "typo.duckdb"
    zipped = tmp_path / "backup.zip"
    one_line_refusal(run("backup", str(zipped), "--db", str(path)), f"There is no store at {path}")
    assert not path.exists() and not zipped.exists()


def test_a_store_held_by_another_process_is_not_swapped_away_under_it(
    backup_zip: Path, tmp_path: Path
) -> None:
    path = str(tmp_path / "coach.duckdb")
    assert run("seeker", "add", "Ana Lopez", "--db", path).exit_code == 0
    before = digest(path)
    with held(path) as holder:
        done = run("restore", str(backup_zip), "--db", path, "--force")
    one_line_refusal(done, f"PID {holder.pid}")
    assert digest(path) == before and names(path) == ["Ana Lopez"]
    assert db.kept_stores(path) == []
