"""Getting data out: the weekly HTML report, CSV tables, a calendar of due items, backup and restore."""

from __future__ import annotations

import csv
import html
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from coach import db, evidence, followups, privacy, store, weekly
from coach.db import Connection, Invalid, StoreError
from coach.labels import label
from coach.report import build_report

# --- CSV -------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A cell a spreadsheet will show as text: a leading =, +, -, @ (or tab) gets a quote in front."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV with every cell escaped against spreadsheet formulas."""
    safe = frame.astype(object).where(frame.notna(), None).map(escape_cell)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def seeker_tables(conn: Connection, seeker: store.Seeker, *, share: bool) -> dict[str, pd.DataFrame]:
    """The contacts, requests and meetings of a seeker, made safe to show when ``share``."""
    tables = {
        "contacts": store.load_contacts(conn, seeker.id),
        "requests": store.load_outreach(conn, seeker.id),
        "meetings": store.load_meetings(conn, seeker.id),
    }
    if share:
        loaders = {"contacts": "contacts", "requests": "outreach", "meetings": "meetings"}
        scrubber = store.scrubber(conn, seeker.id)
        tables = {
            name: privacy.share_safe(loaders[name], frame, aliases=False, scrubber=scrubber)
            for name, frame in tables.items()
        }
    return tables


def export_csv(conn: Connection, seeker: store.Seeker, folder: Path, *, share: bool = False) -> list[Path]:
    """Write contacts.csv, requests.csv and meetings.csv into ``folder``; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in seeker_tables(conn, seeker, share=share).items():
        path = folder / f"{name}.csv"
        path.write_text(csv_text(frame), encoding="utf-8")
        written.append(path)
    return written


# --- calendar --------------------------------------------------------------


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545)."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    return [*parts, current]


def calendar(items: Iterable[followups.DueItem], *, seeker_name: str, stamp: datetime) -> str:
    """An iCalendar file with one all-day event per due item, on its due day."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Informational Interview Coach//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(f'Follow-ups: {seeker_name}')}",
    ]
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.key.replace(':', '-')}-{item.due_on:%Y%m%d}@interview-coach",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{item.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due_on + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(item.title)}",
            f"CATEGORIES:{_ics_text(label(item.kind))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


# --- backup and restore ----------------------------------------------------

MANIFEST = "coach-backup.txt"


