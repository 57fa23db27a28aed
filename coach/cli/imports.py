"""``coach import``: bring in a LinkedIn export, a tracking spreadsheet, mail or a calendar; preview first,
undo later."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from coach import store
from coach.cli.common import DATE, db_option, seeker_session
from coach.importers import (
    DateOrderNeeded,
    OwnerNeeded,
    Plan,
    apply,
    list_imports,
    undo_last,
)
from coach.importers.common import total, undo_text
from coach.importers.guide import explain_counts, owner_refusal
from coach.importers.kinds import plan_file
from coach.store import db
from coach.wording import plural


@click.group("import")
def import_group() -> None:
    """Import a LinkedIn export, a tracking spreadsheet, mail or a calendar, or undo the latest import."""


def _describe(plan: Plan, warning: str | None = None) -> list[str]:
    lines = [f"{plan.file_name}: what the import would change"]
    for entity, states in plan.counts.items():
        shown = ", ".join(f"{count} {state}" for state, count in states.items())
        lines.append(f"  {entity:<15} {shown}")
    lines += [f"  {line}" for line in explain_counts(plan)]
    if warning:
        lines.append(f"  warning: {warning}")
    for note in plan.notes:
        lines.append(f"  note: {note}")
    for why in plan.left_out:
        lines.append(f"  left out: {why}")
    if plan.rejected:
        item = "item" if plan.kind in ("mail", "calendar") else "row"
        lines.append(f"{plural(len(plan.rejected), item)} cannot be imported:")
        lines += [f"  {rejection}" for rejection in plan.rejected[:50]]
        if len(plan.rejected) > 50:
            lines.append(f"  ... and {len(plan.rejected) - 50} more")
    return lines


def _as_json(plan: Plan, seeker: str, *, applied: bool, import_id: int | None) -> str:
    payload: dict[str, Any] = {
        "seeker": seeker,
        "file": plan.file_name,
        "counts": plan.counts,
        "contacts_only": plan.contacts_only,
        "rejected": [
            {"file": r.file, "row": r.line, "column": r.column, "reason": r.reason} for r in plan.rejected
        ],
        "notes": plan.notes,
        "left_out": plan.left_out,
        "owner": plan.owner or plan.owner_address or None,
        "applied": applied,
        "import_id": import_id,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


class _NothingToWrite(Exception):
    """Leave the import's transaction without writing (a dry run, or rejected rows not accepted)."""


def _run(
    db_path: str | None,
    seeker_name: str,
    new_seeker: bool,
    dry_run: bool,
    accept_partial: bool,
    as_json: bool,
    source: Path,
    *,
    kind: str,
    choices: dict[str, Any],
    refuse: Callable[[Plan, str], str | None] | None = None,
) -> None:
    """Resolve (or create) the seeker, plan, apply unless told not to, and print what happened.

    ``choices`` are :func:`coach.importers.kinds.plan_file`'s for the ``kind`` of ``source``.
    ``refuse(plan, seeker_name)`` says why the plan must not be imported for this seeker (None: go
    ahead); a dry run prints it as a warning. Everything runs in one transaction, so a dry run or a
    refused import leaves no new seeker behind.
    """
    outcome: dict[str, Any] = {}
    with db.session(db.resolve_path(db_path)) as conn:
        try:
            with db.transaction(conn):
                seeker, _ = store.seeker_for_import(conn, seeker_name, allow_similar=new_seeker)
                try:
                    plan = plan_file(
                        conn, source, kind=kind, seeker_id=seeker.id, today=date.today(), **choices
                    )
                except DateOrderNeeded as question:
                    raise click.ClickException(
                        f"{question} Add --date-order dmy or --date-order mdy."
                    ) from None
                except OwnerNeeded as question:
                    hint = f" Likely: {', '.join(question.candidates[:3])}." if question.candidates else ""
                    what = "ADDRESS" if kind in ("mail", "calendar") else "NAME"
                    raise click.ClickException(f"{question} Add --me {what}.{hint}") from None
                outcome.update(plan=plan, seeker=seeker.name)
                refusal = refuse(plan, seeker.name) if refuse is not None else None
                if refusal and not dry_run:
                    raise click.ClickException(refusal)
                outcome["warning"] = refusal
                if dry_run or (plan.rejected and not accept_partial):
                    raise _NothingToWrite
                outcome["import_id"] = apply(conn, plan, accept_partial=accept_partial).import_id
        except _NothingToWrite:
            pass
    _report(
        outcome["plan"],
        outcome["seeker"],
        applied_id=outcome.get("import_id"),
        dry_run=dry_run,
        as_json=as_json,
        warning=outcome.get("warning"),
    )


