"""The LinkedIn export importer: files and formats, people, requests, follow-ups and answers."""

from __future__ import annotations

import csv
import io
import tempfile
import time
import zipfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import store
from coach.demo.sample_export import (
    CONNECTIONS_HEADER,
    CURRENT_RUN,
    INVITATIONS_HEADER,
    MESSAGES_HEADER,
    OLD_RUN,
    SAMPLE_FILE_NAME,
    SAMPLE_OWNER,
    linkedin_zip,
    person,
    slug,
)
from coach.importers import ImportProblem, OwnerNeeded, Plan, apply, linkedin, undo_last
from coach.store import db
from tests.bombs import Run, understate, write_zip

OWNER = ("Olivia", "Owner", "https://www.linkedin.com/in/olivia-owner")
PREAMBLE = 'Notes:\n"Some e-mail addresses are missing, by design."\n\n'


# --- building exports ---------------------------------------------------------


def csv_text(header: list[str], rows: list[list[str]], *, eol: str = "\n", quote_all: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=eol, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def connection(first: str, last: str, slug: str, on: str = "06 Jan 2024", **extra: str) -> list[str]:
    return [
        first,
        last,
        url(slug),
        extra.get("email", ""),
        extra.get("company", "Acme"),
        extra.get("position", ""),
        on,
    ]


def message(conv: str, sender: tuple[str, str] | None, to: list[tuple[str, str]], when: str, text: str = "Hi",
            draft: bool = False) -> list[str]:  # fmt: skip
    """A messages.csv row; sender None is the owner; people are (display name, slug)."""
    name, link = (f"{OWNER[0]} {OWNER[1]}", OWNER[2]) if sender is None else (sender[0], url(sender[1]))
    names = ", ".join(n for n, _ in to) if to else f"{OWNER[0]} {OWNER[1]}"
    links = ",".join(url(s) for _, s in to) if to else OWNER[2]
    return [
        conv,
        "",
        name,
        link,
        names,
        links,
        f"{when} UTC",
        "",
        text,
        "INBOX",
        "",
        "Yes" if draft else "No",
        "No",
    ]


def invitation(to: tuple[str, str], when: str, note: str = "", direction: str = "OUTGOING") -> list[str]:
    me = f"{OWNER[0]} {OWNER[1]}"
    if direction == "OUTGOING":
        return [me, to[0], when, note, direction, OWNER[2], url(to[1])]
    return [to[0], me, when, note, direction, url(to[1]), OWNER[2]]


def export(
    path: Path,
    *,
    connections: list[list[str]] | None = None,
    invitations: list[list[str]] | None = None,
    messages: list[list[str]] | None = None,
    profile: bool = True,
    top: str = "",
    names: dict[str, str] | None = None,
    bom: bool = False,
    eol: str = "\n",
) -> Path:
    """Write an export zip with the given rows (None leaves a file out)."""
    names = names or {}
    files: dict[str, str] = {}
    if connections is not None:
        files[names.get("connections", "Connections.csv")] = (
            ("\ufeff" if bom else "") + PREAMBLE.replace("\n", eol)
            + csv_text(CONNECTIONS_HEADER, connections, eol=eol)
        )  # fmt: skip
    if invitations is not None:
        files[names.get("invitations", "Invitations.csv")] = csv_text(
            INVITATIONS_HEADER, invitations, eol=eol
        )
    if messages is not None:
        files[names.get("messages", "messages.csv")] = csv_text(
            MESSAGES_HEADER, messages, eol=eol, quote_all=True
        )
    if profile:
        files["Profile.csv"] = csv_text(
            ["First Name", "Last Name", "Headline"], [[OWNER[0], OWNER[1], "Seeker"]]
        )
    files["Positions.csv"] = csv_text(["Company Name", "Title"], [["Old Co", "Analyst"]])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(top + name, text.encode("utf-8"))
    return path


# --- reading the store -----------------------------------------------------------


def seeker(conn: db.Connection, name: str = "Ana Lopez") -> int:
    return store.add_seeker(conn, name).id


def fuzz_seeker(conn: db.Connection) -> int:
    """The one seeker the property tests share (their fixture lives across examples)."""
    found = db.scalar(conn, "SELECT id FROM seeker WHERE name = 'Fuzz'")
    return int(found) if found is not None else seeker(conn, "Fuzz")


def dump(conn: db.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, for comparing whole stores."""
    tables = [
        r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    ]
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def contacts(conn: db.Connection) -> dict[str, dict[str, Any]]:
    return {
        r["profile_url"] or r["first_name"]: r for r in db.rows(conn, "SELECT * FROM contact ORDER BY id")
    }


def requests(conn: db.Connection) -> dict[str, tuple[Any, ...]]:
    found = conn.execute(
        "SELECT coalesce(c.profile_url, c.first_name), o.sent_on, o.followed_up_on, o.responded_on, o.outcome, "
        "o.channel FROM outreach o JOIN contact c ON c.id = o.contact_id ORDER BY o.id"
    ).fetchall()
    return {str(r[0]): tuple(r[1:]) for r in found}


def run(conn: db.Connection, source: Any, seeker_id: int, **kwargs: Any) -> Plan:
    plan = linkedin.plan(conn, source, seeker_id=seeker_id, **kwargs)
    apply(conn, plan)
    return plan


# --- generated exports, checked against their arguments and their CSVs read independently ----

# The sample export as its arguments say (a test checks that they make it), and a larger one
# without Profile.csv, whose owner is the sender of its outgoing invitations.
SAMPLE_ARGS: dict[str, Any] = {
    "owner": SAMPLE_OWNER,
    "connections": 8,
    "requests": OLD_RUN + CURRENT_RUN,
    "answered": 2,
    "strangers": (date(2026, 3, 4),),
    "invitations": (date(2026, 3, 6),),
}
LARGER_ARGS: dict[str, Any] = {
    "owner": "Marcus Morgan",
    "profile": False,
    "connections": 40,
    "requests": tuple(date(2025, 9, 1) + timedelta(days=9 * n) for n in range(25)),
    "answered": 7,
    "strangers": (date(2026, 1, 3), date(2026, 1, 3), date(2026, 2, 14)),
    "invitations": (date(2026, 2, 20), date(2026, 3, 1)),
}
SAMPLE = linkedin_zip()


def _read_csvs(data: bytes) -> dict[str, list[dict[str, str]]]:
    """The rows of an export's three CSVs, read with the csv module alone."""
    found: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in ("Connections.csv", "Invitations.csv", "messages.csv"):
            records = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))
            start = next(
                i for i, r in enumerate(records) if r and r[0] in ("First Name", "From", "CONVERSATION ID")
            )
            header = records[start]
            found[name] = [dict(zip(header, r, strict=True)) for r in records[start + 1 :] if any(r)]
    return found


