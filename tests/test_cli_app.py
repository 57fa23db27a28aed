"""``coach app``: the installed entry script, the checkout's Streamlit settings, the store in COACH_DB."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coach.cli import main
from coach.cli.app import SETTINGS, app_script, settings_flags
from coach.store import db

ROOT = Path(__file__).resolve().parents[1]


def test_the_settings_are_those_of_the_checkouts_config() -> None:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as config:
        assert tomllib.load(config) == SETTINGS


def test_streamlit_takes_every_setting_from_the_command_line(tmp_path: Path) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show", *settings_flags()],
        cwd=tmp_path,  # no .streamlit/config.toml here
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    for values in SETTINGS.values():
        for name, value in values.items():
            written = str(value).lower() if isinstance(value, bool) else f'"{value}"'
            assert f"\n{name} = {written}\n" in shown, name


def test_the_script_is_the_app_beside_the_coach_package() -> None:
    assert app_script() == ROOT / "app.py"


def test_app_serves_the_store_given_on_the_port_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from streamlit.web import cli as streamlit

    ran: list[dict[str, Any]] = []

    def run(args: list[str], prog_name: str) -> None:
        ran.append({"args": args, "db": db.resolve_path(None)})

    monkeypatch.setattr(streamlit, "main", run)
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    store = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(main, ["app", "--db", store, "--port", "8555"])
    assert result.exit_code == 0, result.output
    assert result.output == f"Serving the store {store}.\n"
    [started] = ran
    assert started["db"] == store
    assert started["args"] == ["run", str(ROOT / "app.py"), *settings_flags(), "--server.port=8555"]
    CliRunner().invoke(main, ["app"])
    assert ran[1]["db"] == store and ran[1]["args"][-1] != "--server.port=8555"  # COACH_DB, Streamlit's port
