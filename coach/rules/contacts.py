"""The contacts table, each contact's timeline, and likely duplicates: pure functions over loaded frames."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

import pandas as pd

from coach.labels import label, without_company
from coach.names import normalise_name
from coach.rules.paging import page_slice
from coach.wording import EMPTY, day

K = TypeVar("K")


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce").dt.normalize()


def interactions(
    outreach: pd.DataFrame, meetings: pd.DataFrame, referrals: pd.DataFrame, *, as_of: date
) -> pd.DataFrame:
    """Every dated touch with a contact up to a day (contact_id, on): requests, follow-ups, answers,
    meetings held, thank-yous, referrals made or received."""
    day = pd.Timestamp(as_of)
    parts = [
        (outreach["contact_id"], outreach["sent_on"]),
        (outreach["contact_id"], outreach["followed_up_on"]),
        (outreach["contact_id"], outreach["responded_on"]),
        (meetings["contact_id"], meetings["held_on"]),
        (meetings["contact_id"], meetings["thank_you_on"]),
        (referrals["referrer_id"], referrals["referred_on"]),
        (referrals["referred_id"], referrals["referred_on"]),
    ]
    frames = [pd.DataFrame({"contact_id": ids.to_numpy(), "on": _dates(on).to_numpy()}) for ids, on in parts]
    touches = pd.concat(frames, ignore_index=True)
    touches["on"] = pd.to_datetime(touches["on"])
    return touches[touches["on"].notna() & (touches["on"] <= day)]


def contact_table(
    contacts: pd.DataFrame,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    *,
    as_of: date,
) -> pd.DataFrame:
    """Contacts with their last interaction and how many requests and meetings they had."""
    touches = interactions(outreach, meetings, referrals, as_of=as_of)
    last = touches.groupby("contact_id")["on"].max()
    asked = outreach.groupby("contact_id").size()
    met = meetings[_dates(meetings["held_on"]) <= pd.Timestamp(as_of)].groupby("contact_id").size()
    table = contacts.copy()
    last_by_row = pd.Series(last.reindex(table["id"].to_numpy()).to_numpy(), index=table.index)
    table["last_interaction"] = pd.to_datetime(last_by_row).dt.date
    table["requests"] = table["id"].map(asked).fillna(0).astype(int)
    table["meetings"] = table["id"].map(met).fillna(0).astype(int)
    return table


def fold(text: str) -> str:
    """Lower-case without accents, for searching: "Zoë" finds "zoe" and the other way round."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose name, company or position contain every word of ``text`` (case and accents folded)."""
    words = fold(text).split()
    if not words:
        return table
    haystack = (
        table["name"].fillna("") + " " + table["company"].fillna("") + " " + table["position"].fillna("")
    ).map(fold)
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return table[mask]


def filtered(
    table: pd.DataFrame, text: str, *, warmths: Sequence[str] = (), sources: Sequence[str] = ()
) -> pd.DataFrame:
    """The rows :func:`search` finds for ``text`` that have one of ``warmths`` and one of ``sources``
    (none given: any), numbered from 0."""
    shown = search(table, text)
    if warmths:
        shown = shown[shown["warmth"].isin(warmths)]
    if sources:
        shown = shown[shown["source"].isin(sources)]
    return shown.reset_index(drop=True)


PAGE_ROWS = 100  # the contacts editor shows this many rows at a time; a page number reaches the others


def page_of(table: pd.DataFrame, page: int, *, per_page: int = PAGE_ROWS) -> pd.DataFrame:
    """The rows on page ``page`` (counted from 1), ``per_page`` to a page, numbered from 0."""
    return table.iloc[page_slice(page, per_page)].reset_index(drop=True)


# What matters first, so a narrow screen keeps it in view: who, where, how warm, what is next.
EDITOR_COLUMNS = (
    "name",
    "company",
    "position",
    "warmth",
    "next_step",
    "last_interaction",
    "source",
    "requests",
    "meetings",
)


def editor_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Contacts as the editor shows them: :data:`EDITOR_COLUMNS` and an empty note to add; empty text
    cells read "—" (never "None"), a name leaves an alias's company to the company column."""
    shown = rows[list(EDITOR_COLUMNS)].assign(
        # an alias ("Contact 12 · Acme") leaves the company to the Company column beside it
        name=[without_company(n, c) for n, c in zip(rows["name"], rows["company"], strict=True)],
        last_interaction=rows["last_interaction"].map(day),
        note="",
    )
    for text_column in ("company", "position", "next_step"):
        shown[text_column] = shown[text_column].fillna("").replace("", EMPTY)
    return shown


