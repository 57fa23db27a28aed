"""Seeded, synthetic demo data: two job seekers whose numbers look current on any day.

:func:`build_demo` writes two demo seekers (``seeker.is_demo``) with a few
hundred LinkedIn-style contacts, four months of outreach, meetings, referrals,
questions and follow-ups, every date counted back from an ``anchor`` day that
plays "today". The same anchor and seed always give the same rows; nothing
reads the clock. Rebuilding first removes the previous demo seekers and never
touches anyone else. Every person, company, e-mail address and phone number
is invented (example.com / example.org, +1 555 01xx).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from coach.names import normalise_name
from coach.rules.metrics import week_start
from coach.store import delete_seeker
from coach.store.db import (
    REFERENCES,
    Connection,
    Invalid,
    check_references,
    is_empty,
    scalar,
    session,
    transaction,
)
from coach.vocabulary import DECIDED

# --- what the demo is made of -------------------------------------------


@dataclass(frozen=True)
class _Option:
    """A career option of a demo seeker and the people met about it."""

    key: str
    title: str
    status: str
    roles: str  # the people in it, plural, for question texts
    people: int  # held meetings with this as the main option
    fit: tuple[int, int]
    companies: tuple[str, ...]  # where the people met about it work, one per person
    positions: tuple[str, ...]
    insights: tuple[str, ...]
    decide_after: int = 0  # chosen/dropped a few days after meeting this many people
    first: bool = False  # the very first conversation was about it
    keywords: str = ""  # the field's words, as the seeker typed them
    targets: tuple[str, ...] = ()  # the organisations the seeker wants to hear from about it


@dataclass(frozen=True)
class _Persona:
    """One demo seeker: who they are and how much of each thing they have."""

    name: str
    weekly_goal: int
    intro: str  # one sentence of every request, with {field}
    association: str
    contacts: int
    span_days: int  # how far back the outreach goes
    options: tuple[_Option, ...]
    requests: tuple[tuple[str, int], ...]  # kinds besides "held" (derived from the options)
    inner_meetings: int  # conversations with the inner circle, without a request
    secondary: str | None  # option key some meetings also touch on
    chain: bool  # a referral chain A -> B -> C -> D
    referrals_met: int
    referrals_silent: int
    referrals_unrequested: int
    thank_you_missing: int
    questions_per_option: tuple[int, int]
    home_companies: tuple[str, ...]
    home_positions: tuple[str, ...]
    special_names: tuple[tuple[str, str, str], ...]  # first, last, profile slug
    notes: tuple[tuple[str, bool], ...]  # body, private
    actions: tuple[tuple[str, int, bool], ...]  # title, due (days from anchor), done


# fmt: off
_MAYA = _Persona(
    name="Maya Chen",
    weekly_goal=5,
    intro="I taught secondary-school science for eight years and I'm now exploring {field}.",
    association="the UX Research Collective",
    contacts=260,
    span_days=120,
    options=(
        _Option(
            key="ux", title="UX research", status="chosen", roles="UX researchers", people=14, fit=(3, 5),
            companies=(
                "Northwind Labs", "Brightwave", "Copperleaf Software", "Northwind Labs, Inc.",
                "Orbit Mobility", "Harborview Media", "Juniper Insurance", "Umbra Games", "Foxglove Health",
                "Quillsoft GmbH", "Silverline Telecom", "Zephyr Travel", "Cedar Labs", "Halcyon Bank Ltd",
                "Driftwood Studios", "Beacon Public Schools",
            ),
            positions=(
                "UX Researcher", "Senior UX Researcher", "Research Operations Lead", "Design Researcher",
                "Head of User Research", "Mixed-Methods Researcher",
            ),
            insights=(
                "Interview skills from teaching transfer directly; synthesis is the hard part.",
                "Most juniors start in research ops or as generalist designers.",
                "Portfolio should show one study end to end, including what changed because of it.",
                "Felt like my tribe: curious people who like to ask why.",
                "Stakeholder management takes more time than the research itself.",
                "Recommended the Nielsen Norman articles and a small guerrilla study to practise.",
            ),
            decide_after=7,
        ),
        _Option(
            key="pm", title="Product management", status="leaning", roles="product managers", people=4,
            fit=(2, 4),
            companies=(
                "Acme Analytics", "Pinnacle Retail Co", "Atlas Freight", "Everlight Solar",
                "Bluebird Logistics", "Ironbridge Consulting",
            ),
            positions=("Product Manager", "Senior Product Manager", "Group Product Manager", "Product Owner"),
            keywords="product manager, product owner",
            targets=("Everlight Solar", "Ironbridge Consulting", "Cedar Labs"),
            insights=(
                "Lots of meetings; the job is deciding what not to build.",
                "Teaching-style planning maps well onto roadmaps.",
                "Hard to get in without domain experience; an internal move is more common.",
                "Less hands-on research than I hoped.",
            ),
        ),
        _Option(
            key="da", title="Data analysis", status="exploring", roles="data analysts", people=4, fit=(2, 4),
            companies=(
                "Indigo Data Ltd", "Meridian Health Corp", "Kestrel Bank plc", "Greenfield Foods Ltd",
                "Vantage Point Research", "Cobalt & Finch LLC",
            ),
            positions=("Data Analyst", "Senior Data Analyst", "Analytics Engineer", "BI Developer"),
            keywords="data analyst, data scientist, analytics",
            targets=("Indigo Data", "Kestrel Bank", "Tandem Learning"),
            insights=(
                "SQL every day; statistics less than expected.",
                "Dashboards nobody reads are the main frustration.",
                "A bootcamp is not required; a public project helps more.",
                "Quiet, focused work; less contact with people than I want.",
            ),
        ),
        _Option(
            key="ld", title="Learning design", status="dropped", roles="learning designers", people=1,
            fit=(1, 2),
            companies=("Mosaic Learning", "Tandem Learning"),
            positions=("Instructional Designer", "Learning Experience Designer"),
            insights=("Too close to teaching: the same deadlines without the classroom.",),
            decide_after=1, first=True,
        ),
    ),
    requests=(
        ("scheduled", 2), ("agreed", 1), ("declined", 4), ("replied", 3), ("pending", 6), ("silent", 23),
    ),
    inner_meetings=2,
    secondary="ux",
    chain=True,
    referrals_met=4,
    referrals_silent=1,
    referrals_unrequested=2,
    thank_you_missing=2,
    questions_per_option=(8, 10),
    home_companies=("Lincoln Middle School", "Riverside Unified School District", "Eastgate Academy"),
    home_positions=("Science Teacher", "Head of Year 8", "Math Teacher", "Assistant Principal", "Librarian"),
    special_names=(("健", "佐藤", "ken-sato-jp"),),
    notes=(
        ("Former colleague from Lincoln; happy to be a reference.", True),
        ("Prefers email to LinkedIn messages.", False),
        ("Mentioned a research ops opening in the spring; do not ask about it directly.", True),
        ("Runs the local UX meetup; good person to ask about events.", False),
        ("Has two kids in Year 8; asked about my old school.", True),
        ("Wrote the case study on onboarding research I liked.", False),
        ("Introduced me to two people last time; keep her posted.", True),
        ("Said to reach out again after I finish the portfolio.", False),
    ),
    actions=(
        ("Rewrite LinkedIn About section for UX research", -35, True),
        ("Update CV headline before next session", -1, False),
        ("Finish the portfolio case study draft", 0, False),
    ),
)

_DANIEL = _Persona(
    name="Daniel Okafor",
    weekly_goal=3,
    intro="I've spent six years in city planning and I'm now looking at {field}.",
    association="the Climate Policy Network",
    contacts=90,
    span_days=75,
    options=(
        _Option(
            key="sc", title="Sustainability consulting", status="exploring",
            roles="sustainability consultants", people=3, fit=(2, 5),
            companies=("Terra Partners", "Cirrus Climate Ltd", "Helios Energy AG", "Greenway Advisory"),
            keywords="sustainability, climate",
            targets=("Greenfield Foods", "Helios Energy AG", "Everlight Solar"),
            positions=("Sustainability Consultant", "Senior Consultant, Climate", "ESG Manager"),
            insights=(
                "Client work means travel and tight deadlines.",
                "Carbon accounting skills are in short supply.",
                "My planning background is a real asset for public-sector clients.",
            ),
        ),
        _Option(
            key="pa", title="Policy analysis", status="leaning", roles="policy analysts", people=1,
            fit=(3, 5),
            companies=("Redwood Civic Trust", "Institute for Urban Futures", "Granite City Council"),
            positions=("Policy Analyst", "Senior Policy Advisor"),
            keywords="policy",
            targets=("Granite City Council", "Metro Transit Authority"),
            insights=("Slow pace but real influence; writing is most of the job.",),
        ),
        _Option(
            key="esg", title="ESG reporting", status="exploring", roles="ESG analysts", people=0, fit=(2, 4),
            companies=("Novara Pharma SA",), positions=("ESG Analyst",),
            keywords="ESG, sustainability reporting", targets=("Silverline Telecom", "Novara Pharma"),
            insights=("Mostly compliance work.",),
        ),
    ),
    requests=(("scheduled", 1), ("declined", 1), ("replied", 1), ("pending", 2), ("silent", 7)),
    inner_meetings=1,
    secondary=None,
    chain=False,
    referrals_met=1,
    referrals_silent=0,
    referrals_unrequested=1,
    thank_you_missing=1,
    questions_per_option=(4, 6),
    home_companies=("Granite City Council", "Metro Transit Authority"),
    home_positions=("Urban Planner", "Senior Planner", "Transport Analyst"),
    special_names=(),
    notes=(
        ("Old colleague from the planning department.", True),
        ("Suggested reading the city's climate action plan first.", False),
        ("Busy until the end of the quarter.", True),
    ),
    actions=(("Read the city's climate action plan before the next call", -2, False),),
)

PERSONAS = (_MAYA, _DANIEL)

_FIRST_NAMES = (
    "Aisha", "Alejandro", "Amara", "Andrea", "Anil", "Ben", "Camille", "Carlos", "Chloé", "Dana",
    "David", "Diego", "Elena", "Emeka", "Emma", "Fatima", "Felix", "Grace", "Hana", "Hannah",
    "Inês", "Isaac", "Jamal", "Jana", "Javier", "Jonas", "José", "Julia", "Kai", "Kemi",
    "Laura", "Leila", "Liam", "Lucía", "Marcus", "Mariam", "Mateo", "Mei", "Mia", "Nadia",
    "Noah", "Nora", "Olivia", "Omar", "Priya", "Rafael", "Renée", "Rosa", "Ryan", "Samir",
    "Sara", "Sofia", "Søren", "Tariq", "Tom", "Valentina", "Victor", "Wei", "Yara", "Yusuf",
    "Zoë", "Björn", "Łukasz", "Ahmed", "Beatriz", "Chidi", "Ethan", "Farah", "Gabriel", "Ingrid",
)
_LAST_NAMES = (
    "Adeyemi", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Brown", "Castillo", "Clarke",
    "Costa", "Dvořák", "Edwards", "Evans", "Fischer", "Garcia", "Gonçalves", "Gupta", "Hansen",
    "Hughes", "Ibrahim", "Ito", "Jensen", "Johnson", "Kaur", "Khan", "Kim", "Kowalski", "Larsen",
    "Lee", "Lopez", "Martin", "Mensah", "Meyer", "Moreau", "Müller", "Murphy", "Nakamura", "Nguyen",
    "Novak", "Núñez", "Nwosu", "O'Brien", "Okonkwo", "Olsen", "Park", "Patel", "Pereira", "Petrov",
    "Quinn", "Reyes", "Rossi", "Santos", "Schmidt", "Shah", "Silva", "Singh", "Sørensen", "Suzuki",
    "Tan", "Taylor", "Thompson", "Torres", "Varga", "Wagner", "Walsh", "Wang", "Weber", "Williams",
)
_COMPANIES = (
    "Brightwave", "Northwind Labs Inc", "Acme Analytics", "Kestrel Bank plc", "Vogel Systeme GmbH",
    "Helios Energy AG", "Cobalt & Finch LLC", "Meridian Health Corp", "Bluebird Logistics",
    "Copperleaf Software", "Greenfield Foods Ltd", "Harborview Media", "Ironbridge Consulting",
    "Juniper Insurance", "Lakeside University", "Maple & Oak Design", "Novara Pharma SA", "Orbit Mobility",
    "Pinnacle Retail Co", "Quarry Street Ventures", "Redwood Civic Trust", "Silverline Telecom",
    "Tandem Learning", "Umbra Games", "Vantage Point Research", "Willow Creek Hospital", "Zephyr Travel",
    "Atlas Freight", "Cedar Labs", "Driftwood Studios", "Everlight Solar", "Foxglove Health",
    "Halcyon Bank Ltd", "Indigo Data Ltd", "Keystone Education", "Mosaic Learning", "Parcel & Pine",
)
_POSITIONS = (
    "Software Engineer", "Product Designer", "Marketing Manager", "Data Scientist", "Account Executive",
    "Operations Manager", "Recruiter", "HR Business Partner", "Project Manager", "Customer Success Lead",
    "Financial Analyst", "Policy Advisor", "Sustainability Manager", "Research Scientist",
    "Content Strategist", "Engineering Manager", "Founder", "Consultant", "Graduate Student",
    "UX Designer", "Business Analyst", "Communications Officer",
)
_QUESTIONS: tuple[tuple[str, str, int], ...] = (
    ("What does a typical week look like for {roles} on your team?", "day-to-day", 9),
    ("How did you get into {field}, and what would you do differently?", "path", 8),
    ("Which skills matter most in the first year of {field}?", "skills", 8),
    ("What surprised you most about {field} once you were in it?", "reality", 7),
    ("How is the work of {roles} judged: what does a great quarter look like?", "impact", 6),
    ("What would make someone from my background stand out to a hiring manager?", "transition", 9),
    ("Which courses, certificates or communities are actually worth the time?", "learning", 5),
    ("What does a realistic starting salary look like in {field}?", "money", 4),
    ("How are AI tools changing the work of {roles}?", "trends", 6),
    ("What kind of portfolio or work sample shows someone can do this job?", "skills", 7),
)
_GENERAL_QUESTIONS = (
    ("Who else should I talk to?", "closing", 10),
    ("Is there anything I can do for you?", "closing", 10),
)
_MESSAGES = {
    "alumni": (
        "Hi {first}, I found you through the Lakeside University alumni network. {intro} "
        "Would you have {minutes} minutes for a {mode} in the next few weeks? "
        "I'm after advice, not a job. I'll follow up next week."
    ),
    "association": (
        "Hi {first}, we're both members of {association}. {intro} "
        "Could I ask you a few questions over a {minutes}-minute {mode}? I'll follow up in a week or so."
    ),
    "mutual contact": (
        "Hi {first}, {referrer} suggested I get in touch. {intro} "
        "Could we have a {minutes}-minute {mode}? Happy to fit around your schedule."
    ),
    "inner circle": (
        "Hey {first}! {intro} Could I steal {minutes} minutes over a {mode} soon? I'd love your take."
    ),
    "cold": (
        "Hello {first}, I came across your profile on LinkedIn. {intro} "
        "Would you be open to a {minutes}-minute {mode} about how you got into it? "
        "Just your perspective, no job request."
    ),
}
_JOB_ASK = (
    "Hi {first}, {intro} Are there any openings on your team? "
    "I'd love to be considered and have attached my resume."
)
_NO_TIME_LIMIT = "Hi {first}, could we meet sometime so I can hear about your work in {field}? Let me know."
_MODE_WORDS = {
    "coffee": "coffee", "phone": "phone call", "video": "video call", "in_person": "chat in person",
    "their_choice": "chat (coffee, phone or video, whichever suits you)",
}
_SOURCES = (("linkedin", 74), ("alumni", 8), ("association", 6), ("event", 6), ("other", 6))
_WARMTH_BY_SOURCE: dict[str, tuple[tuple[str, float], ...]] = {
    "linkedin": (("inner_circle", 14), ("shared_affiliation", 12), ("cold", 44), ("unknown", 30)),
    "alumni": (("shared_affiliation", 85), ("inner_circle", 15)),
    "association": (("shared_affiliation", 60), ("cold", 40)),
    "event": (("cold", 80), ("unknown", 20)),
    "other": (("inner_circle", 60), ("unknown", 40)),
}
# How likely a contact of each warmth is to be the one behind a request of each kind.
_ASK_WEIGHTS: dict[str, dict[str, float]] = {
    "agreed": {"inner_circle": 4, "shared_affiliation": 4, "cold": 1, "unknown": 1},
    "answered": {"inner_circle": 1, "shared_affiliation": 2, "cold": 2, "unknown": 2},
    "silent": {"inner_circle": 0.3, "shared_affiliation": 1, "cold": 3, "unknown": 2},
    "pending": {"inner_circle": 1, "shared_affiliation": 2, "cold": 2, "unknown": 1},
}
_ASK_GROUP = {
    "held": "agreed", "scheduled": "agreed", "agreed": "agreed", "declined": "answered",
    "replied": "answered", "silent": "silent", "pending": "pending",
}
_OUTCOME = {
    "held": "agreed", "scheduled": "agreed", "agreed": "agreed", "declined": "declined", "replied": "replied",
}
# The first lines of the answers the demo leaves unmarked.
_REPLIES = (
    "Thanks for reaching out! Things are busy here until the end of the month.",
    "Hi, sure, happy to help where I can.",
)
# (kind, nth of that kind) answered only after the follow-up: late answers.
_LATE = frozenset({("held", 1), ("held", 5), ("declined", 1), ("replied", 2)})
_SUFFIX = re.compile(r"[ ,]+(inc|ltd|llc|gmbh|ag|sa|plc|corp|co)\.?$", re.IGNORECASE)
_ASCII = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "ß": "ss", "đ": "d"})
_CHUNK_ROWS = 250

# Columns each demo row sets (seeker_id is added on writing). "id" is the row's
# local number in its table until written, as are the references to it.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "career_option": ("id", "title", "status", "decided_on", "created_on", "keywords"),
    "target_org": ("id", "career_option_id", "name", "added_on"),
    "contact": (
        "id", "first_name", "last_name", "profile_url", "email", "phone", "company", "position", "source",
        "warmth", "connected_on", "added_on",
    ),
    "contact_note": ("id", "contact_id", "written_on", "body", "private"),
    "outreach": (
        "id", "contact_id", "sent_on", "channel", "message", "template", "minutes_asked", "mode_offered",
        "followed_up_on", "responded_on", "outcome", "reply_excerpt",
    ),
    "meeting": (
        "id", "contact_id", "outreach_id", "held_on", "mode", "company", "minutes_planned", "minutes_actual",
        "talk_share", "fit", "insights", "thank_you_on",
    ),
    "meeting_option": ("meeting_id", "career_option_id", "signal"),
    "question": ("id", "career_option_id", "text", "theme", "priority"),
    "meeting_question": ("meeting_id", "question_id"),
    "referral": ("id", "referrer_id", "referred_id", "referred_on", "meeting_id", "referrer_told_on"),
    "follow_up": (
        "id", "kind", "contact_id", "outreach_id", "meeting_id", "referral_id", "title", "due_on", "done_on",
        "snoozed_until", "skipped_on", "skip_reason",
    ),
}
# fmt: on


# --- the result ------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`build_demo` wrote: the demo seekers and the rows per table."""

    seekers: tuple[str, ...]
    seeker_ids: tuple[int, ...]
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        """All rows written, seekers included."""
        return sum(self.counts.values())