def _expected_requests(
    files: dict[str, list[dict[str, str]]],
) -> dict[str, tuple[date, date | None, date | None]]:
    """The importer's rules, written out plainly: profile URL -> (sent, follow-up, answer)."""
    owner_url = {
        r["inviterProfileUrl"] for r in files["Invitations.csv"] if r["Direction"] == "OUTGOING"
    }.pop()
    events: dict[str, list[tuple[datetime, bool]]] = defaultdict(list)
    chats: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in files["messages.csv"]:
        if row["IS MESSAGE DRAFT"] != "Yes":
            chats[row["CONVERSATION ID"]].append(row)
    for rows in chats.values():
        people = {r["SENDER PROFILE URL"] for r in rows} | {
            u for r in rows for u in r["RECIPIENT PROFILE URLS"].split(",")
        }
        if len(people) != 2 or owner_url not in people:
            continue
        (other,) = people - {owner_url}
        for r in rows:
            when = datetime.strptime(r["DATE"], "%Y-%m-%d %H:%M:%S UTC")
            events[other].append((when, r["SENDER PROFILE URL"] == owner_url))
    for r in files["Invitations.csv"]:
        if r["Direction"] == "OUTGOING" and r["Message"].strip():
            events[r["inviteeProfileUrl"]].append(
                (datetime.strptime(r["Sent At"], "%m/%d/%y, %I:%M %p"), True)
            )
    expected = {}
    for profile, found in events.items():
        found.sort()
        if not found[0][1]:
            continue
        answer = next((t for t, mine in found if not mine), None)
        follow = next((t for t, mine in found[1:] if mine and (answer is None or t < answer)), None)
        expected[profile] = (
            found[0][0].date(),
            follow.date() if follow else None,
            answer.date() if answer else None,
        )
    return expected


def test_the_sample_is_the_export_its_arguments_describe() -> None:
    assert linkedin_zip(**SAMPLE_ARGS) == SAMPLE
    assert linkedin_zip(**{**SAMPLE_ARGS, "answered": 1}) != SAMPLE


@pytest.mark.parametrize("args", [SAMPLE_ARGS, LARGER_ARGS], ids=["the sample", "a larger export"])
def test_a_generated_export_imports_what_its_arguments_and_csvs_say(
    conn: db.Connection, args: dict[str, Any]
) -> None:
    data = linkedin_zip(**args)
    sent = [*args["requests"], *args["strangers"], *args["invitations"]]
    people = args["connections"] + len(args["strangers"]) + len(args["invitations"])
    plan = run(conn, data, seeker(conn), file_name="export.zip")
    assert (plan.rejected, plan.skipped, plan.left_out) == ([], [], [])
    assert plan.counts == {
        "contacts": {"new": people, "updated": 0, "unchanged": 0, "skipped": 0},
        "requests": {"new": len(sent), "updated": 0, "unchanged": 0, "skipped": 0},
    }
    how = (
        "from Profile.csv"
        if args.get("profile", True)
        else "the sender of OUTGOING invitations in Invitations.csv"
    )
    assert plan.notes == [f"Owner of the export: {args['owner']} ({how})."]
    stored = requests(conn)
    assert {k: v[:3] for k, v in stored.items()} == _expected_requests(_read_csvs(data))
    assert sorted(sent_on for sent_on, *_ in stored.values()) == sorted(sent)
    # The latest requests to connections were answered, the same day; nothing was followed up.
    latest = args["requests"][len(args["requests"]) - args["answered"] :]
    assert sorted(v[0] for v in stored.values() if v[2] is not None) == sorted(latest)
    assert all(v[2] in (None, v[0]) and v[1] is None for v in stored.values())
    assert all(v[3] is None and v[4] == "linkedin" for v in stored.values())
    found = contacts(conn)
    connected = {slug(" ".join(person(i))) for i in range(args["connections"])}
    assert len(found) == people and connected <= set(found)
    assert {found[u]["connected_on"] for u in connected} == {date(2020, 1, 6)}
    assert all(c["source"] == "linkedin" and c["warmth"] == "unknown" for c in found.values())
    assert all(c["email"] is None for c in found.values())


