"""The app's access to the store: one short session per unit of work, results cached.

Query results are cached with ``st.cache_data`` keyed on the change counts of the tables
they read (see ``coach.store.db.Counted``), so an unchanged store costs no query, every write is
seen on the next rerun, a write to one table leaves what other tables hold cached (saving
Settings does not load the contacts again), and the file is free for ``coach`` commands
between reruns. The counts themselves are read once per change of the file's fingerprint
(modification time and size of the file and its write-ahead log).
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

import pandas as pd
import streamlit as st

from coach import store
from coach.demo import ensure_demo
from coach.rules import privacy
from coach.rules.overview import SeekerRow
from coach.store import db
from coach.store.registry import EVERY_TABLE, LOADERS, SCRUBBER_READS
from coach.store.tracking import Stale
from ui import text

T = TypeVar("T")


def store_path() -> str:
    """The store file: ``--db`` after ``--`` on the streamlit command line, else COACH_DB, else default."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return db.resolve_path(args[i + 1])
        if arg.startswith("--db="):
            return db.resolve_path(arg.split("=", 1)[1])
    return db.resolve_path(None)


def today() -> date:
    """Today, or the day set in COACH_TODAY (YYYY-MM-DD) to look at the app as of another day."""
    fixed = os.environ.get("COACH_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


# Store files this process has seen holding a store. One of them gone is said to be gone,
# never replaced by a new demo store (an open form would then save into the demo).
_HELD: set[str] = set()


def prepare_store(path: str) -> bool:
    """Migrate the store once per file; a store file that does not exist yet starts with the demo.

    Returns whether the demo was built. A store whose seekers were all removed
    stays empty: the demo only fills a brand-new file, at a path that never held
    a store while the app runs and beside which no store is kept (by a restore
    or set aside): otherwise :class:`db.StoreMissing` says the store is gone. A
    file replaced or moved away (a restore, a damaged file set aside) is
    prepared again.
    """
    key = os.path.abspath(path)
    try:
        identity: int | None = os.stat(path).st_ino
    except FileNotFoundError:
        identity = None
        if key in _HELD:
            raise db.missing(path, was_open=True) from None
    built = _prepare(path, identity)
    _HELD.add(key)
    return built


def held(path: str) -> None:
    """Remember that ``path`` holds a store (one made on purpose outside :func:`prepare_store`)."""
    _HELD.add(os.path.abspath(path))


@st.cache_resource(show_spinner="Preparing the store…")
def _prepare(path: str, identity: int | None) -> bool:
    if identity is None:
        return ensure_demo(path, today=today())  # refuses, naming them, beside kept stores
    with db.session(path, create="never"):
        return False


@st.cache_data(show_spinner=False, max_entries=16)
def _changes(path: str, fingerprint: tuple[int, ...]) -> tuple[int, dict[str, int]]:
    """The store file's identity and its tables' change counts, at this fingerprint."""
    with db.session(path, create="never") as conn:
        return os.stat(path).st_ino, db.table_changes(conn)


def version_of(path: str, tables: tuple[str, ...]) -> tuple[Any, ...]:
    """What a result read from ``tables`` is keyed on: which store it is and how often they changed.

    ``EVERY_TABLE`` keys it on every table's count.
    """
    identity, counts = _changes(path, db.store_version(path))
    store = (identity, counts.get("#store", 0), counts.get(db.SCHEMA_CHANGE, 0))
    if tables == EVERY_TABLE:
        return (*store, tuple(sorted(counts.items())))
    return (*store, *(counts.get(table, 0) for table in tables))


def tables_read(names: tuple[str, ...]) -> tuple[str, ...]:
    """The tables the named loaders read, together (``EVERY_TABLE`` if one reads them all)."""
    if any(LOADERS[name].reads == EVERY_TABLE for name in names):
        return EVERY_TABLE
    return tuple(sorted({table for name in names for table in LOADERS[name].reads}))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, path: str, version: tuple[Any, ...], args: tuple[Any, ...]) -> Any:
    with db.session(path, create="never") as conn:
        return LOADERS[name].load(conn, *args)


def sharing() -> bool:
    """Whether screen-share mode is on for this session."""
    return bool(st.session_state.get("sidebar_share"))