# --- planning structures ------------------------------------------------


@dataclass(eq=False)
class _Meeting:
    """A planned conversation (held or scheduled) before it becomes a row."""

    held: date
    request: _Request | None
    contact: int = -1
    option: str = ""
    secondary: str | None = None
    row: int = -1


@dataclass(eq=False)
class _Request:
    """A planned outreach request with its dates and outcome."""

    kind: str
    sent: date
    followed: date | None = None
    responded: date | None = None
    held: date | None = None
    meeting: _Meeting | None = None
    referred_by: _Meeting | None = None
    contact: int = -1
    row: int = -1


class _Rows:
    """One seeker's rows per table, each with a local id (its index) that references use."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {table: [] for table in _COLUMNS}

    def add(self, table: str, **values: Any) -> int:
        """Append a row (unset columns are NULL) and return its local id."""
        unknown = set(values) - set(_COLUMNS[table])
        if unknown:
            raise ValueError(f"{table} has no column {sorted(unknown)}")
        records = self.tables[table]
        record = {column: values.get(column) for column in _COLUMNS[table]}
        if "id" in record:
            record["id"] = len(records)
        records.append(record)
        return len(records) - 1

    def contact(self, local_id: int) -> dict[str, Any]:
        """The contact row with this local id, to read or amend."""
        return self.tables["contact"][local_id]


@dataclass
class _People:
    """Names, profile slugs and phone numbers already given out, so no person appears twice."""

    names: set[tuple[str, str]] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)
    phones: int = 0


# --- public API ------------------------------------------------------------


def build_demo(conn: Connection, *, anchor: date, seed: int = 7) -> DemoSummary:
    """Replace the demo seekers with freshly generated ones, in one transaction.

    :param conn: an open, migrated store.
    :param anchor: the day that plays "today"; every date is counted back from it
        (only scheduled meetings lie after it).
    :param seed: the random seed; the same anchor and seed give identical rows.
    """
    rng = random.Random(seed)
    people = _People()
    with transaction(conn):
        for (old_id,) in conn.execute("SELECT id FROM seeker WHERE is_demo ORDER BY id").fetchall():
            delete_seeker(conn, int(old_id))
        _refuse_name_clash(conn)
        ids = tuple(_build_seeker(conn, rng, persona, anchor=anchor, people=people) for persona in PERSONAS)
        check_references(conn)
    return DemoSummary(seekers=tuple(p.name for p in PERSONAS), seeker_ids=ids, counts=_count_rows(conn, ids))


def ensure_demo(path: str, *, today: date) -> bool:
    """Build the demo in the store at ``path`` if it holds no seeker at all; say whether it did.

    :param path: the store file (created and migrated if missing).
    :param today: the anchor day for the demo's dates.
    """
    with session(path) as conn:
        if not is_empty(conn):
            return False
        build_demo(conn, anchor=today)
        return True


# --- writing ---------------------------------------------------------------


def _refuse_name_clash(conn: Connection) -> None:
    """Refuse to build when a real (non-demo) seeker already has a demo seeker's name."""
    taken = {normalise_name(str(row[0])) for row in conn.execute("SELECT name FROM seeker").fetchall()}
    for persona in PERSONAS:
        if normalise_name(persona.name) in taken:
            raise Invalid(
                f"A seeker called {persona.name!r} already exists and is not demo data; "
                "rename that seeker before building the demo."
            )