def test_reimporting_the_same_export_changes_nothing(conn: db.Connection, tmp_path: Path) -> None:
    sample = tmp_path / SAMPLE_FILE_NAME
    sample.write_bytes(SAMPLE)
    seeker_id = seeker(conn)
    run(conn, sample, seeker_id)
    before = dump(conn)
    assert (len(before["contact"]), len(before["outreach"])) == (10, 10)
    again = run(conn, sample, seeker_id)
    assert again.counts == {
        "contacts": {"new": 0, "updated": 0, "unchanged": 10, "skipped": 0},
        "requests": {"new": 0, "updated": 0, "unchanged": 10, "skipped": 0},
    }
    after = dump(conn)
    assert len(after["import_run"]) == 2
    for table in before:
        if not table.startswith("import_"):
            assert after[table] == before[table], table


# --- files and formats -------------------------------------------------------------


def test_preamble_bom_crlf_quotes_accents_and_scripts(conn: db.Connection, tmp_path: Path) -> None:
    rows = [
        connection(
            "Zoë", "Ng, MBA", "zoe-ng-1a2b3c4d5", company="Stripe, Inc.", position='Head of "Growth"\nEMEA'
        ),
        connection("充", "吉田", "member-d8e81973e", email="yoshida@example.jp"),
        connection("Мир", "Молчанова", "mir-m"),
        ["", "", "", "", "", "", ""],
    ]
    path = export(tmp_path / "x.zip", connections=rows, bom=True, eol="\r\n", top="Complete_Export/",
                  names={"connections": "CONNECTIONS.CSV"})  # fmt: skip
    plan = run(conn, path, seeker(conn))
    found = contacts(conn)
    zoe = found[url("zoe-ng-1a2b3c4d5")]
    assert (zoe["first_name"], zoe["last_name"], zoe["company"]) == ("Zoë", "Ng, MBA", "Stripe, Inc.")
    assert zoe["position"] == 'Head of "Growth"\nEMEA' and zoe["email"] is None
    assert zoe["connected_on"] == date(2024, 1, 6)
    assert found[url("member-d8e81973e")]["last_name"] == "吉田"
    assert found[url("mir-m")]["first_name"] == "Мир"
    assert plan.counts["contacts"] == {"new": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    assert [(s.line, s.reason) for s in plan.skipped] == [(8, "blank row")]


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("First Name,Last Name,Email Address,Company,Position,Connected On", "Ann,Lee,,Acme,CEO,06 Jan 2020",
         date(2020, 1, 6)),
        ("First Name;Last Name;URL;Email Address;Company;Position;Connected On",
         "Ann;Lee;https://www.linkedin.com/in/ann;;Acme;CEO;05.03.2021", date(2021, 3, 5)),
        ("First Name,Last Name,URL,Email Address,Company,Position,Connected On",
         "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CEO,5-Mar-23", date(2023, 3, 5)),
        ("First Name,Last Name,Email Address,Company,Position,Connected On",
         'Ann,Lee,,Acme,CEO,"3/5/18, 5:04 PM"', date(2018, 3, 5)),
    ],
)  # fmt: skip
def test_older_and_resaved_connections_files(
    conn: db.Connection, header: str, row: str, expected: date
) -> None:
    plan = run(conn, f"{header}\n{row}".encode(), seeker(conn), file_name="Connections.csv")
    assert plan.rejected == []
    (found,) = contacts(conn).values()
    assert (found["first_name"], found["company"], found["connected_on"]) == ("Ann", "Acme", expected)


def test_a_single_csv_is_recognised_by_its_header(conn: db.Connection, tmp_path: Path) -> None:
    path = tmp_path / "my connections (1).csv"
    path.write_text(
        PREAMBLE + csv_text(CONNECTIONS_HEADER, [connection("Ann", "Lee", "ann")]), encoding="utf-8"
    )
    plan = run(conn, path, seeker(conn))
    assert plan.counts["contacts"]["new"] == 1 and plan.file_name == path.name


def test_unzipped_folder(conn: db.Connection, tmp_path: Path) -> None:
    archive = export(tmp_path / "x.zip", connections=[connection("Ann", "Lee", "ann")], top="Basic_Export/")
    zipfile.ZipFile(archive).extractall(tmp_path / "unzipped")
    plan = run(conn, tmp_path / "unzipped", seeker(conn))
    assert plan.counts["contacts"]["new"] == 1


