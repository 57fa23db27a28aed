"""The app as a user installs it: the wheel, built from the sources alone, installed into a fresh
virtualenv outside the checkout, and ``coach app`` started from another folder serves the first screen.

Nothing is downloaded: the wheel is built with the build backend of the tests' own environment, and
the new virtualenv reads the third-party packages from there (a .pth file), while the project itself
comes only from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import free_port, started, wait_for_app
from tests.conftest import ANCHOR

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# What the wheel is built from; anything else it needed would fail here.
SOURCES = ("pyproject.toml", "README.md", "app.py", "coach", "ui", "app_pages")
# Prints where each module named on its command line would be imported from (running none of them).
FOUND_AT = "import importlib.util, sys; print(*(importlib.util.find_spec(m).origin for m in sys.argv[1:]))"


def build_wheel(folder: Path) -> Path:
    """Build the project's wheel from a copy of its sources in ``folder`` (the build leaves its
    working files there, not in the checkout)."""
    source = folder / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", folder, source],
        check=True,
        timeout=300,
    )
    [wheel] = folder.glob("*.whl")
    return wheel


def third_party_folders() -> list[str]:
    """Where the tests' environment installs packages (its purelib and platlib), not the checkout."""
    paths = sysconfig.get_paths()
    return list(dict.fromkeys(str(Path(paths[key]).resolve()) for key in ("purelib", "platlib")))


def install(wheel: Path, venv: Path) -> Path:
    """A fresh virtualenv with the wheel installed; its ``coach`` command."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Plain folder lines: the tests' environment's own .pth files (an editable install) are not read.
    (Path(site) / "tests-environment.pth").write_text("\n".join(third_party_folders()) + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--ignore-installed", wheel],
        check=True,
        timeout=300,
    )
    return venv / "bin" / "coach"


def test_the_installed_coach_app_serves_the_first_screen(tmp_path: Path, page: Page) -> None:
    coach = install(build_wheel(tmp_path / "wheel"), tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "COACH_DB")}
    where = subprocess.run(
        [coach.parent / "python", "-c", FOUND_AT, "app", "coach", "ui", "app_pages.home"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(file).is_relative_to(tmp_path / "venv") for file in where), where  # not the checkout's

    store = tmp_path / "x.duckdb"
    port = free_port()
    env |= {"COACH_TODAY": ANCHOR.isoformat(), "STREAMLIT_SERVER_ADDRESS": "127.0.0.1"}
    log = tmp_path / "coach-app.log"
    url = f"http://127.0.0.1:{port}"
    command = [str(coach), "app", "--db", str(store), "--port", str(port)]
    try:
        with started(command, url=url, cwd=elsewhere, env=env, log=log, ready_within=90):
            page.goto(url)
            wait_for_app(page, timeout=60_000)
            assert page.locator("h1").first.inner_text().startswith("This week · ")
            assert page.title().endswith("Informational Interview Coach")
            assert f"Store: {store}" in page.locator('[data-testid="stSidebar"]').inner_text()
    except (RuntimeError, TimeoutError) as problem:
        pytest.fail(f"{problem}:\n{log.read_text(errors='replace')}")
    assert store.exists() and not (elsewhere / "data").exists()
    assert log.read_text().startswith(f"Serving the store {store}.")
