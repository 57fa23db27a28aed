"""``coach report`` and ``coach due``: a seeker's numbers and what is due, as text or JSON."""

from __future__ import annotations

import json
from datetime import date

import click

from coach.cli.common import as_of_option, db_option, seeker_option, seeker_session
from coach.store import registry


@click.command()
@db_option
@seeker_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the report contract).")
def report(db_path: str | None, seeker_name: str, as_of: date | None, as_json: bool) -> None:
    """Print the seeker's outreach rates, meetings, network, career options and due items."""
    from coach.output.report import build_report, format_report
    from coach.rules.followups import due_counts
    from coach.store import due_list_for

    day = as_of or date.today()
    with seeker_session(db_path, seeker_name) as (conn, who):
        tables = registry.load_frames(
            conn,
            who.id,
            "outreach",
            "meetings",
            "referrals",
            "follow_ups",
            "network",
            "options",
            "meeting_options",
        )
        listed = due_list_for(conn, who, as_of=day, tables=tables)
        result = build_report(
            conn, who, as_of=day, due=due_counts(listed.items), tables=tables, due_let_go=listed.let_go_counts
        )
    click.echo(
        json.dumps(result, indent=2, ensure_ascii=False) if as_json else format_report(result).rstrip()
    )


@click.command()
@db_option
@seeker_option
@as_of_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"items": [...], "let_go": {kind: count}}: the items listed, and those let go.',
)
def due(db_path: str | None, seeker_name: str, as_of: date | None, as_json: bool) -> None:
    """List what is due, what matters most first: thank-yous, referral loops, actions, nudges, keep-in-touch.

    Items more than the seeker's let-go days past due (30 unless changed) are let go: counted, not listed.
    """
    from coach.rules.followups import let_go_summary
    from coach.store import due_list_for

    day = as_of or date.today()
    with seeker_session(db_path, seeker_name) as (conn, who):
        listed = due_list_for(conn, who, as_of=day)
    items = listed.items
    if as_json:
        click.echo(
            json.dumps(
                {
                    "items": [
                        {
                            "kind": i.kind,
                            "contact": i.contact,
                            "due_on": i.due_on.isoformat(),
                            "overdue_days": i.overdue_days,
                            "title": i.title,
                            "key": i.key,
                        }
                        for i in items
                    ],
                    "let_go": listed.let_go_counts,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    gone = let_go_summary(listed.let_go_counts)
    if not items:
        click.echo(f"Nothing is due for {who.name} as of {day.isoformat()}.")
    for i in items:
        late = {0: "due today", 1: "1 day overdue"}.get(i.overdue_days, f"{i.overdue_days} days overdue")
        click.echo(f"{i.due_on.isoformat()}  {i.kind:<13}  {i.title}  ({late})")
    if gone:
        click.echo(f"{gone}: more than {who.let_go_days} days past due, they are not listed.")