def backup(path: str, out_file: Path) -> Path:
    """Write the whole store to one zip file (DuckDB's EXPORT DATABASE in Parquet) and return it."""
    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "export"
        with db.session(path) as conn:
            version = db.schema_version(conn)
            conn.execute(f"EXPORT DATABASE '{_sql_path(exported)}' (FORMAT parquet)")
        (exported / MANIFEST).write_text(f"schema {version}\nmade {datetime.now():%Y-%m-%d %H:%M}\n")
        out_file.parent.mkdir(parents=True, exist_ok=True)
        partial = out_file.with_name(out_file.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(exported.iterdir()):
                archive.write(file, file.name)
        os.replace(partial, out_file)
    return out_file


@dataclass(frozen=True)
class Restored:
    """What a restore did: how many seekers it brought back, where the store it replaced was kept."""

    seekers: int
    kept: Path | None


def set_aside(path: str, why: str) -> Path | None:
    """Move a store file (and its write-ahead log) out of the way, kept as ``<path>.<why>-<stamp>``."""
    if not os.path.exists(path):
        return None
    kept = Path(f"{path}.{why}-{datetime.now():%Y%m%d-%H%M%S}")
    os.replace(path, kept)
    if os.path.exists(path + ".wal"):
        os.replace(path + ".wal", f"{kept}.wal")
    return kept


def restore(backup_file: Path, path: str, *, force: bool = False) -> Restored:
    """Rebuild the store at ``path`` from a backup; return the number of seekers restored.

    A store that already holds seekers (or cannot be read) is only replaced with
    ``force``. The backup is loaded into a new file first and swapped in only once
    complete; the file it replaces is kept beside it (see :func:`set_aside`).
    """
    try:
        archive = zipfile.ZipFile(backup_file)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Invalid(f"{backup_file} is not a backup of this program ({exc}).") from None
    with archive, tempfile.TemporaryDirectory() as scratch:
        names = set(archive.namelist())
        if not {MANIFEST, "schema.sql", "load.sql"} <= names:
            raise Invalid(
                f"{backup_file} is not a backup of this program (no {MANIFEST}, schema.sql or load.sql)."
            )
        if any(Path(name).name != name for name in names):
            raise Invalid(f"{backup_file} holds folders; a backup of this program never does.")
        archive.extractall(scratch)
        if os.path.exists(path) and not force and not _is_empty_store(path):
            raise Invalid(f"{path} already holds data. Add --force to replace it with the backup.")
        fresh = f"{path}.restoring"
        for leftover in (fresh, fresh + ".wal"):
            if os.path.exists(leftover):
                os.remove(leftover)
        try:
            conn = db.connect(fresh)
            try:
                conn.execute(f"IMPORT DATABASE '{_sql_path(Path(scratch))}'")
                db.migrate(conn, label=str(backup_file))
                count = int(db.scalar(conn, "SELECT count(*) FROM seeker"))
                if db.reference_problems(conn):
                    raise Invalid(f"{backup_file} holds broken links between records; it was not restored.")
            finally:
                conn.close()
        except Exception:
            if os.path.exists(fresh):
                os.remove(fresh)
            raise
        kept = set_aside(path, "replaced")
        os.replace(fresh, path)
    return Restored(count, kept)


def _is_empty_store(path: str) -> bool:
    try:
        with db.session(path) as conn:
            return db.is_empty(conn)
    except StoreError:
        return False


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# --- the weekly HTML report ------------------------------------------------


def _rate(rate: dict[str, Any]) -> str:
    if not rate["n"]:
        return "none closed yet"
    return (
        f"{rate['k']} of {rate['n']} ({rate['rate']:.0%}, 95% interval {rate['low']:.0%}–{rate['high']:.0%})"
    )


def _fit(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{int(value)} of 5"


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; color: #222;
       line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .muted { color: #666; }
.numbers { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; margin: 1.5rem 0; }
.number { border: 1px solid #ddd; border-radius: 8px; padding: 0.8rem; }
.number b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #eee; }
.red { color: #D55E00; } .amber { color: #b37a00; } .ok { color: #009E73; }
"""


def weekly_report_html(
    conn: Connection, seeker: store.Seeker, *, week: date, today: date, share: bool = False
) -> str:
    """A standalone HTML weekly report: numbers, tables and charts, viewable with no network.

    The numbers are those of ``coach report --json`` as of the week's last day
    (its Sunday, or today while the week runs). With ``share``, e-mail
    addresses, phone numbers and private notes are left out.
    """
    from plotly.offline import get_plotlyjs

    from coach import charts

    frames = store.load_tables(
        conn, seeker.id, "outreach", "meetings", "network", "referrals", "follow_ups", "contacts"
    )
    if share:
        hidden = {
            "outreach": "outreach",
            "meetings": "meetings",
            "follow_ups": "follow_ups",
            "contacts": "contacts",
        }
        for key, loader in hidden.items():
            frames[key] = privacy.share_safe(loader, frames[key], aliases=False)
    options = store.list_options(conn, seeker.id)
    meeting_options = store.load_meeting_options(conn, seeker.id)
    review = weekly.weekly_review(
        seeker, **frames, options=options, meeting_options=meeting_options, week=week, today=today
    )
    as_of = review.last_day
    due = followups.due_for(conn, seeker, as_of=as_of)
    report = build_report(conn, seeker, as_of=as_of, due=followups.due_counts(due))
    summary = evidence.outreach_summary(
        frames["outreach"], frames["meetings"], as_of=as_of, window_days=seeker.answer_window_days
    )
    figures = [
        charts.rate_chart(
            {label(k): v for k, v in summary.by_channel.items()},
            "Response rate by channel",
            group_title="Channel",
        ),
        charts.network_growth_chart(evidence.network_growth(frames["network"], as_of=as_of)),
        charts.option_evidence_chart(
            evidence.option_evidence(
                options,
                frames["meetings"],
                meeting_options,
                as_of=as_of,
                **seeker.thresholds,
            ),
            red_min_people=seeker.red_min_people,
            amber_min_people=seeker.amber_min_people,
        ),
    ]
    out = report["outreach"]
    numbers = [
        ("Requests sent this week", f"{review.sent.now} of {review.goal}", review.sent.label()),
        (
            "Response rate",
            f"{out['response_rate']['k']} of {out['response_rate']['n']}",
            _rate(out["response_rate"]),
        ),
        (
            "Acceptance rate",
            f"{out['acceptance_rate']['k']} of {out['acceptance_rate']['n']}",
            _rate(out["acceptance_rate"]),
        ),
        ("Pending", str(out["pending"]), f"{out['sent']} sent, {out['closed']} closed"),
        (
            "Meetings held",
            str(report["meetings"]["held"]),
            f"show rate {_rate(report['meetings']['show_rate'])}",
        ),
        ("People in the network", str(report["network"]["contacts"]), f"{review.added.now} added this week"),
        (
            "Overdue items",
            str(review.overdue),
            ", ".join(f"{label(k)}: {v}" for k, v in report["due"].items()),
        ),
        ("Answers this week", str(review.answered.now), review.answered.label()),
    ]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Weekly report: {html.escape(seeker.name)}, week of {review.week:%d %b %Y}</title>",
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{html.escape(seeker.name)}: week of {review.week:%d %B %Y}</h1>",
        f"<p class='muted'>Numbers as of {as_of:%A %d %B %Y}. Rates are answered ÷ closed requests, "
        "with 95% Wilson intervals; requests still inside their answer window are pending, not failures.</p>",
        "<div class='numbers'>",
        *(
            f"<div class='number' data-name='{html.escape(n)}'>{html.escape(n)}<b>{html.escape(v)}</b>"
            f"<span class='muted'>{html.escape(d)}</span></div>"
            for n, v, d in numbers
        ),
        "</div>",
        "<h2>Career options</h2>",
        _table(
            ["Option", "Status", "People", "Organisations", "Mean fit", "Warning"],
            [
                (
                    o["title"],
                    label(o["status"]),
                    o["people"],
                    o["organisations"],
                    "–" if o["mean_fit"] is None else f"{o['mean_fit']:.1f}",
                    label(o["warning"])
                    + (" · decided on too few conversations" if o["decided_on_red"] else ""),
                )
                for o in report["career_options"]
            ],
        ),
        "<h2>Answers this week</h2>",
        _table(
            ["Contact", "Company", "Answer", "On"],
            [(r.contact, r.company, label(r.outcome), r.answered_on) for r in review.answers.itertuples()],
        )
        if not review.answers.empty
        else "<p class='muted'>No answers this week.</p>",
        "<h2>Conversations this week</h2>",
        _table(
            ["With", "Company", "On", "Fit"],
            [
                (who, company, f"{on:%d %b}", _fit(fit))
                for who, company, on, fit in review.held[["contact", "company", "held_on", "fit"]].itertuples(
                    index=False
                )
            ],
        )
        if not review.held.empty
        else "<p class='muted'>No conversations this week.</p>",
        "<h2>Next week</h2>",
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in review.next_week) + "</ul>",
        *(
            figure.to_html(full_html=False, include_plotlyjs=False)
            for figure in figures
            if figure is not None
        ),
        "</body></html>",
    ]
    return "\n".join(parts)
