"""Exports: formula-safe CSV, a calendar of due items, backup and restore, the HTML weekly report."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from coach import store
from coach.cli import main
from coach.output import export
from coach.output.report import build_report
from coach.store import db
from tests.conftest import ANCHOR


@pytest.fixture
def demo_copy(demo_file: str, tmp_path: Path) -> str:
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(Path(demo_file).read_bytes())
    return str(copy)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1 555", "'+1 555"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Acme", "Acme"),
        ("a=b", "a=b"),
        (3, 3),
        (None, None),
    ],
)
def test_escape_cell(value: object, expected: object) -> None:
    assert export.escape_cell(value) == expected


def test_csv_text_escapes_every_formula_cell() -> None:
    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "Bo"], "company": ["@evil", None], "n": [1, 2]})
    rows = list(csv.reader(export.csv_text(frame).splitlines()))
    assert rows == [["name", "company", "n"], ["'=cmd|' /C calc'!A0", "'@evil", "1"], ["Bo", "", "2"]]


def test_export_csv_with_share_leaves_out_emails(demo_copy: str, tmp_path: Path) -> None:
    with db.session(demo_copy) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        emails = [
            r[0]
            for r in conn.execute(
                "SELECT email FROM contact WHERE email IS NOT NULL AND seeker_id = ?", [maya.id]
            ).fetchall()
        ]
        plain = export.export_csv(conn, maya, tmp_path / "plain")
        shared = export.export_csv(conn, maya, tmp_path / "shared", share=True)
    assert [p.name for p in plain] == ["contacts.csv", "requests.csv", "meetings.csv"]
    assert any(e in plain[0].read_text() for e in emails)
    assert not any(e in p.read_text() for p in shared for e in emails)
    assert len(pd.read_csv(shared[0])) == len(pd.read_csv(plain[0]))


def test_calendar_has_one_all_day_event_per_item(demo_copy: str) -> None:
    with db.session(demo_copy) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        items = store.due_for(conn, maya, as_of=ANCHOR, upcoming_days=14)
    text = export.calendar(items, seeker_name="Maya Chen", stamp=datetime(2026, 3, 18, 9, 0, tzinfo=UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert text.count("BEGIN:VEVENT") == len(items)
    assert all(len(line.encode()) <= 75 for line in lines)
    first = items[0]
    assert f"DTSTART;VALUE=DATE:{first.due_on:%Y%m%d}" in text
    unfolded = text.replace("\r\n ", "")
    assert f"SUMMARY:{first.title.replace(',', chr(92) + ',')}" in unfolded


def test_backup_and_restore_give_an_identical_report(demo_copy: str, tmp_path: Path) -> None:
    runner = CliRunner()
    zipped = tmp_path / "backup.zip"
    assert runner.invoke(main, ["backup", str(zipped), "--db", demo_copy]).exit_code == 0
    assert {"schema.sql", "load.sql", export.MANIFEST} <= set(zipfile.ZipFile(zipped).namelist())
    fresh = str(tmp_path / "elsewhere" / "restored.duckdb")
    done = runner.invoke(main, ["restore", str(zipped), "--db", fresh])
    assert done.exit_code == 0, done.output
    args = ["report", "--seeker", "Maya Chen", "--as-of", ANCHOR.isoformat(), "--json"]
    before = json.loads(runner.invoke(main, [*args, "--db", demo_copy]).output)
    after = json.loads(runner.invoke(main, [*args, "--db", fresh]).output)
    assert before == after
    with db.session(fresh) as conn:  # new rows continue the ids, never reuse them
        maya = store.find_seeker(conn, "Maya Chen")
        new_id = conn.execute(
            "INSERT INTO contact (seeker_id, first_name) VALUES (?, 'New') RETURNING id", [maya.id]
        ).fetchone()
        assert new_id is not None and new_id[0] > db.scalar(
            conn, "SELECT max(id) FROM contact WHERE first_name <> 'New'"
        )


def test_restore_refuses_to_overwrite_data_without_force(demo_copy: str, tmp_path: Path) -> None:
    runner = CliRunner()
    zipped = tmp_path / "backup.zip"
    runner.invoke(main, ["backup", str(zipped), "--db", demo_copy])
    other = str(tmp_path / "other.duckdb")
    runner.invoke(main, ["seeker", "add", "Ana Lopez", "--db", other])
    refused = runner.invoke(main, ["restore", str(zipped), "--db", other])
    assert refused.exit_code == 1 and "already holds data. Add --force" in refused.output
    with db.session(other) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Ana Lopez"]
    forced = runner.invoke(main, ["restore", str(zipped), "--db", other, "--force"])
    assert forced.exit_code == 0
    with db.session(other) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Daniel Okafor", "Maya Chen"]
    kept = list(tmp_path.glob("other.duckdb.replaced-*"))
    assert len(kept) == 1 and f"kept as {kept[0]}" in forced.output
    with db.session(str(kept[0])) as conn:  # the replaced store is kept, intact
        assert [s.name for s in store.list_seekers(conn)] == ["Ana Lopez"]


def test_restore_rejects_files_that_are_not_backups(tmp_path: Path) -> None:
    bogus = tmp_path / "photos.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("holiday.jpg", b"not really")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    for file in (bogus, text):
        done = CliRunner().invoke(main, ["restore", str(file), "--db", str(tmp_path / "x.duckdb")])
        assert done.exit_code == 1 and "is not a backup of this program" in done.output
        assert not (tmp_path / "x.duckdb.restoring").exists()


def test_weekly_report_html_is_standalone_and_escaped(demo_copy: str) -> None:
    with db.session(demo_copy) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        first_due = store.due_for(conn, maya, as_of=ANCHOR)[0]
        conn.execute(
            "UPDATE contact SET first_name = '<img src=x onerror=alert(1)>' WHERE id = ?",
            [first_due.contact_id],
        )
        page = export.weekly_report_html(conn, maya, week=ANCHOR, today=ANCHOR)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script src=" not in page and "<link" not in page
    assert page.count("plotly-graph-div") >= 2


def test_weekly_report_html_gives_the_acceptance_rate_its_known_base(demo_copy: str) -> None:
    with db.session(demo_copy) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        page = export.weekly_report_html(conn, maya, week=ANCHOR, today=ANCHOR)
        out = build_report(conn, maya, as_of=ANCHOR)["outreach"]
    rate = out["acceptance_rate"]
    assert out["unmarked"] == 2
    acceptance = page.split("data-name='Acceptance rate'>", 1)[1].split("</div>", 1)[0]
    assert f"<b>{rate['k']} of {rate['n']} known</b>" in acceptance
    assert "2 answers not marked yet" in acceptance


def test_weekly_report_lists_this_weeks_people_to_ask_and_a_past_week_none(demo_copy: str) -> None:
    import html
    from datetime import timedelta

    from coach.rules import metrics, suggest
    from coach.store import registry

    with db.session(demo_copy) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        found = suggest.for_seeker(
            maya,
            store.list_options(conn, maya.id),
            store.load_targets(conn, maya.id),
            registry.load_frames(conn, maya.id, *suggest.FRAMES),
            as_of=ANCHOR,
        )
        outreach = store.load_outreach(conn, maya.id)
        page = export.weekly_report_html(conn, maya, week=ANCHOR, today=ANCHOR)
        last_week = metrics.week_start(ANCHOR) - timedelta(days=7)
        past = export.weekly_report_html(conn, maya, week=last_week, today=ANCHOR)
    sent = outreach["sent_on"].dt.date
    needed = suggest.still_needed(
        maya.weekly_goal, int(((sent >= metrics.week_start(ANCHOR)) & (sent <= ANCHOR)).sum())
    )
    plan = suggest.weekly_plan(found, needed)
    assert len(plan) == needed > 0
    listed = page.split("<h3>People to ask this week</h3>", 1)[1].split("</ul>", 1)[0]
    assert [html.unescape(b) for b in re.findall(r"<b>(.*?)</b>", listed)] == [s.contact for s in plan]
    next_week = html.unescape(page.split("<h2>Next week</h2>", 1)[1].split("<h3>", 1)[0])
    assert "to move from amber to ok. Ask " in next_week
    assert "People to ask this week" not in past
    assert "to move from amber to ok. Ask " not in html.unescape(past)


def test_export_report_and_ics_commands(demo_copy: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "week.html"
    done = runner.invoke(
        main,
        [
            "export",
            "report",
            "--seeker",
            "Maya Chen",
            "--week",
            ANCHOR.isoformat(),
            "--out",
            str(out),
            "--share",
            "--db",
            demo_copy,
        ],
    )
    assert done.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    with db.session(demo_copy) as conn:
        emails = [r[0] for r in conn.execute("SELECT email FROM contact WHERE email IS NOT NULL").fetchall()]
    assert not any(e in out.read_text() for e in emails)
    ics = tmp_path / "due.ics"
    done = runner.invoke(
        main,
        [
            "export",
            "ics",
            "--seeker",
            "Maya Chen",
            "--as-of",
            ANCHOR.isoformat(),
            "--out",
            str(ics),
            "--db",
            demo_copy,
        ],
    )
    assert done.exit_code == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
