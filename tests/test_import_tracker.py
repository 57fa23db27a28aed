"""The tracking-spreadsheet importer: headers, values, dates, people and idempotent re-imports."""

from __future__ import annotations

import csv
import io
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import store
from coach.importers import DateOrderNeeded, ImportProblem, Plan, apply, linkedin, tracker, undo_last
from coach.importers.guide import explain_counts
from coach.store import db
from tests.bombs import understate, workbook_bytes, workbook_with_huge_shared_strings

TODAY = date(2026, 3, 18)
CANONICAL = (
    "name,company,position,email,profile_url,warmth,source,referred_by,channel,sent_on,followed_up_on,"
    "responded_on,outcome,meeting_on,career_option,fit,thank_you_on,notes"
)


def seeker(conn: db.Connection) -> int:
    return store.add_seeker(conn, "Ana Lopez").id


def plan_of(conn: db.Connection, text: str | bytes, seeker_id: int, **kwargs: Any) -> Plan:
    data = text.encode() if isinstance(text, str) else text
    kwargs.setdefault("file_name", "tracker.csv")
    return tracker.plan(conn, data, seeker_id=seeker_id, today=TODAY, **kwargs)


def run(conn: db.Connection, text: str | bytes, seeker_id: int, **kwargs: Any) -> Plan:
    plan = plan_of(conn, text, seeker_id, **kwargs)
    apply(conn, plan)
    return plan


def dump(conn: db.Connection) -> dict[str, list[tuple[Any, ...]]]:
    tables = [
        r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    ]
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def one(conn: db.Connection, sql: str) -> dict[str, Any]:
    (found,) = db.rows(conn, sql)
    return found


def test_canonical_headers_fill_every_table(conn: db.Connection) -> None:
    sheet = (
        CANONICAL + "\n"
        "Jane Doe,Acme,Analyst,jane@example.com,https://www.linkedin.com/in/jane-doe/,inner_circle,alumni,"
        "Bob Smith,email,2026-02-03,2026-02-17,2026-02-20,agreed,2026-03-01,Data science,4,2026-03-02,"
        '"Met for coffee, liked the team"\n'
    )
    plan = run(conn, sheet, seeker(conn))
    assert plan.rejected == []
    assert {k: v["new"] for k, v in plan.counts.items()} == {
        "contacts": 2, "requests": 1, "meetings": 1, "career_options": 1, "referrals": 1, "notes": 1,
    }  # fmt: skip
    jane = one(conn, "SELECT * FROM contact WHERE first_name = 'Jane'")
    assert (jane["last_name"], jane["company"], jane["warmth"], jane["source"]) == (
        "Doe",
        "Acme",
        "inner_circle",
        "alumni",
    )
    request = one(conn, "SELECT * FROM outreach")
    assert (request["channel"], request["sent_on"], request["followed_up_on"], request["responded_on"]) == (
        "email",
        date(2026, 2, 3),
        date(2026, 2, 17),
        date(2026, 2, 20),
    )
    assert request["outcome"] == "agreed" and request["contact_id"] == jane["id"]
    meeting = one(conn, "SELECT * FROM meeting")
    assert (meeting["held_on"], meeting["fit"], meeting["thank_you_on"], meeting["outreach_id"]) == (
        date(2026, 3, 1),
        4,
        date(2026, 3, 2),
        request["id"],
    )
    assert (
        one(conn, "SELECT title FROM career_option m JOIN meeting_option o ON o.career_option_id = m.id")[
            "title"
        ]
        == "Data science"
    )
    referral = one(conn, "SELECT r.*, c.first_name FROM referral r JOIN contact c ON c.id = r.referrer_id")
    assert (referral["first_name"], referral["referred_id"], referral["referred_on"]) == (
        "Bob",
        jane["id"],
        date(2026, 2, 3),
    )
    note = one(conn, "SELECT * FROM contact_note")
    assert (note["body"], note["private"], note["written_on"]) == (
        "Met for coffee, liked the team",
        True,
        TODAY,
    )


