"""Applying an import in one transaction, recording it, and undoing the latest one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach import store
from coach.demo.sample_export import SAMPLE_FILE_NAME, linkedin_zip, slug
from coach.importers import ImportProblem, apply, linkedin, list_imports, tracker, undo_last
from coach.importers.common import UndoSummary, summary, undo_text
from coach.store import db

# The sample export: 8 connections, one stranger written to and one person invited with a note
# (10 contacts), and a request to each of them (10 requests).
CONTACTS, REQUESTS = 10, 10
TODAY = date(2026, 3, 18)
SHEET = (
    "name,profile_url,channel,sent_on,responded_on,outcome,meeting_on,career_option,fit,referred_by,notes\n"
    "Jane Doe,,email,2026-02-03,2026-02-05,agreed,2026-03-01,Data science,4,Bob Smith,Nice\n"
    "Sam Smith,,linkedin,2026-02-04,,,,,,,\n"
)


def dump(conn: db.Connection, *, imports: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted (the import record tables left out unless asked for)."""
    tables = [
        r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    ]
    return {
        t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
        for t in tables
        if imports or not t.startswith("import_")
    }


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample export on disk, as ``coach demo --linkedin-export`` writes it."""
    path = tmp_path / SAMPLE_FILE_NAME
    path.write_bytes(linkedin_zip())
    return path


def with_history(conn: db.Connection) -> int:
    """A seeker whose store already holds contacts, requests and edits, among them one of the
    sample's connections without the company and position the sample has (the import fills them in)."""
    seeker_id = store.add_seeker(conn, "Ana Lopez").id
    apply(conn, tracker.plan(conn, SHEET.encode(), seeker_id=seeker_id, today=TODAY, file_name="first.csv"))
    conn.execute("UPDATE contact SET warmth = 'cold', company = NULL WHERE first_name = 'Jane'")
    conn.execute(
        "INSERT INTO contact (seeker_id, first_name, last_name, profile_url) VALUES (?, 'Bo', 'Berg', ?)",
        [seeker_id, slug("Bo Berg")],
    )
    return seeker_id