def _insert_seeker(conn: Connection, persona: _Persona, *, started: date) -> int:
    """Insert the demo seeker row and return its id."""
    return int(
        scalar(
            conn,
            "INSERT INTO seeker (name, weekly_goal, is_demo, created_at) VALUES (?, ?, true, ?) RETURNING id",
            [persona.name, persona.weekly_goal, datetime.combine(started, time(9, 0))],
        )
    )


def _reserve_ids(conn: Connection, table: str, count: int) -> list[int]:
    """Take ``count`` ids from the table's sequence, in ascending order."""
    found = conn.execute(f"SELECT nextval('{table}_id_seq') FROM range(?)", [count]).fetchall()
    return sorted(int(row[0]) for row in found)


def _write(conn: Connection, seeker_id: int, rows: _Rows) -> None:
    """Insert every row, turning local ids into ids reserved from the store's sequences."""
    real = {
        table: _reserve_ids(conn, table, len(records))
        for table, records in rows.tables.items()
        if records and "id" in _COLUMNS[table]
    }
    links = {(table, column): parent for table, column, parent in REFERENCES if column != "seeker_id"}
    for table, columns in _COLUMNS.items():
        parents = [table if column == "id" else links.get((table, column)) for column in columns]
        values = [
            [seeker_id]
            + [
                real[parent][value] if parent is not None and value is not None else value
                for parent, value in zip(parents, record.values(), strict=True)
            ]
            for record in rows.tables[table]
        ]
        _insert(conn, table, ("seeker_id", *columns), values)


