"""The Import screen: upload, preview (nothing written), import with progress, undo."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach import db, store
from tests.bombs import Run, workbook_bytes, workbook_with_huge_shared_strings, write_zip
from tests.markup import as_shown

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "linkedin-export-small.zip"


def new_seeker(app: Callable[..., AppTest]) -> AppTest:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page("app_pages/imports.py").run()
    assert not at.exception
    return at


def contact_count() -> int:
    with db.session(os.environ["COACH_DB"]) as conn:
        return int(db.scalar(conn, "SELECT count(*) FROM contact"))


def test_preview_then_import_then_undo_the_linkedin_sample(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    assert "Nothing imported yet." in [c.value for c in at.caption]
    at.file_uploader(key="import_file").set_value((SAMPLE.name, SAMPLE.read_bytes(), "application/zip")).run()
    assert at.radio(key="import_kind").value == "linkedin"
    at.button(key="import_preview").click().run()
    assert not at.exception and not at.error
    counts = {str(row["What"]): int(row["new"]) for row in at.dataframe[0].value.to_dict("records")}
    assert counts["contacts"] > 100 and counts["requests"] > 10
    assert contact_count() == 0  # the preview wrote nothing
    at.button(key="import_go").click().run()
    assert not at.exception
    assert as_shown(at.success[0].value).startswith(
        f"Imported {SAMPLE.name}: {counts['contacts']} new contacts, {counts['requests']} new requests"
    )
    assert contact_count() == counts["contacts"]
    history = at.dataframe[-1].value
    assert history["File"].tolist() == [SAMPLE.name]
    at.button(key="import_undo").click().run()
    assert as_shown(at.success[0].value) == (
        f"Undid the import of {SAMPLE.name}: "
        f"removed {counts['contacts']} contacts and {counts['requests']} requests."
    )
    assert contact_count() == 0


def test_rejected_rows_need_consent_and_say_where(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    sheet = b"name,sent_on,fit,meeting_on\nBo Berg,2026-03-02,4,2026-03-09\nCy Doe,2026-03-03,7,2026-03-10\n"
    at.file_uploader(key="import_file").set_value(("tracker.csv", sheet, "text/csv")).run()
    assert at.radio(key="import_kind").value == "tracker"
    at.button(key="import_preview").click().run()
    rejected = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert rejected[["Row", "Column"]].values.tolist() == [[3, "fit"]]
    assert at.button(key="import_go").disabled
    at.checkbox(key="import_partial").check().run()
    at.button(key="import_go").click().run()
    assert not at.exception
    with db.session(os.environ["COACH_DB"]) as conn:
        people = store.load_contacts(conn, store.find_seeker(conn, "Ana Lopez").id)
    assert people["name"].tolist() == ["Bo Berg"]


def test_an_ambiguous_date_column_is_asked_not_guessed(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    sheet = b"name,sent_on\nBo Berg,03/02/2026\nCy Doe,04/02/2026\n"
    at.file_uploader(key="import_file").set_value(("mine.csv", sheet, "text/csv")).run()
    at.button(key="import_preview").click().run()
    assert "day/month/year or month/day/year" in at.warning[0].value
    at.radio(key="import_order").set_value("dmy").run()
    at.button(key="import_preview").click().run()
    at.button(key="import_go").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        sent = store.load_outreach(conn, store.find_seeker(conn, "Ana Lopez").id)["sent_on"].dt.date
    assert sorted(d.isoformat() for d in sent) == ["2026-02-03", "2026-02-04"]


def test_a_file_of_another_program_gets_a_clear_message(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    at.file_uploader(key="import_file").set_value(
        ("export.zip", b"\x89PNG not a zip", "application/zip")
    ).run()
    at.button(key="import_preview").click().run()
    assert not at.exception
    assert at.error and "export.zip" in as_shown(at.error[0].value)


def test_a_workbook_sheet_can_be_picked_and_formulas_without_values_are_named(
    app: Callable[..., AppTest],
) -> None:
    at = new_seeker(app)
    book = workbook_bytes(
        {
            "2026": [["name", "sent_on"], ["Bo Berg", "2026-03-02"]],
            "2025": [
                ["name", "sent_on", "company"],
                ["Cy Doe", "2025-03-02", "=1+1"],
                ["Di Eng", "2025-04-02", "X"],
            ],
        }
    )
    at.file_uploader(key="import_file").set_value(("book.xlsx", book, "application/octet-stream")).run()
    picker = at.selectbox(key="import_sheet")
    assert picker.options == ["First sheet with a header", "2026", "2025"]
    at.button(key="import_preview").click().run()
    assert 'Read the sheet "2026" of book.xlsx; not read: "2025".' in [as_shown(c.value) for c in at.caption]
    at.selectbox(key="import_sheet").set_value("2025").run()
    at.button(key="import_preview").click().run()
    assert not at.exception
    assert 'Read the sheet "2025" of book.xlsx; not read: "2026".' in [as_shown(c.value) for c in at.caption]
    rejected = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert rejected[["File", "Row", "Column"]].values.tolist() == [["book.xlsx (2025)", 2, "company"]]
    assert "cell C2 holds a formula (=1+1) with no saved value" in rejected["Why"].iloc[0]


def test_a_file_left_out_of_an_export_is_a_warning_and_the_rest_imports(
    app: Callable[..., AppTest], tmp_path: Path
) -> None:
    at = new_seeker(app)
    export = write_zip(
        tmp_path / "export.zip",
        {
            "Connections.csv": b"First Name,Last Name,URL,Connected On\nBo,Berg,,06 Jan 2024\n",
            "Profile.csv": b"First Name,Last Name\nAna,Lopez\n",
            "messages.csv": Run(b"CONVERSATION ID,FROM,TO,DATE,CONTENT\n", b"x", 150_000_000),
        },
    )
    at.file_uploader(key="import_file").set_value(
        ("export.zip", export.read_bytes(), "application/zip")
    ).run()
    at.button(key="import_preview").click().run()
    assert not at.exception and not at.error
    (warning,) = [w.value.replace("\\", "") for w in at.warning]
    assert warning.startswith("Left out: messages.csv would unpack to 150 MB"), warning
    assert not at.button(key="import_go").disabled
    at.button(key="import_go").click().run()
    assert contact_count() == 1


def test_a_workbook_bomb_is_refused_on_upload(app: Callable[..., AppTest], tmp_path: Path) -> None:
    at = new_seeker(app)
    bomb = workbook_with_huge_shared_strings(tmp_path / "bomb.xlsx", 150_000_000).read_bytes()
    started = time.monotonic()
    at.file_uploader(key="import_file").set_value(("bomb.xlsx", bomb, "application/octet-stream")).run()
    at.button(key="import_preview").click().run()
    assert time.monotonic() - started < 10
    assert not at.exception
    assert "xl/sharedStrings.xml would unpack to 150 MB" in at.error[0].value.replace("\\", "")


def test_a_shared_preview_shows_no_e_mail_or_phone_of_the_file(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    at.sidebar.toggle(key="sidebar_share").set_value(True).run()
    sheet = (
        b"name,company,sent_on,fit,meeting_on\n"
        b"Bo Berg,Acme bo.berg@example.org,2026-03-02,4,2026-03-09\n"
        b"Cy Doe,Initech,2026-03-03,call 555-867-5309,2026-03-10\n"
    )
    at.file_uploader(key="import_file").set_value(("tracker.csv", sheet, "text/csv")).run()
    at.button(key="import_preview").click().run()
    assert not at.exception
    shown = "\n".join(d.value.to_csv() for d in at.dataframe)
    assert "Row" in shown and "[phone hidden]" in shown  # the rejected row is there, its cell scrubbed
    assert "bo.berg@example.org" not in shown and "867-5309" not in shown