def test_apply_records_the_import_and_undo_restores_the_store_exactly(
    conn: db.Connection, sample: Path
) -> None:
    seeker_id = with_history(conn)
    before = dump(conn, imports=False)
    plan = linkedin.plan(conn, sample, seeker_id=seeker_id)
    assert plan.counts == {
        "contacts": {"new": CONTACTS - 1, "updated": 1, "unchanged": 0, "skipped": 0},
        "requests": {"new": REQUESTS, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    result = apply(conn, plan)
    assert dump(conn, imports=False) != before
    latest = list_imports(conn, seeker_id)[0]
    assert (latest["id"], latest["kind"], latest["file_name"], latest["undone_at"]) == (
        result.import_id,
        "linkedin",
        SAMPLE_FILE_NAME,
        None,
    )
    assert latest["counts"] == plan.counts
    summary = undo_last(conn, seeker_id)
    assert summary.import_id == result.import_id
    assert summary.deleted == {"contact": CONTACTS - 1, "outreach": REQUESTS}
    assert summary.restored == {"contact": 1}
    assert dump(conn, imports=False) == before
    assert list_imports(conn, seeker_id)[0]["undone_at"] is not None


def test_inserted_rows_are_recorded_as_runs_of_ids(conn: db.Connection, sample: Path) -> None:
    seeker_id = store.add_seeker(conn, "Ana Lopez").id
    plan = linkedin.plan(conn, sample, seeker_id=seeker_id)
    result = apply(conn, plan)
    runs = conn.execute(
        "SELECT table_name, row_id, last_row_id FROM import_change WHERE import_id = ? AND action = 'insert'",
        [result.import_id],
    ).fetchall()
    assert plan.counts["contacts"]["new"] == CONTACTS and plan.counts["requests"]["new"] == REQUESTS
    assert sorted((t, (last or first) - first + 1) for t, first, last in runs) == [
        ("contact", CONTACTS),
        ("outreach", REQUESTS),
    ]


def test_undo_reads_both_runs_and_single_rows(conn: db.Connection, sample: Path) -> None:
    seeker_id = with_history(conn)
    before = dump(conn, imports=False)
    plan = linkedin.plan(conn, sample, seeker_id=seeker_id)
    import_id = apply(conn, plan).import_id
    # The new requests as an earlier version recorded inserts: one row each.
    conn.execute(
        "INSERT INTO import_change (seeker_id, import_id, table_name, row_id, action) "
        "SELECT c.seeker_id, c.import_id, c.table_name, unnest(range(c.row_id, c.last_row_id + 1)), 'insert' "
        "FROM import_change c WHERE c.import_id = ? AND c.table_name = 'outreach' AND c.last_row_id IS NOT NULL",
        [import_id],
    )
    conn.execute(
        "DELETE FROM import_change WHERE import_id = ? AND table_name = 'outreach' AND last_row_id IS NOT NULL",
        [import_id],
    )
    singles = "SELECT count(*) FROM import_change WHERE table_name = 'outreach' AND last_row_id IS NULL"
    assert db.scalar(conn, singles) == REQUESTS
    assert undo_last(conn, seeker_id).deleted == {"contact": CONTACTS - 1, "outreach": REQUESTS}
    assert dump(conn, imports=False) == before


def test_undo_walks_back_one_import_at_a_time(conn: db.Connection) -> None:
    empty = dump(conn, imports=False)
    seeker_id = with_history(conn)
    conn.execute("DELETE FROM contact WHERE first_name = 'Bo'")
    first = dump(conn, imports=False)
    apply(conn, tracker.plan(conn, SHEET.replace("Nice", "Nicer").encode(), seeker_id=seeker_id, today=TODAY))
    assert undo_last(conn, seeker_id).kind == "tracker"
    assert dump(conn, imports=False) == first
    undo_last(conn, seeker_id)
    conn.execute("UPDATE contact SET warmth = 'unknown'")
    assert {t: r for t, r in dump(conn, imports=False).items() if t != "seeker"} == {
        t: r for t, r in empty.items() if t != "seeker"
    }
    with pytest.raises(ImportProblem, match="no import to undo"):
        undo_last(conn, seeker_id)


def test_undo_refuses_when_later_records_depend_on_the_import(conn: db.Connection, sample: Path) -> None:
    seeker_id = store.add_seeker(conn, "Ana Lopez").id
    apply(conn, linkedin.plan(conn, sample, seeker_id=seeker_id))
    contact = db.scalar(conn, "SELECT min(id) FROM contact")
    conn.execute(
        "INSERT INTO meeting (seeker_id, contact_id, held_on) VALUES (?, ?, DATE '2026-11-02')",
        [seeker_id, contact],
    )
    before = dump(conn)
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_last(conn, seeker_id)
    assert dump(conn) == before


def test_a_bad_file_leaves_the_store_as_it_was(conn: db.Connection, sample: Path) -> None:
    seeker_id = with_history(conn)
    before = dump(conn)
    damaged = sample.read_bytes()[: sample.stat().st_size // 2]
    with pytest.raises(ImportProblem):
        apply(conn, linkedin.plan(conn, damaged, seeker_id=seeker_id, file_name="export.zip"))
    assert dump(conn) == before


def test_a_crash_while_writing_rolls_everything_back(conn: db.Connection, sample: Path) -> None:
    seeker_id = with_history(conn)
    before = dump(conn)
    plan = linkedin.plan(conn, sample, seeker_id=seeker_id)

    def crash(fraction: float, message: str) -> None:
        if fraction >= 0.5:
            raise RuntimeError(f"crashed while {message}")

    with pytest.raises(RuntimeError, match="crashed"):
        apply(conn, plan, progress=crash)
    assert dump(conn) == before
    apply(conn, plan)
    assert db.scalar(conn, "SELECT count(*) FROM import_run") == 2


def test_a_kill_while_writing_leaves_the_file_as_it_was(store_file: str, sample: Path) -> None:
    with db.session(store_file) as conn:
        seeker_id = with_history(conn)
        before = dump(conn)
    script = textwrap.dedent(
        f"""
        import os, signal
        from coach.store import db
        from coach.importers import apply, linkedin

        def kill(fraction, message):
            if fraction >= 0.5:
                os.kill(os.getpid(), signal.SIGKILL)

        with db.session({store_file!r}) as conn:
            apply(conn, linkedin.plan(conn, {str(sample)!r}, seeker_id={seeker_id}), progress=kill)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == -9, done.stderr.decode()
    with db.session(store_file) as conn:
        assert dump(conn) == before


def test_partial_imports_need_consent(conn: db.Connection) -> None:
    seeker_id = store.add_seeker(conn, "Ana Lopez").id
    sheet = "name,sent_on,fit,meeting_on\nJane Doe,2026-02-03,,\nJohn Roe,2026-02-04,7,2026-03-01\n"
    plan = tracker.plan(conn, sheet.encode(), seeker_id=seeker_id, today=TODAY, file_name="t.csv")
    with pytest.raises(ImportProblem, match=r't.csv, row 3, column "fit"') as refused:
        apply(conn, plan)
    assert (refused.value.file, refused.value.row, refused.value.column) == ("t.csv", 3, "fit")
    assert list_imports(conn, seeker_id) == []
    result = apply(conn, plan, accept_partial=True)
    assert result.counts["requests"] == {"new": 1, "updated": 0, "unchanged": 0, "skipped": 1}


def test_a_plan_is_applied_once_and_only_to_the_store_it_saw(conn: db.Connection, sample: Path) -> None:
    seeker_id = store.add_seeker(conn, "Ana Lopez").id
    stale = linkedin.plan(conn, sample, seeker_id=seeker_id)
    fresh = linkedin.plan(conn, sample, seeker_id=seeker_id)
    apply(conn, fresh)
    with pytest.raises(ImportProblem, match="already imported"):
        apply(conn, fresh)
    with pytest.raises(ImportProblem, match="changed since"):
        apply(conn, stale)
    with pytest.raises(ImportProblem, match="No seeker"):
        linkedin.plan(conn, sample, seeker_id=999)


def test_summary_names_each_entity_and_state() -> None:
    counts = {
        "contacts": {"new": 154, "updated": 3, "unchanged": 20, "skipped": 1},
        "requests": {"new": 1, "updated": 0, "unchanged": 0, "skipped": 0},
        "career_options": {"new": 2, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    assert summary(counts) == "154 new contacts, 1 new request, 2 new career options; 3 contacts updated"
    assert summary({"contacts": {"new": 0, "updated": 0}}) == "nothing new"
    assert summary({"contacts": {"new": 0, "updated": 1}}) == "nothing new; 1 contact updated"


def test_undo_text_names_each_entity_and_what_was_put_back() -> None:
    def text(deleted: dict[str, int], restored: dict[str, int]) -> str:
        return undo_text(UndoSummary(3, "linkedin", "export.zip", deleted, restored))

    assert text({"contact": 154, "outreach": 61}, {}) == "removed 154 contacts and 61 requests"
    assert text({"outreach": 1}, {"contact": 1}) == (
        "removed 1 request; put back the earlier values of 1 contact"
    )
    assert text({"career_option": 2, "meeting": 1, "referral": 3}, {"outreach": 2}) == (
        "removed 2 career options, 1 meeting and 3 referrals; put back the earlier values of 2 requests"
    )
    assert text({}, {}) == "removed nothing"
