"""coach import: preview, apply, refuse bad rows, create the seeker, undo."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach import store
from coach.cli import main
from coach.store import db
from tests.bombs import Run, workbook_bytes, write_zip
from tests.exports import linkedin_export


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """Ana Lopez's LinkedIn export: 10 contacts, 10 requests."""
    return linkedin_export(tmp_path / "export.zip")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def counts(path: str) -> dict[str, int]:
    with db.session(path) as conn:
        return {
            t: int(db.scalar(conn, f"SELECT count(*) FROM {t}")) for t in ("seeker", "contact", "outreach")
        }


def test_dry_run_writes_nothing_not_even_the_seeker(store_file: str, sample: Path) -> None:
    code, output = invoke(
        "import", "linkedin", str(sample), "--seeker", "Ana Lopez", "--dry-run", "--json", "--db", store_file
    )
    assert code == 0
    preview = json.loads(output)
    assert preview["applied"] is False and preview["counts"]["contacts"]["new"] == 10
    assert counts(store_file) == {"seeker": 0, "contact": 0, "outreach": 0}


def test_import_creates_the_seeker_then_reimport_is_unchanged_then_undo(
    store_file: str, sample: Path
) -> None:
    code, output = invoke(
        "import", "linkedin", str(sample), "--seeker", "Ana Lopez", "--json", "--db", store_file
    )
    first = json.loads(output)
    assert code == 0 and first["applied"] is True
    after_first = counts(store_file)
    assert after_first["contact"] == first["counts"]["contacts"]["new"]
    code, output = invoke(
        "import", "linkedin", str(sample), "--seeker", "ana lopez", "--json", "--db", store_file
    )
    second = json.loads(output)
    assert second["counts"]["contacts"]["new"] == 0
    assert second["counts"]["contacts"]["unchanged"] == first["counts"]["contacts"]["new"]
    assert counts(store_file) == after_first
    assert invoke("import", "undo", "--seeker", "Ana Lopez", "--db", store_file)[0] == 0
    assert invoke("import", "undo", "--seeker", "Ana Lopez", "--db", store_file)[0] == 0
    assert counts(store_file) == {"seeker": 1, "contact": 0, "outreach": 0}


def test_close_seeker_name_is_refused(store_file: str, sample: Path) -> None:
    invoke("seeker", "add", "Ana Lopez", "--db", store_file)
    code, output = invoke("import", "linkedin", str(sample), "--seeker", "Ana Lopes", "--db", store_file)
    assert code == 1 and "Did you mean 'Ana Lopez'?" in output and "--new-seeker" in output
    assert counts(store_file)["contact"] == 0


