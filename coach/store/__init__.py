"""Named queries over the store: seekers, career options and the tables the screens read.

Every function takes an open connection (see :func:`coach.store.db.session`) and
scopes its work to one seeker. Values are passed as ``?`` parameters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from coach.names import close_names, normalise_name, spellings
from coach.rules.followups import Cadence, DueItem, DueList, due_items, due_list, upcoming_items
from coach.rules.privacy import Scrubber
from coach.seeker import Seeker as Seeker
from coach.store.db import (
    Connection,
    Invalid,
    NotFound,
    check_date,
    check_references,
    rows,
    scalar,
    transaction,
)
from coach.vocabulary import DECIDED, OPTION_STATUSES, SEEKER_TABLES

_SEEKER_COLUMNS = ", ".join(Seeker.__dataclass_fields__)


# --- seekers ---------------------------------------------------------------


def list_seekers(conn: Connection, *, include_archived: bool = False) -> list[Seeker]:
    """Every seeker, by name; archived ones only when asked for."""
    where = "" if include_archived else "WHERE NOT archived"
    return [Seeker(**r) for r in rows(conn, f"SELECT {_SEEKER_COLUMNS} FROM seeker {where} ORDER BY name")]


def scrubber(conn: Connection, seeker_id: int | None, *, region: str = "US") -> Scrubber:
    """What a shared screen of ``seeker_id`` must never show: every e-mail address and phone number
    stored for any contact, and every other client's name (all clients' when ``seeker_id`` is None)."""
    known = conn.execute(
        "SELECT DISTINCT trim(v) FROM (SELECT email AS v FROM contact UNION ALL SELECT phone FROM contact)"
        " WHERE v IS NOT NULL AND length(trim(v)) >= 5"
    ).fetchall()
    others = conn.execute(
        "SELECT name FROM seeker WHERE id IS DISTINCT FROM ? ORDER BY id", [seeker_id]
    ).fetchall()
    return Scrubber(
        known=frozenset(str(r[0]) for r in known), others=tuple(str(r[0]) for r in others), region=region
    )


def get_seeker(conn: Connection, seeker_id: int) -> Seeker:
    """The seeker with this id."""
    found = rows(conn, f"SELECT {_SEEKER_COLUMNS} FROM seeker WHERE id = ?", [seeker_id])
    if not found:
        raise NotFound(f"No seeker with id {seeker_id}.")
    return Seeker(**found[0])


def find_seeker(conn: Connection, name: str) -> Seeker:
    """The seeker called ``name`` (case and spacing ignored), or a helpful NotFound."""
    everyone = list_seekers(conn, include_archived=True)
    key = normalise_name(name)
    for seeker in everyone:
        if normalise_name(seeker.name) == key:
            return seeker
    hint = close_names(name, [s.name for s in everyone])
    if hint:
        raise NotFound(f"No seeker called {name!r}; did you mean {hint[0]!r}?")
    known = ", ".join(repr(s.name) for s in everyone) or "none yet"
    raise NotFound(f"No seeker called {name!r} (seekers: {known}). Add one with `coach seeker add`.")


def add_seeker(
    conn: Connection, name: str, *, weekly_goal: int = 5, allow_similar: bool = False, is_demo: bool = False
) -> Seeker:
    """Create a seeker; refuse a duplicate, and a name close to an existing one unless allowed.

    :param name: the seeker's unique name.
    :param weekly_goal: outreach requests the seeker aims to send each week.
    :param allow_similar: create it even if it looks like a typo of an existing name.
    """
    name = " ".join(name.split())
    if not name:
        raise Invalid("A seeker needs a name.")
    if not 0 <= weekly_goal <= 200:
        raise Invalid(f"Weekly goal {weekly_goal} must be between 0 and 200.")
    existing = [s.name for s in list_seekers(conn, include_archived=True)]
    if any(normalise_name(other) == normalise_name(name) for other in existing):
        raise Invalid(f"A seeker called {name!r} already exists.")
    similar = close_names(name, existing)
    if similar and not allow_similar:
        raise Invalid(
            f"{name!r} is close to the existing seeker {similar[0]!r}. Did you mean {similar[0]!r}? "
            f"Add --new-seeker to create {name!r} anyway."
        )
    new_id = scalar(
        conn,
        "INSERT INTO seeker (name, weekly_goal, is_demo) VALUES (?, ?, ?) RETURNING id",
        [name, weekly_goal, is_demo],
    )
    return get_seeker(conn, int(new_id))


def seeker_for_import(conn: Connection, name: str, *, allow_similar: bool = False) -> tuple[Seeker, bool]:
    """The seeker called ``name``, created if nobody has that name; whether it was created.

    A name close to an existing one is refused as a likely typo unless allowed.
    """
    key = normalise_name(name)
    for seeker in list_seekers(conn, include_archived=True):
        if normalise_name(seeker.name) == key:
            return seeker, False
    return add_seeker(conn, name, allow_similar=allow_similar), True


# --- career options --------------------------------------------------------


def list_options(conn: Connection, seeker_id: int) -> list[dict[str, Any]]:
    """The seeker's career options with status, decided-on date and keywords, by title."""
    return rows(
        conn,
        "SELECT id, title, status, decided_on, created_on, keywords FROM career_option "
        "WHERE seeker_id = ? ORDER BY lower(title)",
        [seeker_id],
    )