def test_common_headers_and_values_are_recognised(conn: db.Connection) -> None:
    sheet = (
        "\ufeffContact Name;Organisation;Date contacted;Channel;Response;E-mail;LinkedIn;Comments\r\n"
        'Jane Doe;Acme;2 Mar 2026;E-mail;Yes;jane@example.com;linkedin.com/in/jane;"Two lines;\r\nof notes"\r\n'
        "John Roe;Beta;Mar 4, 2026;LinkedIn;No;;;\r\n"
        "Kim Li;Gamma;2026-03-05;Phone call;;;;\r\n"
    )
    plan = run(conn, sheet, seeker(conn))
    assert db.scalar(conn, "SELECT body FROM contact_note") == "Two lines;\r\nof notes"
    assert plan.rejected == []
    found = conn.execute(
        "SELECT c.first_name, c.company, o.sent_on, o.channel, o.outcome FROM outreach o "
        "JOIN contact c ON c.id = o.contact_id ORDER BY o.sent_on"
    ).fetchall()
    assert found == [
        ("Jane", "Acme", date(2026, 3, 2), "email", "agreed"),
        ("John", "Beta", date(2026, 3, 4), "linkedin", "declined"),
        ("Kim", "Gamma", date(2026, 3, 5), "phone", None),
    ]


def test_explicit_mapping_of_any_header(conn: db.Connection) -> None:
    sheet = "Who?,When did I write,Where they work,Scratch\nJane Doe,2026-03-02,Acme,ignore me\n"
    mapping = {"Who?": "name", "When did I write": "sent_on", "Where they work": "company", "Scratch": None}
    plan = run(conn, sheet, seeker(conn), mapping=mapping)
    assert plan.counts["requests"]["new"] == 1 and plan.notes == []
    assert one(conn, "SELECT company FROM contact")["company"] == "Acme"
    with pytest.raises(ImportProblem, match="not a field"):
        plan_of(conn, sheet, seeker_id=1, mapping={"Who?": "person"})