def _report(
    plan: Plan,
    seeker: str,
    *,
    applied_id: int | None,
    dry_run: bool,
    as_json: bool,
    warning: str | None = None,
) -> None:
    if as_json:
        click.echo(_as_json(plan, seeker, applied=applied_id is not None, import_id=applied_id))
    else:
        click.echo("\n".join(_describe(plan, warning)))
    if applied_id is not None:
        if not as_json:
            click.echo(
                f"Imported into {seeker} (import {applied_id}; undo with: coach import undo --seeker NAME)."
            )
        return
    if dry_run:
        if not as_json:
            click.echo("Dry run: nothing was written.")
        return
    item = "item" if plan.kind in ("mail", "calendar") else "row"
    raise click.ClickException(
        f"Nothing was imported: {plural(len(plan.rejected), item)} rejected. Fix them, "
        f"or add --accept-partial to import the other {item}s."
    )


def _common(func: Any) -> Any:
    for option in reversed(
        [
            db_option,
            click.option(
                "--seeker",
                "seeker_name",
                required=True,
                metavar="NAME",
                help="Whose data this is; a new name creates the seeker.",
            ),
            click.option(
                "--new-seeker",
                is_flag=True,
                help="Create the seeker even if the name is close to an existing one.",
            ),
            click.option("--dry-run", is_flag=True, help="Show what would change and write nothing."),
            click.option(
                "--accept-partial", is_flag=True, help="Import the good rows even if some are rejected."
            ),
            click.option("--json", "as_json", is_flag=True, help="Print the result as JSON."),
        ]
    ):
        func = option(func)
    return func


@import_group.command("linkedin")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_common
@click.option(
    "--me",
    help="Your name or profile URL, if the export does not say whose it is. Naming the export's owner "
    "also confirms importing it for a seeker of another name.",
)
@click.option(
    "--owner-differs",
    is_flag=True,
    help="Import the export even though it is clearly someone else's than the seeker's (no name in common).",
)
@click.option(
    "--since",
    type=DATE,
    help="Only requests sent on or after this day (YYYY-MM-DD), when the job search started; their "
    "people are still imported. Without it, the whole history is imported.",
)
def import_linkedin(
    source: Path,
    db_path: str | None,
    seeker_name: str,
    new_seeker: bool,
    dry_run: bool,
    accept_partial: bool,
    as_json: bool,
    me: str | None,
    owner_differs: bool,
    since: date | None,
) -> None:
    """Import a LinkedIn data export: the zip, the unzipped folder, or one CSV from it.

    An export whose owner (its Profile.csv, or the one person in every conversation) has no name in
    common with the seeker is refused, unless --owner-differs is given or --me names the owner.
    """
    _run(
        db_path,
        seeker_name,
        new_seeker,
        dry_run,
        accept_partial,
        as_json,
        source,
        kind="linkedin",
        choices={"me": me, "since": since},
        refuse=lambda plan, seeker: owner_refusal(plan, seeker, me=me, owner_differs=owner_differs),
    )


@import_group.command("tracker")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_common
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="HEADER=FIELD",
    help='Read a column as a field, e.g. --map "Contact Name=name" (repeatable; FIELD empty to ignore).',
)
@click.option(
    "--date-order", type=click.Choice(["dmy", "mdy"]), help="How dates like 03/02/2026 are written."
)
@click.option(
    "--sheet", metavar="NAME", help="The workbook's sheet to read. Default: the first with a header row."
)
def import_tracker(
    source: Path,
    db_path: str | None,
    seeker_name: str,
    new_seeker: bool,
    dry_run: bool,
    accept_partial: bool,
    as_json: bool,
    mappings: tuple[str, ...],
    date_order: str | None,
    sheet: str | None,
) -> None:
    """Import a tracking spreadsheet (CSV or XLSX), one row per outreach request or person to ask.

    A row without sent_on adds or updates its contact only: no request, meeting or referral.
    """
    mapping: dict[str, str | None] = {}
    for item in mappings:
        header, sep, field = item.partition("=")
        if not sep or not header.strip():
            raise click.BadParameter(f"{item!r} is not HEADER=FIELD.", param_hint="--map")
        mapping[header.strip()] = field.strip() or None
    _run(
        db_path,
        seeker_name,
        new_seeker,
        dry_run,
        accept_partial,
        as_json,
        source,
        kind="tracker",
        choices={"mapping": mapping, "date_order": date_order, "sheet": sheet},
    )


