"""LinkedIn-shaped exports built inside the tests: a zip with Profile.csv, Connections.csv (with its
"Notes:" preamble), Invitations.csv and messages.csv, in the formats LinkedIn writes them.

The export of :func:`linkedin_export` is fully described by its arguments, so a test knows what
importing it must find: one contact per connection, one more per stranger written to and per
person invited with a note, and one request per date in ``requests``, ``strangers`` and
``invitations``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

FIRST = ("Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lena", "Milo")
LAST = ("Berg", "Doe", "Eng", "Fox", "Gray", "Hale", "Ince", "Jones", "Kerr", "Lund")
COMPANIES = ("Acme", "Initech", "Brightwave", "Globex")

# An old search in 2021, a long quiet gap, then the current one from January 2026.
OLD_RUN = (date(2021, 5, 3), date(2021, 5, 20), date(2021, 6, 8))
CURRENT_RUN = (date(2026, 1, 12), date(2026, 1, 26), date(2026, 2, 9), date(2026, 2, 23), date(2026, 3, 2))
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


def person(index: int) -> tuple[str, str]:
    """The first and last name of the export's ``index``-th connection (all distinct up to 120)."""
    return FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)] + (
        "" if index < 120 else str(index)
    )


def slug(name: str) -> str:
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
    return f"{datetime.combine(day, time(hour, 15)):%Y-%m-%d %H:%M:%S} UTC"


def linkedin_export(
    path: Path,
    *,
    owner: str = "Ana Lopez",
    profile: bool = True,
    connections: int = 8,
    requests: Sequence[date] = OLD_RUN + CURRENT_RUN,
    answered: int = 2,
    strangers: Sequence[date] = (date(2026, 3, 4),),
    invitations: Sequence[date] = (date(2026, 3, 6),),
) -> Path:
    """Write a LinkedIn export zip to ``path`` and return it.

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
    owner_url = slug(owner)
    people = [person(i) for i in range(connections)]
    connection_rows = [
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    ]
    for i, (first, last) in enumerate(people):
        connection_rows.append(
            [
                first,
                last,
                slug(f"{first} {last}"),
                "",
                COMPANIES[i % len(COMPANIES)],
                "Analyst",
                "06 Jan 2020",
            ]
        )
    preamble = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
    messages = [MESSAGES_HEADER]
    chats = [(f"{first} {last}", day) for (first, last), day in zip(people, requests, strict=False)]
    chats += [(f"Stranger {n + 1} Quinn", day) for n, day in enumerate(strangers)]
    for n, (name, day) in enumerate(chats):
        conv = f"2-conv{n:04d}=="
        messages.append(
            [
                conv,
                "",
                owner,
                owner_url,
                name,
                slug(name),
                _message_date(day, 9),
                "",
                f"Hi {name.split()[0]}, could I ask you 15 minutes about your work?",
                "INBOX",
                "",
                "No",
                "No",
            ]
        )
        if len(requests) - answered <= n < len(requests):
            messages.append(
                [
                    conv,
                    "",
                    name,
                    slug(name),
                    owner,
                    owner_url,
                    _message_date(day, 17),
                    "",
                    "Happy to, how about Thursday?",
                    "INBOX",
                    "",
                    "No",
                    "No",
                ]
            )
    invitation_rows = [
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    ]
    for n, day in enumerate(invitations):
        name = f"Invitee {n + 1} Stone"
        invitation_rows.append(
            [
                owner,
                name,
                _sent_at(day),
                "Hi, I'd value 15 minutes of your view on your field.",
                "OUTGOING",
                owner_url,
                slug(name),
            ]
        )
    invitation_rows.append(
        ["Zed Young", owner, _sent_at(date(2026, 2, 1)), "", "INCOMING", slug("Zed Young"), owner_url]
    )
    first, _, last = owner.partition(" ")
    files = {
        "Connections.csv": preamble + _csv(connection_rows),
        "Invitations.csv": _csv(invitation_rows),
        "messages.csv": _csv(messages, quote_all=True),
    }
    if profile:
        files["Profile.csv"] = _csv(
            [["First Name", "Last Name", "Headline"], [first, last, "Career changer"]]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return path
