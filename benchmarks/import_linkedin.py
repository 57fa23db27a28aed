"""Time the LinkedIn import on a large synthetic export.

    .venv/bin/python benchmarks/import_linkedin.py [--connections 30000] [--message-rows 200000]

Generates an export (in a child process, so its memory is not counted) with the given
number of connections and message rows, then in this process, for each round: reads its
three CSVs with DuckDB's own ``read_csv`` (the baseline), imports the zip into a new store
(open, plan, apply, close), and imports it again. Prints the best seconds of the rounds
(the machine is shared, so single runs are noisy), peak memory (max RSS) and the ratio of
each import to the baseline: the best import over the best raw read, and the median over
the rounds of each import over the raw read of its own round (measured moments apart, so
a change in the machine's load between rounds does not tilt it). Targets: each import
under 5 s, peak memory under 1 GB, within 4x of the raw read (the median ratio).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from coach.demo.sample_export import (
    CONNECTIONS_HEADER,
    INVITATIONS_HEADER,
    MESSAGES_HEADER,
    PREAMBLE,
    PROFILE_HEADER,
)

FIRST = [
    "Ana",
    "Bruno",
    "Chloé",
    "Dmitri",
    "Émile",
    "Fatima",
    "Grace",
    "Hiro",
    "Inès",
    "Jonas",
    "Karin",
    "Luis",
    "Maja",
    "Nikolai",
    "Olga",
    "Pedro",
    "Quinn",
    "Rosa",
    "Søren",
    "Tomás",
    "Ute",
    "Wei",
    "Yuki",
    "Zoë",
    "Сергей",
    "美咲",
    "지훈",
]
LAST = [
    "Almeida",
    "Bauer",
    "Castro",
    "Dubois",
    "Eriksson",
    "Fernández",
    "García",
    "Hansen",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "López",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quintero",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ünal",
    "Virtanen",
    "Wójcik",
    "Xu",
    "Young",
    "Zhang",
    "Смирнов",
    "佐藤",
    "김",
]
COMPANIES = [
    "Acme",
    "Globex, Inc.",
    "Initech",
    "Umbrella GmbH",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Industries",
    "Soylent Corp",
    "Tyrell SA",
]
POSITIONS = [
    "Engineer",
    "Product Manager",
    'Head of "Growth"',
    "Data Scientist",
    "UX Researcher",
    "Designer 🚀 | Mentor",
    "Analyst",
    "Director, Operations",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EXPORT_AT = dt.datetime(2026, 10, 31, 18, 0, 0)
OWNER = ("Morgan", "Reyes", "https://www.linkedin.com/in/morgan-reyes-0a1b2c3d4")


def _person(rng: random.Random, i: int) -> dict[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    slug = f"{first.lower()}-{last.lower()}-{i:06d}{rng.getrandbits(16):04x}".replace("'", "")
    return {
        "first": first,
        "last": last,
        "url": f"https://www.linkedin.com/in/{slug}",
        "email": f"user{i}@example.org" if rng.random() < 0.25 else "",
        "company": rng.choice(COMPANIES),
        "position": rng.choice(POSITIONS),
    }


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S") + " UTC"


def _sent_at(t: dt.datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year % 100:02d}, {hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def generate(path: Path, connections: int, message_rows: int, seed: int = 7) -> None:
    """Write a synthetic export zip: Connections (with preamble), Invitations, messages, Profile,
    with LinkedIn's header rows as :mod:`coach.demo.sample_export` writes them."""
    rng = random.Random(seed)
    people = [_person(rng, i) for i in range(connections)]
    start = dt.datetime(2019, 1, 1)
    for p in people:
        day = start + dt.timedelta(days=rng.randint(0, 2800))
        p["connected"] = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"
        p["day"] = day.isoformat()
    owner_name = f"{OWNER[0]} {OWNER[1]}"
    conn_rows = [
        [p["first"], p["last"], p["url"], p["email"], p["company"], p["position"], p["connected"]]
        for p in people
    ]
    invitations = []
    for p in people:
        if rng.random() < 0.35:
            t = dt.datetime.fromisoformat(p["day"]) - dt.timedelta(
                days=rng.randint(0, 10), hours=rng.randint(0, 20)
            )
            note = "Hi, could I ask you a few questions in a 15-minute call?" if rng.random() < 0.5 else ""
            invitations.append(
                [owner_name, f"{p['first']} {p['last']}", _sent_at(t), note, "OUTGOING", OWNER[2], p["url"]]
            )
    messages: list[tuple[dt.datetime, list[str]]] = []

    def say(
        conv: str, sender: dict[str, str] | None, other: dict[str, str], t: dt.datetime, text: str
    ) -> None:
        frm = (
            (owner_name, OWNER[2])
            if sender is None
            else (f"{sender['first']} {sender['last']}", sender["url"])
        )
        to = (f"{other['first']} {other['last']}", other["url"]) if sender is None else (owner_name, OWNER[2])
        messages.append(
            (t, [conv, "", frm[0], frm[1], to[0], to[1], _stamp(t), "", text, "INBOX", "", "No", "No"])
        )

    order = list(range(connections))
    rng.shuffle(order)
    conv_no = 0
    for k, i in enumerate(order):
        if len(messages) >= message_rows:
            break
        p = people[i]
        conv_no += 1
        conv = f"2-conv{conv_no:08d}"
        t = dt.datetime.fromisoformat(p["day"]) + dt.timedelta(
            days=rng.randint(0, 60), minutes=rng.randint(0, 900)
        )
        owner_first = k % 3 == 0
        sender: dict[str, str] | None = None if owner_first else p
        for _ in range(rng.randint(1, 12)):
            if len(messages) >= message_rows or t >= EXPORT_AT:
                break
            say(conv, sender, p, t, 'Hello,\nthanks for connecting, "quoted", and more.')
            if rng.random() < 0.6:
                sender = p if sender is None else None
            t += dt.timedelta(minutes=rng.randint(5, 30000))
    while len(messages) < message_rows:
        p = people[rng.randrange(connections)]
        conv_no += 1
        t = EXPORT_AT - dt.timedelta(days=rng.randint(1, 900))
        say(f"2-conv{conv_no:08d}", p, p, t, "Another line, padding.")
    messages.sort(key=lambda m: m[0], reverse=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", _csv(CONNECTIONS_HEADER, conn_rows, preamble=PREAMBLE))
        z.writestr("Invitations.csv", _csv(INVITATIONS_HEADER, invitations))
        z.writestr("messages.csv", _csv(MESSAGES_HEADER, [m[1] for m in messages], quote_all=True))
        z.writestr("Profile.csv", _csv(PROFILE_HEADER, [[OWNER[0], OWNER[1], "Seeker"]]))


def _csv(header: list[str], rows: list[list[str]], *, preamble: str = "", quote_all: bool = False) -> bytes:
    buffer = io.StringIO()
    buffer.write(preamble)
    writer = csv.writer(
        buffer, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def raw_read_seconds(zip_path: Path, folder: Path) -> float:
    """Seconds DuckDB's read_csv takes to load the export's three CSVs into tables."""
    import duckdb

    with zipfile.ZipFile(zip_path) as z:
        z.extractall(folder)
    conn = duckdb.connect(":memory:")
    begin = time.perf_counter()
    conn.execute(f"CREATE TABLE c AS SELECT * FROM read_csv('{folder / 'Connections.csv'}', skip = 3)")
    conn.execute(f"CREATE TABLE i AS SELECT * FROM read_csv('{folder / 'Invitations.csv'}')")
    conn.execute(f"CREATE TABLE m AS SELECT * FROM read_csv('{folder / 'messages.csv'}')")
    seconds = time.perf_counter() - begin
    conn.close()
    return seconds


def import_seconds(db_path: Path, zip_path: Path, seeker_id: int) -> tuple[float, dict[str, dict[str, int]]]:
    """Seconds to open the store, plan and apply the export, and close the store again."""
    from coach.importers import apply, linkedin
    from coach.store import db

    begin = time.perf_counter()
    with db.session(str(db_path)) as conn:
        plan = linkedin.plan(conn, zip_path, seeker_id=seeker_id)
        apply(conn, plan)
    return time.perf_counter() - begin, plan.counts


def main(argv: list[str] | None = None) -> None:
    """Generate, then time the raw read, the first import and the re-import."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--message-rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3, help="repeat and report the best (default 3)")
    parser.add_argument("--generate", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        generate(Path(args.generate), args.connections, args.message_rows)
        return
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        work = Path(tmp)
        export = work / "Complete_LinkedInDataExport_10-31-2026.zip"
        begin = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--generate",
                str(export),
                "--connections",
                str(args.connections),
                "--message-rows",
                str(args.message_rows),
            ],
            check=True,
        )
        print(
            f"generated {export.name} ({export.stat().st_size / 1e6:.1f} MB zipped) "
            f"in {time.perf_counter() - begin:.1f} s"
        )
        import pyarrow  # noqa: F401  (loaded once, as in the running app; not part of an import's time)

        from coach import store
        from coach.importers import linkedin  # noqa: F401
        from coach.store import db

        raws, firsts, agains = [], [], []
        for round_no in range(args.rounds):
            raws.append(raw_read_seconds(export, work / f"raw{round_no}"))
            store_path = work / f"bench{round_no}.duckdb"
            with db.session(str(store_path)) as conn:
                seeker_id = store.add_seeker(conn, "Benchmark").id
            first, counts = import_seconds(store_path, export, seeker_id)
            again, counts_again = import_seconds(store_path, export, seeker_id)
            firsts.append(first)
            agains.append(again)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        raw, first, again = min(raws), min(firsts), min(agains)
        first_ratio = statistics.median(f / r for f, r in zip(firsts, raws, strict=True))
        again_ratio = statistics.median(a / r for a, r in zip(agains, raws, strict=True))
        print(f"best of {args.rounds} rounds (each: raw read, import into a new store, import again):")
        print(f"raw read_csv of the 3 CSVs: {raw:.2f} s   (all: {_seconds(raws)})")
        print(
            f"first import:  {first:.2f} s  ({first / raw:.1f}x the best raw read; median of rounds "
            f"{first_ratio:.1f}x)  (all: {_seconds(firsts)})"
        )
        print(f"  {counts}")
        print(
            f"re-import:     {again:.2f} s  ({again / raw:.1f}x the best raw read; median of rounds "
            f"{again_ratio:.1f}x)  (all: {_seconds(agains)})"
        )
        print(f"  {counts_again}")
        print(f"peak memory (max RSS): {peak_mb:.0f} MB")
        ok = first < 5 and again < 5 and peak_mb < 1024 and max(first_ratio, again_ratio) <= 4
        print("targets (< 5 s each, < 1 GB, within 4x of raw):", "met" if ok else "NOT met")


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
