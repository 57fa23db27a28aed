"""Text from data is shown as typed on every page: no Markdown image or link, no HTML, no chart link.

The hostile store puts Markdown images and links, ``<img>`` and ``<a href>`` HTML into every free-text
field and into a contact's name. Whatever Streamlit renders as Markdown (titles, captions, alerts,
toasts, widget labels and help, radio and segmented options, expander and tab labels) must hold
them escaped; what plotly draws must hold them as entities.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from tests.hostile import Hostile, build
from tests.markup import MARKDOWN_MARKUP, PLOTLY_MARKUP, as_shown, live_markup, markup_names
from tests.pages.test_every_page import seeker_pages

BEACON = "http://127.0.0.1:9"


# Element fields Streamlit shows as plain text (never Markdown): typed values and picker options.
PLAIN_FIELDS = {
    "selectbox": {"options", "default", "rawValue", "placeholder"},
    "multiselect": {"options", "default", "rawValues", "placeholder"},
    "text_input": {"default", "value", "placeholder"},
    "text_area": {"default", "value", "placeholder"},
    "text": {"body"},
    "code": {"codeText"},
}
SKIPPED_FIELDS = {"data", "spec", "id", "formId"}  # table bytes, the figure (checked apart), keys


def _strings(value: Any, skip: set[str]) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield "", value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                for where, text in _strings(item, skip):
                    yield f"{key}.{where}" if where else key, text
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, skip)


def _nodes(at: AppTest) -> Iterator[Any]:
    def walk(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for root in (at.main, at.sidebar):
        yield from walk(root)


def rendered_markup(at: AppTest) -> list[str]:
    """Every Markdown-rendered string of the page that holds live markup, as "type.field: text"."""
    found = []
    for node in _nodes(at):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = str(getattr(node, "type", ""))
        fields = MessageToDict(proto)
        for where, text in _strings(fields, SKIPPED_FIELDS | PLAIN_FIELDS.get(kind, set())):
            if live_markup(text):
                found.append(f"{kind}.{where}: {text[:160]}")
        spec = fields.get("spec")
        if isinstance(spec, str) and kind == "plotly_chart":
            found += [
                f"chart: {s[:160]}" for _, s in _strings(json.loads(spec), set()) if PLOTLY_MARKUP.search(s)
            ]
    for toast in at.toast:
        if live_markup(toast.value):
            found.append(f"toast: {toast.value[:160]}")
    return found


@pytest.fixture
def hostile(demo_file: str, tmp_path: Path) -> Hostile:
    path = str(tmp_path / "hostile.duckdb")
    found = build(demo_file, path, beacon=BEACON)
    markup_names(path, found, beacon=BEACON)
    return found


@pytest.fixture
def hostile_app(
    app: Callable[..., AppTest], hostile: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], AppTest]:
    def make() -> AppTest:
        at = app(None)
        monkeypatch.setenv("COACH_DB", str(tmp_path / "hostile.duckdb"))
        at.query_params["seeker"] = str(hostile.seeker_id)
        return at

    return make


@pytest.mark.parametrize("page", seeker_pages())
def test_no_page_renders_markup_from_data(hostile_app: Callable[[], AppTest], page: str) -> None:
    at = hostile_app().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert rendered_markup(at) == []


def test_contact_names_and_pickers_stay_plain(hostile_app: Callable[[], AppTest]) -> None:
    """Open the contact whose name is Markdown, and pick their requests and conversations."""
    at = hostile_app().run()
    at.switch_page("app_pages/contacts.py").run()
    picker = at.selectbox(key="contacts_open")
    picker.select_index(next(n for n, i in enumerate(picker.options) if "![x]" in i)).run()
    assert not at.exception, at.exception
    assert rendered_markup(at) == []
    assert any("Down" in m.value and "\\!\\[x\\]" in m.value for m in at.markdown)  # shown, escaped

    at.switch_page("app_pages/meetings.py").run()
    at.selectbox(key="meetings_pick").select_index(1).run()
    assert not at.exception, at.exception
    assert rendered_markup(at) == []

    at.switch_page("app_pages/ask.py").run()
    to = at.selectbox(key="ask_contact")
    to.select_index(next(n for n, i in enumerate(to.options) if "![x]" in i)).run()
    assert not at.exception, at.exception
    assert rendered_markup(at) == []


def test_the_outreach_breakdowns_stay_plain(hostile_app: Callable[[], AppTest]) -> None:
    """Every breakdown of the Outreach screen, template names included, in its chart and table."""
    at = hostile_app().run()
    at.switch_page("app_pages/outreach.py").run()
    for by in ("Channel", "Warmth", "Source", "Template", "Week sent"):
        at.segmented_control(key="outreach_by").set_value(by).run()
        assert not at.exception, at.exception
        assert rendered_markup(at) == [], by


def test_the_check_catches_live_markup() -> None:
    """The scan is not blind: the hostile text as stored is reported, its escaped form is not."""
    from tests.hostile import payload
    from ui.text import escape_markdown

    text, _, _ = payload("contact-company", 1, BEACON)
    assert MARKDOWN_MARKUP.search(text)
    assert MARKDOWN_MARKUP.search("Down ![x](http://h/name.png)")
    assert not live_markup(escape_markdown(text))
    assert live_markup("Met at https\\://example\\.org") and live_markup("see www\\.example\\.org")
    assert PLOTLY_MARKUP.search(text)


def test_the_tables_own_csv_download_is_off_wherever_the_app_runs(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    """Without .streamlit/config.toml (the app run from another folder) the entry point turns it off."""
    from streamlit import config

    config.set_option("client.disableDataExport", False)
    at = app("demo", demo_file).run()
    assert not at.exception, at.exception
    assert config.get_option("client.disableDataExport") is True
    assert at.title[0].value.startswith("This week")  # the run started over and drew the page


def test_an_import_with_markup_in_its_name_and_cells_stays_plain(app: Callable[..., AppTest]) -> None:
    """A tracking sheet whose file name and cells (a bad date among them) hold Markdown and HTML:
    the preview, its notes and rejected rows, and the message after importing show them as typed."""
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page("app_pages/imports.py").run()
    bad = f"![x]({BEACON}/c.png) <img src='{BEACON}/c.gif'>"
    sheet = (
        "Name,Company,Date sent,Channel\n"
        f'"Ana {bad}","Acme [Verify]({BEACON}/v)",2026-03-02,email\n'
        f'"Bo {bad}",Acme,"{bad}",email\n'
    )
    name = f"![f]({BEACON}/f.png)_sheet_.csv"
    at.file_uploader(key="import_file").set_value((name, sheet.encode(), "text/csv")).run()
    at.button(key="import_preview").click().run()
    assert not at.exception, at.exception
    assert at.warning, "the bad date is a rejected row"
    assert rendered_markup(at) == []
    at.checkbox(key="import_partial").check().run()
    at.button(key="import_go").click().run()
    assert not at.exception, at.exception
    assert as_shown(at.success[0].value).startswith(f"Imported {name}: ")
    assert rendered_markup(at) == []