@import_group.command("mail")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_common
@click.option(
    "--me", metavar="ADDRESS", help="Your e-mail address. Default: the sender of the mail labelled Sent."
)
@click.option(
    "--label",
    metavar="NAME",
    help="Only threads holding a message with this Gmail label. Without it, only threads with people "
    "already among your contacts.",
)
@click.option("--since", type=DATE, help="Only requests sent on or after this day (YYYY-MM-DD).")
def import_mail(
    source: Path,
    db_path: str | None,
    seeker_name: str,
    new_seeker: bool,
    dry_run: bool,
    accept_partial: bool,
    as_json: bool,
    me: str | None,
    label: str | None,
    since: date | None,
) -> None:
    """Import requests, follow-ups and answers from mail: an mbox (Google Takeout's), an .eml file, or a
    folder of them.

    A thread you opened to one person is a request; your later messages before an answer are its
    follow-ups; their first reply (not an auto-reply) is the answer, left unmarked for you to say
    whether they agreed. Group mail, mailing lists, no-reply senders and drafts are left out.
    """
    _run(
        db_path,
        seeker_name,
        new_seeker,
        dry_run,
        accept_partial,
        as_json,
        source,
        kind="mail",
        choices={"me": me, "label": label, "since": since},
    )


@import_group.command("calendar")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_common
@click.option(
    "--me",
    metavar="ADDRESS",
    help="Your e-mail address. Default: the one an earlier mail import used, else the organiser of "
    "most events.",
)
@click.option("--since", type=DATE, help="Only events on or after this day (YYYY-MM-DD).")
def import_calendar(
    source: Path,
    db_path: str | None,
    seeker_name: str,
    new_seeker: bool,
    dry_run: bool,
    accept_partial: bool,
    as_json: bool,
    me: str | None,
    since: date | None,
) -> None:
    """Import conversations from a calendar (.ics): events with one of your contacts.

    An event is a conversation when an attendee or the organiser is a contact by e-mail, or its title
    names exactly one contact; past events are held, future ones scheduled. Recurring and all-day
    events, and events with nobody known, are left out.
    """
    _run(
        db_path,
        seeker_name,
        new_seeker,
        dry_run,
        accept_partial,
        as_json,
        source,
        kind="calendar",
        choices={"me": me, "since": since},
    )


@import_group.command("undo")
@db_option
@click.option("--seeker", "seeker_name", required=True, metavar="NAME", help="Whose latest import to undo.")
def import_undo(db_path: str | None, seeker_name: str) -> None:
    """Undo the seeker's latest import as a whole."""
    with seeker_session(db_path, seeker_name) as (conn, seeker):
        summary = undo_last(conn, seeker.id)
    click.echo(f"Undid import {summary.import_id} ({summary.file_name}): {undo_text(summary)}.")


@import_group.command("list")
@db_option
@click.option("--seeker", "seeker_name", required=True, metavar="NAME", help="Whose imports to list.")
def import_list(db_path: str | None, seeker_name: str) -> None:
    """List the seeker's imports, newest first."""
    with seeker_session(db_path, seeker_name) as (conn, seeker):
        runs = list_imports(conn, seeker.id)
    if not runs:
        click.echo(f"No imports for {seeker.name} yet.")
    for run in runs:
        state = " (undone)" if run["undone_at"] else ""
        new = total(run["counts"], "new")
        click.echo(
            f"{run['id']}  {run['started_at']:%Y-%m-%d %H:%M}  {run['kind']:<8}  {run['file_name']}  "
            f"{new} new{state}"
        )