def test_tracker_rejects_rows_unless_partial_is_accepted(store_file: str, tmp_path: Path) -> None:
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "name,company,sent_on,channel,outcome,fit,meeting_on,career_option\n"
        "Bo Berg,Acme,2026-03-02,email,agreed,4,2026-03-09,UX research\n"
        "Cy Doe,Brightwave,2026-03-03,email,,7,2026-03-10,UX research\n",
        encoding="utf-8",
    )
    code, output = invoke("import", "tracker", str(sheet), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 1 and 'row 3, column "fit"' in output and "--accept-partial" in output
    assert counts(store_file) == {"seeker": 0, "contact": 0, "outreach": 0}
    code, output = invoke(
        "import", "tracker", str(sheet), "--seeker", "Ana Lopez", "--accept-partial", "--db", store_file
    )
    assert code == 0, output
    assert counts(store_file) == {"seeker": 1, "contact": 1, "outreach": 1}


def test_tracker_asks_for_the_date_order_and_maps_headers(store_file: str, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Who,When\nBo Berg,03/02/2026\nCy Doe,04/02/2026\n", encoding="utf-8")
    code, output = invoke(
        "import",
        "tracker",
        str(sheet),
        "--seeker",
        "Ana Lopez",
        "--map",
        "Who=name",
        "--map",
        "When=sent_on",
        "--db",
        store_file,
    )
    assert code == 1 and "--date-order dmy or --date-order mdy" in output
    code, output = invoke(
        "import",
        "tracker",
        str(sheet),
        "--seeker",
        "Ana Lopez",
        "--map",
        "Who=name",
        "--map",
        "When=sent_on",
        "--date-order",
        "dmy",
        "--db",
        store_file,
    )
    assert code == 0, output
    with db.session(store_file) as conn:
        sent = store.load_outreach(conn, store.find_seeker(conn, "Ana Lopez").id)["sent_on"].dt.date
    assert sorted(d.isoformat() for d in sent) == ["2026-02-03", "2026-02-04"]


def test_bad_files_get_one_clear_line(store_file: str, tmp_path: Path) -> None:
    junk = tmp_path / "export.zip"
    junk.write_bytes(b"\x00\x01 definitely not a zip")
    code, output = invoke("import", "linkedin", str(junk), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 1 and output.startswith("Error: ") and "Traceback" not in output
    assert counts(store_file)["seeker"] == 0


def test_an_export_whose_messages_file_has_only_its_header_imports(store_file: str, tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name,URL,Connected On\nBo,Berg,,06 Jan 2024\n")
        archive.writestr("Profile.csv", "First Name,Last Name\nAna,Lopez\n")
        archive.writestr("messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n")
    code, output = invoke("import", "linkedin", str(export), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 0, output
    assert "  note: messages.csv has no messages (only its header row)." in output.splitlines()
    assert counts(store_file)["contact"] == 1


def test_a_file_left_out_of_an_export_is_said_and_in_the_json(store_file: str, tmp_path: Path) -> None:
    export = write_zip(
        tmp_path / "export.zip",
        {
            "Connections.csv": b"First Name,Last Name,URL,Connected On\nBo,Berg,,06 Jan 2024\n",
            "messages.csv": Run(b"CONVERSATION ID,FROM,TO,DATE,CONTENT\n", b"x", 150_000_000),
        },
    )
    code, output = invoke("import", "linkedin", str(export), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 0, output
    assert any(
        line.startswith("  left out: messages.csv would unpack to 150 MB") for line in output.splitlines()
    )
    code, output = invoke(
        "import", "linkedin", str(export), "--seeker", "Ana Lopez", "--db", store_file, "--dry-run", "--json"
    )
    preview = json.loads(output)
    assert preview["left_out"][0].startswith("messages.csv would unpack to 150 MB") and preview["notes"] == []


def test_tracker_sheet_option_reads_the_sheet_named(store_file: str, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(
        workbook_bytes(
            {
                "2026": [["name", "sent_on"], ["Bo Berg", "2026-03-02"]],
                "2025": [["name", "sent_on"], ["Cy Doe", "2025-03-02"], ["Di Eng", "2025-04-02"]],
            }
        )
    )
    code, output = invoke("import", "tracker", str(book), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 0 and '  note: Read the sheet "2026" of book.xlsx; not read: "2025".' in output, output
    code, output = invoke(
        "import", "tracker", str(book), "--sheet", "2025", "--seeker", "Ana Lopez", "--db", store_file
    )
    assert code == 0 and '  note: Read the sheet "2025" of book.xlsx; not read: "2026".' in output, output
    assert counts(store_file)["outreach"] == 3
    code, output = invoke(
        "import", "tracker", str(book), "--sheet", "Other", "--seeker", "Ana Lopez", "--db", store_file
    )
    assert code == 1 and output == 'Error: book.xlsx has no sheet "Other"; its sheets are "2026", "2025".\n'


def test_someone_elses_export_is_refused_naming_the_owner(store_file: str, tmp_path: Path) -> None:
    theirs = linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan")
    code, output = invoke("import", "linkedin", str(theirs), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 1
    assert (
        "marcus.zip is the export of Marcus Morgan (from Profile.csv), not of Ana Lopez, so nothing was "
        "imported." in output
    )
    assert "--owner-differs" in output and '--me "Marcus Morgan"' in output
    assert counts(store_file) == {"seeker": 0, "contact": 0, "outreach": 0}  # not even the new seeker
    code, output = invoke(
        "import", "linkedin", str(theirs), "--seeker", "Ana Lopez", "--dry-run", "--db", store_file
    )
    assert code == 0 and "  warning: marcus.zip is the export of Marcus Morgan" in output


@pytest.mark.parametrize("confirm", [["--owner-differs"], ["--me", "marcus morgan"]])
def test_saying_whose_export_it_is_imports_it(store_file: str, tmp_path: Path, confirm: list[str]) -> None:
    theirs = linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan")
    code, output = invoke(
        "import", "linkedin", str(theirs), "--seeker", "Ana Lopez", *confirm, "--json", "--db", store_file
    )
    assert code == 0, output
    assert json.loads(output)["owner"] == "Marcus Morgan"
    assert counts(store_file) == {"seeker": 1, "contact": 10, "outreach": 10}


def test_me_naming_someone_else_than_the_owner_is_no_confirmation(store_file: str, tmp_path: Path) -> None:
    theirs = linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan")
    code, output = invoke(
        "import", "linkedin", str(theirs), "--seeker", "Ana Lopez", "--me", "Ana Lopez", "--db", store_file
    )
    assert code == 1 and counts(store_file)["contact"] == 0
    assert "nobody called 'Ana Lopez' takes part in any conversation" in output and "Marcus Morgan" in output


def test_without_since_the_whole_history_is_imported(store_file: str, sample: Path, tmp_path: Path) -> None:
    code, output = invoke("import", "linkedin", str(sample), "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 0 and counts(store_file)["outreach"] == 10  # the 2021 requests too
    assert (
        "  10 new contacts: 8 connections and 2 people from messages and invitations" in output.splitlines()
    )
    other = str(tmp_path / "other.duckdb")
    code, output = invoke(
        "import", "linkedin", str(sample), "--seeker", "Ana Lopez", "--since", "2026-01-01", "--db", other
    )
    assert code == 0 and counts(other) == {"seeker": 1, "contact": 10, "outreach": 7}
    assert (
        "  3 requests sent before 1 Jan 2026, when the job search started, left out; their people are still imported"
        in output.splitlines()
    )


def test_tracker_people_list_shows_contacts_only_and_names_bad_rows(store_file: str, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "name,company,position,warmth,sent_on,channel,outcome\n"
        "Bo Berg,Acme,Analyst,alumni,,,\n"
        "Cy Doe,Brightwave,,,,,\n"
        "Di Eng,Initech,,,2026-03-02,email,agreed\n"
        "Ed Fox,Globex,,,,,agreed\n",
        encoding="utf-8",
    )
    args = ["import", "tracker", str(sheet), "--seeker", "Ana Lopez", "--db", store_file]
    code, output = invoke(*args)
    assert code == 1 and "--accept-partial" in output
    assert (
        '  people.csv, row 5, column "outcome": needs a sent_on date: an outcome is how a request was answered, '
        "and a row without sent_on adds the contact only" in output.splitlines()
    )
    code, output = invoke(*args, "--accept-partial")
    assert code == 0, output
    lines = output.splitlines()
    assert "  3 new contacts" in lines and "  2 contacts only (no request date): 2 new" in lines
    assert counts(store_file) == {"seeker": 1, "contact": 3, "outreach": 1}
    sheet.write_text(
        "name,company,position,warmth,sent_on,channel\nBo Berg,Acme,Analyst,alumni,,\nCy Doe,Brightwave,Lead,,,\n"
        "Di Eng,Initech,,,2026-03-02,email\n",
        encoding="utf-8",
    )
    code, output = invoke(*args, "--json")
    assert code == 0, output
    again = json.loads(output)
    assert again["contacts_only"] == {"new": 0, "updated": 1, "unchanged": 1}
    assert again["counts"]["contacts"] == {"new": 0, "updated": 1, "unchanged": 2, "skipped": 0}
    assert again["counts"]["requests"]["unchanged"] == 1 and again["rejected"] == []
    assert counts(store_file) == {"seeker": 1, "contact": 3, "outreach": 1}
    code, output = invoke("import", "undo", "--seeker", "Ana Lopez", "--db", store_file)
    assert code == 0 and "put back the earlier values of 1 contact" in output, output
