"""coach import mail and coach import calendar: preview, apply, ask for the owner, refuse bad files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from coach.cli import main
from coach.store import db
from tests.mailboxes import ME, Mail, job_search, mbox

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:coffee-1\r\nDTSTAMP:20260310T100000Z\r\n"
    "DTSTART:20260312T090000Z\r\nDTEND:20260312T093000Z\r\n"
    "SUMMARY:Coffee with Oskar Berg\r\nLOCATION:Café Central\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_mail_then_calendar_gives_requests_and_a_conversation(store_file: str, tmp_path: Path) -> None:
    mailbox = tmp_path / "mail.mbox"
    mailbox.write_bytes(mbox(job_search()))
    common = ["--seeker", "Ana Lopez", "--db", store_file]
    code, output = invoke(
        "import", "mail", str(mailbox), *common, "--label", "Job search", "--dry-run", "--json"
    )
    assert code == 0, output
    preview = json.loads(output)
    assert preview["applied"] is False and preview["counts"]["requests"]["new"] == 3
    assert any("group mail" in note for note in preview["notes"])
    code, output = invoke("import", "mail", str(mailbox), *common, "--label", "Job search")
    assert code == 0 and "Imported into Ana Lopez" in output, output
    calendar = tmp_path / "work.ics"
    calendar.write_text(CALENDAR, encoding="utf-8")
    code, output = invoke("import", "calendar", str(calendar), *common)
    assert code == 0, output
    with db.session(store_file) as conn:
        meeting = db.rows(conn, "SELECT held_on, mode, minutes_planned, event_uid, outreach_id FROM meeting")
        request = db.rows(
            conn, "SELECT id, outcome FROM outreach WHERE mail_thread = '<r3@mail.example.org>'"
        )
        owner = db.rows(conn, "SELECT kind, owner FROM import_run ORDER BY id")
    assert [(str(m["held_on"]), m["mode"], m["minutes_planned"], m["event_uid"]) for m in meeting] == [
        ("2026-03-12", "coffee", 30, "coffee-1")
    ]
    # Oskar's unanswered request is the one the conversation answers: agreed.
    assert meeting[0]["outreach_id"] == request[0]["id"] and request[0]["outcome"] == "agreed"
    assert owner == [{"kind": "mail", "owner": ME}, {"kind": "calendar", "owner": ME}]


def test_mail_that_does_not_say_whose_it_is_asks_for_me(store_file: str, tmp_path: Path) -> None:
    mailbox = tmp_path / "saved.mbox"
    mailbox.write_bytes(mbox([Mail(**{**m.__dict__, "labels": ""}) for m in job_search()]))
    code, output = invoke("import", "mail", str(mailbox), "--seeker", "Ana Lopez", "--db", store_file)
    assert code != 0 and "Add --me ADDRESS" in output and ME in output
    with db.session(store_file) as conn:
        assert db.scalar(conn, "SELECT count(*) FROM seeker") == 0  # nothing written, not even the seeker


def test_bad_mail_and_calendar_files_get_one_line(store_file: str, tmp_path: Path) -> None:
    zipped = tmp_path / "takeout.mbox"
    zipped.write_bytes(b"PK\x03\x04 not really")
    code, output = invoke("import", "mail", str(zipped), "--seeker", "Ana Lopez", "--db", store_file)
    assert code != 0 and "takeout.mbox is a zip archive" in output and "Traceback" not in output
    notes = tmp_path / "notes.ics"
    notes.write_text("just words", encoding="utf-8")
    code, output = invoke("import", "calendar", str(notes), "--seeker", "Ana Lopez", "--db", store_file)
    assert code != 0 and "notes.ics" in output and "Traceback" not in output
