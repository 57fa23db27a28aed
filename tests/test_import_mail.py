"""The mail importer: which threads are requests, their follow-ups and answers, people, re-imports."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import store
from coach.importers import ImportProblem, OwnerNeeded, Plan, apply, mail, undo_last
from coach.importers.mail_read import first_line, html_text
from coach.store import db
from tests.mailboxes import ME, Mail, job_search, mbox

TODAY = date(2026, 3, 18)


def seeker(conn: db.Connection) -> int:
    sid = store.add_seeker(conn, "Ana Lopez").id
    for first, last, email, company in (
        ("Hana", "Mori", "Hana@Northwind.example", "Northwind"),
        ("Oskar", "Berg", "oskar@globex.example", "Globex"),
        ("Lena", "Vogt", "lena@initech.example", "Initech"),
    ):
        conn.execute(
            "INSERT INTO contact (seeker_id, first_name, last_name, email, company) VALUES (?, ?, ?, ?, ?)",
            [sid, first, last, email, company],
        )
    return sid


def plan_of(conn: db.Connection, data: bytes, sid: int, **kwargs: Any) -> Plan:
    kwargs.setdefault("file_name", "All mail Including Spam and Trash.mbox")
    return mail.plan(conn, data, seeker_id=sid, today=TODAY, **kwargs)


def requests(conn: db.Connection) -> list[dict[str, Any]]:
    return db.rows(
        conn,
        "SELECT c.first_name || ' ' || c.last_name AS who, o.sent_on, o.channel, o.followed_up_on, "
        "o.responded_on, o.outcome, o.reply_excerpt, o.mail_thread, o.message "
        "FROM outreach o JOIN contact c ON c.id = o.contact_id ORDER BY o.sent_on",
    )


def test_a_labelled_mailbox_gives_its_requests_follow_ups_and_answers(conn: db.Connection) -> None:
    sid = seeker(conn)
    plan = plan_of(conn, mbox(job_search()), sid, label="Job search")
    assert plan.owner_address == ME and "labelled Sent" in plan.owner_how
    # Skipped: the draft, the newsletter, the group mail, the no-reply notice and the family thread.
    assert plan.counts["requests"] == {"new": 3, "updated": 0, "unchanged": 0, "skipped": 5}
    assert plan.counts["contacts"] == {"new": 1, "updated": 0, "unchanged": 2, "skipped": 0}
    assert not plan.rejected
    apply(conn, plan)
    found = requests(conn)
    assert [
        (r["who"], r["sent_on"], r["followed_up_on"], r["responded_on"], r["outcome"]) for r in found
    ] == [
        # Hana answered on the 10th at 23:30 in California: the 11th in Ana's zone, whose days these are.
        ("Hana Mori", date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 11), None),
        ("Dana Pike", date(2026, 3, 4), None, date(2026, 3, 9), None),
        ("Oskar Berg", date(2026, 3, 5), None, None, None),
    ]
    assert [r["channel"] for r in found] == ["email"] * 3
    assert [r["reply_excerpt"] for r in found] == [
        "Happy to! Thursday at 10 works.",
        "Sorry for the delay – sure, next week?",
        None,
    ]
    assert found[0]["message"].startswith("Hi Hana,\nWould you have 15 minutes")
    assert [r["mail_thread"] for r in found] == [
        "<r1@mail.example.org>",
        "<r2@mail.example.org>",
        "<r3@mail.example.org>",
    ]
    (dana,) = db.rows(conn, "SELECT * FROM contact WHERE last_name = 'Pike'")
    assert (dana["first_name"], dana["email"], dana["source"], dana["added_on"]) == (
        "Dana",
        "dana.pike@pinnacle.example",
        "other",
        TODAY,
    )
    # What was left out is counted, with its reasons.
    left = " ".join(plan.notes)
    for reason in (mail.DRAFT, mail.BULK, mail.GROUP, mail.NO_REPLY, f"{mail.NO_LABEL} Job search"):
        assert reason in left
    assert run_id_owner(conn) == ME


def run_id_owner(conn: db.Connection) -> str:
    (row,) = conn.execute("SELECT owner FROM import_run").fetchall()
    return str(row[0])


def test_without_a_label_only_threads_with_known_people_are_read(conn: db.Connection) -> None:
    sid = seeker(conn)
    plan = plan_of(conn, mbox(job_search()), sid)
    apply(conn, plan)
    assert [r["who"] for r in requests(conn)] == ["Hana Mori", "Oskar Berg"]
    assert plan.counts["contacts"]["new"] == 0
    # Dana's thread and the family thread: people not among the contacts, counted and named.
    assert any("(2 other threads left out)" in n for n in plan.notes)


def test_importing_the_same_mail_again_changes_nothing_and_undo_takes_it_back(conn: db.Connection) -> None:
    sid = seeker(conn)
    apply(conn, plan_of(conn, mbox(job_search()), sid, label="Job search"))
    before = requests(conn)
    again = plan_of(conn, mbox(job_search()), sid, label="Job search")
    assert again.counts["requests"] == {"new": 0, "updated": 0, "unchanged": 3, "skipped": 5}
    assert again.counts["contacts"]["new"] == 0
    apply(conn, again)
    assert requests(conn) == before
    undo_last(conn, sid)
    undo_last(conn, sid)
    assert requests(conn) == []
    assert conn.execute("SELECT count(*) FROM contact").fetchone() == (3,)


def test_a_request_logged_by_hand_is_filled_in_not_doubled_and_never_overwritten(conn: db.Connection) -> None:
    sid = seeker(conn)
    conn.execute(
        "INSERT INTO outreach (seeker_id, contact_id, sent_on, channel, message, outcome, responded_on) "
        "VALUES (?, 1, DATE '2026-03-02', 'email', 'My own words', 'agreed', DATE '2026-03-12')",
        [sid],
    )
    plan = plan_of(conn, mbox(job_search()), sid, label="Job search")
    assert plan.counts["requests"]["updated"] == 1 and plan.counts["requests"]["new"] == 2
    apply(conn, plan)
    hana = requests(conn)[0]
    assert (hana["message"], hana["outcome"], hana["responded_on"]) == (
        "My own words",
        "agreed",
        date(2026, 3, 12),
    )
    assert (hana["followed_up_on"], hana["mail_thread"]) == (date(2026, 3, 9), "<r1@mail.example.org>")
    assert hana["reply_excerpt"] == "Happy to! Thursday at 10 works."
    assert conn.execute("SELECT count(*) FROM outreach").fetchone() == (3,)


def test_since_leaves_out_earlier_requests(conn: db.Connection) -> None:
    sid = seeker(conn)
    plan = plan_of(conn, mbox(job_search()), sid, label="Job search", since=date(2026, 3, 4))
    assert plan.counts["requests"]["new"] == 2
    assert any(mail.BEFORE in n for n in plan.notes)


def test_the_owner_is_asked_for_when_nothing_says_it(conn: db.Connection) -> None:
    sid = seeker(conn)
    unlabelled = [Mail(**{**m.__dict__, "labels": ""}) for m in job_search()]
    with pytest.raises(OwnerNeeded) as asked:
        plan_of(conn, mbox(unlabelled), sid)
    assert asked.value.candidates[0] == ME
    plan = plan_of(conn, mbox(unlabelled), sid, me=f" {ME.upper()} ")
    # Without labels the draft to Lena reads as sent mail: a request too.
    assert plan.owner_address == ME and plan.counts["requests"]["new"] == 3
    apply(conn, plan)
    # The address is learned for the next import.
    assert plan_of(conn, mbox(unlabelled), sid).owner_address == ME
    with pytest.raises(ImportProblem, match="not an e-mail address"):
        plan_of(conn, mbox(unlabelled), sid, me="Ana Lopez")


def test_eml_files_and_a_folder_of_them(conn: db.Connection, tmp_path: Path) -> None:
    sid = seeker(conn)
    for number, message in enumerate(job_search()):
        (tmp_path / f"{number:02}.eml").write_bytes(message.raw().replace(b"\n", b"\r\n"))
    plan = mail.plan(conn, tmp_path, seeker_id=sid, today=TODAY, label="Job search")
    assert plan.counts["requests"]["new"] == 3
    apple = tmp_path / "apple" / "Job search.mbox"
    apple.mkdir(parents=True)
    (apple / "mbox").write_bytes(mbox(job_search()))  # Apple Mail's export: a folder holding "mbox"
    exported = mail.plan(conn, tmp_path / "apple", seeker_id=sid, today=TODAY, label="Job search")
    assert exported.counts["requests"]["new"] == 3
    one = mail.plan(
        conn, (tmp_path / "00.eml").read_bytes(), seeker_id=sid, today=TODAY, file_name="a.eml", me=ME
    )
    assert one.counts["requests"]["new"] == 1


def test_a_reply_without_references_joins_by_subject(conn: db.Connection) -> None:
    sid = seeker(conn)
    mails = [
        Mail(ME, "oskar@globex.example", "Your path", "Thu, 05 Mar 2026 10:00:00 +0100", "x1@a.example"),
        Mail("oskar@globex.example", ME, "RE: Your path", "Fri, 06 Mar 2026 10:00:00 +0100", "x2@g.example"),
    ]
    apply(conn, plan_of(conn, mbox(mails), sid, me=ME))
    (found,) = requests(conn)
    assert found["responded_on"] == date(2026, 3, 6)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04\x14\x00rest of a zip", "zip archive"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "is a calendar"),
        (b"just some words\nnot mail at all", "is not mail"),
        (b"\x00\x01\x02binary", "is not mail"),
    ],
)
def test_what_is_not_mail_gets_one_line_naming_the_file(conn: db.Connection, data: bytes, words: str) -> None:
    sid = seeker(conn)
    with pytest.raises(ImportProblem, match=words) as problem:
        plan_of(conn, data, sid, file_name="inbox.mbox")
    assert "inbox.mbox" in str(problem.value) and "\n" not in str(problem.value)


def test_a_truncated_mbox_rejects_the_cut_message_only(conn: db.Connection) -> None:
    sid = seeker(conn)
    data = (
        mbox(job_search()[:3])
        + b"From x Mon Mar 02 10:00:00 2026\nFrom: Ana <"
        + ME.encode()
        + b">\nTo: hana@nor"
    )
    plan = plan_of(conn, data, sid, label="Job search")
    assert plan.counts["requests"]["new"] == 1


def test_helpers_for_bodies() -> None:
    assert html_text("<p>One &amp; two</p><script>x()</script><div>Three</div>") == "One & two\nThree"
    assert first_line("\n> quoted\nThanks, yes!\nOn Mon, Ana wrote:") == "Thanks, yes!"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_the_importers_error(conn: db.Connection, data: bytes) -> None:
    sid = store.add_seeker(conn, f"S {len(data)} {hash(data)}").id
    for prefix in (b"", b"From x Mon Mar 02 10:00:00 2026\n", b"From: a@b.example\n"):
        with contextlib.suppress(ImportProblem):
            plan_of(conn, prefix + data, sid, me=ME)


def test_what_review_found_real_mailboxes_do(conn: db.Connection) -> None:
    """A reply by subject joins the latest such thread; follow-ups go to the person; days are the
    owner's; a name with a comma in encoded words stays one name; impossible dates are rejected."""
    sid = seeker(conn)
    hana = "hana@northwind.example"
    mails = [
        Mail(ME, hana, "Coffee?", "Mon, 03 Mar 2025 10:00:00 +0100", "old@a.example"),
        Mail(ME, hana, "Coffee?", "Mon, 02 Mar 2026 10:00:00 +0100", "new@a.example"),
        # To the referrer in Cc, not to Hana: no follow-up.
        Mail(
            ME,
            "chiara@northwind.example",
            "Re: Coffee?",
            "Tue, 03 Mar 2026 10:00:00 +0100",
            "thanks@a.example",
            in_reply_to="new@a.example",
        ),
        # The answer, after Ana's day ended in her zone: 4 March in Ana's time, 3 March in Hana's.
        Mail(hana, ME, "Re: Coffee?", "Tue, 03 Mar 2026 23:30:00 -0800", "ans@n.example"),
        Mail(
            ME,
            "=?iso-8859-1?Q?M=FCller=2C_J=F6rg?= <joerg@globex.example>",
            "Hello",
            "Wed, 04 Mar 2026 10:00:00 +0100",
            "j@a.example",
        ),
        Mail(ME, "oskar@globex.example", "From the future", "Wed, 04 Mar 2099 10:00:00 +0100", "f@a.example"),
    ]
    plan = plan_of(conn, mbox(mails), sid, me=ME, label=None)
    assert [str(r) for r in plan.rejected] == [
        "All mail Including Spam and Trash.mbox: message 6 (<f@a.example>) is dated 2099-03-04, after today "
        "or outside 1900-2100"
    ]
    apply(conn, plan, accept_partial=True)
    found = {(r["sent_on"], r["who"]): r for r in requests(conn)}
    assert found[(date(2025, 3, 3), "Hana Mori")]["responded_on"] is None
    answered = found[(date(2026, 3, 2), "Hana Mori")]
    assert (answered["followed_up_on"], answered["responded_on"]) == (None, date(2026, 3, 4))