def aliasing() -> bool:
    """Whether people are shown as aliases ("Contact 12 · Brightwave") on this shared screen."""
    return sharing() and bool(st.session_state.get("sidebar_aliases"))


# The seeker whose screens are shown; set by the sidebar before any page loads data.
CURRENT_KEY = "current_seeker_id"


def scrubber() -> privacy.Scrubber:
    """What this shared screen must never show (nothing is hidden when not sharing).

    Until the sidebar has settled on a seeker, every client's name counts as another's.
    """
    if not sharing():
        return privacy.PATTERNS_ONLY
    path = store_path()
    return _scrubber(path, version_of(path, SCRUBBER_READS), st.session_state.get(CURRENT_KEY))


@st.cache_resource(show_spinner=False, max_entries=8)
def _scrubber(path: str, version: tuple[Any, ...], seeker_id: int | None) -> privacy.Scrubber:
    with db.session(path) as conn:
        return store.scrubber(conn, seeker_id)


def shown(text: Any) -> str:
    """Text as it may be sent to the browser now: scrubbed of private details in screen-share mode.

    Every string a page builds from data (captions, titles, toasts, messages, labels) passes here
    (through ``ui.text``) before it is drawn.
    """
    text = "" if text is None else str(text)
    return str(scrubber()(text)) if sharing() else text


def shown_frame(frame: Any) -> Any:
    """A table that did not come from :func:`load` (an import preview, a computed list), with
    every text cell scrubbed in screen-share mode."""
    if not sharing() or not hasattr(frame, "columns"):
        return frame
    return privacy.scrub_frame(frame, scrubber())


def load(name: str, *args: Any) -> Any:
    """Run the named loader of ``LOADERS`` for these arguments, cached until a table it reads changes.

    In screen-share mode the result is made safe to show by its loader's ``share`` rule
    before it is returned, so hidden values never reach a page; that result is cached too.
    """
    path = store_path()
    version = version_of(path, LOADERS[name].reads)
    if sharing():  # made safe by the scrubber as it is now: a new e-mail address is hidden at once
        scrub_version = version_of(path, SCRUBBER_READS)
        seeker_id = st.session_state.get(CURRENT_KEY)
        return _shared(name, path, version, scrub_version, args, aliasing(), seeker_id)
    return _cached(name, path, version, args)


# --- what the screens load, typed (each a loader of coach.store.registry) -------------------


def seekers() -> list[store.Seeker]:
    """The job seekers not archived."""
    return cast("list[store.Seeker]", load("seekers"))


def seeker(seeker_id: int) -> store.Seeker:
    """One job seeker with their settings."""
    return cast(store.Seeker, load("seeker", seeker_id))


def options(seeker_id: int) -> list[dict[str, Any]]:
    """The seeker's career options, oldest first."""
    return cast("list[dict[str, Any]]", load("options", seeker_id))


def targets(seeker_id: int) -> pd.DataFrame:
    """The organisations the seeker aims at, per career option."""
    return cast(pd.DataFrame, load("targets", seeker_id))


def company_counts(seeker_id: int) -> pd.DataFrame:
    """The organisations of the seeker's contacts, with how many contacts at each, most first."""
    return cast(pd.DataFrame, load("company_counts", seeker_id))


def outreach(seeker_id: int) -> pd.DataFrame:
    """The seeker's requests, each with its contact."""
    return cast(pd.DataFrame, load("outreach", seeker_id))


def meetings(seeker_id: int) -> pd.DataFrame:
    """The seeker's conversations, each with its contact."""
    return cast(pd.DataFrame, load("meetings", seeker_id))


def network(seeker_id: int) -> pd.DataFrame:
    """When each of the seeker's contacts entered the network, and how."""
    return cast(pd.DataFrame, load("network", seeker_id))


def contacts(seeker_id: int) -> pd.DataFrame:
    """The seeker's contacts."""
    return cast(pd.DataFrame, load("contacts", seeker_id))


def notes(seeker_id: int) -> pd.DataFrame:
    """The notes on the seeker's contacts."""
    return cast(pd.DataFrame, load("notes", seeker_id))


def referrals(seeker_id: int) -> pd.DataFrame:
    """Who referred whom to the seeker."""
    return cast(pd.DataFrame, load("referrals", seeker_id))


