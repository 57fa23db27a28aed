"""The report: one seeker's numbers as of a day, as a JSON-ready dict and as a plain-text table.

The dict follows a fixed contract (see :func:`build_report`); every rate in it
is a RATE object ``{"k", "n", "rate", "low", "high"}`` with a 95% Wilson
interval. Nothing here imports a plotting library or Streamlit, so the
command line can print a report quickly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coach import store
from coach.rules.evidence import (
    Rate,
    acceptance_label,
    network_by_month,
    network_by_source,
    option_evidence,
    outreach_summary,
)
from coach.rules.followups import COUNTED_KINDS, LET_GO_KINDS, let_go_summary
from coach.store import registry
from coach.store.db import Connection

DUE_NAMES = {
    "thank_you": "Thank-you notes",
    "nudge": "Nudges",
    "referral_loop": "Referral loops to close",
    "keep_in_touch": "Keep in touch",
}
OUTREACH_COUNTS = ("sent", "pending", "closed", "responded", "agreed", "declined", "unmarked", "no_response")
MONTHS_SHOWN = 6


def _rates(rates: Mapping[str, Rate]) -> dict[str, dict[str, Any]]:
    """A breakdown of rates as RATE objects."""
    return {group: rate.as_dict() for group, rate in rates.items()}


def build_report(
    conn: Connection,
    seeker: store.Seeker,
    *,
    as_of: date,
    due: Mapping[str, int] | None = None,
    tables: Mapping[str, Any] | None = None,
    due_let_go: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The seeker's outreach, meetings, network, career options and due items as of a day.

    Returns exactly::

        {"seeker": str, "as_of": "YYYY-MM-DD",
         "outreach": {"sent", "pending", "closed", "responded", "agreed", "declined", "unmarked",
                      "no_response": int,
                      "response_rate": RATE, "acceptance_rate": RATE,
                      "by_channel": {channel: RATE}, "by_warmth": {warmth: RATE},
                      "by_week": {"YYYY-MM-DD": RATE}},
         "meetings": {"held": int, "show_rate": RATE},
         "network": {"contacts": int, "by_month": {"YYYY-MM": int}, "by_source": {source: int}},
         "career_options": [{"title", "status", "people", "organisations", "mean_fit",
                             "warning": "red|amber|ok", "decided_on_red": bool}],
         "due": {"thank_you", "nudge", "referral_loop", "keep_in_touch": int},
         "due_let_go": {"thank_you", "nudge", "referral_loop", "next_contact": int}}

    ``unmarked`` counts the answers whose outcome is not known (see
    :func:`coach.rules.metrics.known_outcome`): they are answers in the response rate and left out of
    the acceptance rate, whose base ``n`` is closed − unmarked.

    :param conn: an open store.
    :param seeker: whose numbers; their answer window and warning thresholds apply.
    :param as_of: the day the numbers are for (nothing dated after it counts).
    :param due: open follow-ups per kind from the follow-up engine; missing kinds count 0.
    :param due_let_go: items the engine let go (long past due, not listed) per kind; missing count 0.
    :param tables: the seeker's tables already loaded (see :func:`coach.store.registry.load_frames`), to
        read each only once; missing ones are loaded here.
    """
    loaded = dict(tables or {})
    missing = [
        n for n in ("outreach", "meetings", "network", "options", "meeting_options") if n not in loaded
    ]
    loaded |= registry.load_frames(conn, seeker.id, *missing)
    outreach, meetings, network = loaded["outreach"], loaded["meetings"], loaded["network"]
    summary = outreach_summary(outreach, meetings, as_of=as_of, window_days=seeker.answer_window_days)
    evidences = option_evidence(
        loaded["options"],
        meetings,
        loaded["meeting_options"],
        as_of=as_of,
        **seeker.thresholds,
    )
    by_source = network_by_source(network, as_of=as_of)
    return {
        "seeker": seeker.name,
        "as_of": as_of.isoformat(),
        "outreach": {
            **{count: int(getattr(summary, count)) for count in OUTREACH_COUNTS},
            "response_rate": summary.response_rate.as_dict(),
            "acceptance_rate": summary.acceptance_rate.as_dict(),
            "by_channel": _rates(summary.by_channel),
            "by_warmth": _rates(summary.by_warmth),
            "by_week": _rates(summary.by_week),
        },
        "meetings": {"held": summary.meetings_held, "show_rate": summary.show_rate.as_dict()},
        "network": {
            "contacts": sum(by_source.values()),
            "by_month": network_by_month(network, as_of=as_of),
            "by_source": by_source,
        },
        "career_options": [
            {
                "title": e.title,
                "status": e.status,
                "people": e.people,
                "organisations": e.organisations,
                "mean_fit": e.mean_fit,
                "warning": e.warning,
                "decided_on_red": e.decided_on_red,
            }
            for e in evidences
        ],
        "due": {kind: int((due or {}).get(kind, 0)) for kind in COUNTED_KINDS},
        "due_let_go": {kind: int((due_let_go or {}).get(kind, 0)) for kind in LET_GO_KINDS},
    }


