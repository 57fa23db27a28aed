"""``coach option``: a seeker's career options, added, decided, given keywords and listed."""

from __future__ import annotations

from datetime import date

import click

from coach import store, vocabulary
from coach.cli.common import DATE, F, db_option, seeker_option, seeker_session
from coach.store import db, targets


@click.group()
def option() -> None:
    """Add career options, set their status and keywords, list them."""


def keywords_option(func: F) -> F:
    """Add ``--keywords "ESG, sustainability"``: the option's field and role words."""
    return click.option(
        "--keywords",
        metavar="WORDS",
        help='Field and role words, comma-separated: "ESG, sustainability" ("" clears them).',
    )(func)


@option.command("add")
@db_option
@seeker_option
@click.argument("title")
@keywords_option
def option_add(db_path: str | None, seeker_name: str, title: str, keywords: str | None) -> None:
    """Add the career option TITLE (status: exploring)."""
    with seeker_session(db_path, seeker_name) as (conn, who), db.transaction(conn):
        option_id = store.add_option(conn, who.id, title, today=date.today())
        stored = targets.set_keywords(conn, who.id, option_id, keywords) if keywords else ""
    said = f"; keywords: {stored}" if stored else ""
    click.echo(f"Added {title!r} for {who.name} (exploring{said}).")


@option.command("set")
@db_option
@seeker_option
@click.argument("title")
@click.option(
    "--status",
    type=click.Choice(vocabulary.OPTION_STATUSES),
    help="exploring or leaning while open; chosen or dropped once decided.",
)
@click.option("--on", "decided_on", type=DATE, help="When it was decided (chosen/dropped). Default: today.")
@keywords_option
def option_set(
    db_path: str | None,
    seeker_name: str,
    title: str,
    status: str | None,
    decided_on: date | None,
    keywords: str | None,
) -> None:
    """Set the status or the keywords (or both) of the career option TITLE."""
    if status is None and keywords is None:
        raise click.UsageError("Say what to set: --status, --keywords or both.")
    if decided_on is not None and status not in vocabulary.DECIDED:
        raise click.UsageError("--on is the decided-on date: use it with --status chosen or dropped.")
    with seeker_session(db_path, seeker_name) as (conn, who), db.transaction(conn):
        updated = store.find_option(conn, who.id, title)
        if status is not None:
            updated = store.set_option_status(
                conn, who.id, title, status, decided_on=decided_on or date.today()
            )
        if keywords is not None:
            targets.set_keywords(conn, who.id, updated["id"], keywords)
            updated = store.find_option(conn, who.id, updated["title"])
    said = []
    if status is not None:
        when = f" on {updated['decided_on']}" if updated["decided_on"] else ""
        said.append(f"is now {status}{when}")
    if keywords is not None:
        words = updated["keywords"]
        said.append(f"has the keywords {words}" if words else "has no keywords")
    click.echo(f"{updated['title']!r} {' and '.join(said)}.")


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
        words = f"; keywords: {o['keywords']}" if o["keywords"] else ""
        click.echo(f"{o['title']}: {o['status']}{when}{words}")
