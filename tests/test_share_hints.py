"""A shared screen never points at a control it hides: such sentences go through chrome.unless_shared."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Words that send the reader to what screen-share mode leaves out: the seeker picker in the sidebar,
# the Clients screen, a backup.
POINTERS = re.compile(
    r"(?i)(pick|choose|switch to) (another|a different|an?other) (client|job seeker|seeker)"
    r"|in the sidebar.*(pick|choose)|(pick|choose).*in the sidebar"
    r"|on (the )?Clients\b|Clients screen|Settings → Backup"
)


def pointing(text: str) -> bool:
    """A sentence (five words or more) sending the reader to a hidden control; turning screen-share
    mode off is fine to ask for: its switch stays on a shared screen."""
    return len(text.split()) >= 5 and "screen-share mode" not in text and bool(POINTERS.search(text))


def files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in [*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py")])


def unguarded(source: str) -> list[str]:
    tree = ast.parse(source)
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == (
            "unless_shared"
        ):
            guarded |= {id(n) for n in ast.walk(node)}
    # a bare string statement is a docstring: words for readers of the code, never shown
    guarded |= {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and pointing(node.value)
        and id(node) not in guarded
    ]


def test_the_pattern_finds_such_sentences() -> None:
    assert unguarded('st.caption("Pick another client in the sidebar.")')
    assert unguarded('st.caption("Add one on Clients first.")')
    assert not unguarded('st.caption("x" + chrome.unless_shared("Pick another client in the sidebar."))')


@pytest.mark.parametrize("path", files())
def test_no_unguarded_pointer_at_a_hidden_control(path: str) -> None:
    assert unguarded((ROOT / path).read_text()) == []


@pytest.mark.parametrize("sharing", [False, True])
def test_unless_shared_drops_the_sentence_on_a_shared_screen(
    monkeypatch: pytest.MonkeyPatch, sharing: bool
) -> None:
    from ui import chrome, data

    monkeypatch.setattr(data, "sharing", lambda: sharing)
    said = chrome.unless_shared(" Pick another client in the sidebar.")
    assert said == ("" if sharing else " Pick another client in the sidebar.")
