"""``coach option``: a seeker's career options, added, decided and listed."""

from __future__ import annotations

from datetime import date

import click

from coach import store, vocabulary
from coach.cli.common import DATE, db_option, seeker_option, seeker_session


@click.group()
def option() -> None:
    """Add career options, set their status, list them."""


@option.command("add")
@db_option
@seeker_option
@click.argument("title")
def option_add(db_path: str | None, seeker_name: str, title: str) -> None:
    """Add the career option TITLE (status: exploring)."""
    with seeker_session(db_path, seeker_name) as (conn, who):
        store.add_option(conn, who.id, title, today=date.today())
    click.echo(f"Added {title!r} for {who.name} (exploring).")


@option.command("set")
@db_option
@seeker_option
@click.argument("title")
@click.option(
    "--status",
    required=True,
    type=click.Choice(vocabulary.OPTION_STATUSES),
    help="exploring or leaning while open; chosen or dropped once decided.",
)
@click.option("--on", "decided_on", type=DATE, help="When it was decided (chosen/dropped). Default: today.")
def option_set(
    db_path: str | None, seeker_name: str, title: str, status: str, decided_on: date | None
) -> None:
    """Set the status of the career option TITLE."""
    if decided_on is not None and status not in vocabulary.DECIDED:
        raise click.UsageError("--on is the decided-on date: use it with --status chosen or dropped.")
    with seeker_session(db_path, seeker_name) as (conn, who):
        updated = store.set_option_status(conn, who.id, title, status, decided_on=decided_on or date.today())
    when = f" on {updated['decided_on']}" if updated["decided_on"] else ""
    click.echo(f"{updated['title']!r} is now {status}{when}.")


@option.command("list")
@db_option
@seeker_option
def option_list(db_path: str | None, seeker_name: str) -> None:
    """List the seeker's career options."""
    with seeker_session(db_path, seeker_name) as (conn, who):
        options = store.list_options(conn, who.id)
    if not options:
        click.echo(
            f"{who.name} has no career options yet. Add one with: coach option add TITLE --seeker NAME"
        )
        return
    for o in options:
        when = f" (decided {o['decided_on']})" if o["decided_on"] else ""
        click.echo(f"{o['title']}: {o['status']}{when}")