def test_encoded_names_keep_their_comma_and_a_listed_name_matches(conn: db.Connection) -> None:
    sid = seeker(conn)
    conn.execute("INSERT INTO contact (seeker_id, first_name, last_name) VALUES (?, 'Dana', 'Pike')", [sid])
    mails = [
        Mail(
            ME,
            "=?iso-8859-1?Q?M=FCller=2C_J=F6rg?= <joerg@globex.example>",
            "Hello",
            "Wed, 04 Mar 2026 10:00:00 +0100",
            "j@a.example",
            labels="Sent,Job",
        ),
        Mail(
            ME,
            '"Pike, Dana" <dana@pinnacle.example>',
            "Hi",
            "Wed, 04 Mar 2026 11:00:00 +0100",
            "d@a.example",
            labels="Sent,Job",
        ),
    ]
    apply(conn, plan_of(conn, mbox(mails), sid, label="Job"))
    people = conn.execute(
        "SELECT first_name, last_name, email FROM contact WHERE id > 3 ORDER BY id"
    ).fetchall()
    assert people == [("Dana", "Pike", "dana@pinnacle.example"), ("Jörg", "Müller", "joerg@globex.example")]


def test_one_bad_file_in_a_folder_is_rejected_and_the_others_read(
    conn: db.Connection, tmp_path: Path
) -> None:
    sid = seeker(conn)
    (tmp_path / "a.eml").write_bytes(
        b"\xef\xbb\xbf\n" + job_search()[0].raw()
    )  # a BOM and a blank line first
    (tmp_path / "b.eml").write_bytes(b"")
    plan = mail.plan(conn, tmp_path, seeker_id=sid, today=TODAY, me=ME)
    assert plan.counts["requests"]["new"] == 1
    assert [r.reason for r in plan.rejected] == ["b.eml is empty."]


