"""``coach export``: a weekly HTML report, CSV tables or a calendar of due items, written to files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from coach.cli.common import DATE, as_of_option, db_option, seeker_option, seeker_session, writing
from coach.wording import plural


@click.group()
def export() -> None:
    """Write a weekly HTML report, CSV tables or a calendar of due items."""


@export.command("report")
@db_option
@seeker_option
@click.option("--week", type=DATE, help="Any day of the ISO week to report on. Default: this week.")
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option("--share", is_flag=True, help="Leave out e-mail addresses, phone numbers and private notes.")
def export_report(
    db_path: str | None, seeker_name: str, week: date | None, out_file: Path, share: bool
) -> None:
    """Write a standalone HTML weekly report (charts included, no network needed to view it)."""
    from coach.output.export import weekly_report_html

    today = date.today()
    with seeker_session(db_path, seeker_name) as (conn, who):
        page = weekly_report_html(conn, who, week=week or today, today=today, share=share)
    with writing(out_file):
        out_file.write_text(page, encoding="utf-8")
    click.echo(f"Wrote the weekly report of {who.name} to {out_file}.")


@export.command("csv")
@db_option
@seeker_option
@click.option(
    "--out",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder for contacts.csv, requests.csv and meetings.csv.",
)
@click.option("--share", is_flag=True, help="Leave out e-mail addresses and phone numbers.")
def export_csv(db_path: str | None, seeker_name: str, folder: Path, share: bool) -> None:
    """Write the seeker's contacts, requests and meetings as CSV (safe to open in a spreadsheet)."""
    from coach.output.export import export_csv as write_csv

    with seeker_session(db_path, seeker_name) as (conn, who), writing(folder, folder=True):
        written = write_csv(conn, who, folder, share=share)
    click.echo(f"Wrote {', '.join(p.name for p in written)} to {folder}.")


@export.command("ics")
@db_option
@seeker_option
@as_of_option
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .ics file to write.",
)
@click.option(
    "--days",
    type=click.IntRange(0, 365),
    default=30,
    show_default=True,
    help="Also include items coming due within this many days.",
)
def export_ics(db_path: str | None, seeker_name: str, as_of: date | None, out_file: Path, days: int) -> None:
    """Write the seeker's due follow-ups as a calendar file (one all-day event each)."""
    from datetime import UTC, datetime

    from coach.output.export import calendar
    from coach.store import due_for

    day = as_of or date.today()
    with seeker_session(db_path, seeker_name) as (conn, who):
        items = due_for(conn, who, as_of=day, upcoming_days=days)
    with writing(out_file):
        out_file.write_text(
            calendar(items, seeker_name=who.name, stamp=datetime.now(UTC)), encoding="utf-8", newline=""
        )
    click.echo(f"Wrote {plural(len(items), 'follow-up')} to {out_file}.")