def test_missing_required_columns_are_named(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    with pytest.raises(ImportProblem, match=r"tracker.csv, row 1: missing required column name") as missing:
        plan_of(conn, "company,sent_on\nAcme,2026-03-02\n", seeker_id)
    assert (missing.value.row, missing.value.column) == (1, "name")
    connections = "First Name,Last Name,Company,Connected On\nJane,Doe,Acme,06 Jan 2020\n"
    with pytest.raises(ImportProblem, match="LinkedIn importer") as linkedin_file:
        plan_of(conn, connections, seeker_id)
    assert linkedin_file.value.column == "Connected On" and "map 'Connected On' to nothing" in str(
        linkedin_file.value
    )
    people = plan_of(conn, connections, seeker_id, mapping={"Connected On": None})
    assert people.rejected == [] and people.contacts_only["new"] == 1
    assert plan_of(conn, "name,company\nJane,Acme\n", seeker_id).contacts_only["new"] == 1


AMBIGUOUS = "name,sent_on,meeting_on\nJane Doe,03/02/2026,\nJohn Roe,04/02/2026,10/02/2026\n"


def test_ambiguous_day_month_order_is_a_question(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    with pytest.raises(DateOrderNeeded) as asked:
        plan_of(conn, AMBIGUOUS, seeker_id)
    assert asked.value.columns == ["sent_on", "meeting_on"]
    assert asked.value.examples[0] == "03/02/2026"
    dmy = plan_of(conn, AMBIGUOUS, seeker_id, date_order="dmy")
    mdy = plan_of(conn, AMBIGUOUS, seeker_id, date_order="mdy")
    assert [r["sent_on"] for r in dmy.changes[2].inserts.to_dict("records")] == [
        date(2026, 2, 3),
        date(2026, 2, 4),
    ]
    assert [r["sent_on"] for r in mdy.changes[2].inserts.to_dict("records")] == [
        date(2026, 3, 2),
        date(2026, 4, 2),
    ]


def test_a_column_that_proves_its_order_needs_no_question(conn: db.Connection) -> None:
    plan = plan_of(conn, "name,sent_on\nJane Doe,03/02/2026\nJohn Roe,25/02/2026\n", seeker(conn))
    assert [r["sent_on"] for r in plan.changes[2].inserts.to_dict("records")] == [
        date(2026, 2, 3),
        date(2026, 2, 25),
    ]


def test_bad_cells_are_named_by_row_and_column(conn: db.Connection) -> None:
    sheet = (
        "name,sent_on,meeting_on,fit,channel\n"
        "Jane Doe,2026-03-02,2026-03-05,4,email\n"
        "John Roe,2026-03-02,2026-03-05,7,email\n"
        "Kim Li,1899-12-31,,,email\n"
        "Lu Wu,2101-01-01,,,pigeon\n"
        ",2026-03-02,,,email\n"
        "Max Mo,31/02/2026,,,email\n"
    )
    plan = plan_of(conn, sheet, seeker(conn))
    assert [str(r) for r in plan.rejected] == [
        "tracker.csv, row 3, column \"fit\": '7' is not a fit rating from 1 to 5",
        'tracker.csv, row 4, column "sent_on": 1899-12-31 is outside 1900-2100',
        "tracker.csv, row 5, column \"channel\": 'pigeon' is not one of email, linkedin, phone, letter, in_person or other",
        'tracker.csv, row 5, column "sent_on": 2101-01-01 is outside 1900-2100',
        'tracker.csv, row 6, column "name": is empty; every row needs the person\'s name',
        "tracker.csv, row 7, column \"sent_on\": '31/02/2026' is not a valid date",
    ]
    assert plan.counts["requests"]["new"] == 1
    before = dump(conn)
    with pytest.raises(ImportProblem, match="6 row"):
        apply(conn, plan)
    assert dump(conn) == before
    apply(conn, plan, accept_partial=True)
    assert db.scalar(conn, "SELECT count(*) FROM outreach") == 1


def test_meetings_scheduled_and_held(conn: db.Connection) -> None:
    sheet = (
        "name,sent_on,meeting_on,fit\nJane Doe,2026-03-02,2026-04-01,\nJohn Roe,2026-03-02,2026-04-01,3\n"
        "Joe Early,2026-03-02,2026-03-01,\n"
    )
    plan = plan_of(conn, sheet, seeker(conn))
    assert [str(r) for r in plan.rejected] == [
        'tracker.csv, row 3, column "fit": rates a meeting on 2026-04-01, which has not happened yet',
        'tracker.csv, row 4, column "meeting_on": 2026-03-01 is before the request was sent (2026-03-02)',
    ]
    apply(conn, plan, accept_partial=True)
    assert one(conn, "SELECT held_on FROM meeting")["held_on"] == date(2026, 4, 1)


def test_xlsx_with_a_title_row_and_date_cells(conn: db.Connection, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["My informational interviews"])
    sheet.append(["Name", "Company", "Date sent", "Fit", "Meeting date"])
    sheet.append(["Jane Doe", "Acme", datetime(2026, 3, 2), 4.0, date(2026, 3, 10)])
    sheet.append([None, None, None, None, None])
    sheet.append(["John Roe", "Beta", "2026-03-03", None, None])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    plan = tracker.plan(conn, path, seeker_id=seeker(conn), today=TODAY)
    assert plan.rejected == [] and plan.file_name == "tracker.xlsx"
    apply(conn, plan)
    assert conn.execute("SELECT held_on, fit FROM meeting").fetchall() == [(date(2026, 3, 10), 4)]
    assert conn.execute("SELECT sent_on FROM outreach ORDER BY sent_on").fetchall() == [
        (date(2026, 3, 2),),
        (date(2026, 3, 3),),
    ]


def test_reimporting_the_same_sheet_changes_nothing(conn: db.Connection) -> None:
    sheet = (
        "name,channel,sent_on,responded_on,meeting_on,career_option,referred_by,notes\n"
        "Jane Doe,email,2026-02-03,2026-02-05,2026-03-01,Data science,Bob Smith,Nice\n"
        "Jane Doe,phone,2026-02-10,,,,,\n"
        "John Roe,linkedin,2026-02-04,,,Data science,,\n"
    )
    seeker_id = seeker(conn)
    run(conn, sheet, seeker_id)
    before = dump(conn)
    again = run(conn, sheet, seeker_id)
    assert all(c["new"] == 0 and c["updated"] == 0 for c in again.counts.values()), again.counts
    assert again.counts["contacts"]["unchanged"] == 3 and again.counts["requests"]["unchanged"] == 3
    after = dump(conn)
    assert {t: r for t, r in after.items() if not t.startswith("import_")} == {
        t: r for t, r in before.items() if not t.startswith("import_")
    }


def test_a_later_sheet_fills_empty_fields_only(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    run(conn, "name,channel,sent_on\nJane Doe,email,2026-02-03\n", seeker_id)
    conn.execute("UPDATE contact SET warmth = 'cold'")
    plan = run(conn, "name,channel,sent_on,responded_on,warmth,company\nJane Doe,email,2026-02-03,2026-02-09,inner_circle,Acme\n",
               seeker_id)  # fmt: skip
    assert plan.counts["requests"]["updated"] == 1 and plan.counts["contacts"]["updated"] == 1
    assert conn.execute("SELECT warmth, company FROM contact").fetchall() == [("cold", "Acme")]
    assert conn.execute("SELECT responded_on, outcome FROM outreach").fetchall() == [(date(2026, 2, 9), None)]


def test_contacts_from_linkedin_are_matched_not_duplicated(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Analyst,06 Jan 2024\n"
        "Sam,Smith,https://www.linkedin.com/in/sam-1,,Beta,,06 Jan 2024\n"
        "Sam,Smith,https://www.linkedin.com/in/sam-2,,Gamma,,06 Jan 2024\n"
    )
    apply(conn, linkedin.plan(conn, connections.encode(), seeker_id=seeker_id, file_name="Connections.csv"))
    sheet = (
        "name,profile_url,channel,sent_on\n"
        "Jane Doe,,email,2026-02-03\n"
        "Sam Smith,HTTP://LinkedIn.com/in/Sam-2/?trk=abc,email,2026-02-04\n"
        "Sam Smith,,email,2026-02-05\n"
    )
    plan = plan_of(conn, sheet, seeker_id)
    assert plan.counts["contacts"] == {"new": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert [(r.line, r.column) for r in plan.rejected] == []
    apply(conn, plan)
    assert db.scalar(conn, "SELECT count(*) FROM contact") == 3
    found = conn.execute(
        "SELECT c.company FROM outreach o JOIN contact c ON c.id = o.contact_id ORDER BY o.sent_on"
    ).fetchall()
    assert found == [("Acme",), ("Gamma",), ("Gamma",)]


def test_a_rejected_row_leaves_no_contact_behind(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    conn.execute(
        "INSERT INTO contact (seeker_id, first_name, last_name) VALUES (?, 'Sam', 'Smith'), (?, 'Sam', 'Smith')",
        [seeker_id, seeker_id],
    )
    plan = plan_of(
        conn, "name,sent_on,referred_by\nJane Doe,2026-02-03,Sam Smith\nJohn Roe,2026-02-04,\n", seeker_id
    )
    assert [(r.line, r.column) for r in plan.rejected] == [(2, "referred_by")]
    assert plan.counts["contacts"]["new"] == 1
    apply(conn, plan, accept_partial=True)
    assert db.scalar(conn, "SELECT count(*) FROM contact WHERE first_name IN ('Jane', 'John')") == 1


def test_a_name_two_contacts_share_needs_a_url_or_email(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    conn.execute(
        "INSERT INTO contact (seeker_id, first_name, last_name) VALUES (?, 'Sam', 'Smith'), (?, 'Sam', 'Smith')",
        [seeker_id, seeker_id],
    )
    plan = plan_of(conn, "name,sent_on\nSam Smith,2026-02-03\n", seeker_id)
    assert [str(r) for r in plan.rejected] == [
        "tracker.csv, row 2, column \"name\": 2 contacts are called 'Sam Smith'; add their profile_url or email "
        "to tell which one"
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tracker.csv", b"", "is empty"),
        ("tracker.csv", b"\xff\xfe\x00n\x00a", "saved as UTF-16 text"),
        ("tracker.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel file"),
        ("tracker.xlsx", b"PK\x03\x04broken", "damaged"),
        ("notes.txt", b"just some words\nand more\n", "no header row"),
    ],
)
def test_bad_files_get_a_clear_message(conn: db.Connection, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message) as caught:
        plan_of(conn, data, seeker(conn), file_name=name)
    assert name in str(caught.value)


def test_a_linkedin_export_given_as_a_sheet(conn: db.Connection, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name\n")
    with pytest.raises(ImportProblem, match="LinkedIn importer"):
        tracker.plan(conn, path, seeker_id=seeker(conn), today=TODAY)


def _fuzz_seeker(conn: db.Connection) -> int:
    found = db.scalar(conn, "SELECT id FROM seeker WHERE name = 'Fuzz'")
    return int(found) if found is not None else store.add_seeker(conn, "Fuzz").id


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=1500),
        st.text(alphabet=st.sampled_from(list('name,sent_on\n"; 0123/-:.Jane')), max_size=300).map(
            str.encode
        ),
    ),
    name=st.sampled_from(["tracker.csv", "tracker.xlsx"]),
)
def test_random_bytes_only_raise_import_problem(conn: db.Connection, data: bytes, name: str) -> None:
    seeker_id = _fuzz_seeker(conn)
    before = dump(conn)
    try:
        tracker.plan(conn, io.BytesIO(data), seeker_id=seeker_id, today=TODAY, file_name=name)
    except ImportProblem as problem:
        assert not isinstance(
            problem.__cause__, (TypeError, AttributeError, KeyError, IndexError, AssertionError)
        )
    assert dump(conn) == before


def test_corpus_sheet_with_other_headers(conn: db.Connection) -> None:
    path = Path(__file__).parent / "corpus" / "tracker-other-headers.csv"
    plan = tracker.plan(conn, path, seeker_id=seeker(conn), today=TODAY)
    assert plan.rejected == [] and plan.notes == []
    apply(conn, plan)
    assert conn.execute(
        "SELECT c.first_name, o.channel, o.sent_on, o.outcome FROM outreach o JOIN contact c ON c.id = o.contact_id "
        "ORDER BY o.sent_on"
    ).fetchall() == [
        ("Jane", "email", date(2026, 3, 2), "agreed"),
        ("John", "linkedin", date(2026, 3, 4), "declined"),
    ]
    assert conn.execute("SELECT held_on, fit FROM meeting").fetchall() == [(date(2026, 3, 12), 4)]
    assert db.scalar(conn, "SELECT body FROM contact_note") == "Warm, helpful"


# --- workbooks: which sheet, formulas without values, parts that unpack too far -----------


def test_the_sheet_read_is_named_and_another_can_be_picked(conn: db.Connection) -> None:
    data = workbook_bytes(
        {
            "Read me": [["Just notes about this file"]],
            "2026": [["name", "sent_on"], ["Bo Berg", "2026-03-02"]],
            "2025": [["name", "sent_on"], ["Cy Doe", "2025-03-02"], ["Di Eng", "2025-04-02"]],
        }
    )
    seeker_id = seeker(conn)
    plan = plan_of(conn, data, seeker_id, file_name="book.xlsx")
    assert plan.counts["requests"]["new"] == 1
    assert 'Read the sheet "2026" of book.xlsx; not read: "Read me", "2025".' in plan.notes, plan.notes
    other = plan_of(conn, data, seeker_id, file_name="book.xlsx", sheet="2025")
    assert other.counts["requests"]["new"] == 2
    assert 'Read the sheet "2025" of book.xlsx; not read: "Read me", "2026".' in other.notes
    with pytest.raises(ImportProblem) as missing:
        plan_of(conn, data, seeker_id, file_name="book.xlsx", sheet="2024")
    assert str(missing.value) == 'book.xlsx has no sheet "2024"; its sheets are "Read me", "2026", "2025".'
    with pytest.raises(ImportProblem) as header:
        plan_of(conn, data, seeker_id, file_name="book.xlsx", sheet="Read me")
    assert str(header.value).startswith("book.xlsx (Read me): no header row found")
    with pytest.raises(ImportProblem) as flat:
        plan_of(conn, "name,sent_on\nBo,2026-03-02\n", seeker_id, sheet="2025")
    assert str(flat.value) == "tracker.csv is a CSV file: it has no sheets to choose from."
    single = plan_of(conn, workbook_bytes({"Only": [["name", "sent_on"], ["Bo", "2026-03-02"]]}), seeker_id)
    assert not any("sheet" in note for note in single.notes)


def test_formulas_without_a_saved_value_are_named_by_cell(conn: db.Connection) -> None:
    data = workbook_bytes(
        {
            "Tracker": [
                ["name", "sent_on", "company", "scratch"],
                ["Bo Berg", "2026-03-02", '="Ac"&"me"', "=1+1"],
                ["Cy Doe", "2026-03-03", "Brightwave", None],
            ]
        }
    )
    plan = plan_of(conn, data, seeker(conn), file_name="book.xlsx")
    assert [str(r) for r in plan.rejected] == [
        'book.xlsx (Tracker), row 2, column "company": cell C2 holds a formula (="Ac"&"me") with no saved '
        "value; open the file in Excel, save it, and import it again"
    ]
    assert plan.counts["requests"]["new"] == 1


def test_a_workbook_part_that_unpacks_too_far_is_refused_at_once(conn: db.Connection, tmp_path: Path) -> None:
    path = workbook_with_huge_shared_strings(tmp_path / "bomb.xlsx", 150_000_000)
    assert path.stat().st_size < 1_000_000
    seeker_id = seeker(conn)
    started = time.monotonic()
    with pytest.raises(ImportProblem) as refused:
        tracker.plan(conn, path, seeker_id=seeker_id, today=TODAY)
    assert time.monotonic() - started < 1.0
    assert str(refused.value).startswith("bomb.xlsx: its part xl/sharedStrings.xml would unpack to 150 MB"), (
        refused.value
    )
    understated = tmp_path / "understated.xlsx"
    workbook_with_huge_shared_strings(understated, 20_000_000)
    understate(understated, "xl/sharedStrings.xml", 2048)
    started = time.monotonic()
    with pytest.raises(ImportProblem) as lied:
        tracker.plan(conn, understated, seeker_id=seeker_id, today=TODAY)
    assert time.monotonic() - started < 1.0
    assert "xl/sharedStrings.xml does not match what the zip says of it" in str(lied.value), lied.value


# --- people lists: rows without a request date add or update the contact only ----------------

PEOPLE_HEADER = ["name", "company", "position", "warmth", "source", "email", "profile_url", "sent_on",
                 "channel", "outcome", "notes"]  # fmt: skip
HYPERLINK = '=HYPERLINK("http://evil.example","click")'
PEOPLE_ROWS: list[list[object]] = [
    ["Jane Doe", "Acme", "**Head** of data", "alumni", "event", "jane@example.com",
     "https://www.linkedin.com/in/jane-doe/", None, None, None, "ask about 555-867-5309, bo@example.org"],
    ["Bo Berg", "Beta", None, None, None, None, None, "2026-03-02", "email", "agreed", None],
    ["Cy Doe", "Gamma", HYPERLINK, "cold", None, None, None, None, None, "pending", HYPERLINK],
]  # fmt: skip


def people_sheet(kind: str, rows: list[list[object]] = PEOPLE_ROWS) -> tuple[str, bytes]:
    """The mixed sheet (people to ask and one request) as a CSV or an XLSX file: its name and bytes.

    In the workbook, text that starts with "=" is a text cell, as Excel keeps '=... typed in a cell.
    """
    if kind == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "People"
        table: list[list[object]] = [list(PEOPLE_HEADER), *rows]
        for line, values in enumerate(table, start=1):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(line, column, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        book.save(buffer)
        return "people.xlsx", buffer.getvalue()
    out = io.StringIO()
    csv.writer(out).writerows([PEOPLE_HEADER, *[["" if v is None else v for v in row] for row in rows]])
    return "people.csv", out.getvalue().encode()


def tables(conn: db.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but the import records."""
    return {t: rows for t, rows in dump(conn).items() if not t.startswith("import_")}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rows_without_a_request_date_add_contacts_only(conn: db.Connection, kind: str) -> None:
    name, data = people_sheet(kind)
    plan = run(conn, data, seeker(conn), file_name=name)
    assert plan.rejected == [] and plan.counts["requests"]["skipped"] == 0
    assert {k: v["new"] for k, v in plan.counts.items()} == {
        "contacts": 3, "requests": 1, "meetings": 0, "career_options": 0, "referrals": 0, "notes": 2,
    }  # fmt: skip
    assert plan.contacts_only == {"new": 2, "updated": 0, "unchanged": 0}
    assert explain_counts(plan) == [
        "3 new contacts",
        "2 contacts only (no request date): 2 new",
        "1 new request",
        "2 new notes",
    ]
    assert plan.samples["contacts"]["name"].tolist() == ["Jane Doe", "Cy Doe"]
    people = conn.execute(
        "SELECT first_name, last_name, company, position, warmth, source, email, profile_url FROM contact "
        "ORDER BY id"
    ).fetchall()
    assert people == [
        ("Jane", "Doe", "Acme", "**Head** of data", "shared_affiliation", "event", "jane@example.com",
         "https://www.linkedin.com/in/jane-doe/"),
        ("Bo", "Berg", "Beta", None, "unknown", "other", None, None),
        ("Cy", "Doe", "Gamma", HYPERLINK, "cold", "other", None, None),
    ]  # fmt: skip
    # Free text is kept exactly as typed (the screens, exports and share mode deal with it).
    assert conn.execute("SELECT body, private FROM contact_note ORDER BY id").fetchall() == [
        ("ask about 555-867-5309, bo@example.org", True),
        (HYPERLINK, True),
    ]
    requests = conn.execute(
        "SELECT c.first_name, o.channel, o.sent_on, o.outcome FROM outreach o JOIN contact c ON c.id = o.contact_id"
    ).fetchall()
    assert requests == [("Bo", "email", date(2026, 3, 2), "agreed")]  # the request row as before
    for table in ("meeting", "referral", "follow_up"):
        assert db.scalar(conn, f"SELECT count(*) FROM {table}") == 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_reimporting_a_people_list_changes_nothing(conn: db.Connection, kind: str) -> None:
    name, data = people_sheet(kind)
    seeker_id = seeker(conn)
    run(conn, data, seeker_id, file_name=name)
    before = tables(conn)
    again = run(conn, data, seeker_id, file_name=name)
    assert all(c["new"] == 0 and c["updated"] == 0 for c in again.counts.values()), again.counts
    assert again.contacts_only == {"new": 0, "updated": 0, "unchanged": 2}
    assert explain_counts(again) == [
        "3 contacts already known",
        "2 contacts only (no request date): 2 unchanged",
    ]
    assert again.notes == [] and again.samples["contacts"].empty
    assert tables(conn) == before


def test_a_changed_people_list_fills_the_contact_and_says_what_it_keeps(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    run(conn, "name,company\nJane Doe,Acme\nBo Berg,\n", seeker_id)
    first = tables(conn)
    changed = "Name,Company,Title,Relationship\nJane Doe,Acme,Analyst,Alumni\nBo Berg,Beta,,\n"
    plan = run(conn, changed, seeker_id)
    assert plan.counts["contacts"] == {"new": 0, "updated": 2, "unchanged": 0, "skipped": 0}
    assert plan.contacts_only == {"new": 0, "updated": 2, "unchanged": 0}
    assert explain_counts(plan) == [
        "2 contacts already known",
        "2 contacts only (no request date): 2 updated",
    ]
    assert conn.execute(
        "SELECT first_name, company, position, warmth FROM contact ORDER BY id"
    ).fetchall() == [
        ("Jane", "Acme", "Analyst", "shared_affiliation"),
        ("Bo", "Beta", None, "unknown"),
    ]
    # A later sheet never overwrites what is stored (it may be the seeker's own edit): the preview says so.
    later = "Name,Company,Title,Relationship\nJane Doe,ACME ,Senior analyst,Close\nBo Berg,Beta,,\n"
    kept = run(conn, later, seeker_id)
    assert kept.counts["contacts"]["unchanged"] == 2 and kept.contacts_only["unchanged"] == 2
    assert kept.notes == [
        "Kept as stored, as a sheet only fills empty fields: row 2 (Title, Relationship). If the sheet is "
        "right, change them on the contact."
    ]
    assert conn.execute("SELECT position, warmth FROM contact WHERE first_name = 'Jane'").fetchall() == [
        ("Analyst", "shared_affiliation")
    ]
    undo_last(conn, seeker_id)  # the import that changed nothing
    undo_last(conn, seeker_id)  # the one that filled the fields: their earlier values come back
    assert tables(conn) == first


def test_undo_takes_a_people_list_back(conn: db.Connection) -> None:
    seeker_id = seeker(conn)
    run(conn, "name,sent_on\nBo Berg,2026-03-02\n", seeker_id)
    before = tables(conn)
    name, data = people_sheet("csv")
    run(conn, data, seeker_id, file_name=name)
    done = undo_last(conn, seeker_id)
    assert done.deleted == {"contact": 2, "outreach": 1, "contact_note": 2}
    assert done.restored == {"contact": 1}  # Bo Berg's company, filled by the sheet
    assert tables(conn) == before


def test_request_fields_without_a_request_date_are_named_by_row_and_column(conn: db.Connection) -> None:
    sheet = (
        "Name,Date sent,Channel,Follow up,Answered on,Outcome,Referred by,Meeting date,Fit,Thank you,Career\n"
        "Ann Ames,,,,,pending,,,,,Data science\n"
        "Bo Berg,,email,,,,,,,,\n"
        "Cy Doe,,,2026-03-04,2026-03-05,agreed,,,,,\n"
        "Di Eng,,,,,,Ann Ames,,,,\n"
        "Ed Fox,,,,,,,2026-03-09,4,2026-03-10,\n"
        "Flo Gee,,,,,,,,3,,\n"
        "Gus Ho,not yet,,,,,,,,,\n"
        "Hal Ito,2026-03-02,email,,2026-03-05,agreed,,2026-03-09,4,,Data science\n"
    )
    seeker_id = seeker(conn)
    plan = plan_of(conn, sheet, seeker_id)
    why = ", and a row without sent_on adds the contact only"
    assert [str(r) for r in plan.rejected] == [
        f'tracker.csv, row 3, column "Channel": needs a sent_on date: the channel is how a request was sent{why}',
        f'tracker.csv, row 4, column "Answered on": needs a sent_on date: an answer replies to a request{why}',
        f'tracker.csv, row 4, column "Follow up": needs a sent_on date: a follow-up nudges a request{why}',
        f'tracker.csv, row 4, column "Outcome": needs a sent_on date: an outcome is how a request was answered{why}',
        f'tracker.csv, row 5, column "Referred by": needs a sent_on date: a referral is dated by the request it '
        f"led to{why}",
        'tracker.csv, row 6, column "Fit": needs a sent_on date: fit rates a meeting, and a sheet\'s meeting is '
        f"imported with its request{why}",
        'tracker.csv, row 6, column "Meeting date": needs a sent_on date: a sheet\'s meeting is imported with the '
        f"request that led to it{why}",
        'tracker.csv, row 6, column "Thank you": needs a sent_on date: a thank-you follows a meeting, and a '
        f"sheet's meeting is imported with its request{why}",
        'tracker.csv, row 7, column "Fit": needs a sent_on date: fit rates a meeting, and a sheet\'s meeting is '
        f"imported with its request{why}",
        "tracker.csv, row 8, column \"Date sent\": 'not yet' is not a date like 2026-03-02, 2 Mar 2026 or "
        "03/02/2026",
    ]  # fmt: skip
    assert plan.contacts_only == {"new": 1, "updated": 0, "unchanged": 0}  # Ann: "pending" is no outcome
    before = dump(conn)
    with pytest.raises(
        ImportProblem, match='cannot be imported: tracker.csv, row 3, column "Channel"'
    ) as refused:
        apply(conn, plan)
    assert (refused.value.file, refused.value.row, refused.value.column) == ("tracker.csv", 3, "Channel")
    assert dump(conn) == before
    apply(conn, plan, accept_partial=True)
    assert conn.execute("SELECT first_name FROM contact ORDER BY id").fetchall() == [("Ann",), ("Hal",)]
    assert db.scalar(conn, "SELECT count(*) FROM outreach") == 1
    assert db.scalar(conn, "SELECT count(*) FROM meeting") == 1
    # A career option is read on any row, as on a request row without a meeting.
    assert conn.execute("SELECT title FROM career_option").fetchall() == [("Data science",)]


def test_a_person_with_a_request_row_is_not_a_contact_only(conn: db.Connection) -> None:
    sheet = "name,position,sent_on,channel\nBo Berg,,2026-03-02,email\nBo Berg,Lead,,\nCy Doe,Chief,,\n"
    plan = run(conn, sheet, seeker(conn))
    assert plan.counts["contacts"]["new"] == 2 and plan.contacts_only["new"] == 1
    assert conn.execute("SELECT first_name, position FROM contact ORDER BY id").fetchall() == [
        ("Bo", "Lead"),
        ("Cy", "Chief"),
    ]
    assert db.scalar(conn, "SELECT count(*) FROM outreach") == 1


def test_a_formula_without_a_value_on_a_people_row_is_named_by_cell(conn: db.Connection) -> None:
    data = workbook_bytes({"People": [["name", "position"], ["Bo Berg", HYPERLINK], ["Cy Doe", "Chief"]]})
    plan = plan_of(conn, data, seeker(conn), file_name="people.xlsx")
    assert [str(r) for r in plan.rejected] == [
        f'people.xlsx (People), row 2, column "position": cell B2 holds a formula ({HYPERLINK}) with no saved '
        "value; open the file in Excel, save it, and import it again"
    ]
    assert plan.contacts_only["new"] == 1
