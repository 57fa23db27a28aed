"""Every module of ``coach`` imports on its own, and no two of them import each other, even by a detour."""

from __future__ import annotations

import ast
import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"


def module_name(path: Path) -> str:
    """``coach/cli/__init__.py`` is ``coach.cli``, ``coach/cli/common.py`` is ``coach.cli.common``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    """An ``if TYPE_CHECKING:`` block: imports for the type checker, never run."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, those inside functions included (a late import still
    makes a circle), those for the type checker left out."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        todo += [child for child in ast.iter_child_nodes(node) if not _type_checking_only(child)]
    return found


def _known(name: str) -> str | None:
    """The coach module ``name`` names, or the package it is found in (None outside coach)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imported_by(name: str, source: str | None = None) -> set[str]:
    """The coach modules the module ``name`` imports (its file's text, or ``source``).

    Each import counts for the module it names: the packages above it, run first by Python, are
    not counted, so a package's ``__init__`` may gather its own modules."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    text = path.read_text(encoding="utf-8") if source is None else source
    found: set[str] = set()
    for node in _imports(ast.parse(text)):
        if isinstance(node, ast.Import):
            targets = [_known(alias.name) for alias in node.names]
        else:
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # ``from coach.store import db`` imports the module coach.store.db, ``from coach.store.db import session`` coach.store.db.
            targets = [_known(f"{module}.{alias.name}") for alias in node.names]
        found |= {target for target in targets if target and target != name}
    return found


def test_the_graph_sees_every_way_of_importing() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import os, coach.store.db\n"
        "from coach import store\n"
        "from coach.wording import plural\n"
        "from . import common\n"
        "from .guide import owner_refusal\n"
        "def late():\n    from coach.importers.runs import apply\n"
        "if TYPE_CHECKING:\n    from coach.rules.metrics import rate\n"
    )
    assert imported_by("coach.importers.linkedin", source) == {
        "coach.store.db",
        "coach.store",
        "coach.wording",
        "coach.importers.common",
        "coach.importers.guide",
        "coach.importers.runs",
    }
    assert imported_by("coach.importers", "from . import linkedin\nfrom .common import Plan") == {
        "coach.importers.linkedin",
        "coach.importers.common",
    }


def test_no_module_imports_itself_by_a_detour() -> None:
    graph = {name: imported_by(name) for name in MODULES}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as circle:
        pytest.fail("An import circle: " + " -> ".join(reversed(circle.args[1])))


# coach/ by layer, lowest first: a module imports its own layer and the ones before it, never a later one.
LAYERS = (
    ("coach.errors", "coach.vocabulary", "coach.wording", "coach.names", "coach.labels", "coach.seeker"),
    ("coach.rules",),
    ("coach.store",),
    ("coach.output",),
    ("coach.importers",),
    ("coach.demo",),
    ("coach.cli", "coach.__main__", "coach"),
)


def layer(name: str) -> int:
    """The index in LAYERS of the layer the module ``name`` belongs to."""
    for index, members in enumerate(LAYERS):
        if any(name == member or name.startswith(f"{member}.") for member in members if member != "coach"):
            return index
    assert name == "coach", f"{name} belongs to no layer: add it to LAYERS"
    return len(LAYERS) - 1


def test_every_layer_imports_only_the_layers_below_it() -> None:
    upward = sorted(
        f"{name} imports {target}"
        for name in MODULES
        for target in imported_by(name)
        if layer(target) > layer(name)
    )
    assert upward == []


def test_the_layer_check_sees_a_rule_that_reads_the_store() -> None:
    source = "from coach.store import Seeker\nfrom coach.wording import plural\n"
    assert {layer(target) for target in imported_by("coach.rules.weekly", source)} == {0, 2}
    assert layer("coach.rules.weekly") == 1


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name: str) -> None:
    if name == "coach.__main__":
        return  # running it runs the command line
    importlib.import_module(name)
