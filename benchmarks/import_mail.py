"""How long importing a big mailbox takes, as a whole `coach import mail` process, and its peak memory.

Writes an mbox of 50,000 messages (about 200 MB: bodies of a few kilobytes, a tenth of the
threads labelled "Job search", some answered, the rest newsletters, group mail and family
threads), then runs `coach import mail --label "Job search"` on a new store and prints the
seconds and the process's peak resident memory. Targets: under 30 s and under 500 MB.

    .venv/bin/python benchmarks/import_mail.py [--messages 50000] [--body-kb 4]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ME = "ana.lopez@example.org"


def write_mbox(path: Path, messages: int, body_kb: int) -> int:
    """The mailbox; how many requests it holds."""
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n") * max(body_kb, 1)
    filler = filler[: body_kb * 1024]
    requests = 0
    with path.open("wb") as out:
        for n in range(messages):
            kind = n % 10
            day = 1 + n % 28
            if kind == 0:  # a request, labelled
                requests += 1
                sender, to, labels, subject = (
                    f"Ana Lopez <{ME}>",
                    f"Person {n} <p{n}@org{n % 700}.example>",
                    "Sent,Job search",
                    f"Question {n}",
                )
                extra = ""
            elif kind == 1:  # its answer
                sender, to, labels, subject = (
                    f"Person {n - 1} <p{n - 1}@org{(n - 1) % 700}.example>",
                    ME,
                    "Inbox,Job search",
                    f"Re: Question {n - 1}",
                )
                extra = f"In-Reply-To: <m{n - 1}@example.org>\nReferences: <m{n - 1}@example.org>\n"
            elif kind < 6:
                sender, to, labels, subject = "News <news@list.example>", ME, "Inbox", f"Issue {n}"
                extra = "List-Unsubscribe: <mailto:leave@list.example>\n"
            else:
                sender, to, labels, subject = (
                    f"Ana Lopez <{ME}>",
                    f"Family {n} <f{n}@home.example>",
                    "Sent",
                    f"Dinner {n}",
                )
                extra = ""
            head = (
                f"From {n}@xxx Mon Mar 02 10:00:00 +0000 2026\n"
                f"From: {sender}\nTo: {to}\nSubject: {subject}\n"
                f"Date: Mon, {day:02} Mar 2026 10:{n % 60:02}:00 +0100\nMessage-ID: <m{n}@example.org>\n"
                f"{extra}X-Gmail-Labels: {labels}\nMIME-Version: 1.0\n"
                'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
            )
            out.write(head.encode() + filler.encode() + b"\n\n")
    return requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--body-kb", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-mail-bench-") as tmp:
        folder = Path(tmp)
        mailbox = folder / "All mail.mbox"
        begin = time.perf_counter()
        requests = write_mbox(mailbox, args.messages, args.body_kb)
        size = mailbox.stat().st_size / 1e6
        print(
            f"mailbox: {args.messages:,} messages, {size:.0f} MB, {requests:,} requests, "
            f"written in {time.perf_counter() - begin:.1f} s"
        )
        env = {**os.environ, "COACH_DB": str(folder / "bench.duckdb")}
        coach = [sys.executable, "-m", "coach"]
        subprocess.run([*coach, "seeker", "add", "Ana Lopez"], env=env, check=True, capture_output=True)
        begin = time.perf_counter()
        done = subprocess.run(
            [
                *coach,
                "import",
                "mail",
                str(mailbox),
                "--seeker",
                "Ana Lopez",
                "--label",
                "Job search",
                "--json",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - begin
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if done.returncode != 0:
            sys.exit(f"the import failed: {done.stderr or done.stdout}")
        print(f"coach import mail (whole process): {seconds:.1f} s (target < 30 s)")
        print(f"peak memory: {peak_mb:.0f} MB (target < 500 MB)")
        print("verdict:", "met" if seconds < 30 and peak_mb < 500 else "NOT met")


if __name__ == "__main__":
    main()
