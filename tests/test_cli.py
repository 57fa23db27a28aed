"""The command line: every command, its help, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coach import store
from coach.cli import main
from coach.demo.sample_export import SAMPLE_OWNER, linkedin_zip
from coach.store import db


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.output


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(main), ids=lambda p: " ".join(p) or "coach")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    code, output = run(*path, "--help")
    assert code == 0
    assert "Usage:" in output
    command: click.Command | None = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None and command.help and len(command.help) > 15


def test_init_creates_the_store(store_file: str) -> None:
    code, output = run("init", "--db", store_file)
    assert code == 0 and f"Store ready at {store_file}" in output
    with db.session(store_file) as conn:
        assert db.schema_version(conn) == db.migrations()[-1].version


def test_db_comes_from_the_environment(store_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_DB", store_file)
    assert run("seeker", "add", "Ana Lopez")[0] == 0
    with db.session(store_file) as conn:
        assert [s.name for s in store.list_seekers(conn)] == ["Ana Lopez"]


def test_seeker_add_and_list(store_file: str) -> None:
    assert run("seeker", "list", "--db", store_file) == (
        0,
        "No seekers yet. Add one with: coach seeker add NAME\n",
    )
    assert run("seeker", "add", "Ana Lopez", "--goal", "7", "--db", store_file)[0] == 0
    code, output = run("seeker", "add", "Ana Lopes", "--db", store_file)
    assert code == 1
    assert output.strip().splitlines() == [
        "Error: 'Ana Lopes' is close to the existing seeker 'Ana Lopez'. Did you mean 'Ana Lopez'? "
        "Add --new-seeker to create 'Ana Lopes' anyway."
    ]
    assert run("seeker", "add", "Ana Lopes", "--new-seeker", "--db", store_file)[0] == 0
    assert run("seeker", "list", "--db", store_file) == (
        0,
        "Ana Lopes  weekly goal 5\nAna Lopez  weekly goal 7\n",
    )


def test_option_add_set_list(store_file: str) -> None:
    run("seeker", "add", "Ana Lopez", "--db", store_file)
    assert run("option", "add", "UX research", "--seeker", "Ana Lopez", "--db", store_file)[0] == 0
    code, output = run(
        "option",
        "set",
        "UX research",
        "--status",
        "chosen",
        "--seeker",
        "ana lopez",
        "--on",
        "2026-02-01",
        "--db",
        store_file,
    )
    assert (code, output) == (0, "'UX research' is now chosen on 2026-02-01.\n")
    assert run("option", "list", "--seeker", "Ana Lopez", "--db", store_file) == (
        0,
        "UX research: chosen (decided 2026-02-01)\n",
    )


def test_option_set_defaults_decision_to_today(store_file: str) -> None:
    from datetime import date

    run("seeker", "add", "Ana Lopez", "--db", store_file)
    run("option", "add", "UX research", "--seeker", "Ana Lopez", "--db", store_file)
    code, output = run(
        "option", "set", "UX research", "--status", "dropped", "--seeker", "Ana Lopez", "--db", store_file
    )
    assert code == 0 and f"on {date.today().isoformat()}" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("option", "list", "--seeker", "Nobody"), "No seeker called 'Nobody'"),
        (("option", "set", "Law", "--status", "chosen", "--seeker", "Ana Lopez"), "No career option 'Law'"),
        (("option", "set", "UX", "--status", "maybe", "--seeker", "Ana Lopez"), "'maybe' is not one of"),
        (
            ("option", "set", "UX", "--status", "chosen", "--on", "31/01/2026", "--seeker", "Ana Lopez"),
            "not a date like",
        ),
        (
            ("option", "set", "UX", "--status", "leaning", "--on", "2026-01-31", "--seeker", "Ana Lopez"),
            "--on is the decided-on date",
        ),
        (("option", "add", "UX", "--seeker", "Ana Lopez"), "already exists"),
        (("seeker", "add", "   "), "needs a name"),
    ],
)
def test_errors_are_one_clear_line(store_file: str, args: tuple[str, ...], message: str) -> None:
    run("seeker", "add", "Ana Lopez", "--db", store_file)
    run("option", "add", "UX", "--seeker", "Ana Lopez", "--db", store_file)
    code, output = run(*args, "--db", store_file)
    assert code != 0
    assert message in output
    assert "Traceback" not in output


def test_not_a_store_file_is_one_line(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "sheet.duckdb"  # type: ignore[operator]
    path.write_text("name,company\nAna,Acme\n" * 100)
    code, output = run("seeker", "list", "--db", str(path))
    assert code == 1 and output.startswith("Error: ") and "not a DuckDB database" in output


def test_demo_rebuilds_and_keeps_other_seekers(store_file: str) -> None:
    run("seeker", "add", "Ana Lopez", "--db", store_file)
    assert run("demo", "--db", store_file, "--anchor", "2026-03-18")[0] == 0
    assert run("demo", "--db", store_file, "--anchor", "2026-03-18")[0] == 0
    with db.session(store_file) as conn:
        seekers = store.list_seekers(conn)
    assert sum(s.is_demo for s in seekers) == 2
    assert [s.name for s in seekers if not s.is_demo] == ["Ana Lopez"]


def test_demo_writes_the_sample_export_and_it_imports_for_its_owner(store_file: str, tmp_path: Path) -> None:
    out = tmp_path / "samples" / "export.zip"
    code, output = run("demo", "--linkedin-export", str(out), "--db", store_file)
    assert code == 0, output
    assert out.read_bytes() == linkedin_zip()
    assert not Path(store_file).exists()  # the store is left alone: not even created
    command = output.split("Import it with: ")[1].split()
    assert command[:3] == ["coach", "import", "linkedin"] and f"--seeker {SAMPLE_OWNER!r}" in output
    code, output = run("import", "linkedin", str(out), "--seeker", SAMPLE_OWNER, "--db", store_file)
    assert code == 0, output
    with db.session(store_file) as conn:
        (seeker,) = store.list_seekers(conn)
        assert seeker.name == SAMPLE_OWNER
        assert (len(store.load_contacts(conn, seeker.id)), len(store.load_outreach(conn, seeker.id))) == (
            10,
            10,
        )


def test_demo_says_in_one_line_when_the_sample_export_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    code, output = run("demo", "--linkedin-export", str(tmp_path / "taken" / "export.zip"))
    assert code == 1 and output.startswith("Error: Cannot write ") and "is a file, not a folder" in output


def test_python_dash_m_runs_the_cli(store_file: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coach", "init", "--db", store_file],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "Store ready" in done.stdout


def test_busy_store_is_a_plain_message(store_file: str) -> None:
    run("init", "--db", store_file)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({store_file!r}); "
            "print('holding', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        done = subprocess.run(
            [sys.executable, "-m", "coach", "seeker", "add", "Ana Lopez", "--db", store_file],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        holder.communicate("\n", timeout=10)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: The store {store_file} is in use by ")
    assert f"(PID {holder.pid})" in lines[0] and lines[0].endswith("then try again.")


@pytest.fixture
def demo_store(demo_file: str, tmp_path: Path) -> str:
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(Path(demo_file).read_bytes())
    return str(copy)


def test_report_json_follows_the_contract(demo_store: str) -> None:
    import json

    from coach.rules.followups import due_counts
    from coach.store import due_for, due_list_for
    from tests.conftest import ANCHOR

    code, output = run(
        "report", "--seeker", "Maya Chen", "--as-of", ANCHOR.isoformat(), "--json", "--db", demo_store
    )
    assert code == 0
    report = json.loads(output)
    assert set(report) == {
        *("seeker", "as_of", "outreach", "meetings", "network", "career_options", "due", "due_let_go")
    }
    assert (report["seeker"], report["as_of"]) == ("Maya Chen", ANCHOR.isoformat())
    outreach = report["outreach"]
    assert outreach["response_rate"]["k"] == outreach["responded"]
    assert (
        outreach["response_rate"]["n"]
        == outreach["closed"]
        == outreach["responded"] + outreach["no_response"]
    )
    assert outreach["sent"] == outreach["pending"] + outreach["closed"]
    with db.session(demo_store) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        assert report["due"] == due_counts(due_for(conn, maya, as_of=ANCHOR))
        assert report["due_let_go"] == due_list_for(conn, maya, as_of=ANCHOR).let_go_counts
        assert sum(report["due_let_go"].values()) > 0
    assert sum(o["decided_on_red"] for o in report["career_options"]) == 1
    earlier = json.loads(
        run("report", "--seeker", "Maya Chen", "--as-of", "2026-01-01", "--json", "--db", demo_store)[1]
    )
    assert earlier["outreach"]["sent"] < outreach["sent"]


def test_report_as_a_table(demo_store: str) -> None:
    code, output = run("report", "--seeker", "Maya Chen", "--as-of", "2026-03-18", "--db", demo_store)
    assert code == 0 and output.startswith("Maya Chen · as of 2026-03-18")
    assert "Response rate" in output and " of " in output


def test_report_path_imports_neither_streamlit_nor_plotly(demo_store: str) -> None:
    script = (
        "import sys\nfrom click.testing import CliRunner\nfrom coach.cli import main\n"
        f"r = CliRunner().invoke(main, ['report', '--seeker', 'Maya Chen', '--json', '--db', {demo_store!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('streamlit', 'plotly') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_due_lists_items_with_overdue_days(demo_store: str) -> None:
    import json

    from coach.rules.followups import PRIORITY
    from coach.store import due_list_for

    code, output = run("due", "--seeker", "Maya Chen", "--as-of", "2026-03-18", "--json", "--db", demo_store)
    got = json.loads(output)
    assert set(got) == {"items", "let_go"}
    items = got["items"]
    assert code == 0 and {i["kind"] for i in items} >= {
        "thank_you",
        "nudge",
        "referral_loop",
        "keep_in_touch",
    }
    assert all(0 <= i["overdue_days"] <= 30 for i in items if i["kind"] != "action")
    assert [PRIORITY.index(i["kind"]) for i in items] == sorted(PRIORITY.index(i["kind"]) for i in items)
    with db.session(demo_store) as conn:
        listed = due_list_for(conn, store.find_seeker(conn, "Maya Chen"), as_of=date(2026, 3, 18))
    assert got["let_go"] == listed.let_go_counts and [i["key"] for i in items] == [
        i.key for i in listed.items
    ]
    code, text = run("due", "--seeker", "Maya Chen", "--as-of", "2026-03-18", "--db", demo_store)
    lines = text.strip().splitlines()
    gone = sum(got["let_go"].values())
    assert code == 0 and len(lines) == len(items) + 1
    assert lines[-1].startswith(f"{gone} older items let go (") and "--json" not in lines[-1]
    code, text = run("due", "--seeker", "Daniel Okafor", "--as-of", "2020-01-01", "--db", demo_store)
    assert text.strip() == "Nothing is due for Daniel Okafor as of 2020-01-01."


def test_log_outreach_meeting_and_thank_you(store_file: str) -> None:
    from coach.store import tracking

    run("seeker", "add", "Ana Lopez", "--db", store_file)
    with db.session(store_file) as conn:
        ana = store.find_seeker(conn, "Ana Lopez")
        tracking.add_contact(
            conn, ana.id, tracking.NewContact("Bo", "Berg", company="Acme"), today=date(2026, 1, 1)
        )
        store.add_option(conn, ana.id, "UX research", today=date(2026, 1, 1))
    assert (
        run(
            "log",
            "outreach",
            "--seeker",
            "Ana Lopez",
            "--contact",
            "bo berg",
            "--channel",
            "email",
            "--on",
            "2026-03-01",
            "--db",
            store_file,
        )[0]
        == 0
    )
    assert (
        run(
            "log",
            "meeting",
            "--seeker",
            "Ana Lopez",
            "--contact",
            "Bo Berg",
            "--on",
            "2026-03-10",
            "--option",
            "ux research",
            "--fit",
            "4",
            "--db",
            store_file,
        )[0]
        == 0
    )
    assert (
        run(
            "log",
            "thank-you",
            "--seeker",
            "Ana Lopez",
            "--contact",
            "Bo Berg",
            "--on",
            "2026-03-11",
            "--db",
            store_file,
        )[0]
        == 0
    )
    with db.session(store_file) as conn:
        meetings = store.load_meetings(conn, ana.id)
        assert meetings[["contact", "company", "fit"]].values.tolist() == [["Bo Berg", "Acme", 4]]
        assert meetings["thank_you_on"].dt.date.tolist() == [date(2026, 3, 11)]
        assert store.load_meeting_options(conn, ana.id)["title"].tolist() == ["UX research"]
        assert store.load_outreach(conn, ana.id)["sent_on"].dt.date.tolist() == [date(2026, 3, 1)]
    code, output = run(
        "log", "thank-you", "--seeker", "Ana Lopez", "--contact", "Bo Berg", "--db", store_file
    )
    assert code == 1 and "No meeting with this contact is waiting for a thank-you." in output
    code, output = run(
        "log",
        "outreach",
        "--seeker",
        "Ana Lopez",
        "--contact",
        "Bo Berk",
        "--channel",
        "email",
        "--db",
        store_file,
    )
    assert code == 1 and "Did you mean 'Bo Berg'?" in output
    code, output = run(
        "log",
        "meeting",
        "--seeker",
        "Ana Lopez",
        "--contact",
        "Bo Berg",
        "--on",
        "2030-01-01",
        "--fit",
        "3",
        "--db",
        store_file,
    )
    assert code == 1 and "still to come" in output


def test_logging_the_same_request_or_meeting_twice_needs_again(store_file: str) -> None:
    from coach.store import tracking

    run("seeker", "add", "Ana Lopez", "--db", store_file)
    with db.session(store_file) as conn:
        ana = store.find_seeker(conn, "Ana Lopez")
        tracking.add_contact(conn, ana.id, tracking.NewContact("Bo", "Berg"), today=date(2026, 1, 1))
    request = ("log", "outreach", "--seeker", "Ana Lopez", "--contact", "Bo Berg", "--channel", "email")
    meeting = ("log", "meeting", "--seeker", "Ana Lopez", "--contact", "Bo Berg", "--minutes", "20")
    for command in (request, meeting):
        assert run(*command, "--on", "2026-03-02", "--db", store_file)[0] == 0
    code, output = run(*request, "--on", "2026-03-02", "--db", store_file)
    assert code == 1
    assert output.strip() == (
        "Error: A request to Bo Berg by E-mail on 2 Mar 2026 is already logged (15 minutes asked)."
        " Add --again to log a second one."
    )
    code, output = run(*meeting, "--on", "2026-03-02", "--db", store_file)
    assert code == 1
    assert "A conversation with Bo Berg on 2 Mar 2026 is already logged (Video call, 20 minutes)." in output
    assert "--again" in output
    with db.session(store_file) as conn:
        assert (len(store.load_outreach(conn, ana.id)), len(store.load_meetings(conn, ana.id))) == (1, 1)
    assert run(*request, "--on", "2026-03-02", "--again", "--db", store_file)[0] == 0
    assert run(*meeting, "--on", "2026-03-02", "--again", "--db", store_file)[0] == 0
    assert run(*request, "--on", "2026-03-02", "--channel", "phone", "--db", store_file)[0] == 0
    assert run(*meeting, "--on", "2026-03-03", "--db", store_file)[0] == 0
    with db.session(store_file) as conn:
        assert (len(store.load_outreach(conn, ana.id)), len(store.load_meetings(conn, ana.id))) == (3, 3)
