"""Everything the app loads from the store, in one registry: what reads it, which tables it reads,
what it returns, and how a shared screen shows each of its columns.

A screen loads through ``ui.data`` by a loader of :data:`LOADERS` (cached until a table it reads
changes; in screen-share mode made safe by its ``share`` rule before a page sees it). The share
rules fail closed: text without a rule is scrubbed, and ``tests/test_privacy.py`` fails for every
loader, column or field without one. ``tests/pages/test_cache_keys.py`` checks ``reads`` against
the SQL each loader runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from coach import store
from coach.rules import overview
from coach.rules.privacy import Rule, Table
from coach.store import reviews
from coach.store.db import Connection

S, T, P, L, H = Rule.SHOWN, Rule.TEXT, Rule.PERSON, Rule.LINK, Rule.HIDDEN
EVERY_TABLE: tuple[str, ...] = ()  # a loader that reads them all (the seekers' overview)


@dataclass(frozen=True)
class Loader:
    """One thing the app loads.

    :param load: ``load(conn, *args)``; for a seeker's table the first argument is the seeker id.
    :param reads: the store's tables it reads (:data:`EVERY_TABLE`: all of them).
    :param returns: the type of what it returns.
    :param share: how a shared screen shows each column (or field) of what it returns.
    """

    load: Callable[..., Any]
    reads: tuple[str, ...]
    returns: type
    share: Table


def seeker_overview(conn: Connection, as_of: date, include_archived: bool = True) -> list[overview.SeekerRow]:
    """Every client's row, read from an open store (the coach's Clients screen)."""
    return [
        overview.seeker_row(seeker, **load_frames(conn, seeker.id, *overview.FRAMES), as_of=as_of)
        for seeker in store.list_seekers(conn, include_archived=include_archived)
    ]


SEEKER = Table(
    {
        "id": S,
        "name": T,
        "weekly_goal": S,
        "answer_window_days": S,
        "thank_you_days": S,
        "referral_loop_days": S,
        "keep_in_touch_days": S,
        "let_go_days": S,
        "red_min_people": S,
        "amber_min_people": S,
        "amber_min_orgs": S,
        "cadence": S,
        "archived": S,
        "is_demo": S,
    }
)

LOADERS: dict[str, Loader] = {
    "seekers": Loader(
        load=store.list_seekers,
        reads=("seeker",),
        returns=list,
        share=SEEKER,
    ),
    "seeker": Loader(
        load=store.get_seeker,
        reads=("seeker",),
        returns=store.Seeker,
        share=SEEKER,
    ),
    "options": Loader(
        load=store.list_options,
        reads=("career_option",),
        returns=list,
        share=Table({"id": S, "title": T, "status": S, "decided_on": S, "created_on": S, "keywords": T}),
    ),
    # Organisation names and keywords are not private: free text, scrubbed as a company is.
    "targets": Loader(
        load=store.load_targets,
        reads=("target_org", "career_option"),
        returns=pd.DataFrame,
        share=Table({"id": S, "career_option_id": S, "career_option": T, "name": T, "added_on": S}),
    ),
    "company_counts": Loader(
        load=store.company_counts,
        reads=("contact",),
        returns=pd.DataFrame,
        share=Table({"organisation": T, "org": T, "contacts": S}),
    ),
    "outreach": Loader(
        load=store.load_outreach,
        reads=("outreach", "contact"),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "contact_id": S,
                "contact": P,
                "company": T,
                "warmth": S,
                "source": S,
                "sent_on": S,
                "channel": S,
                "template": T,
                "minutes_asked": S,
                "mode_offered": S,
                "message": T,
                "followed_up_on": S,
                "responded_on": S,
                "outcome": S,
                "reply_excerpt": T,  # the first line of the contact's answer, as written
            },
            people={"contact": "contact_id"},
        ),
    ),
    "meetings": Loader(
        load=store.load_meetings,
        reads=("meeting", "contact"),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "contact_id": S,
                "contact": P,
                "outreach_id": S,
                "held_on": S,
                "mode": S,
                "company": T,
                "minutes_planned": S,
                "minutes_actual": S,
                "talk_share": S,
                "fit": S,
                "insights": T,
                "thank_you_on": S,
            },
            people={"contact": "contact_id"},
        ),
    ),
    "network": Loader(
        load=store.load_network,
        reads=("contact", "outreach", "referral", "meeting"),
        returns=pd.DataFrame,
        share=Table({"id": S, "source": S, "warmth": S, "entered_on": S}),
    ),
    "contacts": Loader(
        load=store.load_contacts,
        reads=("contact",),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "first_name": P,
                "last_name": P,
                "name": P,
                "company": T,
                "position": T,
                "email": H,
                "phone": H,
                "profile_url": L,
                "source": S,
                "warmth": S,
                "connected_on": S,
                "added_on": S,
            },
            people={"first_name": "id", "last_name": "id", "name": "id"},
        ),
    ),
    "notes": Loader(
        load=store.load_notes,
        reads=("contact_note",),
        returns=pd.DataFrame,
        share=Table(
            {"id": S, "contact_id": S, "written_on": S, "body": T, "private": S}, private_rows="private"
        ),
    ),
    "referrals": Loader(
        load=store.load_referrals,
        reads=("referral", "contact"),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "referrer_id": S,
                "referrer": P,
                "referred_id": S,
                "referred": P,
                "referred_on": S,
                "meeting_id": S,
                "referrer_told_on": S,
            },
            people={"referrer": "referrer_id", "referred": "referred_id"},
        ),
    ),
    "follow_ups": Loader(
        load=store.load_follow_ups,
        reads=("follow_up",),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "kind": S,
                "contact_id": S,
                "outreach_id": S,
                "meeting_id": S,
                "referral_id": S,
                "title": T,
                "due_on": S,
                "done_on": S,
                "snoozed_until": S,
                "skipped_on": S,
                "skip_reason": T,
            }
        ),
    ),
    "meeting_options": Loader(
        load=store.load_meeting_options,
        reads=("meeting_option", "career_option"),
        returns=pd.DataFrame,
        share=Table({"meeting_id": S, "career_option_id": S, "title": T, "signal": S}),
    ),
    "questions": Loader(
        load=store.load_questions,
        reads=("question", "career_option", "meeting_question"),
        returns=pd.DataFrame,
        share=Table(
            {
                "id": S,
                "career_option_id": S,
                "career_option": T,
                "text": T,
                "theme": T,
                "priority": S,
                "times_asked": S,
            }
        ),
    ),
    "meeting_questions": Loader(
        load=store.load_meeting_questions,
        reads=("meeting_question",),
        returns=pd.DataFrame,
        share=Table({"meeting_id": S, "question_id": S}),
    ),
    "templates": Loader(
        load=reviews.templates,
        reads=("message_template",),
        returns=dict,
        share=Table({}),  # a mapping of template names to texts: both free text
    ),
    "sessions": Loader(
        load=reviews.list_sessions,
        reads=("session_note",),
        returns=list,
        share=Table({"id": S, "held_on": S, "agenda": T, "notes": T}),
    ),
    "week_note": Loader(
        load=reviews.week_note,
        reads=("week_note",),
        returns=str,
        share=Table({}),  # one free text
    ),
    # Never loaded while sharing (the Clients screen is not routed then); its names are scrubbed.
    "overview": Loader(
        load=seeker_overview,
        reads=EVERY_TABLE,
        returns=list,
        share=Table(
            {
                "seeker_id": S,
                "name": T,
                "archived": S,
                "last_activity": S,
                "sent_this_week": S,
                "goal": S,
                "responded": S,
                "closed": S,
                "meetings_this_month": S,
                "overdue": S,
                "red_decisions": S,
            }
        ),
    ),
    "imports": Loader(
        load=store.list_imports,
        reads=("import_run",),
        returns=list,
        share=Table({"id": S, "kind": S, "file_name": T, "started_at": S, "counts": S, "undone_at": S}),
    ),
}
# What the scrubber of a shared screen is built from (the contacts' e-mails and phones, the seekers' names).
SCRUBBER_READS = ("contact", "seeker")


def load_frames(conn: Connection, seeker_id: int, *names: str) -> dict[str, Any]:
    """Several of the seeker's tables at once, by their loaders' names (outreach, meetings, ...)."""
    return {name: LOADERS[name].load(conn, seeker_id) for name in names}


def share_rule(name: str) -> Table:
    """The share rule of the loader ``name``; for anything else (a report computed from loaded
    tables) none, so every text in it is scrubbed."""
    found = LOADERS.get(name)
    return found.share if found is not None else Table({})
