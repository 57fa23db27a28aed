"""``coach seeker``: add and list job seekers."""

from __future__ import annotations

import click

from coach import store
from coach.cli.common import db_option
from coach.store import db


@click.group()
def seeker() -> None:
    """Add and list job seekers (a coach's clients)."""


@seeker.command("add")
@db_option
@click.argument("name")
@click.option(
    "--goal",
    "weekly_goal",
    type=click.IntRange(0, 200),
    default=5,
    show_default=True,
    help="Requests to send each week.",
)
@click.option("--new-seeker", is_flag=True, help="Create it even if the name is close to an existing one.")
def seeker_add(db_path: str | None, name: str, weekly_goal: int, new_seeker: bool) -> None:
    """Add a job seeker called NAME."""
    with db.session(db.resolve_path(db_path)) as conn:
        added = store.add_seeker(conn, name, weekly_goal=weekly_goal, allow_similar=new_seeker)
    click.echo(f"Added seeker {added.name!r} (weekly goal {added.weekly_goal}).")


@seeker.command("list")
@db_option
@click.option("--all", "include_archived", is_flag=True, help="Include archived seekers.")
def seeker_list(db_path: str | None, include_archived: bool) -> None:
    """List the job seekers."""
    with db.session(db.resolve_path(db_path)) as conn:
        seekers = store.list_seekers(conn, include_archived=include_archived)
    if not seekers:
        click.echo("No seekers yet. Add one with: coach seeker add NAME")
        return
    for s in seekers:
        flags = [flag for flag, on in (("demo", s.is_demo), ("archived", s.archived)) if on]
        suffix = f"  ({', '.join(flags)})" if flags else ""
        click.echo(f"{s.name}  weekly goal {s.weekly_goal}{suffix}")
