"""The one path of the Import screen and ``coach import``: which importer reads a file, and its plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach import store
from coach.importers import DateOrderNeeded, apply
from coach.importers.kinds import KINDS, guess_kind, plan_file
from coach.store import db
from tests.exports import linkedin_export

TODAY = date(2026, 3, 18)


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [
        ("Basic_LinkedInDataExport_03-18-2026.zip", "linkedin"),
        ("EXPORT.ZIP", "linkedin"),
        ("Connections.csv", "linkedin"),
        ("messages.csv", "linkedin"),
        ("Invitations.csv", "linkedin"),
        ("Profile.csv", "linkedin"),
        ("job-search.xlsx", "tracker"),
        ("outreach tracker.csv", "tracker"),
        ("my connections.csv", "tracker"),
    ],
)
def test_the_kind_is_guessed_from_the_name(file_name: str, kind: str) -> None:
    assert guess_kind(file_name) == kind and kind in KINDS


def test_each_kind_is_planned_by_its_importer_and_applies(conn: db.Connection, tmp_path: Path) -> None:
    ana = store.add_seeker(conn, "Ana Lopez").id
    export = linkedin_export(tmp_path / "export.zip")
    from_export = plan_file(conn, export, kind=guess_kind(export.name), seeker_id=ana, today=TODAY)
    assert from_export.kind == "linkedin" and from_export.counts["contacts"]["new"] > 0
    apply(conn, from_export)
    sheet = b"Contact,Sent\nBo Berg,03/02/2026\n"
    mapping: dict[str, str | None] = {"Contact": "name", "Sent": "sent_on"}
    with pytest.raises(DateOrderNeeded):
        plan_file(
            conn, sheet, kind="tracker", seeker_id=ana, today=TODAY, file_name="sheet.csv", mapping=mapping
        )
    from_sheet = plan_file(
        conn,
        sheet,
        kind=guess_kind("sheet.csv"),
        seeker_id=ana,
        today=TODAY,
        file_name="sheet.csv",
        mapping=mapping,
        date_order="dmy",
        me="ignored: a spreadsheet has no owner",
    )
    assert from_sheet.kind == "tracker" and from_sheet.counts["requests"]["new"] == 1
    assert apply(conn, from_sheet).counts["requests"]["new"] == 1


def test_an_unknown_kind_is_a_plain_error(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez").id
    with pytest.raises(ValueError, match="linkedin, tracker"):
        plan_file(conn, b"x", kind="vcard", seeker_id=ana, today=TODAY, file_name="people.vcf")
