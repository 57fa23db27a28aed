"""Time share mode's scrubber on a large seeker's free text, against the regex scrub it replaced.

    .venv/bin/python benchmarks/scrub.py [--contacts 30000] [--with-phones 300]

Builds company, position and notes strings for the given number of contacts
(dates, times, counts and ratings in many notes, most of them distinct; a phone number or an e-mail
address in a few hundred), then times ``coach.rules.redact.scrub`` on all of them
cold (empty cache) and warm (the same strings again, as on the next screen),
with and without the seeker's stored e-mails and phones (one frozenset for all
its contacts, as share mode passes them), and the old two-regex scrub in
the same run. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable

from coach.rules import redact

COMPANIES = [
    "Acme, Inc.",
    "Globex",
    "Initech LLC",
    "Umbrella GmbH",
    "Hooli",
    "Soylent Corp",
    "3M",
    "Studio 54",
]
POSITIONS = ["Product Manager", "Data Scientist II", "VP, Engineering", "UX Researcher", "Analyst (L4)", ""]
NOTES = [
    "Met at the alumni mixer; warm intro from {name}.",
    "Call on 2026-{m:02d}-{d:02d} {h}:{mm:02d} went well, {n}-{n2} minutes.",
    "Fit {f}/5. Team of {n}, hiring in Q{q} 2026.",
    "Worked there 20{y}-2024, then moved to Berlin.",
    "Follow up after {d} Jan 2026; asked about the {f}B{q} role.",
    "",
    "Prefers e-mail. Reads LinkedIn on Fridays; ask {name} about it.",
    "Sent thank-you note {d:02d}/{m:02d}/2026 at {h}:{mm:02d}.",
]
NAMES = ["Sam", "Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus"]
PHONES = ["555–123–4567", "call555/123/4567", "(020) 7946 0958", "+44 7700 900123", "555_123_4567ext"]


def texts(contacts: int, with_phones: int, seed: int = 1) -> tuple[list[str], frozenset[str]]:
    """Three strings per contact, and the e-mails and phones stored for the contacts (most have an e-mail)."""
    rng = random.Random(seed)
    out: list[str] = []
    known: set[str] = set()
    phoned = set(rng.sample(range(contacts), with_phones))
    for i in range(contacts):
        note = rng.choice(NOTES).format(
            name=rng.choice(NAMES),
            m=rng.randint(1, 12),
            d=rng.randint(1, 28),
            h=rng.randint(8, 18),
            mm=rng.randint(0, 59),
            n=rng.randint(2, 40),
            n2=rng.randint(41, 90),
            f=rng.randint(1, 5),
            q=rng.randint(1, 4),
            y=rng.randint(10, 23),
        )
        if i in phoned:
            phone = rng.choice(PHONES)
            note = f"{note} Mobile {phone}." if rng.random() < 0.7 else f"{note} Write to c{i}@example.org."
            known.add(re.sub(r"\D", "", phone))
        if rng.random() < 0.7:
            known.add(f"c{i}@example.org")
        out.extend((rng.choice(COMPANIES), rng.choice(POSITIONS), note))
    return out, frozenset(known)


# The scrub this module replaced, kept here as the baseline.
_OLD_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_OLD_PHONE = re.compile(r"(?<![\w/])\+?\(?\d(?:[\s().-]*\d){6,}(?![\w/])")
_OLD_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def old_scrub(text: object) -> object:
    if not isinstance(text, str):
        return text
    return _OLD_PHONE.sub(
        lambda m: m[0] if _OLD_DATE.fullmatch(m[0].strip()) else "[phone hidden]",
        _OLD_EMAIL.sub("[e-mail hidden]", text),
    )


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--with-phones", type=int, default=300)
    args = parser.parse_args()
    strings, known = texts(args.contacts, args.with_phones)
    hidden = sum(1 for text in strings if redact.scrub(text) != text)
    redact._scrub.cache_clear()

    old = min(timed(lambda: [old_scrub(text) for text in strings]) for _ in range(3))

    def new() -> object:
        return [redact.scrub(text) for text in strings]

    def new_known() -> object:
        return [redact.scrub(text, known=known) for text in strings]

    cold = timed(new)
    warm = min(timed(new) for _ in range(3))
    redact._scrub.cache_clear()
    cold_known = timed(new_known)
    warm_known = min(timed(new_known) for _ in range(3))

    print(
        f"{len(strings):,} strings of {args.contacts:,} contacts, {hidden} with something hidden, "
        f"{len(known):,} stored e-mails and phones"
    )
    print(f"old regex scrub          {old * 1000:8.1f} ms")
    print(f"scrub, cold              {cold * 1000:8.1f} ms  ({cold / old:.1f}x the old)")
    print(f"scrub, warm              {warm * 1000:8.1f} ms  ({warm / old:.1f}x the old)")
    print(f"scrub with known, cold   {cold_known * 1000:8.1f} ms  ({cold_known / old:.1f}x the old)")
    print(f"scrub with known, warm   {warm_known * 1000:8.1f} ms  ({warm_known / old:.1f}x the old)")


if __name__ == "__main__":
    main()