def find_option(conn: Connection, seeker_id: int, title: str) -> dict[str, Any]:
    """The seeker's career option with this title (case and spacing ignored), or a helpful NotFound."""
    options = list_options(conn, seeker_id)
    key = normalise_name(title)
    for option in options:
        if normalise_name(option["title"]) == key:
            return option
    hint = close_names(title, [o["title"] for o in options])
    extra = f" Did you mean {hint[0]!r}?" if hint else " Add it with `coach option add`."
    raise NotFound(f"No career option {title!r} for this seeker.{extra}")


def add_option(conn: Connection, seeker_id: int, title: str, *, today: date) -> int:
    """Add a career option (status exploring) and return its id."""
    title = " ".join(title.split())
    if not title:
        raise Invalid("A career option needs a title.")
    if any(normalise_name(o["title"]) == normalise_name(title) for o in list_options(conn, seeker_id)):
        raise Invalid(f"The career option {title!r} already exists for this seeker.")
    return int(
        scalar(
            conn,
            "INSERT INTO career_option (seeker_id, title, created_on) VALUES (?, ?, ?) RETURNING id",
            [seeker_id, title, today],
        )
    )


def rename_option(conn: Connection, seeker_id: int, title: str, new_title: str) -> dict[str, Any]:
    """Give a career option a new title (unique per seeker)."""
    option = find_option(conn, seeker_id, title)
    new_title = " ".join(new_title.split())
    if not new_title:
        raise Invalid("A career option needs a title.")
    clash = [
        o for o in list_options(conn, seeker_id) if normalise_name(o["title"]) == normalise_name(new_title)
    ]
    if clash and clash[0]["id"] != option["id"]:
        raise Invalid(f"The career option {new_title!r} already exists for this seeker.")
    conn.execute("UPDATE career_option SET title = ? WHERE id = ?", [new_title, option["id"]])
    return find_option(conn, seeker_id, new_title)


def set_option_status(
    conn: Connection, seeker_id: int, title: str, status: str, *, decided_on: date | None
) -> dict[str, Any]:
    """Set a career option's status; chosen and dropped need the date it was decided on.

    :param status: exploring, leaning, chosen or dropped.
    :param decided_on: the decision date, kept only for chosen and dropped.
    """
    if status not in OPTION_STATUSES:
        raise Invalid(f"Status {status!r} is not one of {', '.join(OPTION_STATUSES)}.")
    option = find_option(conn, seeker_id, title)
    kept = decided_on if status in DECIDED else None
    if status in DECIDED and kept is None:
        raise Invalid(f"Say when {option['title']!r} was {status} (a decided-on date).")
    check_date(kept, "Decided-on date")
    conn.execute(
        "UPDATE career_option SET status = ?, decided_on = ? WHERE id = ?",
        [status, kept, option["id"]],
    )
    return find_option(conn, seeker_id, option["title"])


