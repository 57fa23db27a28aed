"""coach export into folders that do not exist yet, or onto paths that cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import main


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def seeker_store(store_file: str) -> str:
    assert invoke("seeker", "add", "Ana Lopez", "--db", store_file)[0] == 0
    return store_file


@pytest.mark.parametrize(
    ("command", "name"), [("report", "week.html"), ("ics", "due.ics"), ("csv", "tables")]
)
def test_export_into_a_missing_folder_makes_it(
    seeker_store: str, tmp_path: Path, command: str, name: str
) -> None:
    out = tmp_path / "not" / "there yet" / name
    code, output = invoke("export", command, "--seeker", "Ana Lopez", "--out", str(out), "--db", seeker_store)
    assert code == 0, output
    assert out.exists() and "Traceback" not in output


@pytest.mark.parametrize(
    ("command", "name"), [("report", "week.html"), ("ics", "due.ics"), ("csv", "tables")]
)
def test_export_where_a_file_blocks_the_folder_is_one_line(
    seeker_store: str, tmp_path: Path, command: str, name: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    out = blocker / name
    code, output = invoke("export", command, "--seeker", "Ana Lopez", "--out", str(out), "--db", seeker_store)
    assert code == 1 and "Traceback" not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: Cannot write ") and "blocker" in lines[0], output