def test_bytes_and_file_objects_with_a_name(conn: db.Connection, tmp_path: Path) -> None:
    data = export(tmp_path / "x.zip", connections=[connection("Ann", "Lee", "ann")]).read_bytes()
    seeker_id = seeker(conn)
    assert linkedin.plan(conn, data, seeker_id=seeker_id, file_name="up.zip").counts["contacts"]["new"] == 1
    plan = linkedin.plan(conn, io.BytesIO(data), seeker_id=seeker_id, file_name="up.zip")
    assert plan.file_name == "up.zip" and plan.counts["contacts"]["new"] == 1


# --- requests, follow-ups, answers ------------------------------------------------------


ANA, BEN, CAT, DAN, EVE, FAY, GUS, HAL = (
    ("Ana Alves", "ana"), ("Ben Berg", "ben"), ("Cat Cruz", "cat"), ("Dan Diaz", "dan"),
    ("Eve Eng", "eve"), ("Fay Fox", "fay"), ("Gus Gil", "gus"), ("Hal Hu", "hal"),
)  # fmt: skip


def _conversations(tmp_path: Path) -> Path:
    people = [ANA, BEN, CAT, DAN, EVE, FAY, GUS, HAL]
    messages = [
        # Ana: asked, followed up, answered six weeks later (a late answer still counts).
        message("c-ana", None, [ANA], "2026-01-05 09:00:00", "Could I ask you a few questions?"),
        message("c-ana", None, [ANA], "2026-01-20 09:00:00", "Just following up"),
        message("c-ana", ANA, [], "2026-03-02 18:00:00", "\n  Sorry, yes!\r\nThursday works for me."),
        message("c-ana", None, [ANA], "2026-03-03 08:00:00", "Great"),
        # Ben opened the conversation: not a request.
        message("c-ben", BEN, [], "2026-01-07 10:00:00", "Hi, I have a role for you"),
        message("c-ben", None, [BEN], "2026-01-07 12:00:00", "Thanks"),
        # A group chat: not a request.
        message("c-grp", None, [CAT, DAN], "2026-01-08 10:00:00", "Hello both"),
        # A draft to Dan: not a request.
        message("c-dan", None, [DAN], "2026-01-09 10:00:00", "Draft", draft=True),
        # Gus: invited without a note, then asked by message (the message is the request).
        message("c-gus", None, [GUS], "2026-02-01 10:00:00", "Thanks for connecting, 15 minutes?"),
        # Fay: invited with a note, then the owner wrote before any reply (a follow-up), then Fay answered.
        message("c-fay", None, [FAY], "2026-02-10 10:00:00", "Following up on my invitation"),
        message("c-fay", FAY, [], "2026-02-12 10:00:00", "Happy to"),
    ]
    invitations = [
        invitation(
            EVE, "1/10/26, 9:15 AM", "Would you have 15 minutes for my questions?"
        ),  # accepted, silent
        invitation(FAY, "2/1/26, 4:04 PM", "Hi Fay, could I ask about your path?"),
        invitation(GUS, "1/25/26, 11:00 AM"),
        invitation(HAL, "1/11/26, 1:00 PM", "I'd like to join your network", direction="INCOMING"),
        invitation(("Ivy Ito", "ivy"), "1/12/26, 2:00 PM", "A pending invitation with a note"),
    ]
    connections = [connection(n.split(" ")[0], n.split(" ")[1], slug, on="15 Jan 2026") for n, slug in people]
    return export(tmp_path / "x.zip", connections=connections, invitations=invitations, messages=messages)


def test_requests_follow_ups_and_answers(conn: db.Connection, tmp_path: Path) -> None:
    plan = run(conn, _conversations(tmp_path), seeker(conn))
    assert requests(conn) == {
        url("ana"): (date(2026, 1, 5), date(2026, 1, 20), date(2026, 3, 2), None, "linkedin"),
        url("eve"): (date(2026, 1, 10), None, None, None, "linkedin"),
        url("ivy"): (date(2026, 1, 12), None, None, None, "linkedin"),
        url("gus"): (date(2026, 2, 1), None, None, None, "linkedin"),
        url("fay"): (date(2026, 2, 1), date(2026, 2, 10), date(2026, 2, 12), None, "linkedin"),
    }
    assert contacts(conn)[url("ivy")]["connected_on"] is None
    assert plan.counts["contacts"]["new"] == 9
    messages = dict(
        conn.execute(
            "SELECT c.first_name, o.message FROM outreach o JOIN contact c ON c.id = o.contact_id"
        ).fetchall()
    )
    assert messages["Fay"] == "Hi Fay, could I ask about your path?"
    assert messages["Ana"] == "Could I ask you a few questions?"
    assert any("group" in n for n in plan.notes) and any("draft" in n for n in plan.notes)
    excerpts = dict(
        conn.execute(
            "SELECT c.first_name, o.reply_excerpt FROM outreach o JOIN contact c ON c.id = o.contact_id"
        ).fetchall()
    )
    assert excerpts == {"Ana": "Sorry, yes!", "Fay": "Happy to", "Eve": None, "Ivy": None, "Gus": None}


