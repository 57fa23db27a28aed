"""``coach target``: the organisations a seeker aims at per career option, added, listed, removed and
imported from a one-column sheet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import pandas as pd

from coach import store
from coach.cli.common import db_option, option_title, seeker_option, seeker_session
from coach.store import targets
from coach.wording import plural


@click.group()
def target() -> None:
    """Add, list, remove and import the organisations to aim at for each career option."""


@target.command("add")
@db_option
@seeker_option
@option_title(required=True, describe="The career option it is a target of.")
@click.argument("organisation")
def target_add(db_path: str | None, seeker_name: str, option_title: str, organisation: str) -> None:
    """Add ORGANISATION as a target of a career option.

    An organisation the option holds already, under any spelling ("ACME inc" beside "Acme, Inc."),
    is refused.
    """
    with seeker_session(db_path, seeker_name) as (conn, who):
        option = store.find_option(conn, who.id, option_title)
        targets.add_target(conn, who.id, option["id"], organisation, today=date.today())
    click.echo(
        f"Added {targets.display_name(organisation)!r} as a target of {option['title']!r} for {who.name}."
    )


@target.command("list")
@db_option
@seeker_option
@option_title(required=False, describe="Only this career option's targets.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"targets": [{"option", "organisation", "added_on"}]}.',
)
def target_list(db_path: str | None, seeker_name: str, option_title: str | None, as_json: bool) -> None:
    """List the seeker's targets, by career option."""
    with seeker_session(db_path, seeker_name) as (conn, who):
        option = store.find_option(conn, who.id, option_title) if option_title is not None else None
        found = store.load_targets(conn, who.id)
    if option is not None:
        found = found[found["career_option_id"] == option["id"]]
    listed = [
        {
            "option": str(row["career_option"]),
            "organisation": str(row["name"]),
            "added_on": pd.Timestamp(row["added_on"]).date().isoformat(),
        }
        for row in found.to_dict("records")
    ]
    if as_json:
        click.echo(json.dumps({"targets": listed}, indent=2, ensure_ascii=False))
        return
    if not listed:
        whose = f"{option['title']!r}" if option is not None else who.name
        click.echo(
            f"{whose} has no targets yet. Add one with: coach target add ORGANISATION --option TITLE "
            "--seeker NAME"
        )
        return
    for item in listed:
        click.echo(f"{item['option']}: {item['organisation']} (added {item['added_on']})")


@target.command("remove")
@db_option
@seeker_option
@option_title(required=True, describe="The career option it is a target of.")
@click.argument("organisation")
def target_remove(db_path: str | None, seeker_name: str, option_title: str, organisation: str) -> None:
    """Remove ORGANISATION (any spelling of it) from a career option's targets."""
    with seeker_session(db_path, seeker_name) as (conn, who):
        option = store.find_option(conn, who.id, option_title)
        removed = targets.remove_target(conn, who.id, option["id"], organisation)
    click.echo(f"Removed {removed!r} from the targets of {option['title']!r}.")


@target.command("import")
@db_option
@seeker_option
@option_title(required=True, describe="The career option they are targets of.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--sheet", metavar="NAME", help="The sheet of a workbook to read. Default: its first.")
def target_import(
    db_path: str | None, seeker_name: str, option_title: str, file: Path, sheet: str | None
) -> None:
    """Add the organisations of FILE as targets of a career option.

    FILE is a CSV or XLSX file holding one organisation per row in one column, with or without a
    header ("Organisation", "Company", ...). Organisations the option holds already are skipped; a
    bad row stops the import, naming the file and row, and nothing is added.
    """
    from coach.importers.tracker_sheet import read_names

    names = [name for _, name in read_names(file, sheet=sheet)]
    with seeker_session(db_path, seeker_name) as (conn, who):
        option = store.find_option(conn, who.id, option_title)
        added, skipped = targets.import_targets(conn, who.id, option["id"], names, today=date.today())
    said = f"Added {plural(len(added), 'target')} to {option['title']!r} for {who.name}"
    if skipped:
        shown = ", ".join(
            repr(given) if given == held else f"{given!r} (as {held!r})" for given, held in skipped
        )
        said += f"; skipped {plural(len(skipped), 'organisation')} already there: {shown}"
    click.echo(said + ".")
