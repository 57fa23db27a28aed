"""What a screen shows reads as words: no "None", "nan", codes or ISO timestamps, one date style."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coach.wording import DATE_FORMAT
from tests.pages.test_every_page import page_paths, seeker_pages

# Every screen the app's navigation routes to: a new page is checked as soon as it is routed, on
# the coach's own screen and, for each screen about one seeker, shared (the client overview never is).
VIEWS = [pytest.param(page, False, id=f"{page}-own screen") for page in page_paths()] + [
    pytest.param(page, True, id=f"{page}-shared with aliases") for page in seeker_pages()
]
MISSING = re.compile(r"\b(?:None|nan|NaN|NaT|<NA>)\b")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # snake_case: a stored code shown as is
PADDED = re.compile(
    r"\b0\d [A-Z][a-z]{2}\b"
)  # "04 Mar 2026", "Wed 04 Mar": not the one date style ("4 Mar 2026")
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
NO_YEAR = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b(?! \d{{4}})")  # "on 27 Feb": a date without its year
RULES = (
    ("missing value", MISSING),
    ("ISO date", ISO),
    ("code", CODE),
    ("zero-padded day", PADDED),
    ("date without its year", NO_YEAR),
)


def text_problems(text: str) -> Iterator[str]:
    """What breaks the rules in one piece of shown text."""
    readable = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes, as the browser shows them
    for rule, pattern in RULES:
        if match := pattern.search(readable):
            yield f"{rule} {match.group(0)!r} in {readable!r}"


def shown_text(at: AppTest) -> Iterator[str]:
    """The words of the main area: headings, text, alerts, metrics, widget labels and options."""
    for kind in ("title", "header", "subheader", "caption", "markdown", "text", "info", "warning", "success"):
        for element in getattr(at, kind):
            yield str(element.value)
    for metric in at.metric:
        yield f"{metric.label} {metric.value}"
    for expander in at.expander:
        yield str(expander.label)
    for kind in ("button", "text_input", "text_area", "number_input", "checkbox", "toggle", "date_input"):
        for widget in getattr(at, kind):
            yield str(widget.label)
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in getattr(at, kind):
            yield str(widget.label)
            yield from (str(o) for o in widget.options)


def company_twice(frame: pd.DataFrame) -> Iterator[str]:
    """A person named with their company ("Contact 12 · Acme") beside a Company column saying Acme again."""
    from coach.names import normalise_org

    if "company" not in frame.columns:
        return
    for column in ("contact", "name"):
        if column not in frame.columns:
            continue
        for who, company in zip(frame[column], frame["company"], strict=True):
            if not isinstance(who, str) or not isinstance(company, str) or not normalise_org(company):
                continue
            if normalise_org(company) in (normalise_org(part) for part in who.split(" · ")[1:]):
                yield f"{column!r} {who!r} names its company again beside the Company column"


def table_problems(at: AppTest) -> Iterator[str]:
    """Empty cells that would read "None", dates not in the one date style, a company said twice."""
    for table in at.dataframe:
        frame: pd.DataFrame = table.value
        config: dict[str, Any] = json.loads(table.proto.columns or "{}")
        yield from company_twice(frame)
        for column in frame.columns:
            if str(column).startswith("_"):
                continue
            values = frame[column]
            kind = (config.get(str(column)) or {}).get("type_config", {})
            if kind.get("type") == "selectbox":  # codes stored, their labels shown
                words = {o["value"]: o.get("label") for o in kind.get("options", [])}
                if all(words.get(v) for v in values.dropna()):
                    continue
            if values.isna().any():
                yield f"an empty cell in {column!r} reads None"
            dated = pd.api.types.is_datetime64_any_dtype(values) or any(
                isinstance(v, date | datetime) for v in values.dropna()
            )
            if dated:
                fmt = (config.get(str(column)) or {}).get("type_config", {}).get("format")
                if fmt != DATE_FORMAT:
                    yield f"{column!r} shows dates without the one date style"
            elif values.dtype == object or pd.api.types.is_string_dtype(values):
                for value in values.dropna().astype(str):
                    if MISSING.fullmatch(value.strip()) or ISO.search(value) or CODE.fullmatch(value):
                        yield f"{column!r} shows {value!r}"
                    elif PADDED.search(value) or NO_YEAR.search(value):
                        yield f"{column!r} shows {value!r}: not the one date style"


def problems(at: AppTest) -> list[str]:
    found = list(table_problems(at))
    for text in shown_text(at):
        found.extend(text_problems(text))
    return found


@pytest.mark.parametrize(("page", "share"), VIEWS)
def test_screen_reads_as_words(app: Callable[..., AppTest], demo_file: str, page: str, share: bool) -> None:
    at = app("demo", demo_file)
    if share:
        at.query_params["seeker"] = "1"
        at.query_params["share"] = "1"
        at.query_params["aliases"] = "1"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    found = problems(at)
    assert not found, "\n".join(found)


def test_aliases_name_a_company_once(app: Callable[..., AppTest], demo_file: str) -> None:
    from coach.names import normalise_org

    at = app("demo", demo_file)
    at.query_params["seeker"] = "1"
    at.query_params["share"] = "1"
    at.query_params["aliases"] = "1"
    at.run()
    at.switch_page("app_pages/contacts.py").run()
    assert at.selectbox(key="contacts_open").options[0].startswith("Contact ")
    merge = at.selectbox(key="contacts_merge") if "contacts_merge" in at.session_state else None
    seen = [*shown_text(at), *(merge.options if merge else [])]
    assert any(" · " in s for s in seen)
    for text in seen:
        readable = re.sub(r"\\(.)", r"\1", text).replace("*", "")
        parts = [normalise_org(p) for p in re.split(r" · | at ", readable)]
        named = [p for p in parts if p]
        assert len(named) == len(set(named)), readable
    table = next(t.value for t in at.dataframe if "company" in t.value.columns)
    assert table["name"].str.startswith("Contact ").all()
    for name, company in zip(table["name"], table["company"], strict=True):
        assert company == "—" or normalise_org(company) not in (normalise_org(p) for p in name.split(" · "))


def test_one_contact_is_counted_in_words(app: Callable[..., AppTest]) -> None:
    import os

    from coach import store
    from coach.store import db, tracking

    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        ana = store.list_seekers(conn)[0]
        tracking.add_contact(conn, ana.id, tracking.NewContact("Bo", "Berg"), today=date(2026, 1, 1))
    at.switch_page("app_pages/contacts.py").run()
    counts = [c.value for c in at.caption if " of " in c.value]
    assert counts and counts[0].startswith("1 of 1 contact."), counts
    timeline = [t.value for t in at.dataframe if "detail" in t.value.columns]
    assert all((frame["detail"] != "").all() for frame in timeline)


def test_pickers_name_a_company_once() -> None:
    from coach.labels import people_with_company

    people = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Contact 1 · Acme", "Ana Lopez", "Bo Berg"],
            "company": ["Acme", "Acme", None],
        }
    )
    assert people_with_company(people) == {1: "Contact 1 · Acme", 2: "Ana Lopez · Acme", 3: "Bo Berg"}


def test_the_rules_catch_dates_out_of_style() -> None:
    assert list(text_problems("Monday 2 Dec 2026 to Sunday 8 Dec 2026.")) == []
    assert list(text_problems("Wednesday 02 Dec"))
    assert list(text_problems("Thank-you to Ana Lopez for the conversation on 27 Feb"))
    assert list(text_problems("3 item(s) overdue")) == []  # plurals are checked by the wording tests


def chart_titles(at: AppTest) -> list[str]:
    """The titles the page's charts draw above themselves."""
    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec.get("layout", {}).get("title", {})
        text = title.get("text") if isinstance(title, dict) else title
        if text:
            titles.append(re.sub(r"<[^>]+>", "", str(text)))
    return titles


@pytest.mark.parametrize("page", ["app_pages/outreach.py", "app_pages/network.py", "app_pages/decisions.py"])
def test_no_heading_twice(app: Callable[..., AppTest], demo_file: str, page: str) -> None:
    at = app("demo", demo_file).run()
    at.switch_page(page).run()
    titles = chart_titles(at)
    assert titles, "the demo draws charts here"
    headings = [str(h.value) for h in (*at.header, *at.subheader)]
    assert not set(headings) & set(titles), (headings, titles)