def test_a_later_export_adds_the_answer_unmarked_with_its_first_line(
    conn: db.Connection, tmp_path: Path
) -> None:
    seeker_id = seeker(conn)
    asked = [message("c-ana", None, [ANA], "2026-01-05 09:00:00", "Could I ask you a few questions?")]
    run(conn, export(tmp_path / "a.zip", messages=asked), seeker_id)
    answered = [*asked, message("c-ana", ANA, [], "2026-01-07 09:00:00", "Yes, gladly.\nCall me.")]
    plan = run(conn, export(tmp_path / "b.zip", messages=answered), seeker_id)
    assert plan.counts["requests"]["updated"] == 1
    assert conn.execute("SELECT responded_on, outcome, reply_excerpt FROM outreach").fetchall() == [
        (date(2026, 1, 7), None, "Yes, gladly.")
    ]


def test_undoing_the_export_that_found_an_answer_puts_the_request_back(
    conn: db.Connection, tmp_path: Path
) -> None:
    seeker_id = seeker(conn)
    asked = [message("c-ana", None, [ANA], "2026-01-05 09:00:00", "Could I ask you a few questions?")]
    run(conn, export(tmp_path / "a.zip", messages=asked), seeker_id)
    before = dump(conn)
    answered = [*asked, message("c-ana", ANA, [], "2026-01-07 09:00:00", "Yes, gladly.")]
    run(conn, export(tmp_path / "b.zip", messages=answered), seeker_id)
    undo_last(conn, seeker_id)
    after = dump(conn)
    assert after["outreach"] == before["outreach"] and after["contact"] == before["contact"]
    assert conn.execute("SELECT responded_on, reply_excerpt FROM outreach").fetchall() == [(None, None)]


def test_a_name_that_is_only_blank_space_shows_the_profile_name(conn: db.Connection, tmp_path: Path) -> None:
    blank = "\u00a0"  # a no-break space: a display name with nothing in it to match on
    rows = [message("c1", None, [(blank, "kim-park")], "2026-01-05 09:00:00")]
    plan = linkedin.plan(conn, export(tmp_path / "x.zip", messages=rows), seeker_id=seeker(conn))
    assert plan.counts["requests"]["new"] == 1
    assert list(plan.samples["requests"]["contact"]) == ["kim-park"]
    apply(conn, plan)
    assert contacts(conn)[url("kim-park")]["first_name"] == "kim-park"


def test_since_limits_requests_to_the_job_search(conn: db.Connection, tmp_path: Path) -> None:
    plan = run(conn, _conversations(tmp_path), seeker(conn), since=date(2026, 1, 15))
    assert set(requests(conn)) == {url("gus"), url("fay")}
    assert plan.counts["requests"]["skipped"] == 3


def test_owner_from_invitations_or_every_conversation_or_me(conn: db.Connection, tmp_path: Path) -> None:
    chats = [
        message("c1", None, [ANA], "2026-01-05 09:00:00"),
        message("c2", BEN, [], "2026-01-06 09:00:00"),
        message("c2", None, [BEN], "2026-01-06 10:00:00"),
    ]
    seeker_id = seeker(conn)
    by_invite = linkedin.plan(conn, export(tmp_path / "a.zip", messages=chats, invitations=[invitation(CAT, "1/1/26, 9:00 AM")],
                                           profile=False), seeker_id=seeker_id)  # fmt: skip
    everywhere = linkedin.plan(
        conn, export(tmp_path / "b.zip", messages=chats, profile=False), seeker_id=seeker_id
    )
    for plan in (by_invite, everywhere):
        assert plan.counts["requests"]["new"] == 1, plan.notes
    with pytest.raises(OwnerNeeded) as asked:
        linkedin.plan(
            conn, export(tmp_path / "c.zip", messages=chats[:1], profile=False), seeker_id=seeker_id
        )
    assert "Say who you are" in str(asked.value)
    mine = linkedin.plan(conn, export(tmp_path / "c.zip", messages=chats[:1], profile=False), seeker_id=seeker_id,
                         me="Olivia Owner")  # fmt: skip
    assert mine.counts["requests"]["new"] == 1
    theirs = linkedin.plan(conn, tmp_path / "c.zip", seeker_id=seeker_id, me=url("ana") + "/?trk=x")
    assert theirs.counts["requests"]["new"] == 0


def test_2018_messages_file_with_direction(conn: db.Connection) -> None:
    text = (
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ann Lee,Olivia Owner,"3/7/18, 9:00 AM",,Sure,INCOMING,INBOX\n'
        'Olivia Owner,Ann Lee,"3/5/18, 5:04 PM",,Could we talk?,OUTGOING,INBOX\n'
        'Bo Chan,Olivia Owner,"3/6/18, 1:00 PM",,Hello,INCOMING,INBOX\n'
    )
    run(conn, text.encode(), seeker(conn), file_name="messages.csv")
    assert requests(conn) == {"Ann": (date(2018, 3, 5), None, date(2018, 3, 7), None, "linkedin")}
    assert db.scalar(conn, "SELECT reply_excerpt FROM outreach") == "Sure"


