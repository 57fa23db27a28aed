"""The ``coach`` command line: each command opens the store, calls one function, closes it.

Errors the user can act on print as one line on stderr with a non-zero exit
code, never a traceback.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from coach import db, store, tracking, vocabulary
from coach.wording import plural

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


class CoachGroup(click.Group):
    """A group that turns the store's own errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except db.StoreError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="informational-interview-coach", prog_name="coach")
def main() -> None:
    """Informational Interview Coach: track outreach, meetings and career evidence.

    Every command works on one store file (--db, else $COACH_DB, else
    data/coach.duckdb) and can run while the app is open.
    """


@main.command()
@db_option
def init(db_path: str | None) -> None:
    """Create the store (or bring an existing one up to date)."""
    path = db.resolve_path(db_path)
    _note_kept_stores(path)
    with db.session(path, create="always") as conn:
        version = db.schema_version(conn)
    click.echo(f"Store ready at {path} (schema version {version}).")


def _note_kept_stores(path: str) -> None:
    """Say so when a new store is made beside stores a restore or a set-aside kept."""
    if not os.path.exists(path):
        kept = db.kept_stores(path)
        if kept:
            listed = ", ".join(p.name for p in kept)
            click.echo(f"Note: {path} did not exist; what was kept beside it is left as it was: {listed}.")


@main.command()
@db_option
@click.option("--anchor", type=DATE, metavar="YYYY-MM-DD", help="Treat this day as today. Default: today.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the generated data.")
@click.option(
    "--linkedin-export",
    "export_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.zip",
    help="Instead, write the sample LinkedIn export (made up, to see what an export holds and try "
    "importing one) to FILE.zip; the store is left alone.",
)
def demo(db_path: str | None, anchor: date | None, seed: int, export_file: Path | None) -> None:
    """Rebuild the demo seekers and their data (other seekers are kept), or write the sample export."""
    if export_file is not None:
        _write_sample_export(export_file)
        return
    from coach.demo import build_demo

    path = db.resolve_path(db_path)
    _note_kept_stores(path)
    with db.session(path, create="always") as conn:
        summary = build_demo(conn, anchor=anchor or date.today(), seed=seed)
    click.echo(f"Demo rebuilt in {path}: {', '.join(summary.seekers)}.")


def _write_sample_export(out_file: Path) -> None:
    """Write the sample LinkedIn export and say how to import it for the person it belongs to."""
    from coach.sample_export import SAMPLE_OWNER, linkedin_zip

    with _writing(out_file):
        out_file.write_bytes(linkedin_zip())
    command = f"coach import linkedin {shlex.quote(str(out_file))} --seeker {shlex.quote(SAMPLE_OWNER)}"
    click.echo(
        f"Wrote the sample LinkedIn export of {SAMPLE_OWNER}, a made-up person, to {out_file}. "
        f"Import it with: {command}"
    )


# --- seekers ---------------------------------------------------------------


@main.group()
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


# --- career options ---------------------------------------------------------


@main.group()
def option() -> None:
    """Add career options, set their status, list them."""


@option.command("add")
@db_option
@seeker_option
@click.argument("title")
def option_add(db_path: str | None, seeker_name: str, title: str) -> None:
    """Add the career option TITLE (status: exploring)."""
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
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
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        updated = store.set_option_status(conn, who.id, title, status, decided_on=decided_on or date.today())
    when = f" on {updated['decided_on']}" if updated["decided_on"] else ""
    click.echo(f"{updated['title']!r} is now {status}{when}.")


@option.command("list")
@db_option
@seeker_option
def option_list(db_path: str | None, seeker_name: str) -> None:
    """List the seeker's career options."""
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        options = store.list_options(conn, who.id)
    if not options:
        click.echo(
            f"{who.name} has no career options yet. Add one with: coach option add TITLE --seeker NAME"
        )
        return
    for o in options:
        when = f" (decided {o['decided_on']})" if o["decided_on"] else ""
        click.echo(f"{o['title']}: {o['status']}{when}")