def _insert(conn: Connection, table: str, columns: Sequence[str], values: list[list[Any]]) -> None:
    """Insert rows with multi-row VALUES statements (much faster than executemany in DuckDB)."""
    one = "(" + ", ".join(["?"] * len(columns)) + ")"
    for start in range(0, len(values), _CHUNK_ROWS):
        chunk = values[start : start + _CHUNK_ROWS]
        conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * len(chunk))}",
            [value for row in chunk for value in row],
        )


def _count_rows(conn: Connection, seeker_ids: Sequence[int]) -> dict[str, int]:
    """Rows per demo table belonging to these seekers, the seeker table included."""
    marks = ", ".join(["?"] * len(seeker_ids))
    counts = {"seeker": int(scalar(conn, f"SELECT count(*) FROM seeker WHERE id IN ({marks})", seeker_ids))}
    for table in _COLUMNS:
        sql = f"SELECT count(*) FROM {table} WHERE seeker_id IN ({marks})"
        counts[table] = int(scalar(conn, sql, seeker_ids))
    return counts


# --- one seeker ------------------------------------------------------------


def _build_seeker(
    conn: Connection, rng: random.Random, persona: _Persona, *, anchor: date, people: _People
) -> int:
    """Generate and write one demo seeker; return their id."""
    started = anchor - timedelta(days=persona.span_days + 7)
    seeker_id = _insert_seeker(conn, persona, started=started)
    rows = _Rows()
    _add_pool(rng, persona, rows, people, anchor=anchor, started=started)
    requests = _plan_requests(rng, persona, anchor)
    meetings = _plan_meetings(rng, persona, requests, anchor)
    unrequested = _plan_referrals(rng, persona, requests, meetings, anchor)
    _tag_meetings(rng, persona, meetings, anchor)
    _assign_contacts(rng, rows, people, requests=requests, meetings=meetings, anchor=anchor)
    referred = [_new_referral_contact(rng, rows, people, on=m.held, anchor=anchor) for m in unrequested]
    _dress_met_contacts(persona, rows, meetings)
    options = _add_options(persona, rows, meetings, started=started, anchor=anchor)
    _add_outreach(rng, persona, rows, requests)
    _add_meetings(rng, persona, rows, meetings, options=options, anchor=anchor)
    _add_questions(rng, persona, rows, meetings, options=options, anchor=anchor)
    _add_referrals(rng, rows, requests, list(zip(unrequested, referred, strict=True)), anchor=anchor)
    _add_notes(rng, persona, rows, meetings, anchor=anchor)
    _add_follow_ups(rng, persona, rows, requests, meetings, anchor=anchor)
    _write(conn, seeker_id, rows)
    return seeker_id