def test_invitations_with_urns_and_the_long_date(conn: db.Connection) -> None:
    text = (
        "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\n"
        "Olivia Owner,Ann Lee,Mar 5 2023 5:04 PM,Could we talk?,OUTGOING,urn:li:member:1,urn:li:member:2\n"
    )
    run(conn, text.encode(), seeker(conn), file_name="Invitations.csv")
    assert requests(conn) == {"urn:li:member:2": (date(2023, 3, 5), None, None, None, "linkedin")}


# --- people across files and imports ------------------------------------------------------


def test_people_are_matched_by_url_email_then_a_unique_name(conn: db.Connection, tmp_path: Path) -> None:
    seeker_id = seeker(conn)
    conn.execute(
        "INSERT INTO contact (seeker_id, first_name, last_name, email, warmth, source) VALUES "
        "(?, 'Ann', 'Lee', NULL, 'inner_circle', 'other'), (?, 'Bo', 'Chan', 'BO@example.com', 'cold', 'event')",
        [seeker_id, seeker_id],
    )
    rows = [
        connection("Ann", "Lee", "ann-lee"),
        connection("Bo", "Chan", "bo-chan", email="bo@example.com"),
        connection("Sam", "Smith", "sam-smith-1"),
        connection("Sam", "Smith", "sam-smith-2"),
    ]
    plan = run(conn, export(tmp_path / "x.zip", connections=rows), seeker_id)
    assert plan.counts["contacts"] == {"new": 2, "updated": 2, "unchanged": 0, "skipped": 0}
    found = contacts(conn)
    assert len(found) == 4
    assert (found[url("ann-lee")]["warmth"], found[url("ann-lee")]["source"]) == ("inner_circle", "other")
    assert found[url("bo-chan")]["email"] == "BO@example.com"


def test_newer_export_updates_fields_and_keeps_the_users_edits(conn: db.Connection, tmp_path: Path) -> None:
    seeker_id = seeker(conn)
    first = export(
        tmp_path / "old.zip",
        connections=[connection("Ann", "Lee", "ann", company="Acme"), connection("Bo", "Chan", "bo")],
        messages=[message("c1", None, [("Ann Lee", "ann")], "2026-01-05 09:00:00")],
    )
    run(conn, first, seeker_id)
    ann = contacts(conn)[url("ann")]["id"]
    conn.execute(
        "UPDATE contact SET warmth = 'shared_affiliation', company = 'Acme (my note)' WHERE id = ?", [ann]
    )
    conn.execute("INSERT INTO contact_note (seeker_id, contact_id, written_on, body) VALUES (?, ?, '2026-01-06', 'Met')",
                 [seeker_id, ann])  # fmt: skip
    newer = export(
        tmp_path / "new.zip",
        connections=[
            connection("Ann", "Lee", "ann", company="Globex", email="ann@example.com"),
            connection("Bo", "Chan", "bo"),
            connection("Cy", "Dee", "cy"),
        ],
        messages=[
            message("c1", None, [("Ann Lee", "ann")], "2026-01-05 09:00:00"),
            message("c1", None, [("Ann Lee", "ann")], "2026-01-19 09:00:00"),
            message("c1", ("Ann Lee", "ann"), [], "2026-02-01 09:00:00"),
        ],
    )
    plan = run(conn, newer, seeker_id)
    assert plan.counts["contacts"] == {"new": 1, "updated": 1, "unchanged": 1, "skipped": 0}
    assert plan.counts["requests"] == {"new": 0, "updated": 1, "unchanged": 0, "skipped": 0}
    found = contacts(conn)[url("ann")]
    assert (found["company"], found["email"], found["warmth"]) == (
        "Globex",
        "ann@example.com",
        "shared_affiliation",
    )
    assert db.scalar(conn, "SELECT body FROM contact_note WHERE contact_id = ?", [ann]) == "Met"
    assert requests(conn)[url("ann")] == (
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 2, 1),
        None,
        "linkedin",
    )


# --- bad input ------------------------------------------------------------------------


