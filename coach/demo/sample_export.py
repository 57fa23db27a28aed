"""A made-up LinkedIn data export: a zip with Profile.csv, Connections.csv (with its "Notes:"
preamble), Invitations.csv and messages.csv, in the formats LinkedIn writes them.

The sample is :func:`linkedin_zip` with its defaults: Ana Lopez's export, eight connections,
an old search in 2021 and the current one from January 2026. ``coach demo --linkedin-export
FILE.zip`` writes it and the Import screen offers it for download, so anyone can see what an
export holds and try the import without their own; the tests and benchmarks build theirs with
other arguments. Every person in it is invented.

An export is fully described by its arguments, so a test knows what importing it must find: one
contact per connection, one more per stranger written to and per person invited with a note, and
one request per date in ``requests``, ``strangers`` and ``invitations``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time

# Whose the sample is: the name to give the new client the sample is imported for.
SAMPLE_OWNER = "Ana Lopez"
SAMPLE_FILE_NAME = "Basic_LinkedInDataExport_sample.zip"

# The header rows of LinkedIn's files.
PROFILE_HEADER = ["First Name", "Last Name", "Headline"]
CONNECTIONS_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
INVITATIONS_HEADER = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
]
MESSAGES_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
)

FIRST = ("Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lena", "Milo")
LAST = ("Berg", "Doe", "Eng", "Fox", "Gray", "Hale", "Ince", "Jones", "Kerr", "Lund")
COMPANIES = ("Acme", "Initech", "Brightwave", "Globex")

# An old search in 2021, a long quiet gap, then the current one from January 2026.
OLD_RUN = (date(2021, 5, 3), date(2021, 5, 20), date(2021, 6, 8))
CURRENT_RUN = (date(2026, 1, 12), date(2026, 1, 26), date(2026, 2, 9), date(2026, 2, 23), date(2026, 3, 2))
# Every file of the zip carries this time, so the same arguments always give the same bytes.
_ZIPPED_AT = (2026, 3, 18, 9, 0, 0)


def person(index: int) -> tuple[str, str]:
    """The first and last name of the export's ``index``-th connection (all distinct up to 120)."""
    return FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)] + (
        "" if index < 120 else str(index)
    )


def slug(name: str) -> str:
    """The made-up profile URL of a person called ``name``."""
    return "https://www.linkedin.com/in/" + name.lower().replace(" ", "-")


def _csv(rows: Sequence[Sequence[str]], *, quote_all: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def _sent_at(day: date) -> str:
    """Invitations.csv's style: "1/12/26, 9:30 AM"."""
    return f"{day.month}/{day.day}/{day:%y}, 9:30 AM"


def _message_date(day: date, hour: int) -> str:
    """messages.csv's style: "2026-01-12 09:15:00 UTC"."""
    return f"{datetime.combine(day, time(hour, 15)):%Y-%m-%d %H:%M:%S} UTC"


def _message(conv: str, sender: str, recipient: str, when: str, text: str) -> list[str]:
    """A messages.csv row between two people, each named as LinkedIn shows them."""
    who = [sender, slug(sender), recipient, slug(recipient)]
    return [conv, "", *who, when, "", text, "INBOX", "", "No", "No"]


def linkedin_zip(
    *,
    owner: str = SAMPLE_OWNER,
    profile: bool = True,
    connections: int = 8,
    requests: Sequence[date] = OLD_RUN + CURRENT_RUN,
    answered: int = 2,
    strangers: Sequence[date] = (date(2026, 3, 4),),
    invitations: Sequence[date] = (date(2026, 3, 6),),
) -> bytes:
    """A LinkedIn export zip, as bytes (the sample with the defaults).

    :param owner: whose export it is: Profile.csv's name, the sender of every owner message.
    :param profile: whether the zip has a Profile.csv (without one, the owner is the one person
        in every conversation).
    :param connections: how many people Connections.csv lists (connected on 6 Jan 2020).
    :param requests: one request each, in this order, to the first connections (owner's message first).
    :param answered: how many of those requests (the latest ones) the other person answered.
    :param strangers: requests by message to people who are not connections (one new contact each).
    :param invitations: OUTGOING invitations with a note to people who are not connections.
    """
    if len(requests) > connections:
        raise ValueError("one request per connection: add connections")
    people = [" ".join(person(i)) for i in range(connections)]
    connection_rows = [CONNECTIONS_HEADER]
    for i, name in enumerate(people):
        first, last = person(i)
        connection_rows.append(
            [first, last, slug(name), "", COMPANIES[i % len(COMPANIES)], "Analyst", "06 Jan 2020"]
        )
    messages = [MESSAGES_HEADER]
    chats = list(zip(people, requests, strict=False))
    chats += [(f"Stranger {n + 1} Quinn", day) for n, day in enumerate(strangers)]
    for n, (name, day) in enumerate(chats):
        conv = f"2-conv{n:04d}=="
        ask = f"Hi {name.split()[0]}, could I ask you 15 minutes about your work?"
        messages.append(_message(conv, owner, name, _message_date(day, 9), ask))
        if len(requests) - answered <= n < len(requests):
            answer = "Happy to, how about Thursday?"
            messages.append(_message(conv, name, owner, _message_date(day, 17), answer))
    invitation_rows = [INVITATIONS_HEADER]
    note = "Hi, I'd value 15 minutes of your view on your field."
    for n, day in enumerate(invitations):
        name = f"Invitee {n + 1} Stone"
        invitation_rows.append([owner, name, _sent_at(day), note, "OUTGOING", slug(owner), slug(name)])
    invitation_rows.append(
        ["Zed Young", owner, _sent_at(date(2026, 2, 1)), "", "INCOMING", slug("Zed Young"), slug(owner)]
    )
    files = {
        "Connections.csv": PREAMBLE + _csv(connection_rows),
        "Invitations.csv": _csv(invitation_rows),
        "messages.csv": _csv(messages, quote_all=True),
    }
    if profile:
        first, _, last = owner.partition(" ")
        files["Profile.csv"] = _csv([PROFILE_HEADER, [first, last, "Career changer"]])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            entry = zipfile.ZipInfo(name, date_time=_ZIPPED_AT)
            entry.external_attr = 0o644 << 16  # -rw-r--r-- once unzipped
            archive.writestr(entry, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