# --- contacts --------------------------------------------------------------


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    """A random whole number of days between low and high, inclusive."""
    return timedelta(days=rng.randint(low, high))


def _day_in(rng: random.Random, first: date, last: date) -> date:
    """A random day from first to last, inclusive."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _weekday(day: date) -> date:
    """The day itself, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    """One value from (value, weight) pairs."""
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only, for slugs and addresses."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _new_person(rng: random.Random, people: _People) -> tuple[str, str, str]:
    """A first name, last name and profile slug nobody in the demo has yet."""
    while True:
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        if (first, last) in people.names:
            continue
        slug = f"{_ascii(first)}-{_ascii(last)}"
        if rng.random() < 0.7:
            slug += f"-{rng.getrandbits(32):08x}"
        if slug not in people.slugs:
            people.names.add((first, last))
            people.slugs.add(slug)
            return first, last, slug


def _email(rng: random.Random, first: str, last: str) -> str | None:
    """An invented address at example.com or example.org (none for non-Latin names)."""
    local = f"{_ascii(first)}.{_ascii(last)}"
    if local == ".":
        return None
    return f"{local}@{rng.choice(('example.com', 'example.org'))}"


def _phone(people: _People) -> str:
    """The next fictional phone number, +1 555 0100 to +1 555 0199."""
    people.phones += 1
    return f"+1 555 01{people.phones % 100:02d}"


def _add_pool(
    rng: random.Random, persona: _Persona, rows: _Rows, people: _People, *, anchor: date, started: date
) -> None:
    """The seeker's network before any outreach: mostly LinkedIn connections from the last two years."""
    specials = list(persona.special_names)
    for n in range(persona.contacts):
        if specials and n == persona.contacts // 3:
            first, last, slug = specials.pop()
            people.names.add((first, last))
            people.slugs.add(slug)
        else:
            first, last, slug = _new_person(rng, people)
        source = _pick(rng, _SOURCES)
        warmth = _pick(rng, _WARMTH_BY_SOURCE[source])
        home = warmth == "inner_circle" and rng.random() < 0.6
        connected = (
            anchor - timedelta(days=int(rng.triangular(0, 730, 150))) if source == "linkedin" else None
        )
        added = max(connected, started) if connected else anchor - _days(rng, 0, persona.span_days + 60)
        company = rng.choice(persona.home_companies if home else _COMPANIES) if rng.random() > 0.03 else None
        rows.add(
            "contact",
            first_name=first,
            last_name=last,
            profile_url=f"https://www.linkedin.com/in/{slug}" if connected or rng.random() < 0.6 else None,
            email=_email(rng, first, last) if rng.random() < 0.13 else None,
            phone=_phone(people) if rng.random() < (0.3 if warmth == "inner_circle" else 0.02) else None,
            company=company,
            position=rng.choice(persona.home_positions if home else _POSITIONS),
            source=source,
            warmth=warmth,
            connected_on=connected,
            added_on=added,
        )


def _new_referral_contact(rng: random.Random, rows: _Rows, people: _People, *, on: date, anchor: date) -> int:
    """A person someone met pointed the seeker to on ``on``, added that day."""
    first, last, slug = _new_person(rng, people)
    connected = min(on + _days(rng, 0, 2), anchor) if rng.random() < 0.6 else None
    return rows.add(
        "contact",
        first_name=first,
        last_name=last,
        profile_url=f"https://www.linkedin.com/in/{slug}",
        email=_email(rng, first, last) if rng.random() < 0.5 else None,
        company=rng.choice(_COMPANIES),
        position=rng.choice(_POSITIONS),
        source="referral",
        warmth="referral",
        connected_on=connected,
        added_on=on,
    )


def _entered(contact: Mapping[str, Any]) -> date:
    """When the contact joined the network as far as the pool knows."""
    return contact["connected_on"] or contact["added_on"]


def _assign_contacts(
    rng: random.Random,
    rows: _Rows,
    people: _People,
    *,
    requests: Sequence[_Request],
    meetings: Sequence[_Meeting],
    anchor: date,
) -> None:
    """Give every inner-circle meeting and request its person; referred requests get new people."""
    used: set[int] = set()
    for meeting in meetings:
        if meeting.request is None:
            meeting.contact = _choose_from_pool(
                rng, rows, used, before=meeting.held, weights={"inner_circle": 1}
            )
    for request in requests:
        if request.referred_by is not None:
            request.contact = _new_referral_contact(
                rng, rows, people, on=request.referred_by.held, anchor=anchor
            )
        else:
            weights = _ASK_WEIGHTS[_ASK_GROUP[request.kind]]
            request.contact = _choose_from_pool(rng, rows, used, before=request.sent, weights=weights)
        if request.meeting is not None:
            request.meeting.contact = request.contact


def _choose_from_pool(
    rng: random.Random, rows: _Rows, used: set[int], *, before: date, weights: Mapping[str, float]
) -> int:
    """An unused pool contact already in the network on ``before``, weighted by warmth."""
    candidates = [
        c["id"]
        for c in rows.tables["contact"]
        if c["id"] not in used and c["source"] != "referral" and _entered(c) <= before
    ]
    scored = [(cid, weights.get(rows.contact(cid)["warmth"], 0.0)) for cid in candidates]
    if not any(w for _, w in scored):
        scored = [(cid, 1.0) for cid in candidates]
    chosen = rng.choices([cid for cid, _ in scored], weights=[w for _, w in scored])[0]
    used.add(chosen)
    return chosen


