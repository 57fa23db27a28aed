"""What `coach export … --share` writes holds nothing a shared screen would hide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import main
from tests import hostile
from tests.conftest import ANCHOR


@pytest.fixture
def hostile_store(demo_file: str, tmp_path: Path) -> tuple[str, hostile.Hostile]:
    path = str(tmp_path / "hostile.duckdb")
    return path, hostile.build(demo_file, path, beacon="http://127.0.0.1:9")


def found_in(text: str, secrets: dict[str, list[str]]) -> list[str]:
    return [
        f"{what}: {value}"
        for what, values in secrets.items()
        for value in values
        if re.search(re.escape(value) if what != "other client" else rf"\b{re.escape(value)}\b", text)
    ]


def test_shared_csv_export_holds_no_secret(
    hostile_store: tuple[str, hostile.Hostile], tmp_path: Path
) -> None:
    path, found = hostile_store
    out = tmp_path / "csv"
    done = CliRunner().invoke(
        main, ["export", "csv", "--seeker", found.seeker, "--out", str(out), "--share", "--db", path]
    )
    assert done.exit_code == 0, done.output
    text = "\n".join(p.read_text() for p in sorted(out.glob("*.csv")))
    assert "leak." not in text  # the hostile text is there, scrubbed
    assert "[e-mail hidden]" in text
    assert found_in(text, found.secrets()) == []
    plain = tmp_path / "plain"
    CliRunner().invoke(main, ["export", "csv", "--seeker", found.seeker, "--out", str(plain), "--db", path])
    assert found_in(
        "\n".join(p.read_text() for p in plain.glob("*.csv")), found.secrets()
    )  # not shared: all there


def test_shared_report_holds_no_secret(hostile_store: tuple[str, hostile.Hostile], tmp_path: Path) -> None:
    path, found = hostile_store
    out = tmp_path / "week.html"
    args = ["export", "report", "--seeker", found.seeker, "--week", ANCHOR.isoformat(), "--out", str(out)]
    done = CliRunner().invoke(main, [*args, "--share", "--db", path])
    assert done.exit_code == 0, done.output
    assert found_in(out.read_text(), found.secrets()) == []