def change_option(
    conn: Connection,
    seeker_id: int,
    option_id: int,
    *,
    status: str,
    decided_on: date | None,
    new_title: str = "",
) -> dict[str, Any]:
    """Set the status of the career option with this id and, if ``new_title`` is given, rename it;
    both or neither (a screen picks options by id: a shared screen shows their titles scrubbed)."""
    found = [o for o in list_options(conn, seeker_id) if o["id"] == option_id]
    if not found:
        raise NotFound(f"Career option {option_id} is not one of this seeker's.")
    with transaction(conn):
        option = set_option_status(conn, seeker_id, found[0]["title"], status, decided_on=decided_on)
        if new_title.strip():
            option = rename_option(conn, seeker_id, option["title"], new_title)
    return option


# --- contacts by name -------------------------------------------------------


def find_contact(conn: Connection, seeker_id: int, name: str) -> dict[str, Any]:
    """The seeker's one contact with this full name (case and spacing ignored), or a helpful error."""
    people = rows(
        conn,
        "SELECT id, trim(first_name || ' ' || last_name) AS name, company FROM contact WHERE seeker_id = ?",
        [seeker_id],
    )
    key = normalise_name(name)
    same = [p for p in people if normalise_name(p["name"]) == key]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        where = ", ".join(f"id {p['id']} at {p['company'] or 'no company'}" for p in same)
        raise Invalid(f"{len(same)} contacts are called {name!r} ({where}); merge them or rename one.")
    hint = close_names(name, [p["name"] for p in people])
    extra = f" Did you mean {hint[0]!r}?" if hint else ""
    raise NotFound(f"No contact called {name!r} for this seeker.{extra}")


# --- tables the screens read ----------------------------------------------


