"""A store file that is truncated, read-only or held by another process: a clear message, never a
traceback, never a changed file, and the store works again once the cause is gone."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach import store
from coach.output import export
from coach.store import db, registry
from tests.conftest import ANCHOR, held

ROOT = Path(__file__).resolve().parents[1]


def digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def truncated(demo_file: str, tmp_path: Path, fraction: float) -> str:
    path = tmp_path / f"cut-{fraction}.duckdb"
    shutil.copy(demo_file, path)
    with open(path, "r+b") as handle:
        handle.truncate(int(os.path.getsize(demo_file) * fraction))
    return str(path)


def coach(*args: str, plain_user: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a new process; ``plain_user`` takes away root's power to write any file."""
    command = [sys.executable, "-m", "coach", *args]
    if plain_user and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test read-only files as root"
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {**os.environ, "COACH_TODAY": ANCHOR.isoformat()}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def everything(path: str) -> dict[int, dict[str, object]]:
    """Every table every seeker's screens load, as text, to compare two stores by."""
    with db.session(path) as conn:
        return {
            seeker.id: {name: str(frame) for name, frame in registry.load_frames(conn, seeker.id).items()}
            for seeker in store.list_seekers(conn)
        }


@pytest.mark.parametrize("fraction", [0.0005, 0.02, 0.3, 0.6, 0.9])
def test_truncated_store_is_refused_and_left_as_is(demo_file: str, tmp_path: Path, fraction: float) -> None:
    """A cut that takes stored rows away is refused, the file left as it is; a cut of only the
    unused blocks DuckDB keeps at the end of the file loses nothing and reads as before."""
    path = truncated(demo_file, tmp_path, fraction)
    before = digest(path)
    try:
        read = everything(path)
    except db.StoreDamaged as caught:
        assert "damaged or incomplete" in str(caught) and "Restore your latest backup" in str(caught)
    else:
        assert fraction > 0.5 and read == everything(demo_file), fraction  # never other rows, silently
        return
    done = coach("due", "--seeker", "Maya Chen", "--db", path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "damaged or incomplete" in done.stderr and "coach restore" in done.stderr
    assert digest(path) == before  # never repaired into an empty store behind the user's back


def test_empty_file_is_not_taken_for_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "coach.duckdb"
    path.touch()
    with pytest.raises(db.StoreDamaged, match="not a store of this program"), db.session(str(path)):
        pass
    assert path.stat().st_size == 0


def test_restore_over_a_damaged_store_keeps_the_damaged_file(demo_file: str, tmp_path: Path) -> None:
    backup = export.backup(demo_file, tmp_path / "backup.zip")
    path = truncated(demo_file, tmp_path, 0.3)
    before = digest(path)
    done = export.restore(backup, path, force=True)
    assert done.seekers == 2 and done.kept is not None and digest(done.kept) == before
    with db.session(path) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]


def test_read_only_store_file_says_so(demo_file: str, tmp_path: Path) -> None:
    path = tmp_path / "coach.duckdb"
    shutil.copy(demo_file, path)
    path.chmod(0o444)
    before = digest(path)
    try:
        done = coach("seeker", "list", "--db", str(path), plain_user=True)
    finally:
        path.chmod(0o644)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "read-only on disk" in done.stderr and "writable" in done.stderr
    assert digest(path) == before


def test_read_only_folder_refuses_writes_with_a_message_and_keeps_the_store(
    demo_file: str, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "coach.duckdb"
    shutil.copy(demo_file, path)
    folder.chmod(0o555)
    try:
        listed = coach("seeker", "list", "--db", str(path), plain_user=True)
        added = coach("seeker", "add", "Ana Lopez", "--db", str(path), plain_user=True)
    finally:
        folder.chmod(0o755)
    assert listed.returncode == 0 and "Maya Chen" in listed.stdout  # reading still works
    assert added.returncode == 1 and "Traceback" not in added.stderr, added.stderr
    assert "read-only on disk" in added.stderr
    with db.session(str(path)) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]
        assert db.reference_problems(conn) == []


def test_cli_write_while_another_process_writes(demo_file: str, tmp_path: Path) -> None:
    path = str(tmp_path / "coach.duckdb")
    shutil.copy(demo_file, path)
    with held(path, writing="UPDATE seeker SET weekly_goal = 9 WHERE name = 'Maya Chen'") as holder:
        blocked = coach("seeker", "add", "Ana Lopez", "--db", path)
    assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
    assert "in use by python" in blocked.stderr.lower() and f"PID {holder.pid}" in blocked.stderr
    assert coach("seeker", "add", "Ana Lopez", "--db", path).returncode == 0
    with db.session(path) as conn:
        names = {s.name: s.weekly_goal for s in store.list_seekers(conn)}
        assert names["Maya Chen"] == 9 and "Ana Lopez" in names
        assert db.reference_problems(conn) == []