def test_a_message_without_a_message_id_is_the_same_in_a_bigger_export(conn: db.Connection) -> None:
    sid = seeker(conn)
    plain = Mail(ME, "oskar@globex.example", "Path", "Thu, 05 Mar 2026 10:00:00 +0100", "x@a.example").raw()
    plain = b"\n".join(line for line in plain.split(b"\n") if not line.startswith(b"Message-ID"))
    first = b"From a Mon Mar 02 10:00:00 2026\n" + plain + b"\n"
    other = mbox([Mail(ME, "lena@initech.example", "Hi", "Wed, 04 Mar 2026 10:00:00 +0100", "l@a.example")])
    apply(conn, plan_of(conn, first, sid, me=ME))
    again = plan_of(conn, other + first, sid, me=ME)
    assert again.counts["requests"]["new"] == 1 and again.counts["requests"]["unchanged"] == 1


def test_a_second_sent_address_and_an_attached_text_file(conn: db.Connection) -> None:
    sid = seeker(conn)
    work = "ana@work.example"
    attached = (
        f"From: {work}\nTo: oskar@globex.example\nSubject: Path\nDate: Thu, 05 Mar 2026 10:00:00 +0100\n"
        "Message-ID: <w1@work.example>\nX-Gmail-Labels: Sent\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; name="cv.txt"\n\n'
        "MY CV\n--b\nContent-Type: text/plain\n\nHi Oskar, may I ask about your path?\n--b--\n"
    ).encode()
    data = mbox(job_search()) + b"From w Thu Mar 05 10:00:00 2026\n" + attached + b"\n"
    apply(conn, plan_of(conn, data, sid))
    (oskar,) = [r for r in requests(conn) if r["mail_thread"] == "<w1@work.example>"]
    assert oskar["message"] == "Hi Oskar, may I ask about your path?"
