"""Cached results are keyed on the tables they read: the declarations are checked against what
really runs, and a write to one table leaves the results of the others cached."""

from __future__ import annotations

import dataclasses
import inspect
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st

from coach import store
from coach.rules import followups
from coach.store import db, tracking
from coach.store.registry import Loader
from tests.conftest import ANCHOR
from ui import data, derived


class Recording:
    """A store connection that remembers the SQL run through it."""

    def __init__(self, conn: db.Connection) -> None:
        self.conn = conn
        self.seen: list[str] = []

    def execute(self, sql: str, *args: Any) -> Any:
        self.seen.append(sql)
        return self.conn.execute(sql, *args)

    def sql(self, sql: str, **kwargs: Any) -> Any:
        self.seen.append(sql)
        return self.conn.sql(sql, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def _tables(conn: db.Connection) -> set[str]:
    found = conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary"
    ).fetchall()
    return {str(r[0]) for r in found} - {"table_change", "schema_version"}


def _named(sql: list[str], tables: set[str]) -> set[str]:
    text = " ".join(sql).lower()
    return {t for t in tables if re.search(rf"\b{t}\b", text)}


@pytest.fixture
def demo(demo_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    path = str(tmp_path / "store.duckdb")
    shutil.copy(demo_file, path)
    monkeypatch.setenv("COACH_DB", path)
    with db.session(path) as conn:
        seeker = store.find_seeker(conn, "Maya Chen")
        assert seeker is not None
    st.cache_data.clear()
    yield path, seeker.id
    st.cache_data.clear()


def _call(name: str, conn: Any, seeker_id: int) -> Any:
    values: dict[str, Any] = {"seeker_id": seeker_id, "week": date(2026, 3, 16), "as_of": ANCHOR}
    args, kwargs = [], {}
    for param in list(inspect.signature(data.LOADERS[name].load).parameters.values())[1:]:
        if param.name not in values:
            continue
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = values[param.name]
        else:
            args.append(values[param.name])
    return data.LOADERS[name].load(conn, *args, **kwargs)


@pytest.mark.parametrize("name", sorted(data.LOADERS))
def test_each_loader_reads_only_the_tables_it_is_keyed_on(demo: tuple[str, int], name: str) -> None:
    path, seeker_id = demo
    with db.session(path) as conn:
        recording = Recording(conn)
        _call(name, recording, seeker_id)
        read = _named(recording.seen, _tables(conn))
    assert recording.seen, "the loader ran no SQL through its connection"
    reads = data.LOADERS[name].reads
    if reads != data.EVERY_TABLE:
        assert read <= set(reads), f"{name} reads {read - set(reads)} too"


def test_the_scrubber_reads_only_the_tables_it_is_keyed_on(demo: tuple[str, int]) -> None:
    path, seeker_id = demo
    with db.session(path) as conn:
        recording = Recording(conn)
        store.scrubber(recording, seeker_id)  # type: ignore[arg-type]
        assert _named(recording.seen, _tables(conn)) <= set(data.SCRUBBER_READS)


MEMOS = [name for name, value in vars(derived).items() if hasattr(value, "reads")]


def test_every_page_computation_says_what_it_reads() -> None:
    assert {"contact_table", "due_list", "weekly_review", "network_charts"} <= set(MEMOS)


@pytest.mark.parametrize("name", MEMOS)
def test_each_page_computation_loads_only_what_it_names(
    demo: tuple[str, int], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, seeker_id = demo
    loaded: list[str] = []
    real = data.load

    def load(loader: str, *args: Any) -> Any:
        loaded.append(loader)
        return real(loader, *args)

    monkeypatch.setattr(data, "load", load)
    seeker = data.load("seeker", seeker_id)
    loaded.clear()
    func = getattr(derived, name)
    values: dict[str, Any] = {
        "seeker": seeker,
        "seeker_id": seeker_id,
        "today": ANCHOR,
        "week": date(2026, 3, 16),
        "days": 7,
        "by": "Channel",
    }
    func(*(values[p] for p in inspect.signature(func.__wrapped__).parameters))
    assert loaded, f"{name} loaded nothing"
    assert set(loaded) <= set(func.reads), f"{name} loads {set(loaded) - set(func.reads)} unnamed"


def test_saving_settings_leaves_the_contacts_cached(
    demo: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, seeker_id = demo
    ran: list[str] = []
    real = dict(data.LOADERS)

    def counting(name: str, loader: Loader) -> Loader:
        def run(conn: db.Connection, *args: Any) -> Any:
            ran.append(name)
            return loader.load(conn, *args)

        return dataclasses.replace(loader, load=run)

    for name, loader in real.items():
        monkeypatch.setitem(data.LOADERS, name, counting(name, loader))
    seeker = data.load("seeker", seeker_id)
    derived.contact_table(seeker, ANCHOR)
    data.load("contacts", seeker_id)
    ran.clear()
    with db.session(path) as conn:
        tracking.update_settings(conn, seeker_id, {"weekly_goal": seeker.weekly_goal + 1})
    worked_out: list[date] = []
    engine = followups.open_items

    def counted(*args: Any, **kwargs: Any) -> Any:
        worked_out.append(kwargs["as_of"])
        return engine(*args, **kwargs)

    monkeypatch.setattr(followups, "open_items", counted)
    seeker = data.load("seeker", seeker_id)
    derived.contact_table(seeker, ANCHOR)
    derived.due_list(seeker, ANCHOR)
    data.load("contacts", seeker_id)
    assert "seeker" in ran  # the settings are read again ...
    assert not {"contacts", "outreach", "meetings", "referrals", "follow_ups"} & set(ran)  # ... nothing else
    assert not worked_out  # the weekly goal plays no part in what is due
    with db.session(path) as conn:
        tracking.update_settings(conn, seeker_id, {"let_go_days": seeker.let_go_days + 30})
    derived.due_list(data.load("seeker", seeker_id), ANCHOR)
    assert worked_out == [ANCHOR]  # the days to let go do


def test_a_contact_edit_is_seen_at_once(demo: tuple[str, int]) -> None:
    path, seeker_id = demo
    before = data.load("contacts", seeker_id)
    first = int(before["id"].min())
    with db.session(path) as conn:
        tracking.save_contact_edits(conn, seeker_id, [first], {0: {"position": "Chief of tea"}}, today=ANCHOR)
    after = data.load("contacts", seeker_id)
    assert after.set_index("id").loc[first, "position"] == "Chief of tea"


def _same(one: Any, other: Any) -> bool:
    """Whether two computed results hold the same (tables, lists, dataclasses and charts included)."""
    if isinstance(one, pd.DataFrame):
        return isinstance(other, pd.DataFrame) and one.equals(other)
    if isinstance(one, pd.Series):
        return isinstance(other, pd.Series) and one.equals(other)
    if hasattr(one, "to_plotly_json"):
        return bool(one.to_json() == other.to_json())
    if isinstance(one, list | tuple):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(_same(one[k], other[k]) for k in one)
    if dataclasses.is_dataclass(one) and not isinstance(one, type):
        fields = [f.name for f in dataclasses.fields(one)]  # slotted ones have no vars()
        return type(one) is type(other) and all(_same(getattr(one, f), getattr(other, f)) for f in fields)
    return bool(one == other)


def _other_settings(seeker: store.Seeker, kept: tuple[str, ...]) -> store.Seeker:
    """The seeker with every setting outside ``kept`` changed (its id and name aside)."""
    changed: dict[str, Any] = {}
    for field in dataclasses.fields(seeker):
        value = getattr(seeker, field.name)
        if field.name in (*kept, "id", "name"):
            continue
        if isinstance(value, bool):
            changed[field.name] = not value
        elif isinstance(value, int):
            changed[field.name] = value * 3 + 5
        elif field.name == "cadence":
            changed[field.name] = "3b7" if value == "default" else "default"
    return dataclasses.replace(seeker, **changed)


KEYED_ON_SETTINGS = [name for name in MEMOS if getattr(derived, name).settings is not None]


def test_some_computations_keep_when_other_settings_change() -> None:
    assert {"due_list", "contact_table", "outreach_summary", "option_evidence"} <= set(KEYED_ON_SETTINGS)


@pytest.mark.parametrize("name", KEYED_ON_SETTINGS)
def test_a_computation_depends_on_no_setting_it_does_not_name(demo: tuple[str, int], name: str) -> None:
    _, seeker_id = demo
    func = getattr(derived, name)
    seeker = data.load("seeker", seeker_id)
    values: dict[str, Any] = {
        "seeker_id": seeker_id,
        "today": ANCHOR,
        "week": date(2026, 3, 16),
        "days": 7,
        "by": "Channel",
    }
    params = list(inspect.signature(func.__wrapped__).parameters)
    st.cache_data.clear()
    mine = func.__wrapped__(*({**values, "seeker": seeker}[p] for p in params))
    st.cache_data.clear()
    other = _other_settings(seeker, func.settings)
    theirs = func.__wrapped__(*({**values, "seeker": other}[p] for p in params))
    assert _same(mine, theirs), f"{name} changes with a setting outside {func.settings}"
