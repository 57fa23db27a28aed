"""Every test that drives Chromium carries the ``browser`` marker, so ``pytest -m "not browser"``
runs all the others on a machine without a browser."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def drives_chromium(tree: ast.Module) -> bool:
    """Whether a module imports Playwright, the only way the tests drive Chromium."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "playwright" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "playwright":
            return True
    return False


def marked_browser(tree: ast.Module) -> bool:
    """Whether a module says ``pytestmark = pytest.mark.browser`` at its top level."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["pytestmark"]:
            return ast.unparse(node.value) == "pytest.mark.browser"
    return False


def test_every_test_module_that_drives_chromium_is_marked_browser() -> None:
    unmarked = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_browser_folder = path.parent == TESTS / "browser"
        if (in_browser_folder or drives_chromium(tree)) and not marked_browser(tree):
            unmarked.append(str(path.relative_to(TESTS)))
    assert unmarked == []
    assert any(path.parent.name == "browser" for path in TESTS.rglob("test_*.py"))


def test_the_checks_tell_a_marked_module_from_others() -> None:
    marked = ast.parse(
        "import pytest\nfrom playwright.sync_api import Page\npytestmark = pytest.mark.browser\n"
    )
    unmarked = ast.parse("import playwright.sync_api\npytestmark = pytest.mark.slow\n")
    assert drives_chromium(marked) and marked_browser(marked)
    assert drives_chromium(unmarked) and not marked_browser(unmarked)
    assert not drives_chromium(ast.parse("from coach import db\n"))