# --- plain text ----------------------------------------------------------------------


def rate_text(rate: Mapping[str, Any], empty: str = "none closed yet") -> str:
    """A RATE object as "7 of 12 (58%, 95% CI 32–81%)"."""
    return Rate(**{key: rate[key] for key in ("k", "n", "rate", "low", "high")}).label(empty)


def _table(rows: list[list[str]], *, indent: str = "  ") -> list[str]:
    """Rows of cells as lines with left-aligned columns."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _section(title: str, lines: list[str]) -> list[str]:
    """A titled block followed by a blank line."""
    return [title, *lines, ""]


def _last_months(by_month: Mapping[str, int], as_of: str, count: int) -> list[tuple[str, int]]:
    """The ``count`` months up to the month of ``as_of``, oldest first, zero where nobody entered."""
    year, month = int(as_of[:4]), int(as_of[5:7])
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [(m, int(by_month.get(m, 0))) for m in reversed(months)]


def _outreach_lines(outreach: Mapping[str, Any]) -> list[str]:
    """Counts and the two rates of the outreach block."""
    names = {
        "sent": "Sent",
        "pending": "Pending (inside the answer window)",
        "closed": "Closed",
        "responded": "Answered",
        "agreed": "Agreed",
        "declined": "Declined",
        "unmarked": "Not marked yet",
        "no_response": "No response",
    }
    rows = [[names[key], str(outreach[key])] for key in OUTREACH_COUNTS]
    rows[OUTREACH_COUNTS.index("responded")][1] = f"{outreach['responded']} of {outreach['sent']} sent"
    rows.append(["Response rate", rate_text(outreach["response_rate"])])
    acceptance = Rate(**{key: outreach["acceptance_rate"][key] for key in ("k", "n", "rate", "low", "high")})
    rows.append(["Acceptance rate", acceptance_label(acceptance, int(outreach["unmarked"]))])
    return _table(rows)


def _breakdown_lines(rates: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """One line per group of a breakdown."""
    if not rates:
        return ["  nothing sent yet"]
    return _table([[group, rate_text(rate)] for group, rate in rates.items()])


def _option_lines(options: list[Mapping[str, Any]]) -> list[str]:
    """The career options as a table, flagging decisions made on a red sample."""
    if not options:
        return ["  no career options yet"]
    rows = [["Option", "Status", "People", "Orgs", "Mean fit", "Warning"]]
    for o in options:
        fit = "-" if o["mean_fit"] is None else f"{o['mean_fit']:.1f}"
        warning = o["warning"] + ("  (decided on a red sample)" if o["decided_on_red"] else "")
        rows.append([o["title"], o["status"], str(o["people"]), str(o["organisations"]), fit, warning])
    return _table(rows)


def format_report(report: Mapping[str, Any]) -> str:
    """The report of :func:`build_report` as a plain-text table for the terminal."""
    outreach, meetings, network = report["outreach"], report["meetings"], report["network"]
    months = _last_months(network["by_month"], report["as_of"], MONTHS_SHOWN)
    sources = ", ".join(f"{source} {n}" for source, n in network["by_source"].items()) or "none"
    lines = [f"{report['seeker']} · as of {report['as_of']}", ""]
    lines += _section("Outreach", _outreach_lines(outreach))
    lines += _section("Response rate by channel", _breakdown_lines(outreach["by_channel"]))
    lines += _section("Response rate by warmth", _breakdown_lines(outreach["by_warmth"]))
    lines += _section("Response rate by week sent", _breakdown_lines(outreach["by_week"]))
    lines += _section(
        "Meetings",
        _table(
            [
                ["Held", str(meetings["held"])],
                ["Show rate", rate_text(meetings["show_rate"], "no request agreed yet")],
            ]
        ),
    )
    lines += _section(
        "Network",
        _table(
            [["Contacts", str(network["contacts"])], ["By source", sources]]
            + [[f"New in {month}", str(n)] for month, n in months]
        ),
    )
    lines += _section("Career options", _option_lines(report["career_options"]))
    due_rows = [[DUE_NAMES[kind], str(n)] for kind, n in report["due"].items()]
    gone = report.get("due_let_go") or {}
    if sum(gone.values()):
        summary = let_go_summary(gone)
        due_rows.append(["Let go (long past due)", f"{sum(gone.values())} {summary[summary.index('(') :]}"])
    lines += _section("Due", _table(due_rows))
    return "\n".join(lines).rstrip() + "\n"