def follow_ups(seeker_id: int) -> pd.DataFrame:
    """What was done with due items, and the actions agreed."""
    return cast(pd.DataFrame, load("follow_ups", seeker_id))


def meeting_options(seeker_id: int) -> pd.DataFrame:
    """Which career options each conversation was about, with its signal."""
    return cast(pd.DataFrame, load("meeting_options", seeker_id))


def questions(seeker_id: int) -> pd.DataFrame:
    """The seeker's question bank, with how often each was asked."""
    return cast(pd.DataFrame, load("questions", seeker_id))


def meeting_questions(seeker_id: int) -> pd.DataFrame:
    """Which questions were asked in which conversation."""
    return cast(pd.DataFrame, load("meeting_questions", seeker_id))


def templates(seeker_id: int) -> dict[str, str]:
    """The seeker's message templates by name."""
    return cast("dict[str, str]", load("templates", seeker_id))


def sessions(seeker_id: int) -> list[dict[str, Any]]:
    """The coach's sessions with the seeker, newest first."""
    return cast("list[dict[str, Any]]", load("sessions", seeker_id))


def week_note(seeker_id: int, week: date) -> str:
    """The seeker's reflection on a week."""
    return cast(str, load("week_note", seeker_id, week))


def seeker_overview(as_of: date) -> list[SeekerRow]:
    """Every client's row on the coach's Clients screen."""
    return cast("list[SeekerRow]", load("overview", as_of))


def imports(seeker_id: int) -> list[dict[str, Any]]:
    """The seeker's imports, newest first."""
    return cast("list[dict[str, Any]]", load("imports", seeker_id))


@st.cache_data(show_spinner=False, max_entries=256)
def _shared(
    name: str,
    path: str,
    version: tuple[Any, ...],
    scrub_version: tuple[Any, ...],
    args: tuple[Any, ...],
    aliases: bool,
    seeker_id: int | None,
) -> Any:
    value = _cached(name, path, version, args)
    scrub = _scrubber(path, scrub_version, seeker_id)
    return privacy.share_safe(value, LOADERS[name].share, aliases=aliases, scrubber=scrub)