def test_bad_rows_are_named_by_file_row_and_column(conn: db.Connection, tmp_path: Path) -> None:
    rows = [connection("Ann", "Lee", "ann"), connection("Bo", "Chan", "bo", on="31 Feb 2020"),
            connection("Ann", "Lee", "ann"), ["", "", url("x"), "", "Acme", "", ""]]  # fmt: skip
    plan = linkedin.plan(conn, export(tmp_path / "x.zip", connections=rows), seeker_id=seeker(conn))
    assert [str(r) for r in plan.rejected] == [
        "Connections.csv, row 6, column \"Connected On\": '31 Feb 2020' is not a date like '06 Jan 2020' "
        "between 1900 and 2100",
        'Connections.csv, row 8, column "First Name": has no first or last name',
    ]
    assert [(s.line, s.reason) for s in plan.skipped] == [(7, "same profile URL as row 5")]
    with pytest.raises(ImportProblem, match="2 row"):
        apply(conn, plan)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("export.zip", b"this is not a zip", "not a zip file"),
        ("export.zip", b"", "is empty"),
        ("Connections.csv", b"", "is empty"),
        ("Connections.csv", b"Name,Company\nAnn,Acme\n", "no header row"),
        ("tracker.csv", b"name,sent_on\nAnn,2026-01-01\n", "no header row"),
        ("Profile.csv", b"First Name,Last Name\nA,B\n", "only says whose export"),
        ("report.pdf", b"%PDF-1.4\n\x00\x01binary", "no header row"),
    ],
)
def test_bad_files_get_a_clear_message(conn: db.Connection, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message) as caught:
        linkedin.plan(conn, data, seeker_id=seeker(conn), file_name=name)
    assert name in str(caught.value)


def test_a_zip_without_the_export_files(conn: db.Connection, tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8")
    with pytest.raises(ImportProblem, match=r"photos.zip holds no Connections.csv.*holiday.jpg"):
        linkedin.plan(conn, path, seeker_id=seeker(conn))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000),
    name=st.sampled_from(["export.zip", "Connections.csv", "messages.csv", "x.csv"]),
)
def test_random_bytes_only_raise_import_problem(conn: db.Connection, data: bytes, name: str) -> None:
    seeker_id = fuzz_seeker(conn)
    before = dump(conn)
    try:
        linkedin.plan(conn, data, seeker_id=seeker_id, file_name=name)
    except ImportProblem as problem:
        assert not isinstance(
            problem.__cause__, (TypeError, AttributeError, KeyError, IndexError, AssertionError)
        )
    assert dump(conn) == before


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=st.integers(min_value=0, max_value=len(SAMPLE)),
    flip=st.integers(min_value=0, max_value=len(SAMPLE) - 1),
)
def test_truncated_or_damaged_exports_only_raise_import_problem(
    conn: db.Connection, cut: int, flip: int
) -> None:
    data = bytearray(SAMPLE)
    data[flip] ^= 0x5A
    seeker_id = fuzz_seeker(conn)
    before = dump(conn)
    for candidate in (bytes(data[:cut]), bytes(data)):
        try:
            plan = linkedin.plan(conn, candidate, seeker_id=seeker_id, file_name="export.zip")
        except ImportProblem as problem:
            assert not isinstance(problem.__cause__, (TypeError, AttributeError, KeyError, IndexError))
        else:
            assert plan.counts["contacts"]["new"] >= 0
    assert dump(conn) == before


# --- files kept in tests/corpus -------------------------------------------------------

CORPUS = Path(__file__).parent / "corpus"


def test_resaved_european_connections_file(conn: db.Connection) -> None:
    plan = run(conn, CORPUS / "connections-resaved-semicolon.csv", seeker(conn))
    assert plan.rejected == []
    found = {c["first_name"]: c for c in contacts(conn).values()}
    assert (found["José"]["company"], found["José"]["connected_on"]) == ("Acme; S.L.", date(2021, 3, 5))
    assert found["Anna"]["email"] == "anna@example.de"


