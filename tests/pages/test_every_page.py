"""Every screen renders on the demo and on a brand-new seeker, and says what to do when empty."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


COACH_ONLY = {"app_pages/clients.py"}  # about every client, not one seeker


def seeker_pages() -> list[str]:
    """The pages about one seeker."""
    return [p for p in page_paths() if p not in COACH_ONLY]


def page_paths() -> list[str]:
    """Every st.Page file the entry point routes to."""
    tree = ast.parse((ROOT / "app.py").read_text())
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") != "Page":
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant):
            found.append(str(first.value))
    return found


def test_every_page_file_is_routed() -> None:
    on_disk = {f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py")}
    assert on_disk == set(page_paths())


@pytest.mark.parametrize("page", seeker_pages())
def test_page_on_the_demo(app: Callable[..., AppTest], demo_file: str, page: str) -> None:
    at = app("demo", demo_file).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    seeker = at.session_state["seeker"]
    assert at.title[0].value.endswith(f" · {seeker.name}")


@pytest.mark.parametrize("page", seeker_pages())
def test_page_for_a_new_seeker(app: Callable[..., AppTest], page: str) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.endswith(" · Ana Lopez")
    guidance = [e.value for e in (*at.info, *at.caption, *at.success)]
    assert guidance, "an empty screen should say what to do first"


@pytest.mark.parametrize("page", seeker_pages())
def test_page_on_an_empty_store_asks_for_a_seeker(app: Callable[..., AppTest], page: str) -> None:
    at = app("empty").run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Welcome"