def _variant(rng: random.Random, company: str) -> str:
    """The company as written on a meeting: usually as on the profile, sometimes with or without a suffix."""
    if rng.random() > 0.3:
        return company
    if _SUFFIX.search(company):
        return _SUFFIX.sub("", company)
    return company + rng.choice((" Inc.", " Ltd", ", Inc."))


def _dress_met_contacts(persona: _Persona, rows: _Rows, meetings: Sequence[_Meeting]) -> None:
    """Give each person met a company and position in the field they were met about."""
    by_key = {option.key: option for option in persona.options}
    seen: dict[str, int] = {}
    for meeting in meetings:
        option = by_key[meeting.option]
        nth = seen.get(option.key, 0)
        seen[option.key] = nth + 1
        contact = rows.contact(meeting.contact)
        contact["company"] = option.companies[nth % len(option.companies)]
        contact["position"] = option.positions[nth % len(option.positions)]


# --- requests, meetings, referrals (planned before they become rows) --------


def _plan_requests(rng: random.Random, persona: _Persona, anchor: date) -> list[_Request]:
    """Every request's dates and outcome, oldest first."""
    held = sum(option.people for option in persona.options) - persona.inner_meetings
    planned = [
        _request_dates(rng, kind, nth, anchor=anchor, span=persona.span_days)
        for kind, count in (("held", held), *persona.requests)
        for nth in range(count)
    ]
    return sorted(planned, key=lambda r: r.sent)


def _request_dates(rng: random.Random, kind: str, nth: int, *, anchor: date, span: int) -> _Request:
    """Dates for the nth request of a kind: held, scheduled, agreed, declined, replied, pending or silent."""
    monday = week_start(anchor)
    oldest = anchor - timedelta(days=span)
    if kind == "pending":
        sent = _day_in(rng, monday, anchor) if nth < 2 else anchor - _days(rng, 2, 11)
        return _Request(kind, _weekday(sent))
    if kind == "scheduled" or (kind == "replied" and nth == 0):
        sent = _weekday(anchor - _days(rng, 3, 10))
        answered = (
            _day_in(rng, max(sent, monday), anchor) if nth == 0 else min(sent + _days(rng, 1, 3), anchor)
        )
        held = anchor + _days(rng, 2, 9) if kind == "scheduled" else None
        return _Request(kind, sent, responded=answered, held=held)
    if kind == "silent":
        sent = _weekday(_day_in(rng, oldest, anchor - timedelta(days=15)))
        followed = sent + _days(rng, 14, 16) if rng.random() < 0.8 else None
        return _Request(kind, sent, followed=followed if followed and followed <= anchor else None)
    if (kind, nth) in _LATE:
        sent = _weekday(_day_in(rng, oldest, anchor - timedelta(days=45)))
        followed = sent + _days(rng, 14, 16)
        answered = followed + _days(rng, 1, 6)
    else:
        sent = _weekday(
            _day_in(rng, oldest, anchor - timedelta(days=20 if kind in ("held", "agreed") else 15))
        )
        followed, answered = None, sent + _days(rng, 1, 6)
    held = min(answered + _days(rng, 3, 12), anchor) if kind == "held" else None
    return _Request(kind, sent, followed=followed, responded=answered, held=held)


def _plan_meetings(
    rng: random.Random, persona: _Persona, requests: Sequence[_Request], anchor: date
) -> list[_Meeting]:
    """One meeting per held or scheduled request, plus early inner-circle chats; by date."""
    meetings = []
    for request in requests:
        if request.held is not None:
            request.meeting = _Meeting(request.held, request)
            meetings.append(request.meeting)
    first = anchor - timedelta(days=persona.span_days)
    meetings += [_Meeting(_weekday(first + _days(rng, 3, 20)), None) for _ in range(persona.inner_meetings)]
    return sorted(meetings, key=lambda m: m.held)


def _plan_referrals(
    rng: random.Random,
    persona: _Persona,
    requests: Sequence[_Request],
    meetings: Sequence[_Meeting],
    anchor: date,
) -> list[_Meeting]:
    """Mark requests to referred people; return the meetings whose referrals were never contacted."""
    held = [m for m in meetings if m.held <= anchor]
    if persona.chain:
        _plan_chain(requests, held)
    for kind, count in (("held", persona.referrals_met), ("silent", persona.referrals_silent)):
        eligible = [
            r
            for r in requests
            if r.kind == kind and r.referred_by is None and any(m.held < r.sent for m in held)
        ]
        for request in rng.sample(eligible, min(count, len(eligible))):
            request.referred_by = rng.choice([m for m in held if m.held < request.sent])
    return [rng.choice(held) for _ in range(persona.referrals_unrequested)]


def _plan_chain(requests: Sequence[_Request], held: Sequence[_Meeting]) -> None:
    """A referral chain A -> B -> C -> D: each person met points the seeker to the next."""
    previous = held[0]
    for kinds in (("held",), ("held",), ("scheduled", "pending")):
        following = [
            r for r in requests if r.kind in kinds and r.referred_by is None and r.sent > previous.held
        ]
        if not following:
            return
        following[0].referred_by = previous
        if following[0].meeting is None:
            return
        previous = following[0].meeting


def _tag_meetings(rng: random.Random, persona: _Persona, meetings: Sequence[_Meeting], anchor: date) -> None:
    """Say which career option each meeting was about; the 'first' option gets the first one."""
    held = [m for m in meetings if m.held <= anchor]
    firsts = [o.key for o in persona.options if o.first for _ in range(o.people)]
    rest = [o.key for o in persona.options if not o.first for _ in range(o.people)]
    rng.shuffle(rest)
    for meeting, key in zip(held, firsts + rest, strict=True):
        meeting.option = key
    decided = {o.key for o in persona.options if o.status in DECIDED}
    for meeting in held:
        if persona.secondary and meeting.option not in decided | {persona.secondary} and rng.random() < 0.3:
            meeting.secondary = persona.secondary
    open_keys = [o.key for o in persona.options if o.status not in DECIDED and o.people]
    for meeting in meetings:
        if meeting.held > anchor:
            meeting.option = rng.choice(open_keys)


# --- rows ------------------------------------------------------------------