def edited_cells(edited_rows: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """The editor's changed cells by row, a "—" left in a cell read as empty again."""
    return {
        row: {column: None if value == EMPTY else value for column, value in cells.items()}
        for row, cells in edited_rows.items()
    }


def best_matches(labels: Mapping[K, str], text: str, *, limit: int) -> tuple[list[K], int]:
    """The first ``limit`` keys whose label holds every word of ``text``, best first, and how many match.

    Case and accents are folded ("zoe" finds "Zoë"). A label that starts with what was typed comes
    first, then one where every typed word starts a word, then one that merely contains them; the
    labels' own order is kept within each. With nothing typed: the first ``limit`` labels as given.
    """
    keys = list(labels)
    words = fold(text).split()
    if not words:
        return keys[:limit], len(keys)
    folded = pd.Series([fold(v) for v in labels.values()], dtype=object)
    contains = pd.Series(True, index=folded.index)
    starts_words = pd.Series(True, index=folded.index)
    for word in words:
        contains &= folded.str.contains(word, regex=False)
        starts_words &= folded.str.contains(r"(?<!\w)" + re.escape(word), regex=True)
    starts = folded.str.startswith(" ".join(words))
    tier = pd.Series(2, index=folded.index).mask(starts_words, 1).mask(starts & contains, 0)[contains]
    ranked = tier.sort_values(kind="stable").index[:limit]
    return [keys[i] for i in ranked], int(contains.sum())


def timeline(
    contact_id: int,
    *,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    follow_ups: pd.DataFrame,
    notes: pd.DataFrame,
    show_private: bool = True,
) -> pd.DataFrame:
    """Everything that happened with one contact, newest first (on, what, detail)."""
    events: list[tuple[object, str, str]] = []
    for _, r in outreach[outreach["contact_id"] == contact_id].iterrows():
        events.append(
            (
                r["sent_on"],
                "Request sent",
                label(r["channel"])
                + (f", {r['minutes_asked']} min asked" if pd.notna(r["minutes_asked"]) else ""),
            )
        )
        if pd.notna(r["followed_up_on"]):
            events.append((r["followed_up_on"], "Followed up", ""))
        if pd.notna(r["outcome"]) or pd.notna(r["responded_on"]):
            answered = r["responded_on"] if pd.notna(r["responded_on"]) else r["sent_on"]
            events.append((answered, "Answer", label(r["outcome"]) or "Not marked yet"))
    for _, m in meetings[meetings["contact_id"] == contact_id].iterrows():
        fit = f", fit {int(m['fit'])}/5" if pd.notna(m["fit"]) else ""
        events.append((m["held_on"], "Meeting", f"{label(m['mode'])}{fit}"))
        if pd.notna(m["thank_you_on"]):
            events.append((m["thank_you_on"], "Thank-you sent", ""))
    for _, r in referrals[referrals["referrer_id"] == contact_id].iterrows():
        events.append((r["referred_on"], "Referred you to", str(r["referred"])))
        if pd.notna(r["referrer_told_on"]):
            events.append((r["referrer_told_on"], "Told how it went with", str(r["referred"])))
    for _, r in referrals[referrals["referred_id"] == contact_id].iterrows():
        events.append((r["referred_on"], "Referred by", str(r["referrer"])))
    done = follow_ups[(follow_ups["contact_id"] == contact_id) & follow_ups["done_on"].notna()]
    for _, f in done[done["kind"] == "keep_in_touch"].iterrows():
        events.append((f["done_on"], "Kept in touch", ""))
    own_notes = notes[notes["contact_id"] == contact_id]
    if not show_private:
        own_notes = own_notes[~own_notes["private"].astype(bool)]
    for _, n in own_notes.iterrows():
        events.append((n["written_on"], "Private note" if n["private"] else "Note", str(n["body"])))
    frame = pd.DataFrame(events, columns=["on", "what", "detail"])
    frame["on"] = _dates(frame["on"]).dt.date
    return frame.sort_values("on", ascending=False, kind="stable").reset_index(drop=True)


def duplicate_pairs(contacts: pd.DataFrame) -> pd.DataFrame:
    """Pairs of contacts that are probably one person: the same e-mail, profile URL or full name.

    Columns keep_id, merge_id (the older record is kept), reason.
    """
    pairs: dict[tuple[int, int], str] = {}
    keys = {
        "same e-mail": contacts["email"].fillna("").str.strip().str.casefold(),
        "same profile URL": contacts["profile_url"].fillna("").str.strip().str.casefold().str.rstrip("/"),
        "same name": contacts["name"].fillna("").map(normalise_name),
    }
    ordered = contacts.sort_values(["added_on", "id"])
    for reason, key in keys.items():
        groups = ordered.assign(_key=key.reindex(ordered.index)).groupby("_key")["id"]
        for value, ids in groups:
            if not value or len(ids) < 2:
                continue
            first = int(ids.iloc[0])
            for other in ids.iloc[1:]:
                pairs.setdefault((first, int(other)), reason)
    return pd.DataFrame(
        [(keep, merge, reason) for (keep, merge), reason in pairs.items()],
        columns=["keep_id", "merge_id", "reason"],
    )
