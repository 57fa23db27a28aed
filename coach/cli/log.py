"""``coach log``: record a request, a meeting or a thank-you from the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import click

from coach import store, vocabulary
from coach.cli.common import DATE, F, db_option, seeker_option, seeker_session
from coach.store import tracking


@click.group()
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
    with seeker_session(db_path, seeker_name) as (conn, who):
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
    with seeker_session(db_path, seeker_name) as (conn, who):
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
    with seeker_session(db_path, seeker_name) as (conn, who):
        contact = store.find_contact(conn, who.id, contact_name)
        meeting_id = tracking.latest_meeting_without_thanks(conn, who.id, contact["id"], on=day)
        tracking.mark_thank_you(conn, who.id, meeting_id, on=day)
    click.echo(f"Logged the thank-you to {contact['name']} on {day.isoformat()}.")