def _add_options(
    persona: _Persona, rows: _Rows, meetings: Sequence[_Meeting], *, started: date, anchor: date
) -> dict[str, int]:
    """The career options; a decided one is decided a few days after meeting its nth person."""
    ids = {}
    for option in persona.options:
        decided = None
        if option.status in DECIDED:
            dates = [m.held for m in meetings if option.key in (m.option, m.secondary) and m.held <= anchor]
            decided = min(dates[option.decide_after - 1] + timedelta(days=3), anchor)
        ids[option.key] = rows.add(
            "career_option",
            title=option.title,
            status=option.status,
            decided_on=decided,
            created_on=started,
            keywords=option.keywords,
        )
        for name in option.targets:
            rows.add("target_org", career_option_id=ids[option.key], name=name, added_on=started)
    return ids


def _field(title: str) -> str:
    """An option title as it reads inside a sentence ("Product management" -> "product management")."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def _add_outreach(rng: random.Random, persona: _Persona, rows: _Rows, requests: Sequence[_Request]) -> None:
    """One outreach row per planned request, with channel, template and message."""
    titles = {o.key: o.title for o in persona.options}
    asking = [o.key for o in persona.options if o.people and o.status != "dropped"]
    job_ask = next((r for r in requests if r.kind == "declined"), None)
    no_limit = next((r for r in requests if r.kind == "silent" and r.followed is None), None)
    # Answers after the first "replied" one stay unmarked, as answers found in an export do: the
    # seeker has not said yet whether they agreed. Each keeps the first line of the reply.
    replied = [r for r in requests if r.kind == "replied"][1 : 1 + len(_REPLIES)]
    unmarked = {id(r): line for r, line in zip(replied, _REPLIES[: len(replied)], strict=True)}
    for request in requests:
        contact = rows.contact(request.contact)
        channel = _channel(rng, contact)
        mode = _mode_offered(rng, channel)
        minutes: int | None = rng.choices((15, 20, 19, 30), weights=(45, 40, 8, 7))[0]
        key = request.meeting.option if request.meeting else rng.choice(asking)
        template = _template(contact)
        text = _MESSAGES[template]
        if request is job_ask:
            text = _JOB_ASK
        elif request is no_limit:
            text, minutes = _NO_TIME_LIMIT, None
        referrer = rows.contact(request.referred_by.contact)["first_name"] if request.referred_by else ""
        field_words = _field(titles[key])
        request.row = rows.add(
            "outreach",
            contact_id=request.contact,
            sent_on=request.sent,
            channel=channel,
            message=text.format(
                first=contact["first_name"],
                intro=persona.intro.format(field=field_words),
                field=field_words,
                minutes=minutes,
                mode=_MODE_WORDS[mode],
                association=persona.association,
                referrer=referrer,
            ),
            template=template,
            minutes_asked=minutes,
            mode_offered=mode,
            followed_up_on=request.followed,
            responded_on=request.responded,
            outcome=None if id(request) in unmarked else _OUTCOME.get(request.kind),
            reply_excerpt=unmarked.get(id(request)),
        )
    _ensure_rare_channel(rng, rows, requests)


def _channel(rng: random.Random, contact: Mapping[str, Any]) -> str:
    """How the seeker reached this person, given what the contact record offers."""
    if contact["email"] and rng.random() < 0.7:
        return "email"
    if (contact["phone"] or contact["warmth"] == "inner_circle") and rng.random() < 0.5:
        return "phone"  # friends and former colleagues get a call, number on file or not
    if contact["source"] in ("event", "association") and rng.random() < 0.5:
        return "in_person"
    if contact["profile_url"] and rng.random() < 0.95:
        return "linkedin"
    return _pick(rng, (("in_person", 4), ("letter", 1), ("other", 1)))


def _ensure_rare_channel(rng: random.Random, rows: _Rows, requests: Sequence[_Request]) -> None:
    """Make sure one unanswered request went by letter, so the rare channels show up."""
    outreach = rows.tables["outreach"]
    if any(row["channel"] in ("letter", "other") for row in outreach):
        return
    silent = [r.row for r in requests if r.kind == "silent" and outreach[r.row]["channel"] != "email"]
    if silent:
        outreach[rng.choice(silent)]["channel"] = "letter"


def _mode_offered(rng: random.Random, channel: str) -> str:
    """The conversation mode a request offered."""
    if channel == "phone":
        return "phone"
    if channel == "in_person":
        return rng.choice(("coffee", "in_person"))
    return _pick(rng, (("their_choice", 35), ("video", 25), ("coffee", 20), ("phone", 15), ("in_person", 5)))


def _template(contact: Mapping[str, Any]) -> str:
    """The message template that fits how the seeker knows the person."""
    if contact["warmth"] == "referral":
        return "mutual contact"
    if contact["warmth"] == "inner_circle":
        return "inner circle"
    if contact["source"] == "association":
        return "association"
    if contact["source"] == "alumni" or contact["warmth"] == "shared_affiliation":
        return "alumni"
    return "cold"


def _add_meetings(
    rng: random.Random,
    persona: _Persona,
    rows: _Rows,
    meetings: Sequence[_Meeting],
    *,
    options: Mapping[str, int],
    anchor: date,
) -> None:
    """Meeting rows (held and scheduled) and the career options each touched on."""
    by_key = {option.key: option for option in persona.options}
    thanks = _thank_you_dates(rng, persona, meetings, anchor)
    for meeting in meetings:
        option = by_key[meeting.option]
        contact = rows.contact(meeting.contact)
        asked = rows.tables["outreach"][meeting.request.row] if meeting.request else None
        planned = asked["minutes_asked"] if asked else 30
        if meeting.held > anchor:
            meeting.row = rows.add(
                "meeting",
                contact_id=meeting.contact,
                outreach_id=meeting.request.row if meeting.request else None,
                held_on=meeting.held,
                mode=_meeting_mode(rng, asked),
                company=contact["company"],
                minutes_planned=planned,
            )
            rows.add(
                "meeting_option",
                meeting_id=meeting.row,
                career_option_id=options[option.key],
                signal="neutral",
            )
            continue
        fit = rng.randint(*option.fit)
        over = rng.random() < 0.2
        meeting.row = rows.add(
            "meeting",
            contact_id=meeting.contact,
            outreach_id=meeting.request.row if meeting.request else None,
            held_on=meeting.held,
            mode=_meeting_mode(rng, asked),
            company=_variant(rng, contact["company"]),
            minutes_planned=planned,
            minutes_actual=max(1, (planned or 20) + (rng.randint(8, 25) if over else rng.randint(-3, 2))),
            talk_share=rng.randint(30, 65),
            fit=fit,
            insights=" ".join(rng.sample(option.insights, min(2, len(option.insights)))),
            thank_you_on=thanks[meeting],
        )
        signal = "for" if fit >= 4 else "against" if fit <= 2 else "neutral"
        rows.add(
            "meeting_option", meeting_id=meeting.row, career_option_id=options[option.key], signal=signal
        )
        if meeting.secondary:
            rows.add(
                "meeting_option",
                meeting_id=meeting.row,
                career_option_id=options[meeting.secondary],
                signal=rng.choice(("for", "neutral")),
            )


def _meeting_mode(rng: random.Random, asked: Mapping[str, Any] | None) -> str:
    """How the conversation happened: the mode offered, or the person's pick when they could choose."""
    offered = asked["mode_offered"] if asked else rng.choice(("coffee", "in_person"))
    return offered if offered != "their_choice" else rng.choice(("video", "coffee", "phone"))