def write(action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run one write against the store in its own session; later loads see it (never a new store).

    A write that collides with another tab's at the same moment is run again (db.retry_conflicts).
    """

    def run() -> T:
        with db.session(store_path(), create="never") as conn:
            return action(conn, *args, **kwargs)

    return db.retry_conflicts(run)


def try_write(action: Callable[..., Any], *args: Any, form: str | None = None, **kwargs: Any) -> bool:
    """:func:`save` from a page's body (long work the screen shows progress for): whether it was
    written; if not, the page is drawn again saying why."""
    if save(action, *args, form=form, **kwargs):
        return True
    st.rerun()


def save(
    action: Callable[..., Any],
    *args: Any,
    form: str | None = None,
    done: str | None = None,
    **kwargs: Any,
) -> bool:
    """Run one write for a button's ``on_click``; whether it was written.

    :param form: the form the write comes from (see :func:`seen`): its snapshot is passed as
        ``seen``; if the record changed elsewhere meanwhile, the form is reset to the stored
        values and the next screen says so.

    A callback runs first thing in the rerun the click starts, before any page draws, so the
    save is made even when the user moves to another screen at once (a click handled in the
    page's body is lost if the next click interrupts the rerun before it gets there). The
    store's error, if any, is shown on the next screen drawn; ``done`` is a toast on success.
    """
    written, _ = attempt(action, *args, form=form, **kwargs)
    if written and done:
        st.toast(text.plain(done))
    return written


def attempt(
    action: Callable[..., Any],
    *args: Any,
    form: str | None = None,
    passing: tuple[type[db.StoreError], ...] = (),
    **kwargs: Any,
) -> tuple[bool, Any]:
    """:func:`save`'s write: whether it was written, and what ``action`` returned.

    :param passing: refusals raised to the caller instead of said on the next screen.
    """
    if form is not None:
        kwargs["seen"] = st.session_state.get(SEEN_PREFIX + form)
    try:
        result = write(action, *args, **as_shown(action, kwargs))
    except passing:
        raise
    except Stale as problem:
        assert form is not None
        reset_form(form)
        refuse(problem)
        return False, None
    except db.StoreError as problem:
        refuse(problem)
        return False, None
    if form is not None:
        st.session_state.pop(SEEN_PREFIX + form, None)
    return True, result


def as_shown(action: Callable[..., Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """A write's arguments with, on a shared screen, the scrubber as ``view`` if ``action`` takes
    one: the form showed scrubbed text, so the hidden parts are put back on save."""
    if sharing() and "view" in inspect.signature(action).parameters:
        return {**kwargs, "view": scrubber()}
    return kwargs


def save_on_click(action: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """:func:`save` as a button's ``on_click`` (with its ``args`` and ``kwargs``), for a save that
    needs nothing read from the form."""
    save(action, *args, **kwargs)


def refuse(problem: object) -> None:
    """Say why something was not done, on the screen drawn next (from a button's callback)."""
    st.session_state[FLASH_KEY] = shown(problem)


def forget_refusal() -> None:
    """Drop the message :func:`refuse` left, unshown."""
    st.session_state.pop(FLASH_KEY, None)


SEEN_PREFIX = "seen:"
FLASH_KEY = "flash_error"


def seen(form: str, values: Mapping[str, Any]) -> None:
    """Remember a record as the form ``form`` first showed it, until it is saved or reset.

    ``form`` is also the prefix of the form's widget keys. Saving through :func:`save`
    with ``form=`` then refuses to overwrite changes made elsewhere in the meantime (another
    tab, a ``coach`` command): last write wins only when the user has seen the other one.
    """
    st.session_state.setdefault(SEEN_PREFIX + form, dict(values))


def reset_form(form: str) -> None:
    """Forget a form's snapshot and its widgets' values, so it shows the stored record again."""
    for key in list(st.session_state):
        if str(key) == SEEN_PREFIX + form or str(key).startswith(form + "_"):
            del st.session_state[key]


def forget_forms() -> None:
    """Forget every form's snapshot (on a page change: forms are opened afresh)."""
    for key in list(st.session_state):
        if str(key).startswith(SEEN_PREFIX):
            del st.session_state[key]


def flash() -> None:
    """Show, once, a message left by a write that could not be made."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.error(text.plain(message))


F = TypeVar("F", bound=Callable[..., Any])


def memo(*reads: str, settings: tuple[str, ...] | None = None, copied: bool = True) -> Callable[[F], F]:
    """Cache a page computation until a table behind the named loads changes (and per screen-share
    setting).

    For work on top of :func:`load`: ``reads`` names every loader of ``LOADERS`` it (or a
    computation it calls) loads; its arguments should be small (a seeker, a day); the tables
    come from ``load`` inside, so they are hashed once. ``settings`` names the only fields of
    a seeker argument the result depends on (its id aside): saving other settings keeps it.
    ``copied=False`` hands every caller the one result itself (``st.cache_resource``) instead of
    a copy: for results nobody changes whose copy costs as much as making them (a chart's figure).
    """
    unknown = set(reads) - set(LOADERS)
    if unknown:
        raise ValueError(f"no loader called {', '.join(sorted(unknown))}")
    tables = tables_read(reads)

    def part(value: Any) -> Any:
        if settings is not None and isinstance(value, store.Seeker):
            return ("seeker", value.id, *(getattr(value, name) for name in settings))
        return value

    def decorate(func: F) -> F:
        cache = st.cache_data if copied else st.cache_resource
        cached = cache(show_spinner=False, max_entries=128)(_call)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            path = store_path()
            key = (
                func.__module__,
                func.__qualname__,
                path,
                version_of(path, tables),
                sharing(),
                aliasing(),
                (st.session_state.get(CURRENT_KEY), version_of(path, SCRUBBER_READS)) if sharing() else None,
                tuple(map(part, args)),
                tuple(sorted((name, part(value)) for name, value in kwargs.items())),
            )
            return cached(key, func, args, kwargs)

        wrapper.__doc__ = func.__doc__
        wrapper.reads = reads  # type: ignore[attr-defined]
        wrapper.settings = settings  # type: ignore[attr-defined]
        wrapper.__wrapped__ = func  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _call(
    key: tuple[Any, ...], _func: Callable[..., Any], _args: tuple[Any, ...], _kwargs: dict[str, Any]
) -> Any:
    return _func(*_args, **_kwargs)  # the key holds what the result depends on; the rest is not hashed
