"""Every value the store allows in an enumerated column, and the store's tables, in one place.

The migrated schema says the same in its CHECK constraints (DuckDB cannot read them back into
Python), so ``tests/test_vocabulary.py`` compares each list here with the constraint of every
column it names, and :data:`TABLES` with the tables a migrated store holds. Everything else
imports from here: a value added to the schema is added here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

# --- enumerated columns ------------------------------------------------------

# How well the seeker knows a person, warmest first (the order suggestions and nudges rank by).
WARMTHS = ("inner_circle", "shared_affiliation", "referral", "unknown", "cold")
# Where the seeker found a person.
SOURCES = ("linkedin", "alumni", "association", "event", "referral", "other")
CHANNELS = ("email", "linkedin", "phone", "letter", "in_person", "other")
# What an answer to a request said; a request answered but not yet marked has none.
OUTCOMES = ("agreed", "declined", "replied")
MODES_OFFERED = ("coffee", "phone", "video", "in_person", "their_choice")
MEETING_MODES = ("coffee", "phone", "video", "in_person", "other")
# Whether what was heard in a conversation speaks for a career option or against it.
SIGNALS = ("for", "against", "neutral")
OPTION_STATUSES = ("exploring", "leaning", "chosen", "dropped")
DECIDED = ("chosen", "dropped")
UNDECIDED = tuple(status for status in OPTION_STATUSES if status not in DECIDED)
# Follow-up cadence presets: the default one, and three business days then seven.
CADENCES = ("default", "3b7")
# The order breaks ties between follow-ups due on the same day.
FOLLOW_UP_KINDS = ("thank_you", "nudge", "next_contact", "referral_loop", "keep_in_touch", "action")
IMPORT_KINDS = ("linkedin", "tracker", "mail", "calendar")
IMPORT_ACTIONS = ("insert", "update")

# (table, column, allowed values): what the schema's CHECK constraints hold.
ENUMERATED: tuple[tuple[str, str, Sequence[str]], ...] = (
    ("contact", "warmth", WARMTHS),
    ("contact", "source", SOURCES),
    ("outreach", "channel", CHANNELS),
    ("outreach", "outcome", OUTCOMES),
    ("outreach", "mode_offered", MODES_OFFERED),
    ("meeting", "mode", MEETING_MODES),
    ("meeting_option", "signal", SIGNALS),
    ("career_option", "status", OPTION_STATUSES),
    ("seeker", "cadence", CADENCES),
    ("follow_up", "kind", FOLLOW_UP_KINDS),
    ("import_run", "kind", IMPORT_KINDS),
    ("import_change", "action", IMPORT_ACTIONS),
)

# --- tables ------------------------------------------------------------------

# Every table of the seekers' data, each after the tables its rows point at: writes go in this
# order, deletes in the reverse.
TABLES = (
    "seeker",
    "career_option",
    "target_org",
    "contact",
    "outreach",
    "meeting",
    "meeting_option",
    "referral",
    "contact_note",
    "question",
    "meeting_question",
    "follow_up",
    "message_template",
    "session_note",
    "week_note",
    "import_run",
    "import_change",
)
# The store's own bookkeeping: the schema's version and the per-table change counters.
BOOKKEEPING = ("schema_version", "table_change")
# The tables holding one seeker's rows, children first: deleting a seeker walks this.
SEEKER_TABLES = tuple(reversed(TABLES[1:]))
# The tables an import may write, parents first; undo walks them backwards.
_IMPORTED = {"career_option", "contact", "outreach", "meeting", "meeting_option", "referral", "contact_note"}
IMPORT_TABLES = tuple(table for table in TABLES if table in _IMPORTED)


def either(values: Sequence[str], *, last: str = "or") -> str:
    """``"a, b or c"``: the values as a message lists them."""
    *rest, final = values
    return f"{', '.join(rest)} {last} {final}" if rest else final
