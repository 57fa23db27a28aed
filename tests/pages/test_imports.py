"""The Import screen: upload, preview (nothing written), import with progress, undo."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach import db, store

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
    assert at.success[0].value.startswith(
        f"Imported {SAMPLE.name}: {counts['contacts']} new contacts, {counts['requests']} new requests"
    )
    assert contact_count() == counts["contacts"]
    history = at.dataframe[-1].value
    assert history["File"].tolist() == [SAMPLE.name]
    at.button(key="import_undo").click().run()
    assert at.success[0].value == (
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
    assert at.error and "export.zip" in at.error[0].value
