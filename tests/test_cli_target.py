"""``coach target`` and the keywords of ``coach option``: organisations to aim at per career option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach import store
from coach.store import db
from tests.test_cli import run


@pytest.fixture
def ana(store_file: str) -> str:
    """A store with the seeker Ana Lopez and her career option ESG consulting."""
    assert run("seeker", "add", "Ana Lopez", "--db", store_file)[0] == 0
    assert run("option", "add", "ESG consulting", "--seeker", "Ana Lopez", "--db", store_file)[0] == 0
    return store_file


def coach(store_file: str, *args: str) -> tuple[int, str]:
    return run(*args, "--seeker", "Ana Lopez", "--db", store_file)


def listed(store_file: str, *args: str) -> list[dict[str, str]]:
    code, output = coach(store_file, "target", "list", "--json", *args)
    assert code == 0, output
    found = json.loads(output)
    assert list(found) == ["targets"]
    return list(found["targets"])


def test_add_list_and_remove(ana: str) -> None:
    assert coach(ana, "target", "list") == (
        0,
        "Ana Lopez has no targets yet. Add one with: coach target add ORGANISATION --option TITLE --seeker NAME\n",
    )
    assert coach(ana, "target", "add", " Acme, Inc. ", "--option", "esg CONSULTING") == (
        0,
        "Added 'Acme, Inc.' as a target of 'ESG consulting' for Ana Lopez.\n",
    )
    assert coach(ana, "target", "add", "Globex", "--option", "ESG consulting")[0] == 0
    assert coach(ana, "option", "add", "Impact investing")[0] == 0
    assert coach(ana, "target", "add", "Acme, Inc.", "--option", "Impact investing")[0] == 0
    code, output = coach(ana, "target", "list")
    assert (code, output.splitlines()) == (
        0,
        [
            f"ESG consulting: Acme, Inc. (added {_today()})",
            f"ESG consulting: Globex (added {_today()})",
            f"Impact investing: Acme, Inc. (added {_today()})",
        ],
    )
    assert listed(ana, "--option", "impact investing") == [
        {"option": "Impact investing", "organisation": "Acme, Inc.", "added_on": _today()}
    ]
    assert coach(ana, "target", "remove", "ACME inc", "--option", "ESG consulting") == (
        0,
        "Removed 'Acme, Inc.' from the targets of 'ESG consulting'.\n",
    )
    assert [t["organisation"] for t in listed(ana, "--option", "ESG consulting")] == ["Globex"]
    assert coach(ana, "target", "remove", "Globex", "--option", "ESG consulting")[0] == 0
    assert coach(ana, "target", "list", "--option", "ESG consulting") == (
        0,
        "'ESG consulting' has no targets yet. Add one with: coach target add ORGANISATION --option TITLE "
        "--seeker NAME\n",
    )


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def test_the_json_list_follows_its_shape(ana: str) -> None:
    assert listed(ana) == []
    coach(ana, "target", "add", "Acme", "--option", "ESG consulting")
    (item,) = listed(ana)
    assert item == {"option": "ESG consulting", "organisation": "Acme", "added_on": _today()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("target", "add", "ACME inc", "--option", "ESG consulting"),
            "Error: 'ESG consulting' already has 'Acme, Inc.' as a target ('ACME inc' is the same "
            "organisation); nothing was added.",
        ),
        (
            ("target", "add", "  ", "--option", "ESG consulting"),
            "Error: A target needs the organisation's name.",
        ),
        (
            ("target", "remove", "Initech", "--option", "ESG consulting"),
            "Error: 'Initech' is not a target of 'ESG consulting'; its targets are 'Acme, Inc.'.",
        ),
        (("target", "add", "Acme", "--option", "Law"), "Error: No career option 'Law' for this seeker."),
        (("target", "list", "--option", "Law"), "Error: No career option 'Law' for this seeker."),
        (("target", "add", "Acme"), "Missing option '--option'"),
        (("option", "set", "ESG consulting"), "Error: Say what to set: --status, --keywords or both."),
        (
            ("option", "set", "ESG consulting", "--keywords", "ESG", "--on", "2026-01-31"),
            "--on is the decided-on date",
        ),
    ],
)
def test_refusals_are_one_clear_line(ana: str, args: tuple[str, ...], message: str) -> None:
    coach(ana, "target", "add", "Acme, Inc.", "--option", "ESG consulting")
    code, output = coach(ana, *args)
    assert code != 0 and message in output and "Traceback" not in output
    assert [t["organisation"] for t in listed(ana)] == ["Acme, Inc."]


def test_import_adds_a_sheets_organisations_once(ana: str, tmp_path: Path) -> None:
    coach(ana, "target", "add", "Acme, Inc.", "--option", "ESG consulting")
    sheet = tmp_path / "targets.csv"
    sheet.write_text('Organisation\nGlobex\n\nACME inc\n"Initech, Ltd"\nglobex corp\n\n', encoding="utf-8")
    assert coach(ana, "target", "import", str(sheet), "--option", "ESG consulting") == (
        0,
        "Added 2 targets to 'ESG consulting' for Ana Lopez; skipped 2 organisations already there: "
        "'ACME inc' (as 'Acme, Inc.'), 'globex corp' (as 'Globex').\n",
    )
    assert [t["organisation"] for t in listed(ana)] == ["Acme, Inc.", "Globex", "Initech, Ltd"]
    assert coach(ana, "target", "import", str(sheet), "--option", "ESG consulting")[1].startswith(
        "Added 0 targets to 'ESG consulting' for Ana Lopez; skipped 4 organisations already there: 'Globex', "
    )


def test_import_reads_a_workbook(ana: str, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Acme"], ["Globex"]):
        sheet.append(row)
    path = tmp_path / "targets.xlsx"
    book.save(path)
    code, output = coach(ana, "target", "import", str(path), "--option", "ESG consulting")
    assert (code, output) == (0, "Added 2 targets to 'ESG consulting' for Ana Lopez.\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Acme\nGlobex, Inc.\n", "Error: targets.csv, row 2: holds 2 filled cells ('Globex', 'Inc.')"),
        (b"Acme\n\xe9cole\n", "Error: targets.csv, row 2: the file is not UTF-8 text"),
        (b"", "Error: targets.csv is empty."),
        (b"Acme\n???\n", "Error: Nothing was imported: name 2 ('???') is not an organisation's name"),
    ],
)
def test_a_bad_sheet_is_one_line_and_imports_nothing(
    ana: str, tmp_path: Path, content: bytes, message: str
) -> None:
    sheet = tmp_path / "targets.csv"
    sheet.write_bytes(content)
    code, output = coach(ana, "target", "import", str(sheet), "--option", "ESG consulting")
    assert code == 1 and output.startswith(message) and output.count("\n") == 1, output
    assert listed(ana) == []


def test_import_of_a_missing_file_or_a_folder_is_one_line(ana: str, tmp_path: Path) -> None:
    code, output = coach(ana, "target", "import", str(tmp_path / "gone.csv"), "--option", "ESG consulting")
    assert (code, output) == (1, "Error: gone.csv: no such file.\n")
    code, output = coach(ana, "target", "import", str(tmp_path), "--option", "ESG consulting")
    assert code == 1 and "is a folder; choose the spreadsheet file itself." in output


def test_keywords_on_option_add_and_set(ana: str) -> None:
    assert coach(ana, "option", "add", "Impact investing", "--keywords", " impact,, ESG ,Impact") == (
        0,
        "Added 'Impact investing' for Ana Lopez (exploring; keywords: impact, ESG).\n",
    )
    assert coach(ana, "option", "set", "ESG consulting", "--keywords", "ESG, sustainability") == (
        0,
        "'ESG consulting' has the keywords ESG, sustainability.\n",
    )
    assert coach(ana, "option", "set", "impact investing", "--status", "leaning", "--keywords", "") == (
        0,
        "'Impact investing' is now leaning and has no keywords.\n",
    )
    assert coach(ana, "option", "list") == (
        0,
        "ESG consulting: exploring; keywords: ESG, sustainability\nImpact investing: leaning\n",
    )
    with db.session(ana) as conn:
        seeker = store.find_seeker(conn, "Ana Lopez")
        assert [o["keywords"] for o in store.list_options(conn, seeker.id)] == ["ESG, sustainability", ""]


def test_a_title_taken_is_refused_with_keywords_too(ana: str) -> None:
    code, output = coach(ana, "option", "add", "ESG consulting", "--keywords", "ESG")
    assert code == 1 and "already exists" in output
    assert coach(ana, "option", "list") == (0, "ESG consulting: exploring\n")
