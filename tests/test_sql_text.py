"""Values reach SQL as parameters: no importer or command line module formats one into a quoted literal.

A value formatted between quotes (``f"SET x = '{path}'"``) breaks on an apostrophe in it and lets
text from a file become SQL. Identifiers and numbers the code itself chooses may still be formatted
in; anything quoted is passed as a parameter, or through ``sql_text`` where DuckDB takes none.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted([*(ROOT / "coach" / "importers").glob("*.py"), *(ROOT / "coach" / "cli").glob("*.py")])


def quoted_values(path: Path) -> list[str]:
    """``file:line`` of each f-string that formats a value right after an opening single quote."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text += part.value
            elif isinstance(part, ast.FormattedValue):
                if text.count("'") % 2 == 1:  # inside a single-quoted SQL literal
                    found.append(f"{path.name}:{node.lineno}")
                    break
                text += "x"
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_value_is_formatted_into_an_sql_literal(path: Path) -> None:
    assert quoted_values(path) == []


def test_the_check_finds_a_formatted_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(p, t):\n    a = f\"SET temp_directory = '{p}/spill'\"\n    return f'SELECT * FROM {t}'\n",
        encoding="utf-8",
    )
    assert quoted_values(sample) == ["sample.py:2"]
