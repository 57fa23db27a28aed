"""Malformed and hostile inputs: the small ones kept in tests/corpus/, the large ones made here.

Each gives its own clear error (naming file, row and column where there is one) or imports
cleanly; the large ones run as a separate `coach import` process whose peak memory is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach import store
from coach.importers import ImportProblem, apply, linkedin, tracker
from coach.store import db
from tests.bombs import Run, workbook_with_huge_shared_strings, write_zip

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 18)
MEMORY_LIMIT_MB = 1024
MARKUP = "<img src=x onerror=alert(1)>"

ERRORS = [
    ("linkedin-empty.zip", "linkedin-empty.zip is empty."),
    ("linkedin-not-a-zip.zip", "is not a zip file"),
    ("connections-windows-1252.csv", "connections-windows-1252.csv, row 3: the file is not UTF-8 text"),
    ("tracker-utf16.csv", "is saved as UTF-16 text; save it as CSV UTF-8"),
    ("tracker-binary.xlsx", "tracker-binary.xlsx is not an Excel workbook"),
]


def plan_of(conn: db.Connection, name: str, **options: Any) -> Any:
    seeker = store.add_seeker(conn, "Corpus Tester")
    path = CORPUS / name
    if name.startswith("tracker"):
        return tracker.plan(conn, path, seeker_id=seeker.id, today=TODAY, **options)
    return linkedin.plan(conn, path, seeker_id=seeker.id, **options)


@pytest.mark.parametrize(("name", "message"), ERRORS)
def test_unreadable_files_get_their_own_message(conn: db.Connection, name: str, message: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        plan_of(conn, name)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("name", "rejected"),
    [
        (
            "connections-years-0001-9999.csv",
            [
                "row 2, column \"Connected On\": '01 Jan 0001' is not a date",
                "row 3, column \"Connected On\": '31 Dec 9999' is not a date",
            ],
        ),
        (
            "tracker-years-0001-9999.csv",
            [
                'row 2, column "sent_on": 0001-01-01 is outside 1900-2100',
                'row 3, column "sent_on": 9999-12-31 is outside 1900-2100',
            ],
        ),
    ],
)
def test_years_outside_1900_2100_are_rejected_by_row(
    conn: db.Connection, name: str, rejected: list[str]
) -> None:
    plan = plan_of(conn, name)
    shown = [str(r) for r in plan.rejected]
    assert len(shown) == 2 and all(s.startswith(f"{name}, ") for s in shown)
    assert all(expected in line for expected, line in zip(rejected, shown, strict=True)), shown
    apply(conn, plan, accept_partial=True)
    assert {c["name"] for c in store.load_contacts(conn, plan.seeker_id).to_dict("records")} == {"Ok Person"}


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("connections-markup-names.csv", {}),
        ("messages-markup.csv", {"me": "Olivia Owner"}),
        ("tracker-markup.csv", {}),
    ],
)
def test_markup_and_formulas_import_as_plain_text(
    conn: db.Connection, name: str, options: dict[str, str]
) -> None:
    plan = plan_of(conn, name, **options)
    assert plan.rejected == []
    apply(conn, plan)
    people = store.load_contacts(conn, plan.seeker_id)
    names = [str(n) for n in people["name"]]
    assert any(MARKUP in n for n in names)  # kept exactly as typed: the screens and the report escape it
    if name != "messages-markup.csv":
        assert any(str(n).startswith('=HYPERLINK("http://evil.example"') for n in names)


# --- large files, generated, each imported by a separate process -----------------


def peak_run(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``coach`` in a child process; its result and its peak memory (max RSS) in MB."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "sys.stderr.write(f'\\nPEAK {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-m", "coach", *args],
        cwd=ROOT,
        env={**os.environ, "COACH_TODAY": TODAY.isoformat(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    peak = int(done.stderr.rsplit("PEAK ", 1)[1]) / 1024
    return done, peak


CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
)


def test_a_huge_single_field_is_one_rejected_row(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(CONNECTIONS_HEADER)
        out.write("Ana,Lopez,https://www.linkedin.com/in/ana-lopez,,Acme,Engineer,06 Jan 2024\n")
        out.write(
            'Bo,Berg,https://www.linkedin.com/in/bo-berg,,Acme,"' + "x" * 40_000_000 + '",07 Jan 2024\n'
        )
        out.write("Cy,Chen,https://www.linkedin.com/in/cy-chen,,Acme,Engineer,08 Jan 2024\n")
    done, peak = peak_run(
        "import",
        "linkedin",
        str(path),
        "--seeker",
        "Ana",
        "--db",
        str(tmp_path / "s.duckdb"),
        "--dry-run",
        "--json",
    )
    assert "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert result["counts"]["contacts"]["new"] == 2
    assert [(r["row"], r["reason"][:40]) for r in result["rejected"]] == [
        (3, "is not valid CSV (field larger than fiel")
    ]
    assert peak < MEMORY_LIMIT_MB, peak


def test_a_million_row_connections_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(CONNECTIONS_HEADER)
        out.writelines(
            f"P{i},L{i},https://www.linkedin.com/in/p-{i},,Acme,Engineer,06 Jan 2024\n"
            for i in range(1_000_000)
        )
    done, peak = peak_run(
        "import", "linkedin", str(path), "--seeker", "Ana", "--db", str(tmp_path / "s.duckdb")
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Connections.csv has 1,000,000 rows, but LinkedIn allows at most 30,000 connections" in done.stderr
    assert peak < MEMORY_LIMIT_MB, peak
    assert not (tmp_path / "s.duckdb").exists() or _seekers(tmp_path / "s.duckdb") == []


def test_a_million_row_tracking_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("name,company,sent_on,channel\n")
        out.writelines(f"Person {i},Acme,2026-03-02,email\n" for i in range(1_000_000))
    done, peak = peak_run(
        "import", "tracker", str(path), "--seeker", "Ana", "--db", str(tmp_path / "s.duckdb")
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "tracker.csv has more than 50,000 rows" in done.stderr
    assert peak < MEMORY_LIMIT_MB, peak


def test_a_million_messages_import_within_bounded_memory(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nOlivia,Owner,Seeker\n", encoding="utf-8"
    )
    owner = "Olivia Owner,https://www.linkedin.com/in/olivia-owner"
    with (folder / "messages.csv").open("w", encoding="utf-8") as out:
        out.write(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
            "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
        )
        for i in range(1_000_000):
            person = f"Person {i // 10},https://www.linkedin.com/in/person-{i // 10}"
            sender, recipient = (owner, person) if i % 10 == 0 else (person, owner)
            out.write(
                f"c{i // 10},,{sender},{recipient},2025-{1 + i // 10 % 12:02d}-{1 + i // 10 % 28:02d} 10:{i % 10:02d}:00 UTC,"
                f',"Message {i}, with a comma",INBOX,,No,No\n'
            )
    done, peak = peak_run(
        "import",
        "linkedin",
        str(folder),
        "--seeker",
        "Olivia Owner",
        "--db",
        str(tmp_path / "s.duckdb"),
        "--json",
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert result["applied"] and result["counts"]["requests"]["new"] == 100_000
    assert peak < MEMORY_LIMIT_MB, peak


def _seekers(path: Path) -> list[str]:
    with db.session(str(path)) as conn:
        return [s.name for s in store.list_seekers(conn)]


# --- zip bombs: small files that unpack to far more, refused before they are read ---------


def timed_run(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """``peak_run`` and how long the whole process took, start-up included, in seconds."""
    started = time.monotonic()
    done, peak = peak_run(*args, env=env)
    return done, peak, time.monotonic() - started


def test_a_workbook_whose_shared_strings_unpack_to_150_mb_is_refused(tmp_path: Path) -> None:
    path = workbook_with_huge_shared_strings(tmp_path / "tracker.xlsx", 150_000_000)
    assert path.stat().st_size < 1_000_000
    done, peak, seconds = timed_run(
        "import", "tracker", str(path), "--seeker", "Ana", "--db", str(tmp_path / "s.duckdb")
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "tracker.xlsx: its part xl/sharedStrings.xml would unpack to 150 MB" in done.stderr
    assert len([line for line in done.stderr.splitlines() if line and not line.startswith("PEAK ")]) == 1
    print(f"150 MB shared strings refused: {seconds:.2f} s, peak {peak:.0f} MB")
    assert seconds < 10 and peak < 300, (seconds, peak)


def test_an_export_with_a_1_2_gb_message_imports_its_connections(tmp_path: Path) -> None:
    header = MESSAGES_HEADER
    row = 'c1,,Olivia Owner,,Ana Lopez,,2025-01-02 10:00:00 UTC,,"'
    path = write_zip(
        tmp_path / "export.zip",
        {
            "Connections.csv": (
                CONNECTIONS_HEADER
                + "Ana,Lopez,https://www.linkedin.com/in/ana-lopez,,Acme,Engineer,06 Jan 2024\n"
                + "Bo,Berg,https://www.linkedin.com/in/bo-berg,,Acme,Engineer,07 Jan 2024\n"
            ).encode(),
            "Profile.csv": b"First Name,Last Name\nOlivia,Owner\n",
            "messages.csv": Run((header + row).encode(), b"x", 1_200_000_000, b'",INBOX,,No,No\n'),
        },
    )
    assert path.stat().st_size < 2_000_000
    done, peak, seconds = timed_run(
        "import",
        "linkedin",
        str(path),
        "--seeker",
        "Olivia Owner",
        "--db",
        str(tmp_path / "s.duckdb"),
        "--json",
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert result["applied"] and result["counts"]["contacts"]["new"] == 2 and result["rejected"] == []
    (why,) = result["left_out"]
    assert why.startswith("messages.csv would unpack to 1.2 GB from 1.2 MB in the zip, more than the 1 GB"), (
        why
    )
    print(f"1.2 GB message left out: {seconds:.2f} s, peak {peak:.0f} MB")
    assert seconds < 10 and peak < 400, (seconds, peak)


def test_imports_work_in_a_temp_folder_with_an_apostrophe(tmp_path: Path) -> None:
    odd = tmp_path / "O'Brien"
    odd.mkdir()
    sheet = tmp_path / "tracker.csv"
    sheet.write_text("name,sent_on\nBo Berg,2026-03-02\n", encoding="utf-8")
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS_HEADER + "Ana,Lopez,,,Acme,,06 Jan 2024\n", encoding="utf-8")
    for kind, path in (("tracker", sheet), ("linkedin", export)):
        done, _ = peak_run(
            "import", kind, str(path), "--seeker", "Ana", "--db", str(tmp_path / "s.duckdb"),
            env={"TMPDIR": str(odd)},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr


def test_a_300_mb_message_in_an_unzipped_export_is_read_in_bounded_memory(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_text("First Name,Last Name\nOlivia,Owner\n", encoding="utf-8")
    (folder / "Connections.csv").write_text(
        CONNECTIONS_HEADER + "Ana,Lopez,https://www.linkedin.com/in/ana-lopez,,Acme,,06 Jan 2024\n",
        encoding="utf-8",
    )
    with (folder / "messages.csv").open("w", encoding="utf-8") as out:
        out.write(MESSAGES_HEADER + 'c1,,Olivia Owner,,Ana Lopez,,2025-01-02 10:00:00 UTC,,"')
        chunk = "x" * 1_000_000
        for _ in range(300):
            out.write(chunk)
        out.write('",INBOX,,No,No\n')
        out.write("c2,,Olivia Owner,,Ana Lopez,,2025-01-03 10:00:00 UTC,,Hello,INBOX,,No,No\n")
    done, peak, seconds = timed_run(
        "import", "linkedin", str(folder), "--seeker", "Olivia Owner", "--db", str(tmp_path / "s.duckdb"),
        "--dry-run", "--json",
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert [(r["file"], r["row"], r["reason"][:40]) for r in result["rejected"]] == [
        ("messages.csv", 2, "is not valid CSV (field larger than fiel")
    ]
    assert result["counts"]["requests"]["new"] == 1
    print(f"300 MB message field on disk: {seconds:.2f} s, peak {peak:.0f} MB")
    assert peak < 450, peak
