"""The sidebar: the page list, then the job seeker picker as the first control, then the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from streamlit.testing.v1 import AppTest


def sidebar_elements(at: AppTest) -> Iterator[Any]:
    def walk(node: Any) -> Iterator[Any]:
        children = getattr(node, "children", None)
        if not children:
            yield node
            return
        for key in sorted(children):
            yield from walk(children[key])

    yield from walk(at.sidebar)


def test_the_seeker_picker_is_the_first_control(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file).run()
    shown = [e for e in sidebar_elements(at) if getattr(e, "type", "") not in ("", "empty")]
    first = shown[0]
    assert first.type == "selectbox" and first.label == "Job seeker", [e.type for e in shown]


def test_a_shared_screen_names_its_client_first(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file)
    at.query_params["seeker"] = "1"
    at.query_params["share"] = "1"
    at.run()
    shown = [e for e in sidebar_elements(at) if getattr(e, "type", "") not in ("", "empty")]
    assert shown[0].type == "markdown" and shown[0].value.startswith("**"), [e.type for e in shown]
    assert not [e for e in shown if e.type == "selectbox"]