def _thank_you_dates(
    rng: random.Random, persona: _Persona, meetings: Sequence[_Meeting], anchor: date
) -> dict[_Meeting, date | None]:
    """Thank-you dates per held meeting: mostly 0-1 days after, a few late, one or two never sent."""
    held = [m for m in meetings if m.held <= anchor]
    due = [m for m in held if m.held <= anchor - timedelta(days=2)]
    missing = set(due[-1:])
    missing |= set(rng.sample(due[:-1], min(len(due) - 1, persona.thank_you_missing - 1))) if due else set()
    rest = [m for m in held if m not in missing]
    late = set(rng.sample(rest, min(3, len(rest))))
    dates: dict[_Meeting, date | None] = {}
    for meeting in held:
        sent = meeting.held + (_days(rng, 3, 5) if meeting in late else _days(rng, 0, 1))
        dates[meeting] = None if meeting in missing or sent > anchor else sent
    return dates


def _add_questions(
    rng: random.Random,
    persona: _Persona,
    rows: _Rows,
    meetings: Sequence[_Meeting],
    *,
    options: Mapping[str, int],
    anchor: date,
) -> None:
    """A prioritised question bank per option, and which questions several meetings covered."""
    bank: dict[str | None, list[int]] = {None: []}
    for text, theme, priority in _GENERAL_QUESTIONS:
        bank[None].append(rows.add("question", text=text, theme=theme, priority=priority))
    for option in persona.options:
        chosen = rng.sample(_QUESTIONS, rng.randint(*persona.questions_per_option))
        bank[option.key] = [
            rows.add(
                "question",
                career_option_id=options[option.key],
                text=text.format(roles=option.roles, field=_field(option.title)),
                theme=theme,
                priority=min(10, max(1, priority + rng.randint(-1, 1))),
            )
            for text, theme, priority in chosen
        ]
    for meeting in meetings:
        if meeting.held <= anchor and rng.random() < 0.7:
            pool = bank[meeting.option] + bank[None]
            for question in rng.sample(pool, min(len(pool), rng.randint(4, 6))):
                rows.add("meeting_question", meeting_id=meeting.row, question_id=question)


def _add_referrals(
    rng: random.Random,
    rows: _Rows,
    requests: Sequence[_Request],
    unrequested: Sequence[tuple[_Meeting, int]],
    *,
    anchor: date,
) -> None:
    """Referral rows; the referrer is told after the meeting, except once (an open referral loop)."""
    pairs = [(r.referred_by, r.contact, r.meeting) for r in requests if r.referred_by is not None]
    pairs += [(source, contact, None) for source, contact in unrequested]
    met = [m for _, _, m in pairs if m is not None and m.held <= anchor - timedelta(days=2)]
    untold = max(met, key=lambda m: m.held) if met else None
    for source, contact, meeting in pairs:
        told = None
        if meeting is not None and meeting.held <= anchor and meeting is not untold:
            told = min(meeting.held + _days(rng, 0, 3), anchor)
        rows.add(
            "referral",
            referrer_id=source.contact,
            referred_id=contact,
            referred_on=source.held,
            meeting_id=source.row,
            referrer_told_on=told,
        )


def _add_notes(
    rng: random.Random, persona: _Persona, rows: _Rows, meetings: Sequence[_Meeting], *, anchor: date
) -> None:
    """A few notes on people, mostly those met; some private, some shareable."""
    met = [m.contact for m in meetings if m.held <= anchor]
    for body, private in persona.notes:
        contact_id = (
            rng.choice(met) if met and rng.random() < 0.7 else rng.randrange(len(rows.tables["contact"]))
        )
        added = rows.contact(contact_id)["added_on"]
        rows.add(
            "contact_note",
            contact_id=contact_id,
            written_on=_day_in(rng, added, anchor),
            body=body,
            private=private,
        )


def _add_follow_ups(
    rng: random.Random,
    persona: _Persona,
    rows: _Rows,
    requests: Sequence[_Request],
    meetings: Sequence[_Meeting],
    *,
    anchor: date,
) -> None:
    """Recorded duties: thank-yous and keep-in-touch done, a skipped nudge, and coach-session actions."""
    held = [m for m in meetings if m.held <= anchor]
    meeting_rows = rows.tables["meeting"]
    thanked = [m for m in held if meeting_rows[m.row]["thank_you_on"] is not None][:3]
    for meeting in thanked:
        rows.add(
            "follow_up",
            kind="thank_you",
            contact_id=meeting.contact,
            meeting_id=meeting.row,
            due_on=meeting.held + timedelta(days=2),
            done_on=meeting_rows[meeting.row]["thank_you_on"],
        )
    for meeting in [m for m in held if m.held + timedelta(days=92) <= anchor][:2]:
        due = meeting.held + timedelta(days=90)
        rows.add(
            "follow_up",
            kind="keep_in_touch",
            contact_id=meeting.contact,
            due_on=due,
            done_on=min(due + _days(rng, 0, 2), anchor),
        )
    unfollowed = [r for r in requests if r.kind == "silent" and r.followed is None]
    if unfollowed:
        request = rng.choice(unfollowed)
        due = request.sent + timedelta(days=14)
        rows.add(
            "follow_up",
            kind="nudge",
            contact_id=request.contact,
            outreach_id=request.row,
            due_on=due,
            skipped_on=min(due + timedelta(days=1), anchor),
            skip_reason="They changed roles; try again later.",
        )
    for title, offset, done in persona.actions:
        due = anchor + timedelta(days=offset)
        rows.add(
            "follow_up",
            kind="action",
            title=title,
            due_on=due,
            done_on=min(due + timedelta(days=2), anchor) if done else None,
        )
