"""The Import screen: upload, preview (nothing written), import with progress, undo."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from coach import store
from coach.demo.sample_export import SAMPLE_FILE_NAME, SAMPLE_OWNER, linkedin_zip
from coach.store import db
from tests.bombs import Run, workbook_bytes, workbook_with_huge_shared_strings, write_zip
from tests.exports import linkedin_export
from tests.markup import as_shown


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


def request_count() -> int:
    with db.session(os.environ["COACH_DB"]) as conn:
        return int(db.scalar(conn, "SELECT count(*) FROM outreach"))


def upload(at: AppTest, export: Path) -> AppTest:
    at.file_uploader(key="import_file").set_value((export.name, export.read_bytes(), "application/zip")).run()
    assert at.radio(key="import_kind").value == "linkedin"
    at.button(key="import_preview").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def served_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bytes, str]]:
    """What the app hands Streamlit to serve, from now on: file name -> (bytes, MIME type)."""
    served: dict[str, tuple[bytes, str]] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def recorded(
        storage: MemoryMediaFileStorage, data: Any, mimetype: str, kind: Any, filename: str | None = None
    ) -> str:
        if filename is not None and isinstance(data, bytes):
            served[filename] = (data, mimetype)
        return keep(storage, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recorded)
    return served


def counts_table(at: AppTest) -> dict[str, dict[str, int]]:
    table = next(d.value for d in at.dataframe if "What" in d.value.columns)
    return {
        str(row.pop("What")): {str(k): int(v) for k, v in row.items()} for row in table.to_dict("records")
    }


def shown_text(at: AppTest) -> str:
    return "\n".join(as_shown(m.value) for m in (*at.markdown, *at.caption, *at.warning, *at.success))


def test_preview_then_import_then_undo_a_linkedin_export(app: Callable[..., AppTest], tmp_path: Path) -> None:
    at = new_seeker(app)
    assert "Nothing imported yet." in [c.value for c in at.caption]
    export = linkedin_export(tmp_path / "export.zip")
    upload(at, export)
    # The search is suggested to start after the 2021 requests: they are left out, their people are not.
    assert at.date_input(key="import_since").value == date(2026, 1, 12)
    assert not at.checkbox(key="import_all").value
    text = shown_text(at)
    assert "10 new contacts: 8 connections and 2 people from messages and invitations" in text
    assert (
        "3 requests sent before 12 Jan 2026, when the job search started, left out; their people are still imported"
        in text
    )
    assert "Suggested: 12 Jan 2026, the first request after the latest long quiet spell." in text
    assert counts_table(at) == {
        "Contacts": {"New": 10, "Updated": 0, "Unchanged": 0, "Skipped": 0},
        "Requests": {"New": 7, "Updated": 0, "Unchanged": 0, "Skipped": 3},
    }
    chart = at.get("plotly_chart")[0].proto.spec
    assert "Requests per month" in chart and "Before the job search: left out" in chart
    assert contact_count() == 0  # the preview wrote nothing
    at.button(key="import_go").click().run()
    assert not at.exception
    assert as_shown(at.success[0].value) == "Imported export.zip: 10 new contacts, 7 new requests."
    assert (contact_count(), request_count()) == (10, 7)
    links = [(link.proto.page, link.proto.label.split(":")[0]) for link in at.get("page_link")]
    assert [label for _, label in links] == ["Due", "This week", "Decisions"]
    history = next(d.value for d in at.dataframe if "File" in d.value.columns)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", history["When"][0])
    assert history.drop(columns="When").to_dict("records") == [
        {"What": "LinkedIn export", "File": "export.zip", "New": 17, "Updated": 0, "Undone": ""}
    ]
    at.button(key="import_undo").click().run()
    assert as_shown(at.success[0].value) == (
        "Undid the import of export.zip: removed 10 contacts and 7 requests."
    )
    assert contact_count() == 0


def test_all_history_imports_every_request(app: Callable[..., AppTest], tmp_path: Path) -> None:
    at = upload(new_seeker(app), linkedin_export(tmp_path / "export.zip"))
    at.checkbox(key="import_all").check().run()
    assert not at.exception
    assert counts_table(at)["Requests"] == {"New": 10, "Updated": 0, "Unchanged": 0, "Skipped": 0}
    assert at.date_input(key="import_since").disabled
    at.button(key="import_go").click().run()
    assert request_count() == 10


def test_every_field_has_help(app: Callable[..., AppTest], tmp_path: Path) -> None:
    at = upload(new_seeker(app), linkedin_export(tmp_path / "export.zip"))
    widgets = [*at.text_input, *at.number_input, *at.checkbox, *at.date_input, *at.radio, *at.button]
    widgets += list(at.get("file_uploader"))
    unhelped = [w.label for w in widgets if not w.help and w.key != "import_undo"]
    assert unhelped == []


def test_example_rows_read_as_words(app: Callable[..., AppTest], tmp_path: Path) -> None:
    at = upload(new_seeker(app), linkedin_export(tmp_path / "export.zip"))
    examples = [d.value for d in at.dataframe if "What" not in d.value.columns]
    assert [list(e.columns) for e in examples] == [
        ["Name", "Company", "Position", "Connected on"],
        ["Contact", "Sent on", "Followed up on", "Answered on"],
    ]
    cells = "\n".join(e.to_csv(index=False) for e in examples)
    assert "6 Jan 2020" in cells and "12 Jan 2026" in cells and "—" in cells
    for wrong in ("None", "nan", "NaT", "2020-01-06", "_"):
        assert wrong not in cells


def test_someone_elses_export_is_said_and_needs_a_confirmation(
    app: Callable[..., AppTest], tmp_path: Path
) -> None:
    at = upload(new_seeker(app), linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan"))
    (warning,) = [as_shown(w.value) for w in at.warning]
    assert warning.startswith("This export belongs to Marcus Morgan (from Profile.csv), not to Ana Lopez.")
    assert at.button(key="import_go").disabled
    confirm = at.checkbox(key="import_owner_ok")
    assert as_shown(confirm.label) == "Import anyway: this is Ana Lopez's export"
    confirm.check().run()
    assert not at.button(key="import_go").disabled
    at.button(key="import_go").click().run()
    assert contact_count() == 10


def test_a_new_client_is_created_here_and_becomes_the_seeker(
    app: Callable[..., AppTest], tmp_path: Path
) -> None:
    at = new_seeker(app)
    at.text_input(key="import_client_name").input("Ana Lopes")
    at.button(key="FormSubmitter:import_new_client-Add client and import for them").click().run()
    assert "close to the existing seeker 'Ana Lopez'" in as_shown(at.error[0].value)
    assert at.title[0].value.endswith("· Ana Lopez")
    at.text_input(key="import_client_name").input("Marcus Morgan")
    at.button(key="FormSubmitter:import_new_client-Add client and import for them").click().run()
    assert not at.exception and not at.error
    assert as_shown(at.title[0].value) == "Import · Marcus Morgan"
    assert as_shown(at.success[0].value) == "Added Marcus Morgan: what you import now lands with them."
    upload(at, linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan"))
    assert not at.warning  # his own export: nothing to confirm
    at.button(key="import_go").click().run()
    with db.session(os.environ["COACH_DB"]) as conn:
        marcus = store.find_seeker(conn, "Marcus Morgan")
        assert len(store.load_contacts(conn, marcus.id)) == 10


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


def test_a_people_list_previews_as_contacts_only_and_imports_no_request(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    sheet = b"Name,Company,Title,Relationship\nBo Berg,Acme,Analyst,Alumni\nCy Doe,Brightwave,,\n"
    at.file_uploader(key="import_file").set_value(("people.csv", sheet, "text/csv")).run()
    assert at.radio(key="import_kind").value == "tracker"
    at.button(key="import_preview").click().run()
    assert not at.exception and not at.error
    assert "2 contacts only (no request date): 2 new" in shown_text(at)
    assert counts_table(at)["Contacts"]["New"] == 2 and counts_table(at)["Requests"]["New"] == 0
    example = next(d.value for d in at.dataframe if "Position" in d.value.columns)
    assert example[["Name", "Position", "Warmth"]].values.tolist()[0] == [
        "Bo Berg",
        "Analyst",
        "Shared affiliation",
    ]
    at.button(key="import_go").click().run()
    assert not at.exception
    assert (contact_count(), request_count()) == (2, 0)


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


def test_a_shared_screen_offers_no_new_client_and_still_warns_about_the_owner(
    app: Callable[..., AppTest], tmp_path: Path
) -> None:
    at = new_seeker(app)
    assert at.text_input(key="import_client_name")
    at.sidebar.toggle(key="sidebar_share").set_value(True).run()
    assert "import_client_name" not in [t.key for t in at.text_input]
    upload(at, linkedin_export(tmp_path / "marcus.zip", owner="Marcus Morgan"))
    (warning,) = [as_shown(w.value) for w in at.warning]
    assert warning.startswith("This export belongs to Marcus Morgan (from Profile.csv), not to Ana Lopez.")
    assert at.button(key="import_go").disabled


def test_a_sheets_columns_are_read_as_fields_named_in_words(app: Callable[..., AppTest]) -> None:
    at = new_seeker(app)
    sheet = b"Name,Date sent,Fit rating\nBo Berg,2026-03-02,4\n"
    at.file_uploader(key="import_file").set_value(("tracker.csv", sheet, "text/csv")).run()
    mapping = next(d.value for d in at.dataframe if "Read as" in d.value.columns)
    read_as = dict(zip(mapping["Column in your file"], mapping["Read as"], strict=True))
    assert read_as["Date sent"] == "Sent on" and read_as["Name"] == "Name"
    assert not any("_" in str(v) for v in read_as.values())


def sample_caption(at: AppTest) -> str:
    (caption,) = [as_shown(c.value) for c in at.caption if c.value.startswith("No export at hand?")]
    return caption


def test_the_sample_export_is_offered_under_the_upload(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    served = served_files(monkeypatch)
    at = new_seeker(app)
    assert [(b.label, bool(b.help)) for b in at.download_button] == [("Sample export", True)]
    assert served[SAMPLE_FILE_NAME] == (linkedin_zip(), "application/zip")
    assert sample_caption(at) == (
        f"No export at hand? Try the made-up sample, {SAMPLE_OWNER}'s: import it for a new client of that name."
    )
    upload(at, linkedin_export(tmp_path / "export.zip"))
    assert not at.download_button  # a file is being imported: the offer steps aside
    at.sidebar.toggle(key="sidebar_share").set_value(True).run()
    at.file_uploader(key="import_file").set_value(None).run()
    assert sample_caption(at) == "No export at hand? Try the made-up sample."  # no client's name shared


def test_the_sample_imports_for_the_new_client_the_screen_proposes(
    app: Callable[..., AppTest], demo_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = served_files(monkeypatch)
    at = app("demo", demo_file).run()
    at.switch_page("app_pages/imports.py").run()
    current = as_shown(at.title[0].value).removeprefix("Import · ")
    assert current in ("Maya Chen", "Daniel Okafor")  # a demo client
    proposed = re.fullmatch(r".*, (.+)'s: import it for a new client of that name\.", sample_caption(at))
    assert proposed and proposed.group(1) == SAMPLE_OWNER
    data, _ = served[SAMPLE_FILE_NAME]
    sample = (SAMPLE_FILE_NAME, data, "application/zip")
    # For another client, the owner check speaks up, as it should.
    at.file_uploader(key="import_file").set_value(sample).run()
    at.button(key="import_preview").click().run()
    (warning,) = [as_shown(w.value) for w in at.warning]
    assert warning.startswith(f"This export belongs to {SAMPLE_OWNER} (from Profile.csv), not to {current}.")
    # For the new client the screen proposes, it has nothing to say.
    at.text_input(key="import_client_name").input(proposed.group(1))
    at.button(key="FormSubmitter:import_new_client-Add client and import for them").click().run()
    assert as_shown(at.title[0].value) == f"Import · {SAMPLE_OWNER}"
    at.file_uploader(key="import_file").set_value(sample).run()
    at.button(key="import_preview").click().run()
    assert not at.exception and not at.warning and not at.error
    assert "import_owner_ok" not in [c.key for c in at.checkbox]
    assert not at.button(key="import_go").disabled
    at.button(key="import_go").click().run()
    assert as_shown(at.success[0].value) == f"Imported {SAMPLE_FILE_NAME}: 10 new contacts, 7 new requests."
    with db.session(os.environ["COACH_DB"]) as conn:
        owner = store.find_seeker(conn, SAMPLE_OWNER)
        assert owner is not None and len(store.load_contacts(conn, owner.id)) == 10