# --- the numbers -----------------------------------------------------------


def as_of_option(func: F) -> F:
    """Add ``--as-of YYYY-MM-DD`` (default today)."""
    return click.option("--as-of", "as_of", type=DATE, help="As of the end of this day. Default: today.")(
        func
    )


@main.command()
@db_option
@seeker_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the report contract).")
def report(db_path: str | None, seeker_name: str, as_of: date | None, as_json: bool) -> None:
    """Print the seeker's outreach rates, meetings, network, career options and due items."""
    from coach.followups import due_counts, due_list_for
    from coach.report import build_report, format_report

    day = as_of or date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        tables = store.load_tables(
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


@main.command()
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
    from coach.followups import due_list_for, let_go_summary

    day = as_of or date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
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


# --- logging from the terminal --------------------------------------------


@main.group()
def log() -> None:
    """Record a request, a meeting or a thank-you from the terminal."""


def contact_option(func: F) -> F:
    """Add the required ``--contact NAME`` option."""
    return click.option(
        "--contact",
        "contact_name",
        required=True,
        metavar="NAME",
        help="The contact's full name, as on the Contacts screen.",
    )(func)


def again_option(func: F) -> F:
    """Add ``--again``: log it even if the same thing looks logged already."""
    return click.option(
        "--again",
        is_flag=True,
        help="Log it even if one like it is logged already (same person and day; requests: channel too).",
    )(func)


@contextmanager
def _second_one_confirmed_by_again() -> Iterator[None]:
    try:
        yield
    except tracking.Duplicate as first:
        raise click.ClickException(f"{first} Add --again to log a second one.") from None


@log.command("outreach")
@db_option
@seeker_option
@contact_option
@click.option(
    "--channel", required=True, type=click.Choice(vocabulary.CHANNELS), help="How the request was sent."
)
@click.option("--on", "sent_on", type=DATE, help="The day it was sent. Default: today.")
@click.option(
    "--minutes", type=click.IntRange(1, 240), default=15, show_default=True, help="Minutes asked for."
)
@click.option("--mode", type=click.Choice(vocabulary.MODES_OFFERED), help="The mode offered.")
@click.option("--message", help="The text of the request.")
@click.option("--template", help="The template it was written from.")
@again_option
def log_outreach(
    db_path: str | None,
    seeker_name: str,
    contact_name: str,
    channel: str,
    sent_on: date | None,
    minutes: int,
    mode: str | None,
    message: str | None,
    template: str | None,
    again: bool,
) -> None:
    """Record a request sent to a contact.

    A second request to the same person on the same channel and day is refused unless --again.
    """
    today = date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        contact = store.find_contact(conn, who.id, contact_name)
        request = tracking.Request(
            contact["id"],
            sent_on or today,
            channel,
            minutes_asked=minutes,
            mode_offered=mode,
            message=message,
            template=template,
        )
        with _second_one_confirmed_by_again():
            tracking.log_outreach(conn, who.id, request, today=today, again=again)
    click.echo(f"Logged a request to {contact['name']} on {(sent_on or today).isoformat()}.")


@log.command("meeting")
@db_option
@seeker_option
@contact_option
@click.option("--on", "held_on", type=DATE, help="When it was held (or is scheduled). Default: today.")
@click.option("--mode", type=click.Choice(vocabulary.MEETING_MODES), default="video", show_default=True)
@click.option(
    "--option", "options", multiple=True, metavar="TITLE", help="A career option it was about (repeatable)."
)
@click.option("--fit", type=click.IntRange(1, 5), help="Do they feel like my tribe? 1-5.")
@click.option("--minutes", type=click.IntRange(1, 600), help="How long it took.")
@again_option
def log_meeting(
    db_path: str | None,
    seeker_name: str,
    contact_name: str,
    held_on: date | None,
    mode: str,
    options: tuple[str, ...],
    fit: int | None,
    minutes: int | None,
    again: bool,
) -> None:
    """Record an informational interview held (or scheduled) with a contact.

    A second conversation with the same person on the same day is refused unless --again.
    """
    today = date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        contact = store.find_contact(conn, who.id, contact_name)
        signals = {store.find_option(conn, who.id, title)["id"]: "neutral" for title in options}
        meeting = tracking.Meeting(
            contact["id"],
            held_on or today,
            mode=mode,
            company=contact["company"],
            fit=fit,
            minutes_actual=minutes,
            signals=signals,
        )
        with _second_one_confirmed_by_again():
            tracking.log_meeting(conn, who.id, meeting, today=today, again=again)
    click.echo(f"Logged a meeting with {contact['name']} on {(held_on or today).isoformat()}.")


@log.command("thank-you")
@db_option
@seeker_option
@contact_option
@click.option("--on", "sent_on", type=DATE, help="When the thank-you was sent. Default: today.")
def log_thank_you(db_path: str | None, seeker_name: str, contact_name: str, sent_on: date | None) -> None:
    """Record the thank-you for the latest meeting with a contact."""
    day = sent_on or date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        contact = store.find_contact(conn, who.id, contact_name)
        meeting_id = tracking.latest_meeting_without_thanks(conn, who.id, contact["id"], on=day)
        tracking.mark_thank_you(conn, who.id, meeting_id, on=day)
    click.echo(f"Logged the thank-you to {contact['name']} on {day.isoformat()}.")


# --- getting data out ------------------------------------------------------


@main.group()
def export() -> None:
    """Write a weekly HTML report, CSV tables or a calendar of due items."""


@contextmanager
def _writing(path: Path, *, folder: bool = False) -> Iterator[None]:
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
    from coach.export import weekly_report_html

    today = date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        page = weekly_report_html(conn, who, week=week or today, today=today, share=share)
    with _writing(out_file):
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
    from coach.export import export_csv as write_csv

    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        with _writing(folder, folder=True):
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

    from coach.export import calendar
    from coach.followups import due_for

    day = as_of or date.today()
    with db.session(db.resolve_path(db_path)) as conn:
        who = store.find_seeker(conn, seeker_name)
        items = due_for(conn, who, as_of=day, upcoming_days=days)
    with _writing(out_file):
        out_file.write_text(
            calendar(items, seeker_name=who.name, stamp=datetime.now(UTC)), encoding="utf-8", newline=""
        )
    click.echo(f"Wrote {plural(len(items), 'follow-up')} to {out_file}.")


@main.command()
@db_option
@click.argument("out_file", type=click.Path(dir_okay=False, path_type=Path))
def backup(db_path: str | None, out_file: Path) -> None:
    """Write the whole store to one zip file that restores on any machine."""
    from coach.export import backup as write_backup

    path = db.resolve_path(db_path)
    write_backup(path, out_file)
    click.echo(f"Backed up {path} to {out_file}.")


@main.command()
@db_option
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a store that already holds data.")
def restore(db_path: str | None, backup_file: Path, force: bool) -> None:
    """Rebuild the store from a backup zip (refuses to overwrite data without --force)."""
    from coach.export import restore as read_backup

    path = db.resolve_path(db_path)
    done = read_backup(backup_file, path, force=force)
    kept = f" The store it replaced is kept as {done.kept}." if done.kept else ""
    click.echo(f"Restored {plural(done.seekers, 'seeker')} from {backup_file} into {path}.{kept}")


class _LazyImport(click.Group):
    """``coach import``, loaded only when it runs, so other commands start faster."""

    def _real(self) -> click.Group:
        from coach.cli_import import import_group

        return import_group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._real().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._real().get_command(ctx, name)


main.add_command(
    _LazyImport(
        "import", help="Import a LinkedIn data export or a tracking spreadsheet, or undo the latest import."
    )
)