def load_outreach(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Every request of the seeker, with the contact's name, warmth and source."""
    return conn.execute(
        """
        SELECT o.id, o.contact_id, trim(c.first_name || ' ' || c.last_name) AS contact,
               c.company, c.warmth, c.source, o.sent_on, o.channel, o.template,
               o.minutes_asked, o.mode_offered, o.message, o.followed_up_on, o.responded_on, o.outcome,
               o.reply_excerpt
        FROM outreach o JOIN contact c ON c.id = o.contact_id
        WHERE o.seeker_id = ?
        ORDER BY o.sent_on, o.id
        """,
        [seeker_id],
    ).df()


def load_meetings(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Every meeting of the seeker with the contact's name."""
    return conn.execute(
        """
        SELECT m.id, m.contact_id, trim(c.first_name || ' ' || c.last_name) AS contact,
               m.outreach_id, m.held_on, m.mode, m.company, m.minutes_planned, m.minutes_actual,
               m.talk_share, m.fit, m.insights, m.thank_you_on
        FROM meeting m JOIN contact c ON c.id = m.contact_id
        WHERE m.seeker_id = ?
        ORDER BY m.held_on, m.id
        """,
        [seeker_id],
    ).df()


def load_network(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Each contact with the date it entered the network (DOMAIN.md's rule) and its source.

    Connected on, else the earliest request, referral or meeting with them,
    else the date the contact was added.
    """
    return conn.execute(
        """
        WITH firsts AS (
            SELECT contact_id, min(d) AS first_touch FROM (
                SELECT contact_id, sent_on AS d FROM outreach WHERE seeker_id = ?
                UNION ALL SELECT referred_id, referred_on FROM referral WHERE seeker_id = ?
                UNION ALL SELECT contact_id, held_on FROM meeting WHERE seeker_id = ?
            ) GROUP BY contact_id
        )
        SELECT c.id, c.source, c.warmth,
               coalesce(c.connected_on, f.first_touch, c.added_on) AS entered_on
        FROM contact c LEFT JOIN firsts f ON f.contact_id = c.id
        WHERE c.seeker_id = ?
        ORDER BY entered_on, c.id
        """,
        [seeker_id] * 4,
    ).df()


def load_contacts(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Every contact of the seeker with names, company, position, e-mail, phone, source and warmth."""
    return conn.execute(
        """
        SELECT id, first_name, last_name, trim(first_name || ' ' || last_name) AS name,
               company, position, email, phone, profile_url, source, warmth, connected_on, added_on
        FROM contact WHERE seeker_id = ?
        ORDER BY lower(last_name), lower(first_name), id
        """,
        [seeker_id],
    ).df()


def load_meeting_options(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Which career options each meeting was about, with the signal it gave for each."""
    return conn.execute(
        """
        SELECT mo.meeting_id, mo.career_option_id, o.title, mo.signal
        FROM meeting_option mo JOIN career_option o ON o.id = mo.career_option_id
        WHERE mo.seeker_id = ?
        ORDER BY mo.meeting_id, o.title
        """,
        [seeker_id],
    ).df()


def load_referrals(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Every referral edge with both names and the meeting it came from."""
    return conn.execute(
        """
        SELECT r.id, r.referrer_id, trim(a.first_name || ' ' || a.last_name) AS referrer,
               r.referred_id, trim(b.first_name || ' ' || b.last_name) AS referred,
               r.referred_on, r.meeting_id, r.referrer_told_on
        FROM referral r
        JOIN contact a ON a.id = r.referrer_id
        JOIN contact b ON b.id = r.referred_id
        WHERE r.seeker_id = ?
        ORDER BY r.referred_on, r.id
        """,
        [seeker_id],
    ).df()


def load_follow_ups(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """The stored follow-up records: what was done, snoozed or skipped, and agreed actions."""
    return conn.execute(
        """
        SELECT id, kind, contact_id, outreach_id, meeting_id, referral_id, title, due_on,
               done_on, snoozed_until, skipped_on, skip_reason
        FROM follow_up WHERE seeker_id = ?
        ORDER BY due_on, id
        """,
        [seeker_id],
    ).df()


def load_notes(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Every note on the seeker's contacts (contact_id, written_on, body, private)."""
    return conn.execute(
        "SELECT id, contact_id, written_on, body, private FROM contact_note WHERE seeker_id = ?"
        " ORDER BY written_on, id",
        [seeker_id],
    ).df()


def load_questions(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """The question bank with the option each belongs to and how often it was asked."""
    return conn.execute(
        """
        SELECT q.id, q.career_option_id, o.title AS career_option, q.text, q.theme, q.priority,
               count(mq.meeting_id) AS times_asked
        FROM question q
        LEFT JOIN career_option o ON o.id = q.career_option_id
        LEFT JOIN meeting_question mq ON mq.question_id = q.id
        WHERE q.seeker_id = ?
        GROUP BY ALL
        ORDER BY o.title NULLS LAST, q.priority, q.id
        """,
        [seeker_id],
    ).df()


def load_meeting_questions(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """Which meeting asked which question (meeting_id, question_id)."""
    return conn.execute(
        "SELECT meeting_id, question_id FROM meeting_question WHERE seeker_id = ? ORDER BY ALL",
        [seeker_id],
    ).df()


def load_targets(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """The organisations the seeker aims at per career option (id, career_option_id, career_option:
    its title, name, added_on), by option title and then organisation."""
    return conn.execute(
        """
        SELECT t.id, t.career_option_id, o.title AS career_option, t.name, t.added_on
        FROM target_org t JOIN career_option o ON o.id = t.career_option_id
        WHERE t.seeker_id = ?
        ORDER BY lower(o.title), lower(t.name), t.id
        """,
        [seeker_id],
    ).df()


def company_counts(conn: Connection, seeker_id: int) -> pd.DataFrame:
    """The organisations of the seeker's contacts with how many contacts work at each, most first.

    Spellings of one organisation count together, as organisations are compared
    (:func:`coach.names.normalise_org`: "Acme, Inc." and "ACME inc" are one); ``organisation`` is
    its most common spelling (ties: the one added first), ``org`` the key they share, ``contacts``
    how many contacts. Contacts without a company are left out.
    """
    written = conn.execute(
        """
        SELECT company, count(*) AS n, min(id) AS first_id FROM contact
        WHERE seeker_id = ? AND company IS NOT NULL AND length(trim(company)) > 0
        GROUP BY company
        ORDER BY first_id
        """,
        [seeker_id],
    ).fetchall()
    shown = spellings((company, int(n)) for company, n, _ in written)
    found = pd.DataFrame(
        {
            "organisation": pd.Series([seen.most_common(1)[0][0] for seen in shown.values()], dtype=object),
            "org": pd.Series(list(shown), dtype=object),
            "contacts": pd.Series([seen.total() for seen in shown.values()], dtype="int64"),
        }
    )
    order = found.assign(_name=found["organisation"].str.casefold()).sort_values(
        ["contacts", "_name"], ascending=[False, True], kind="stable"
    )
    return order.drop(columns="_name").reset_index(drop=True)


def delete_seeker(conn: Connection, seeker_id: int) -> None:
    """Delete a seeker and every row of theirs, in one transaction."""
    with transaction(conn):
        for table in SEEKER_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE seeker_id = ?", [seeker_id])
        conn.execute("DELETE FROM seeker WHERE id = ?", [seeker_id])
        check_references(conn)


# --- imports ---------------------------------------------------------------


def list_imports(conn: Connection, seeker_id: int) -> list[dict[str, Any]]:
    """The seeker's imports, newest first: id, kind, file name, when, counts, undone when."""
    found = rows(
        conn,
        "SELECT id, kind, file_name, started_at, counts, undone_at FROM import_run "
        "WHERE seeker_id = ? ORDER BY id DESC",
        [seeker_id],
    )
    for row in found:
        row["counts"] = json.loads(row["counts"])
    return found


# --- what is due (coach.rules.followups over the tables read here) --------------------


def due_for(
    conn: Connection,
    seeker: Seeker,
    *,
    as_of: date,
    upcoming_days: int = 0,
    every_contact: bool = True,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> list[DueItem]:
    """Load the seeker's tables from an open store and list what is due as of a day.

    :param upcoming_days: also list items coming due within this many days.
    :param every_contact: read the whole contacts table, which only the 3B7
        preset's next-contact suggestions need; counting items can skip it.
    :param tables: tables already loaded (see :func:`coach.store.registry.load_frames`); the others are
        loaded here. Without a "contacts" table, names come from the other rows.
    """
    frames = _frames_for(conn, seeker, every_contact=every_contact, tables=tables)
    settings = Cadence.from_seeker(seeker)
    items = due_items(*frames, as_of=as_of, settings=settings)
    if upcoming_days:
        items += upcoming_items(*frames, as_of=as_of, settings=settings, days=upcoming_days)
    return items


def due_list_for(
    conn: Connection,
    seeker: Seeker,
    *,
    every_contact: bool = True,
    as_of: date,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> DueList:
    """Load the seeker's tables from an open store: the items listed and let go as of a day.

    The arguments are those of :func:`due_for`.
    """
    frames = _frames_for(conn, seeker, every_contact=every_contact, tables=tables)
    return due_list(*frames, as_of=as_of, settings=Cadence.from_seeker(seeker))


def _frames_for(
    conn: Connection, seeker: Seeker, *, every_contact: bool, tables: Mapping[str, pd.DataFrame] | None
) -> tuple[pd.DataFrame, ...]:
    """The five frames the engine reads, loaded from the store where ``tables`` lacks them.

    Without the whole contacts table, each contact's added-on day is still read: keep-in-touch
    is never due before it.
    """
    names = ("outreach", "meetings", "referrals", "follow_ups")
    readers = (load_outreach, load_meetings, load_referrals, load_follow_ups)
    loaded = dict(tables or {})
    for name, read in zip(names, readers, strict=True):
        if name not in loaded:
            loaded[name] = read(conn, seeker.id)
    if "contacts" not in loaded:
        loaded["contacts"] = (
            load_contacts(conn, seeker.id)
            if every_contact and tables is None
            else conn.execute("SELECT id, added_on FROM contact WHERE seeker_id = ?", [seeker.id]).df()
        )
    return (*(loaded[n] for n in names), loaded["contacts"])
