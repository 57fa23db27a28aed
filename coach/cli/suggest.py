"""``coach suggest``: whom to ask next about each career option, and why."""

from __future__ import annotations

import json
from datetime import date

import click

from coach import store
from coach.cli.common import as_of_option, db_option, option_title, seeker_option, seeker_session
from coach.labels import label
from coach.rules import suggest
from coach.store import registry
from coach.wording import plural


@click.command()
@db_option
@seeker_option
@option_title(required=False, describe="Only this career option's suggestions. Default: every undecided one.")
@click.option("--count", type=click.IntRange(min=1), help="At most this many in all. Default: every one.")
@as_of_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"suggestions": [{"contact", "company", "warmth", "option", "reasons": [...]}, ...]}.',
)
def suggest_command(
    db_path: str | None,
    seeker_name: str,
    option_title: str | None,
    count: int | None,
    as_of: date | None,
    as_json: bool,
) -> None:
    """List whom to ask next: options with a red warning first, then amber, then ok.

    A person is suggested for an undecided option when their company is one of its targets, a
    keyword is in their position or company, or someone met about it referred them; and only if
    they were neither asked nor met in the last keep-in-touch days (90 unless changed), have no
    request waiting and never declined. People at an organisation the option has not heard from
    yet come first, then the warmer, then by name.
    """
    day = as_of or date.today()
    with seeker_session(db_path, seeker_name) as (conn, who):
        option_id = None if option_title is None else int(store.find_option(conn, who.id, option_title)["id"])
        found = suggest.for_seeker(
            who,
            store.list_options(conn, who.id),
            store.load_targets(conn, who.id),
            registry.load_frames(conn, who.id, *suggest.FRAMES),
            as_of=day,
            option_id=option_id,
            count=count,
        )
    if as_json:
        listed = [
            {
                "contact": s.contact,
                "company": s.company,
                "warmth": s.warmth,
                "option": s.option,
                "reasons": list(s.reasons),
            }
            for s in found
        ]
        click.echo(json.dumps({"suggestions": listed}, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo(
            "Nobody to suggest: add target organisations or keywords to an undecided option "
            "(coach target add, coach option set --keywords), or import more contacts."
        )
        return
    click.echo(f"{plural(len(found), 'suggestion')} as of {day.isoformat()}:")
    option = None
    for s in found:
        if s.option != option:
            option = s.option
            click.echo(f"\n{option}")
        where = f", {s.company}" if s.company else ""
        click.echo(f"  {s.contact}{where} ({label(s.warmth).lower()})")
        for reason in s.reasons:
            click.echo(f"    {reason}")