def test_rows_that_are_not_csv_are_reported_and_the_rest_kept(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    plan = linkedin.plan(conn, CORPUS / "connections-broken-row.csv", seeker_id=seeker_id)
    assert [str(r) for r in plan.rejected] == [
        "connections-broken-row.csv, row 6: is not valid CSV (',' expected after '\"')",
        "connections-broken-row.csv, row 7: has 8 fields where the header has 7",
    ]
    assert plan.counts["contacts"] == {"new": 2, "updated": 0, "unchanged": 0, "skipped": 2}
    apply(conn, plan, accept_partial=True)
    assert sorted(c["first_name"] for c in contacts(conn).values()) == ["Ann", "Di"]


def test_2018_messages_match_a_connection_by_its_unique_name(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    run(conn, csv_text(CONNECTIONS_HEADER, [connection("Ann", "Lee", "ann-lee")]).encode(), seeker_id,
        file_name="Connections.csv")  # fmt: skip
    plan = run(conn, CORPUS / "messages-2018.csv", seeker_id)
    assert plan.counts["contacts"] == {"new": 0, "updated": 0, "unchanged": 1, "skipped": 0}
    assert requests(conn) == {url("ann-lee"): (date(2018, 3, 5), None, date(2018, 3, 7), None, "linkedin")}
    assert db.scalar(conn, "SELECT message FROM outreach") == "Could we talk?\nTen minutes."


# --- files that are empty, oversized or packed to lie about their size ----------------


def test_a_messages_file_with_only_its_header_is_no_error(conn: db.Connection, tmp_path: Path) -> None:
    path = export(tmp_path / "e.zip", connections=[connection("Ana", "Lopez", "ana")], messages=[])
    for me in (None, "Olivia Owner"):
        plan = linkedin.plan(conn, path, seeker_id=seeker(conn, f"Seeker {me}"), me=me)
        assert plan.rejected == [] and plan.left_out == []
        assert plan.counts["contacts"]["new"] == 1 and plan.counts["requests"]["new"] == 0
        assert "messages.csv has no messages (only its header row)." in plan.notes
    apply(conn, plan)
    assert set(contacts(conn)) == {url("ana")}


def test_owner_question_names_what_the_export_does_hold(conn: db.Connection, tmp_path: Path) -> None:
    chats = [
        message("c1", ANA, [BEN], "2026-01-05 09:00:00"),
        message("c2", CAT, [BEN], "2026-01-06 09:00:00"),
    ]
    chats += [message("c3", CAT, [ANA], "2026-01-07 09:00:00")]
    with pytest.raises(OwnerNeeded) as asked:
        linkedin.plan(conn, export(tmp_path / "o.zip", messages=chats), seeker_id=seeker(conn))
    text = str(asked.value)
    assert "no Profile.csv" not in text
    assert "Olivia Owner (from Profile.csv) takes part in no conversation" in text, text


def test_a_temp_folder_with_an_apostrophe(
    conn: db.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "O'Brien"
    odd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(odd))
    chats = [message("c1", None, [ANA], "2026-01-05 09:00:00")]
    path = export(tmp_path / "x.zip", connections=[connection("Ana", "Lopez", "ana")], messages=chats)
    plan = linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert plan.counts["contacts"]["new"] == 1 and plan.counts["requests"]["new"] == 1


def _export_with(tmp_path: Path, messages: bytes | Run) -> Path:
    rows = [connection("Ana", "Lopez", "ana"), connection("Ben", "Berg", "ben")]
    return write_zip(
        tmp_path / "bomb.zip",
        {
            "Connections.csv": csv_text(CONNECTIONS_HEADER, rows).encode(),
            "Profile.csv": csv_text(["First Name", "Last Name"], [[OWNER[0], OWNER[1]]]).encode(),
            "messages.csv": messages,
        },
    )


def test_an_entry_that_unpacks_past_the_limits_is_left_out_at_once(
    conn: db.Connection, tmp_path: Path
) -> None:
    header = (",".join(MESSAGES_HEADER) + "\n").encode()
    path = _export_with(
        tmp_path, Run(header + b'c1,,Ana,,Olivia Owner,,2026-01-05 09:00:00,,"', b"x", 120_000_000, b'"\n')
    )
    started = time.monotonic()
    plan = linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert time.monotonic() - started < 1.0
    assert plan.counts["contacts"]["new"] == 2 and plan.rejected == []
    (why,) = plan.left_out
    assert why.startswith("messages.csv would unpack to 120 MB from ") and "zip bomb" in why, why
    apply(conn, plan)
    assert set(contacts(conn)) == {url("ana"), url("ben")}


def test_an_entry_holding_more_than_its_header_says_is_left_out(conn: db.Connection, tmp_path: Path) -> None:
    header = (",".join(MESSAGES_HEADER) + "\n").encode()
    path = _export_with(
        tmp_path, Run(header, b"c1,,Ana,,Olivia Owner,,2026-01-05 09:00:00,,Hi,,,No,No\n", 150_000_000)
    )
    understate(path, "messages.csv", 4096)
    started = time.monotonic()
    plan = linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert time.monotonic() - started < 1.0
    (why,) = plan.left_out
    assert why.startswith("messages.csv does not match what the zip says of it"), why
    assert plan.counts["contacts"]["new"] == 2


def test_an_export_whose_every_file_is_refused(conn: db.Connection, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "all.zip", {"messages.csv": Run(b"FROM,TO,DATE\n", b"x", 110_000_000)})
    with pytest.raises(ImportProblem) as refused:
        linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert "messages.csv would unpack to 110 MB" in str(refused.value) and "Nothing" in str(refused.value)


def test_an_empty_file_in_an_export_is_noted_and_the_rest_imports(
    conn: db.Connection, tmp_path: Path
) -> None:
    path = export(tmp_path / "e.zip", messages=[message("c1", None, [ANA], "2026-01-05 09:00:00")])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("Connections.csv", b"")
    plan = linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert "Connections.csv is empty: it has no connections." in plan.notes
    assert plan.counts["requests"]["new"] == 1
    with pytest.raises(ImportProblem, match="Connections.csv is empty"):
        linkedin.plan(conn, b"", seeker_id=seeker(conn, "Bo"), file_name="Connections.csv")


def test_a_messages_file_whose_only_row_cannot_be_read_says_so(conn: db.Connection, tmp_path: Path) -> None:
    path = export(tmp_path / "e.zip", connections=[connection("Ana", "Lopez", "ana")])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("messages.csv", ",".join(MESSAGES_HEADER) + '\nc1,"unclosed\n')
    plan = linkedin.plan(conn, path, seeker_id=seeker(conn))
    assert [(r.file, r.line) for r in plan.rejected] == [("messages.csv", 2)]
    assert (
        "messages.csv has no message that could be read (see the rows that cannot be imported)." in plan.notes
    )
