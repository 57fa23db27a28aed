"""What the ``coach`` commands share: their options, the DATE type, the error-to-message group,
and opening the store on one seeker."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from coach import store
from coach.store import db

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "The store file. Default: $COACH_DB, else data/coach.duckdb."


def db_option(func: F) -> F:
    """Add ``--db`` (falling back to COACH_DB, then data/coach.duckdb) to a command."""
    return click.option("--db", "db_path", metavar="FILE", help=DB_HELP)(func)


def seeker_option(func: F) -> F:
    """Add the required ``--seeker NAME`` option."""
    return click.option("--seeker", "seeker_name", required=True, metavar="NAME", help="The job seeker.")(
        func
    )


class Date(click.ParamType):
    """A calendar day written YYYY-MM-DD, between 1900 and 2100."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-03-18.", param, ctx)
        if not date(1900, 1, 1) <= day <= date(2100, 12, 31):
            self.fail(f"{value} is outside 1900-2100.", param, ctx)
        return day


DATE = Date()


def as_of_option(func: F) -> F:
    """Add ``--as-of YYYY-MM-DD`` (default today)."""
    return click.option("--as-of", "as_of", type=DATE, help="As of the end of this day. Default: today.")(
        func
    )


def option_title(*, required: bool, describe: str) -> Callable[[F], F]:
    """The ``--option TITLE`` option (a career option of the seeker), ``describe`` its help."""

    def add(func: F) -> F:
        return click.option("--option", "option_title", required=required, metavar="TITLE", help=describe)(
            func
        )

    return add


class CoachGroup(click.Group):
    """A group that turns the store's own errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except db.StoreError as exc:
            raise click.ClickException(str(exc)) from None


@contextmanager
def seeker_session(db_path: str | None, seeker_name: str) -> Iterator[tuple[db.Connection, store.Seeker]]:
    """Open the store (``--db``, else COACH_DB, else the default) and find the seeker by name;
    the store is closed when the block ends.

    A name nobody has is the store's NotFound, which the group prints as one line.
    """
    with db.session(db.resolve_path(db_path)) as conn:
        yield conn, store.find_seeker(conn, seeker_name)


def note_kept_stores(path: str) -> None:
    """Say so when a new store is made beside stores a restore or a set-aside kept."""
    if not os.path.exists(path):
        kept = db.kept_stores(path)
        if kept:
            listed = ", ".join(p.name for p in kept)
            click.echo(f"Note: {path} did not exist; what was kept beside it is left as it was: {listed}.")


@contextmanager
def writing(path: Path, *, folder: bool = False) -> Iterator[None]:
    """Make the folder ``path`` goes into (or ``path`` itself, a folder) and write in the block;
    a folder or file that cannot be made is one line."""
    try:
        (path if folder else path.parent).mkdir(parents=True, exist_ok=True)
        yield
    except OSError as exc:
        folders = [path, *path.parents] if folder else list(path.parents)
        blocker = next((p for p in folders if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker else (exc.strerror or str(exc))
        raise click.ClickException(f"Cannot write {path}: {reason}.") from None
