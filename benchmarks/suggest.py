"""Time "who to ask next" on a large synthetic seeker.

    .venv/bin/python benchmarks/suggest.py [--contacts 30000] [--requests 3000] [--meetings 400]
        [--options 20] [--topics 61] [--runs 7]

Builds the frames the store loads (no database) for one seeker: contacts at a few thousand
organisations with positions that are mostly distinct strings, requests and meetings over the
last year, referrals, and per career option three keywords and five target organisations.
Then times ``coach.rules.suggest``'s functions (the option evidence they take is worked out
once, as the Decisions screen has it already) and prints the median and the slowest of
``--runs`` runs: the whole list, and the first ten (the work but the wording of the rest).
Figures are printed, not asserted. Target: suggestions under 200 ms.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd

from coach.rules import evidence, suggest

AS_OF = date(2026, 3, 18)
WARMTH = ["inner_circle", "shared_affiliation", "referral", "cold", "unknown"]
SUFFIXES = ["", " Inc.", " Ltd", ", LLC", " GmbH", " plc", " Co"]
LEVELS = ["", "Senior ", "Lead ", "Head of ", "Junior ", "Principal ", "VP, "]
ROLES = ["Analyst", "Consultant", "Manager", "Engineer", "Researcher", "Designer", "Advisor", "Specialist"]
# What positions are about; each option's keywords are three of them, so with all 61 in play an
# option finds about one contact in twenty (--topics 20 makes that one in seven).
TOPICS = [
    *("ESG", "Sustainability", "Climate Risk", "Data", "Product", "Policy", "Compliance", "Learning"),
    *("Marketing", "Operations", "Finance", "Strategy", "Reporting", "Research", "Sales", "Supply Chain"),
    *("Public Affairs", "Impact", "Carbon", "Energy", "Software", "Security", "Cloud", "Payments"),
    *("Lending", "Audit", "Tax", "Treasury", "Procurement", "Logistics", "Retail", "Brand"),
    *("Content", "Communications", "Events", "Partnerships", "Fundraising", "Grants", "Legal", "Privacy"),
    *("Talent", "People", "Recruiting", "Benefits", "Facilities", "Quality", "Safety", "Manufacturing"),
    *("Design", "UX", "Analytics", "Insights", "Pricing", "Growth", "Customer Success", "Support"),
    *("Training", "Curriculum", "Health", "Clinical", "Pharma"),
]


def day(rng: random.Random, back: int) -> date:
    """A random day up to ``back`` days before AS_OF."""
    return AS_OF - timedelta(days=rng.randint(0, back))


def frames(
    contacts: int, requests: int, meetings: int, options: int, topics: int = len(TOPICS), seed: int = 1
) -> dict[str, Any]:
    """Synthetic frames shaped like coach.store's loaders, and the keywords and targets of each option."""
    rng = random.Random(seed)
    about = TOPICS[:topics]
    companies = [f"Company {i}{rng.choice(SUFFIXES)}" for i in range(max(1, contacts // 10))]
    positions = [
        f"{rng.choice(LEVELS)}{rng.choice(about)} {rng.choice(ROLES)}"
        + (f", team {rng.randint(1, 9999)}" if rng.random() < 0.6 else "")
        for _ in range(contacts)
    ]
    people = pd.DataFrame(
        {
            "id": range(contacts),
            "name": [f"Person {i}" for i in range(contacts)],
            "company": [rng.choice(companies) if rng.random() < 0.95 else None for _ in range(contacts)],
            "position": [p if rng.random() < 0.9 else None for p in positions],
            "warmth": [rng.choice(WARMTH) for _ in range(contacts)],
            "added_on": pd.to_datetime([day(rng, 1000) for _ in range(contacts)]),
        }
    )
    sent = [day(rng, 365) for _ in range(requests)]
    answered = [s + timedelta(days=rng.randint(0, 20)) if rng.random() < 0.5 else None for s in sent]
    outreach = pd.DataFrame(
        {
            "id": range(requests),
            "contact_id": [rng.randrange(contacts) for _ in range(requests)],
            "sent_on": pd.to_datetime(sent),
            "followed_up_on": pd.to_datetime(
                pd.Series([s + timedelta(days=14) if rng.random() < 0.3 else None for s in sent])
            ),
            "responded_on": pd.to_datetime(pd.Series(answered)),
            "outcome": [rng.choice(["agreed", "declined", "replied"]) if a else None for a in answered],
        }
    )
    met = [int(c) for c in outreach["contact_id"].sample(meetings, replace=True, random_state=seed)]
    held = pd.DataFrame(
        {
            "id": range(meetings),
            "contact_id": met,
            "outreach_id": [None] * meetings,
            "held_on": pd.to_datetime([day(rng, 365) for _ in range(meetings)]),
            "company": [people.at[c, "company"] for c in met],
            "fit": [rng.randint(1, 5) for _ in range(meetings)],
        }
    )
    career = [
        {"id": i, "title": f"Option {i}", "status": "dropped" if i == 0 else "exploring", "decided_on": None}
        for i in range(options)
    ]
    tags = pd.DataFrame(
        {
            "meeting_id": range(meetings),
            "career_option_id": [rng.randrange(options) for _ in range(meetings)],
            "signal": [rng.choice(["for", "against", "neutral"]) for _ in range(meetings)],
        }
    )
    edges = [(rng.choice(met), rng.randrange(contacts)) for _ in range(meetings // 2)]
    referrals = pd.DataFrame(
        {
            "id": range(len(edges)),
            "referrer_id": [a for a, _ in edges],
            "referrer": [f"Person {a}" for a, _ in edges],
            "referred_id": [b for _, b in edges],
            "referred": [f"Person {b}" for _, b in edges],
            "referred_on": pd.to_datetime([day(rng, 365) for _ in edges]),
        }
    )
    keywords = {i: ", ".join(rng.sample(about, 3)) for i in range(options)}
    targets = pd.DataFrame(
        [(i, rng.choice(companies).upper()) for i in range(options) for _ in range(5)],
        columns=["career_option_id", "name"],
    )
    return {
        "contacts": people,
        "outreach": outreach,
        "meetings": held,
        "options": career,
        "meeting_options": tags,
        "referrals": referrals,
        "keywords": keywords,
        "targets": targets,
    }


def timed(label: str, action: Callable[[], Any], runs: int) -> Any:
    """Run an action ``runs`` times, print the median and slowest time, and return its last result.

    Before each run the previous result is dropped and the garbage collected, so no run pays for
    the one before it; collections during a run are counted.
    """
    times = []
    result = None
    for _ in range(runs):
        result = None  # the last run's result freed and collected first: each run starts alike
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    print(f"{label:<34} median {statistics.median(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms")
    return result


def main() -> None:
    """Build the frames, then time every step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=3_000)
    parser.add_argument("--meetings", type=int, default=400)
    parser.add_argument("--options", type=int, default=20)
    parser.add_argument("--topics", type=int, default=len(TOPICS), help="how many topics positions are about")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data = frames(args.contacts, args.requests, args.meetings, args.options, args.topics)
    print(
        f"{args.contacts} contacts, {args.requests} requests, {args.meetings} meetings, "
        f"{args.options} options, positions about {args.topics} topics, {args.runs} runs"
    )
    evidences = evidence.option_evidence(
        data["options"], data["meetings"], data["meeting_options"], as_of=AS_OF
    )
    tables = (
        data["contacts"],
        data["outreach"],
        data["meetings"],
        data["meeting_options"],
        data["referrals"],
    )

    def every(count: int | None) -> list[suggest.Suggestion]:
        return suggest.suggestions(
            data["options"],
            data["keywords"],
            data["targets"],
            *tables,
            evidences,
            as_of=AS_OF,
            count=count,
        )

    found = timed("suggestions (every one)", lambda: every(None), args.runs)
    timed("suggestions (count=10)", lambda: every(10), args.runs)
    timed(
        "candidates",
        lambda: suggest.candidates(data["contacts"], data["outreach"], data["meetings"], as_of=AS_OF),
        args.runs,
    )
    timed("weekly_plan (10 people)", lambda: suggest.weekly_plan(found, 10), args.runs)
    timed(
        "people_at",
        lambda: suggest.people_at(
            "company 7", data["contacts"], data["outreach"], data["meetings"], data["referrals"], as_of=AS_OF
        ),
        args.runs,
    )
    timed(
        "target_table",
        lambda: suggest.target_table(
            data["targets"],
            data["contacts"],
            data["outreach"],
            data["meetings"],
            as_of=AS_OF,
            options=data["options"],
        ),
        args.runs,
    )
    print(f"{len(found)} suggestions over {len({s.option_id for s in found})} options")


if __name__ == "__main__":
    main()
