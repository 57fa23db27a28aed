"""Every screen draws its title before it loads or works out anything: a slow screen shows where it is."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAGES = sorted((Path(__file__).resolve().parents[1] / "app_pages").glob("*.py"))
SLOW = ("data.load", "derived.")  # cached loads and what is worked out from them


def _draws_title(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "title"
        for n in ast.walk(node)
    )


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_the_title_comes_before_anything_slow(page: Path) -> None:
    body = ast.parse(page.read_text()).body
    first = next(i for i, statement in enumerate(body) if _draws_title(statement))
    before = [ast.unparse(statement) for statement in body[:first]]
    assert not [line for line in before if any(slow in line for slow in SLOW)], page.name
