"""Time the evidence numbers, the charts and the report on a large synthetic seeker.

    .venv/bin/python benchmarks/dashboard_data.py [--contacts 30000] [--requests 5000] [--meetings 1000]

Builds the frames the store loads (no database) for one seeker with the given
sizes, then times each evidence function, each chart and the import of
``coach.output.report`` in a fresh interpreter (what the CLI pays before printing).
Figures are printed, not asserted. Target: every step well under a second.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd

from coach.output import charts
from coach.rules import evidence

AS_OF = date(2026, 3, 18)
SOURCES = ["linkedin", "alumni", "association", "event", "referral", "other"]
WARMTH = ["inner_circle", "shared_affiliation", "referral", "cold", "unknown"]
CHANNELS = ["email", "linkedin", "phone", "letter", "in_person", "other"]
COMPANIES = ["Acme, Inc.", "Globex", "Initech LLC", "Umbrella GmbH", "Hooli", "Soylent Corp", None]


def day(rng: random.Random, back: int) -> date:
    """A random day up to ``back`` days before AS_OF."""
    return AS_OF - timedelta(days=rng.randint(0, back))


def frames(contacts: int, requests: int, meetings: int, seed: int = 1) -> dict[str, Any]:
    """Synthetic frames shaped like coach.store's loaders."""
    rng = random.Random(seed)
    network = pd.DataFrame(
        {
            "id": range(contacts),
            "source": [rng.choice(SOURCES) for _ in range(contacts)],
            "warmth": [rng.choice(WARMTH) for _ in range(contacts)],
            "entered_on": pd.to_datetime([day(rng, 3650) for _ in range(contacts)]),
        }
    )
    sent = [day(rng, 365) for _ in range(requests)]
    answered = [s + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.5 else None for s in sent]
    outreach = pd.DataFrame(
        {
            "id": range(requests),
            "contact_id": [rng.randrange(contacts) for _ in range(requests)],
            "sent_on": pd.to_datetime(sent),
            "channel": [rng.choice(CHANNELS) for _ in range(requests)],
            "warmth": [rng.choice(WARMTH) for _ in range(requests)],
            "source": [rng.choice(SOURCES) for _ in range(requests)],
            "template": [rng.choice(["alumni", "cold", None]) for _ in range(requests)],
            "followed_up_on": pd.to_datetime(
                pd.Series([s + timedelta(days=14) if rng.random() < 0.3 else None for s in sent])
            ),
            "responded_on": pd.to_datetime(pd.Series(answered)),
            "outcome": [rng.choice(["agreed", "declined", "replied"]) if a else None for a in answered],
        }
    )
    held = pd.DataFrame(
        {
            "id": range(meetings),
            "contact_id": [rng.randrange(contacts) for _ in range(meetings)],
            "outreach_id": [rng.randrange(requests) for _ in range(meetings)],
            "held_on": pd.to_datetime([day(rng, 365) for _ in range(meetings)]),
            "company": [rng.choice(COMPANIES) for _ in range(meetings)],
            "fit": [rng.randint(1, 5) for _ in range(meetings)],
        }
    )
    options = [{"id": i, "title": f"Option {i}", "status": "exploring", "decided_on": None} for i in range(8)]
    tags = pd.DataFrame(
        {
            "meeting_id": range(meetings),
            "career_option_id": [rng.randrange(8) for _ in range(meetings)],
            "signal": [rng.choice(["for", "against", "neutral"]) for _ in range(meetings)],
        }
    )
    pairs = {(rng.randrange(contacts), rng.randrange(contacts)) for _ in range(meetings // 2)}
    edges = [(a, b) for a, b in pairs if a != b]
    referrals = pd.DataFrame(
        {
            "id": range(len(edges)),
            "referrer_id": [a for a, _ in edges],
            "referrer": [f"Person {a}" for a, _ in edges],
            "referred_id": [b for _, b in edges],
            "referred": [f"Person {b}" for _, b in edges],
            "referred_on": pd.to_datetime([day(rng, 365) for _ in edges]),
            "meeting_id": [rng.randrange(meetings) for _ in edges],
        }
    )
    return {
        "network": network,
        "outreach": outreach,
        "meetings": held,
        "options": options,
        "tags": tags,
        "referrals": referrals,
    }


def timed(label: str, action: Callable[[], Any]) -> Any:
    """Run an action, print its time, and return its result."""
    start = time.perf_counter()
    result = action()
    print(f"{label:<28} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    """Build the frames, then time every step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=1_000)
    args = parser.parse_args()
    data = frames(args.contacts, args.requests, args.meetings)
    print(f"{args.contacts} contacts, {args.requests} requests, {args.meetings} meetings")
    summary = timed(
        "outreach_summary",
        lambda: evidence.outreach_summary(data["outreach"], data["meetings"], as_of=AS_OF, window_days=14),
    )
    growth = timed("network_growth", lambda: evidence.network_growth(data["network"], as_of=AS_OF))
    timed("network_by_month", lambda: evidence.network_by_month(data["network"], as_of=AS_OF))
    tree = timed(
        "referral_tree", lambda: evidence.referral_tree(data["referrals"], data["meetings"], as_of=AS_OF)
    )
    options = timed(
        "option_evidence",
        lambda: evidence.option_evidence(data["options"], data["meetings"], data["tags"], as_of=AS_OF),
    )
    timed("rate_chart (by week)", lambda: charts.rate_chart(summary.by_week, "Response rate by week"))
    timed("time_to_answer_chart", lambda: charts.time_to_answer_chart(summary.time_to_answer))
    timed("network_growth_chart", lambda: charts.network_growth_chart(growth))
    timed("referral_tree_chart", lambda: charts.referral_tree_chart(tree))
    timed("option_evidence_chart", lambda: charts.option_evidence_chart(options))
    timed(
        "import coach.output.report (fresh)",
        lambda: subprocess.run([sys.executable, "-c", "import coach.output.report"], check=True),
    )


if __name__ == "__main__":
    main()
