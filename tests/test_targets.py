"""Who to ask next: organisations to aim at per career option, and each option's keywords."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from coach import store
from coach.importers import ImportProblem
from coach.importers.tracker_sheet import read_names
from coach.output import export
from coach.store import db, registry, targets, tracking
from coach.store.tracking import NewContact

TODAY = date(2026, 3, 18)


@pytest.fixture
def ana(conn: db.Connection) -> store.Seeker:
    return store.add_seeker(conn, "Ana Lopez")


@pytest.fixture
def esg(conn: db.Connection, ana: store.Seeker) -> int:
    return store.add_option(conn, ana.id, "ESG consulting", today=TODAY)


def names(conn: db.Connection, seeker: store.Seeker) -> list[tuple[str, str]]:
    found = store.load_targets(conn, seeker.id)
    return list(zip(found["career_option"], found["name"], strict=True))


def test_a_target_is_stored_as_typed_trimmed(conn: db.Connection, ana: store.Seeker, esg: int) -> None:
    new_id = targets.add_target(conn, ana.id, esg, "  Acme,   Inc. ", today=TODAY)
    found = store.load_targets(conn, ana.id)
    assert list(found.columns) == ["id", "career_option_id", "career_option", "name", "added_on"]
    assert found.to_dict("records") == [
        {
            "id": new_id,
            "career_option_id": esg,
            "career_option": "ESG consulting",
            "name": "Acme, Inc.",
            "added_on": pd.Timestamp(TODAY),
        }
    ]


def test_the_same_organisation_twice_is_refused_naming_the_spelling_kept(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    targets.add_target(conn, ana.id, esg, "Acme, Inc.", today=TODAY)
    with pytest.raises(db.Invalid) as caught:
        targets.add_target(conn, ana.id, esg, "ACME inc", today=TODAY)
    assert str(caught.value) == (
        "'ESG consulting' already has 'Acme, Inc.' as a target ('ACME inc' is the same organisation); "
        "nothing was added."
    )
    with pytest.raises(db.Invalid, match="already has 'Acme, Inc.' as a target; nothing was added"):
        targets.add_target(conn, ana.id, esg, "Acme, Inc.", today=TODAY)
    other = store.add_option(conn, ana.id, "Impact investing", today=TODAY)
    targets.add_target(conn, ana.id, other, "ACME inc", today=TODAY)  # another option may aim at it too
    assert names(conn, ana) == [("ESG consulting", "Acme, Inc."), ("Impact investing", "ACME inc")]


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "needs the organisation's name"), ("—", "has no letters or digits"), ("...", "no letters")],
)
def test_a_blank_name_is_refused(
    conn: db.Connection, ana: store.Seeker, esg: int, name: str, message: str
) -> None:
    with pytest.raises(db.Invalid, match=message):
        targets.add_target(conn, ana.id, esg, name, today=TODAY)
    assert store.load_targets(conn, ana.id).empty


def test_another_seekers_option_is_not_found(conn: db.Connection, ana: store.Seeker, esg: int) -> None:
    bo = store.add_seeker(conn, "Bo Berg")
    for write in (
        lambda: targets.add_target(conn, bo.id, esg, "Acme", today=TODAY),
        lambda: targets.remove_target(conn, bo.id, esg, "Acme"),
        lambda: targets.set_keywords(conn, bo.id, esg, "ESG"),
        lambda: targets.import_targets(conn, bo.id, esg, ["Acme"], today=TODAY),
    ):
        with pytest.raises(db.NotFound, match=f"Career option {esg} is not one of this seeker's"):
            write()
    assert store.load_targets(conn, ana.id).empty and store.list_options(conn, ana.id)[0]["keywords"] == ""


def test_remove_matches_any_spelling_and_lists_the_targets_when_unknown(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    with pytest.raises(
        db.NotFound, match="'Acme' is not a target of 'ESG consulting'; it has no targets yet."
    ):
        targets.remove_target(conn, ana.id, esg, "Acme")
    targets.add_target(conn, ana.id, esg, "Acme, Inc.", today=TODAY)
    targets.add_target(conn, ana.id, esg, "Globex", today=TODAY)
    with pytest.raises(db.NotFound) as caught:
        targets.remove_target(conn, ana.id, esg, "Initech")
    assert str(caught.value) == (
        "'Initech' is not a target of 'ESG consulting'; its targets are 'Acme, Inc.', 'Globex'."
    )
    assert targets.remove_target(conn, ana.id, esg, "acme INC") == "Acme, Inc."
    assert names(conn, ana) == [("ESG consulting", "Globex")]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("ESG, sustainability", "ESG, sustainability"),
        (" ESG,, sustainability ,esg, ", "ESG, sustainability"),
        ("ESG,SUSTAINABILITY,Sustainability", "ESG, SUSTAINABILITY"),
        ("climate   risk ,  Climate Risk", "climate risk"),
        (" , ,", ""),
        ("", ""),
    ],
)
def test_keywords_are_stored_normalised(
    conn: db.Connection, ana: store.Seeker, esg: int, given: str, stored: str
) -> None:
    assert targets.normalise_keywords(given) == stored
    assert targets.set_keywords(conn, ana.id, esg, given) == stored
    assert store.list_options(conn, ana.id)[0]["keywords"] == stored
    assert store.find_option(conn, ana.id, "ESG consulting")["keywords"] == stored


def test_import_adds_each_organisation_once_and_says_what_it_skipped(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    targets.add_target(conn, ana.id, esg, "Acme, Inc.", today=date(2026, 3, 1))
    added, skipped = targets.import_targets(
        conn,
        ana.id,
        esg,
        ["Globex", "", "  ", "ACME inc", " Initech ", "globex corp", "Initech"],
        today=TODAY,
    )
    assert added == ["Globex", "Initech"]
    assert skipped == [("ACME inc", "Acme, Inc."), ("globex corp", "Globex"), ("Initech", "Initech")]
    found = store.load_targets(conn, ana.id)
    assert list(found["name"]) == ["Acme, Inc.", "Globex", "Initech"]
    assert [d.date() for d in found["added_on"]] == [date(2026, 3, 1), TODAY, TODAY]
    assert targets.import_targets(conn, ana.id, esg, [], today=TODAY) == ([], [])


def test_an_import_that_fails_writes_nothing(
    conn: db.Connection, ana: store.Seeker, esg: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets.add_target(conn, ana.id, esg, "Acme", today=TODAY)
    with pytest.raises(
        db.Invalid, match=r"Nothing was imported: name 3 \('\?\?'\) is not an organisation's name"
    ):
        targets.import_targets(conn, ana.id, esg, ["Globex", "", "??", "Initech"], today=TODAY)
    assert names(conn, ana) == [("ESG consulting", "Acme")]

    def broken(conn: db.Connection) -> None:
        raise db.Invalid("The change would break links between records: a test says so")

    monkeypatch.setattr(targets, "check_references", broken)  # fails after every row was inserted
    with pytest.raises(db.Invalid, match="a test says so"):
        targets.import_targets(conn, ana.id, esg, ["Globex", "acme", "Initech"], today=TODAY)
    assert names(conn, ana) == [("ESG consulting", "Acme")]


def test_a_write_refused_by_the_store_writes_nothing(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    with pytest.raises(db.Invalid, match="outside 1900-2100"):
        targets.add_target(conn, ana.id, esg, "Acme", today=date(1899, 12, 31))
    with pytest.raises(db.Invalid, match="outside 1900-2100"):
        targets.import_targets(conn, ana.id, esg, ["Acme"], today=date(2101, 1, 1))
    assert store.load_targets(conn, ana.id).empty


def test_company_counts_group_spellings_of_one_organisation(conn: db.Connection, ana: store.Seeker) -> None:
    empty = store.company_counts(conn, ana.id)
    assert empty.empty and list(empty.columns) == ["organisation", "org", "contacts"]
    for first, company in [
        ("Bo", "ACME inc"),
        ("Cy", "Acme, Inc."),
        ("Di", "Acme,  Inc."),
        ("Ed", "Globex"),
        ("Fa", "globex"),
        ("Gu", "Initech"),
        ("Ha", None),
        ("Io", "   "),
        ("Ju", "..."),
    ]:
        tracking.add_contact(conn, ana.id, NewContact(first, company=company), today=TODAY)
    bo = store.add_seeker(conn, "Bo Berg")
    tracking.add_contact(conn, bo.id, NewContact("Ka", company="Initech"), today=TODAY)
    counts = store.company_counts(conn, ana.id)
    assert counts.to_dict("records") == [
        {"organisation": "Acme, Inc.", "org": "acme", "contacts": 3},  # the most common spelling
        {"organisation": "Globex", "org": "globex", "contacts": 2},  # a tie: the one added first
        {"organisation": "Initech", "org": "initech", "contacts": 1},
    ]


def test_deleting_a_seeker_deletes_their_targets_and_keeps_others(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    bo = store.add_seeker(conn, "Bo Berg")
    theirs = store.add_option(conn, bo.id, "ESG consulting", today=TODAY)
    targets.add_target(conn, ana.id, esg, "Acme", today=TODAY)
    targets.add_target(conn, bo.id, theirs, "Globex", today=TODAY)
    store.delete_seeker(conn, ana.id)
    assert db.scalar(conn, "SELECT count(*) FROM target_org WHERE seeker_id = ?", [ana.id]) == 0
    assert names(conn, bo) == [("ESG consulting", "Globex")]
    assert db.reference_problems(conn) == []


def test_a_target_of_a_missing_option_is_a_broken_link(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    targets.add_target(conn, ana.id, esg, "Acme", today=TODAY)
    conn.execute("DELETE FROM career_option WHERE id = ?", [esg])
    assert db.reference_problems(conn) == [
        f"target_org.career_option_id points at no career_option of the same seeker (ids {esg})"
    ]


def test_backup_and_restore_keep_targets_and_keywords(tmp_path: Path) -> None:
    path = str(tmp_path / "store.duckdb")
    with db.session(path) as conn:
        ana = store.add_seeker(conn, "Ana Lopez")
        esg = store.add_option(conn, ana.id, "ESG consulting", today=TODAY)
        targets.set_keywords(conn, ana.id, esg, "ESG, sustainability")
        targets.import_targets(conn, ana.id, esg, ["Acme, Inc.", "Globex"], today=TODAY)
        before = store.load_targets(conn, ana.id)
    restored = str(tmp_path / "restored.duckdb")
    export.restore(export.backup(path, tmp_path / "backup.zip"), restored)
    with db.session(restored) as conn:
        ana = store.find_seeker(conn, "Ana Lopez")
        pd.testing.assert_frame_equal(store.load_targets(conn, ana.id), before)
        assert store.list_options(conn, ana.id)[0]["keywords"] == "ESG, sustainability"
        new_id = targets.add_target(conn, ana.id, esg, "Initech", today=TODAY)  # ids go on past the restored
        assert new_id > int(before["id"].max())


def test_the_new_loaders_are_registered_with_what_they_read() -> None:
    assert registry.LOADERS["targets"].load is store.load_targets
    assert registry.LOADERS["targets"].reads == ("target_org", "career_option")
    assert registry.LOADERS["company_counts"].load is store.company_counts
    assert registry.LOADERS["company_counts"].reads == ("contact",)
    assert "keywords" in registry.LOADERS["options"].share.columns


# --- a one-column sheet of organisations ---------------------------------------------


def test_a_one_column_csv_is_read_with_or_without_a_header() -> None:
    text = 'Organisation\n"Acme, Inc."\n\n  Globex \n,\n"Initech, Ltd"\n'
    assert read_names(text.encode(), "targets.csv") == [(2, "Acme, Inc."), (4, "Globex"), (6, "Initech, Ltd")]
    assert read_names(b"\xef\xbb\xbfAcme\nGlobex", "targets.csv") == [(1, "Acme"), (2, "Globex")]
    assert read_names(b"Target companies\n", "targets.csv") == []


def test_a_one_column_workbook_is_read(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Company"], ["Acme"], [None], [3.0], [None, None]):
        sheet.append(row)
    other = book.create_sheet("Later")
    other.append(["Globex"])
    path = tmp_path / "targets.xlsx"
    book.save(path)
    assert read_names(path) == [(2, "Acme"), (4, "3")]
    assert read_names(path, sheet="Later") == [(1, "Globex")]
    with pytest.raises(
        ImportProblem, match='targets.xlsx has no sheet "Gone"; its sheets are "Sheet", "Later"'
    ):
        read_names(path, sheet="Gone")


@pytest.mark.parametrize(
    ("data", "message", "row"),
    [
        (
            b"Acme\nAcme, Inc.\nGlobex\n",
            "targets.csv, row 2: holds 2 filled cells ('Acme', 'Inc.'); the file should hold one organisation "
            "per row, in one column (a name with a comma in it goes in quotes). Nothing was imported",
            2,
        ),
        (b'Acme\n"Globex\n', "targets.csv, row 2: is not valid CSV", 2),
        (b"Acme\n\xe9cole\n", "targets.csv, row 2: the file is not UTF-8 text", 2),
        (b"", "targets.csv is empty.", None),
        (b"\xff\xfeA\x00", "is saved as UTF-16 text", None),
        (b"\xd0\xcf\x11\xe0rest", "is an old Excel file (.xls)", None),
    ],
)
def test_a_bad_sheet_is_one_message_naming_the_file_and_row(
    data: bytes, message: str, row: int | None
) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_names(data, "targets.csv")
    assert message in str(caught.value)
    assert (caught.value.file, caught.value.row) == ("targets.csv", row)


def test_every_bad_row_is_named_the_first_five_in_full() -> None:
    data = b"\n".join([b"Acme"] + [f"Org {n},x".encode() for n in range(7)])
    with pytest.raises(ImportProblem) as caught:
        read_names(data, "targets.csv")
    said = str(caught.value)
    assert (
        said.count("filled cells") == 5 and "(and 2 more)" in said and said.startswith("targets.csv, row 2:")
    )


def test_a_formula_without_a_saved_value_is_named_by_its_cell(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Acme"])
    sheet.append(['=A1&" Group"'])
    path = tmp_path / "targets.xlsx"
    book.save(path)
    with pytest.raises(
        ImportProblem, match=r"targets.xlsx, row 2: cell A2 holds a formula \(=A1&\" Group\"\)"
    ):
        read_names(path)


def test_keywords_and_targets_edited_on_a_shared_screen_keep_what_it_hid(
    conn: db.Connection, ana: store.Seeker, esg: int
) -> None:
    from coach.rules.privacy import Scrubber

    view = Scrubber()
    keywords = "ESG, ask sam@example.org"
    targets.set_keywords(conn, ana.id, esg, keywords)
    shown = str(view(keywords))
    assert "sam@example.org" not in shown
    assert targets.set_keywords(conn, ana.id, esg, shown, view=view) == keywords  # left as shown
    assert targets.set_keywords(conn, ana.id, esg, shown + ", climate", view=view) == keywords + ", climate"
    assert targets.set_keywords(conn, ana.id, esg, "climate", view=view) == "climate"
    organisation = "Acme (switchboard 555-867-5309)"
    targets.add_target(conn, ana.id, esg, organisation, today=TODAY)
    targets.add_target(conn, ana.id, esg, "Globex", today=TODAY)
    as_shown = str(view(organisation))
    assert "867-5309" not in as_shown
    with pytest.raises(db.NotFound):
        targets.remove_target(conn, ana.id, esg, as_shown)  # without the view, the shown name is no target
    assert targets.remove_target(conn, ana.id, esg, as_shown, view=view) == organisation
    assert names(conn, ana) == [("ESG consulting", "Globex")]
