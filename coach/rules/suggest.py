"""Who to ask next: people to ask about each career option, why, a week's plan, and who works where.

Pure functions over the frames :mod:`coach.store` loads (``load_contacts``, ``load_outreach``,
``load_meetings``, ``load_meeting_options``, ``load_referrals``, ``list_options``) and two inputs
of the seeker's own: each option's keywords ("ESG, sustainability") and the organisations they
want to hear from (:func:`coach.store.load_targets`: ``career_option_id``, ``name``). As
everywhere in ``coach.rules``, "as of a day D" is the end of D: anything dated after it does
not exist yet.

The rules, in order:

1. A *candidate* is a contact who was neither asked (a request sent) nor met (a meeting held)
   in the ``recent_days`` days up to and including D, has no request still pending
   (:func:`coach.rules.metrics.outreach_status`), and never declined a request.
2. A candidate is *relevant* to an option when their company is one of its target
   organisations (compared by :func:`coach.names.normalise_org`), a keyword appears in their
   position or company as a whole word or phrase (case ignored), or someone met about the
   option referred them.
3. Per option, people at an organisation the option's evidence does not hold yet come first,
   then the warmer, then by name; options run red, amber, ok (ties by title), and a chosen or
   dropped option gets nobody.
4. A week's plan takes the options in that order by turns, each giving its next best person
   not already in the plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from coach.labels import label, without_company
from coach.names import normalise_org
from coach.rules.evidence import OptionEvidence, option_evidence
from coach.rules.metrics import PENDING, answered_on, outreach_status
from coach.seeker import Seeker
from coach.vocabulary import DECIDED, WARMTHS, either

LEVELS = ("red", "amber", "ok")  # the order options are served in: those needing evidence most first
WARM = WARMTHS[: WARMTHS.index("unknown")]  # the warmths worth saying as a reason
CLOSE_CUTOFF = 0.85  # how alike two normalised organisation names must be to be one spelling's variants
_WARMTH_RANK = {warmth: rank for rank, warmth in enumerate(WARMTHS)}
_UNKNOWN_RANK = _WARMTH_RANK["unknown"]
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
FIELDS = ("position", "company")  # the contact columns keywords are looked for in


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One person to ask about one career option, and why."""

    contact_id: int
    contact: str
    company: str | None
    warmth: str
    option_id: int
    option: str
    reasons: tuple[str, ...]
    new_organisation: bool


# --- keywords ------------------------------------------------------------------------


def split_keywords(text: object) -> tuple[str, ...]:
    """The keywords of a comma-separated text, trimmed, in order; blanks and repeats (any case) dropped."""
    if not isinstance(text, str):
        return ()
    found: dict[str, str] = {}
    for part in text.split(","):
        keyword = _SPACE.sub(" ", part).strip()
        if keyword:
            found.setdefault(keyword.casefold(), keyword)
    return tuple(found.values())


@dataclass(frozen=True)
class _Keyword:
    """A keyword as text is searched for it: its words case-folded, as a whole-word pattern."""

    tokens: frozenset[str]
    pattern: re.Pattern[str]


def _key(keyword: str) -> str:
    """The one spelling two options' keywords share when they differ only by case or spacing."""
    return _SPACE.sub(" ", keyword.casefold()).strip()


def _compiled(key: str) -> _Keyword:
    """The whole-word pattern of a keyword (searched in case-folded text); any spacing between its words."""
    words = r"\s+".join(re.escape(word) for word in key.split())
    return _Keyword(frozenset(_WORD.findall(key)), re.compile(rf"(?<!\w){words}(?!\w)"))


def _mentions(texts: Iterable[object], keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The keys each of the distinct texts mentions as whole words or phrases (those with none left out).

    A text is split into its case-folded words once. A one-word keyword is mentioned exactly when
    it is one of those words; a phrase (or a keyword with punctuation) only when all its words are
    there and then its pattern is found, so a large table costs about one word split per text.
    """
    compiled = {key: _compiled(key) for key in keys}
    plain = frozenset(key for key in compiled if _WORD.fullmatch(key))
    phrases = {key: keyword for key, keyword in compiled.items() if key not in plain}
    by_word: dict[str, list[str]] = {}
    for key, keyword in phrases.items():
        for word in keyword.tokens:
            by_word.setdefault(word, []).append(key)
    wordless = [key for key, keyword in phrases.items() if not keyword.tokens]
    phrase_words = frozenset(by_word)
    vocabulary = plain | phrase_words
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        if not isinstance(text, str):
            continue
        folded = text.casefold()
        present = vocabulary.intersection(_WORD.findall(folded))
        if not present and not wordless:
            continue
        hits = present & plain
        starts = present & phrase_words
        if starts or wordless:
            maybe = {key for word in starts for key in by_word[word]}.union(wordless)
            hits = hits.union(
                key for key in maybe if phrases[key].tokens <= present and phrases[key].pattern.search(folded)
            )
        if hits:
            found[text] = tuple(sorted(hits))
    return found


# --- who may be asked -----------------------------------------------------------------


def _dates(series: pd.Series) -> pd.Series:
    """A column as midnight timestamps (NaT where empty)."""
    return pd.to_datetime(series, errors="coerce").dt.normalize()


def _existing(contacts: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The contacts already in the store at the end of the day (all of them without an added_on)."""
    if "added_on" not in contacts:
        return contacts
    added = _dates(contacts["added_on"])
    return contacts[added.isna() | (added <= day)]


def candidates(
    contacts: pd.DataFrame,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    *,
    as_of: date,
    recent_days: int = 90,
    answer_window_days: int = 14,
) -> pd.DataFrame:
    """The contacts who may be asked as of a day: the rows of ``contacts`` left after the exclusions.

    Out: anyone sent a request or met in the ``recent_days`` days up to and including the day
    (with 90, a meeting 90 days before is outside them: keep-in-touch is due that day), anyone
    with a request still pending (not answered, its answer window open), and anyone who ever
    declined. Requests, answers and meetings dated after the day do not count, and a contact
    added after it (``added_on``, when the frame has it) is not there yet.

    :param contacts: the frame of :func:`coach.store.load_contacts`.
    :param recent_days: the seeker's ``keep_in_touch_days``.
    :param answer_window_days: the seeker's ``answer_window_days``.
    """
    day = pd.Timestamp(as_of)
    since = day - pd.Timedelta(days=recent_days - 1)
    sent = _dates(outreach["sent_on"])
    held = _dates(meetings["held_on"])
    status = outreach_status(outreach, as_of=as_of, window_days=answer_window_days)
    declined = (outreach["outcome"] == "declined").fillna(False) & (answered_on(outreach) <= day)
    out = pd.concat(
        [
            outreach["contact_id"][((sent >= since) & (sent <= day)).to_numpy()],
            meetings["contact_id"][((held >= since) & (held <= day)).to_numpy()],
            outreach["contact_id"][(status == PENDING).to_numpy()],
            outreach["contact_id"][(declined & (sent <= day)).to_numpy()],
        ]
    )
    kept = _existing(contacts, day)
    return kept[~kept["id"].isin(out.unique())]


# --- suggestions --------------------------------------------------------------------


def _company(value: object) -> str | None:
    """A company name as a reason reads it, or None when blank."""
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())


def _orgs(names: pd.Series) -> pd.Series:
    """Each name's organisation key (:func:`normalise_org`; None for none), worked out once per name."""
    values = names.tolist()
    keys = {name: normalise_org(name) for name in set(values) if isinstance(name, str)}
    return pd.Series(
        [keys[name] if isinstance(name, str) else None for name in values], index=names.index, dtype=object
    )


def _by_option(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets (the store's ``career_option_id``, ``name``) as option_id, name and org keys."""
    wanted = targets.rename(columns={"career_option_id": "option_id"})
    return wanted.assign(org=_orgs(wanted["name"])).dropna(subset=["org"])


def _option_order(
    options: Sequence[Mapping[str, Any]], evidences: Sequence[OptionEvidence]
) -> list[tuple[Mapping[str, Any], OptionEvidence | None]]:
    """The undecided options, red first, then amber, then ok, ties by title, each with its evidence.

    The status is the evidence's (a decision dated after the day does not exist yet), else the
    option's own; an option with no evidence has met nobody, which is red.
    """
    by_id = {e.option_id: e for e in evidences}
    open_options = []
    for option in options:
        found = by_id.get(int(option["id"]))
        status = found.status if found is not None else str(option["status"])
        if status not in DECIDED:
            open_options.append((option, found))

    def rank(pair: tuple[Mapping[str, Any], OptionEvidence | None]) -> tuple[int, str, int]:
        option, found = pair
        level = found.warning if found is not None else "red"
        return LEVELS.index(level), str(option["title"]).casefold(), int(option["id"])

    return sorted(open_options, key=rank)


def _referred(
    meetings: pd.DataFrame, meeting_options: pd.DataFrame, referrals: pd.DataFrame, day: pd.Timestamp
) -> pd.DataFrame:
    """(contact_id, option_id, referrer): each person referred by someone met about the option by the day."""
    held = meetings.loc[(_dates(meetings["held_on"]) <= day).to_numpy(), ["id", "contact_id"]]
    met_about = meeting_options[["meeting_id", "career_option_id"]].merge(
        held.rename(columns={"id": "meeting_id", "contact_id": "referrer_id"}), on="meeting_id"
    )
    made = referrals[(_dates(referrals["referred_on"]) <= day).to_numpy()]
    edges = made[["referrer_id", "referrer", "referred_id", "referred_on"]].merge(
        met_about[["referrer_id", "career_option_id"]].drop_duplicates(), on="referrer_id"
    )
    edges = edges.sort_values(["referred_on", "referrer"], kind="stable")
    return pd.DataFrame(
        {
            "contact_id": edges["referred_id"].astype("int64").to_numpy(),
            "option_id": edges["career_option_id"].astype("int64").to_numpy(),
            "referrer": edges["referrer"].astype(str).to_numpy(),
        }
    )


def _people(candidates: pd.DataFrame) -> pd.DataFrame:
    """The candidates' columns the suggestions read, as plain Python objects, one row per ``row`` number.

    With each one's organisation key (``org``) and ``order``: their place when sorted by warmth
    (in WARMTHS order, a missing or unknown warmth as "unknown"), then name (case ignored), then
    id, the order within an option.
    """

    def column(name: str) -> pd.Series:
        values = candidates[name].to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
        return pd.Series(values, dtype=object)  # not pandas' own strings: these are read one by one

    ids = candidates["id"].to_numpy(dtype="int64")
    people = pd.DataFrame({name: column(name) for name in ("name", "company", "position", "warmth")})
    warmth_rank = np.array(
        [_WARMTH_RANK.get(w, _UNKNOWN_RANK) for w in people["warmth"].tolist()], dtype="int64"
    )
    name_key = np.array(
        [name.casefold() if isinstance(name, str) else "" for name in people["name"].tolist()], dtype=object
    )
    by_id = np.argsort(ids, kind="stable")
    by_name = by_id[np.argsort(name_key[by_id], kind="stable")]
    by_warmth = by_name[np.argsort(warmth_rank[by_name], kind="stable")]
    order = np.empty(len(people), dtype="int64")
    order[by_warmth] = np.arange(len(people))
    people["id"] = ids
    people["row"] = np.arange(len(people))
    people["org"] = _orgs(people["company"])
    people["order"] = order
    return people


@dataclass(frozen=True)
class _Said:
    """Which keywords one field (position or company) of each person mentions."""

    by_row: np.ndarray  # per row, the index into ``keys`` of the keys its text mentions; -1 for none
    keys: list[tuple[str, ...]]  # each distinct set of keys mentioned, sorted


@dataclass(frozen=True)
class _Relevance:
    """The (row, option_id) pairs each way of being relevant finds, and what each reason needs."""

    targets: pd.DataFrame  # row, option_id
    keywords: pd.DataFrame  # row, option_id
    referrals: pd.DataFrame  # row, option_id, referrer
    said: dict[str, _Said]  # by field
    typed: dict[int, dict[str, tuple[int, str]]]  # option id -> key -> (place, keyword as typed)

    def pairs(self) -> pd.DataFrame:
        """Every distinct (row, option_id) pair found one way or another."""
        frames = [self.targets, self.keywords, self.referrals]
        stacked = pd.concat([f[["row", "option_id"]] for f in frames], ignore_index=True)
        return stacked.drop_duplicates().astype("int64")


def _said(texts: pd.Series, options_of: Mapping[str, Sequence[int]]) -> tuple[_Said, pd.DataFrame]:
    """What each of a field's texts mentions, and the (row, option_id) pairs that makes relevant.

    Each distinct text is searched once (:func:`_mentions`); rows reach their keys by number.
    """
    codes, distinct = pd.factorize(texts.to_numpy())  # -1 for no text
    mentioned = _mentions(distinct.tolist(), list(options_of))
    index: dict[tuple[str, ...], int] = {}
    per_code = [
        index.setdefault(mentioned[t], len(index)) if t in mentioned else -1 for t in distinct.tolist()
    ]
    by_row = np.array([*per_code, -1], dtype="int64")[codes]  # code -1 reads the -1 at the end
    keys = list(index)
    options = pd.DataFrame(
        [
            (k, o)
            for k, found in enumerate(keys)
            for o in sorted({o for key in found for o in options_of[key]})
        ],
        columns=["said", "option_id"],
        dtype="int64",
    )
    rows = pd.DataFrame({"row": np.arange(len(by_row)), "said": by_row})
    return _Said(by_row, keys), rows[by_row >= 0].merge(options, on="said")[["row", "option_id"]]


def _relevance(
    people: pd.DataFrame,
    rank: Mapping[int, int],
    keywords: Mapping[int, str],
    targets: pd.DataFrame,
    referred: pd.DataFrame,
) -> _Relevance:
    """Which people are relevant to which of the ranked options: by target, keyword or referral."""
    wanted = _by_option(targets)
    wanted = wanted[wanted["option_id"].isin(list(rank))][["option_id", "org"]].drop_duplicates()
    by_target = people[["row", "org"]].merge(wanted.astype({"option_id": "int64"}), on="org")
    typed: dict[int, dict[str, tuple[int, str]]] = {}
    for option_id in rank:
        for place, keyword in enumerate(split_keywords(keywords.get(option_id))):
            typed.setdefault(option_id, {}).setdefault(_key(keyword), (place, keyword))
    options_of: dict[str, list[int]] = {}
    for option_id, keys in typed.items():
        for key in keys:
            options_of.setdefault(key, []).append(option_id)
    said: dict[str, _Said] = {}
    found: list[pd.DataFrame] = []
    for field in FIELDS:
        said[field], pairs = _said(people[field], options_of)
        found.append(pairs)
    by_referral = referred[referred["option_id"].isin(list(rank))].merge(
        people[["id", "row"]].rename(columns={"id": "contact_id"}), on="contact_id"
    )
    return _Relevance(by_target, pd.concat(found, ignore_index=True), by_referral, said, typed)


def _ranked(
    pairs: pd.DataFrame, people: pd.DataFrame, rank: Mapping[int, int], evidences: Sequence[OptionEvidence]
) -> pd.DataFrame:
    """The pairs best first, each with ``new``: whether the person's organisation is one the option's
    evidence lacks (no company is no new organisation).

    By the option's place, then new organisations first, then the people's ``order`` (warmth,
    then name, then id: see :func:`_people`).
    """
    rows = pairs["row"].to_numpy()
    option_ids = pairs["option_id"].to_numpy(dtype="int64")
    every_code, orgs = pd.factorize(people["org"])  # -1: no organisation
    codes = every_code[rows]
    known = {org: code for code, org in enumerate(orgs)}
    width = len(orgs) + 1
    heard = [
        e.option_id * width + known[org]
        for e in evidences
        for org in {normalise_org(name) for name in e.organisation_names}
        if org in known
    ]
    new = (codes >= 0) & ~np.isin(option_ids * width + codes, heard)
    places = pd.Series(option_ids).map(rank).to_numpy(dtype="int64")
    best = np.lexsort((people["order"].to_numpy()[rows], ~new, places))
    return pairs.iloc[best].assign(new=new[best])


def suggestions(
    options: Sequence[Mapping[str, Any]],
    keywords: Mapping[int, str],
    targets: pd.DataFrame,
    contacts: pd.DataFrame,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    meeting_options: pd.DataFrame,
    referrals: pd.DataFrame,
    evidences: Sequence[OptionEvidence],
    *,
    as_of: date,
    recent_days: int = 90,
    answer_window_days: int = 14,
    count: int | None = None,
) -> list[Suggestion]:
    """Who to ask next about each undecided career option, best first; a person once per option.

    :param options: the list of :func:`coach.store.list_options` (id, title, status).
    :param keywords: each option's keywords as typed, comma-separated, by option id.
    :param targets: the target organisations (:func:`coach.store.load_targets`):
        ``career_option_id``, ``name``.
    :param evidences: :func:`coach.rules.evidence.option_evidence` for the same day: each option's
        warning and the organisations already heard from.
    :param recent_days: the seeker's ``keep_in_touch_days`` (see :func:`candidates`).
    :param answer_window_days: the seeker's ``answer_window_days``.
    :param count: at most this many suggestions in all (None: every one).
    """
    if count is not None and count < 0:
        raise ValueError(f"Need a count of 0 or more, got {count}.")
    ordered = _option_order(options, evidences)
    if not ordered or count == 0:
        return []
    rank = {int(option["id"]): place for place, (option, _) in enumerate(ordered)}
    titles = {int(option["id"]): str(option["title"]) for option, _ in ordered}
    allowed = candidates(
        contacts,
        outreach,
        meetings,
        as_of=as_of,
        recent_days=recent_days,
        answer_window_days=answer_window_days,
    )
    people = _people(allowed)
    referred = _referred(meetings, meeting_options, referrals, pd.Timestamp(as_of))
    found = _relevance(people, rank, keywords, targets, referred)
    pairs = found.pairs()
    if pairs.empty:
        return []
    pairs = _ranked(pairs, people, rank, evidences)
    if count is not None:
        pairs = pairs.head(count)
    return _worded(pairs, people, found, titles)


def _worded(
    pairs: pd.DataFrame, people: pd.DataFrame, found: _Relevance, titles: Mapping[int, str]
) -> list[Suggestion]:
    """The ranked pairs as suggestions, each with its reasons in order.

    The new organisation, the target list, the warmth (the warm ones only: inner circle, shared
    affiliation, referral), the keywords in the position and then the company (in the order the
    option lists them), and each referrer met about the option. Each kind of sentence is made a
    column at a time over all the pairs, and a sentence about keywords once per option and set
    of keywords.
    """
    rows = pairs["row"].to_numpy()
    option_ids = pairs["option_id"].to_numpy(dtype="int64")
    new = pairs["new"].to_numpy(dtype=bool)
    facts = people.iloc[rows]
    width = int(option_ids.max()) + 1
    pair_keys = rows * width + option_ids
    shown = {company: _company(company) for company in set(facts["company"].tolist())}
    company = np.array([shown[c] for c in facts["company"].tolist()], dtype=object)
    option = np.array([titles[o] for o in option_ids.tolist()], dtype=object)

    def where(mask: np.ndarray, sentences: Any) -> np.ndarray:
        column = np.full(len(rows), None, dtype=object)
        column[mask] = sentences
        return column

    targeted = np.isin(
        pair_keys, found.targets["row"].to_numpy() * width + found.targets["option_id"].to_numpy()
    )
    both = new & targeted  # said in one sentence, not two that name the organisation twice
    at_new = where(
        new & ~targeted,
        [
            f"At {c}, a new organisation for {o}."
            for c, o in zip(company[new & ~targeted], option[new & ~targeted], strict=True)
        ],
    )
    on_list = where(
        targeted,
        [
            f"At {c}, one of your target organisations and new for {o}."
            if is_new
            else f"{c} is one of your target organisations for {o}."
            for c, o, is_new in zip(company[targeted], option[targeted], both[targeted], strict=True)
        ],
    )
    warm = {warmth: f"{label(warmth)}." for warmth in WARM}
    warmths = facts["warmth"].tolist()
    columns = [at_new, on_list, np.array([warm.get(w) for w in warmths], dtype=object)]
    for field in FIELDS:
        said = found.said[field]
        keys = said.by_row[rows]
        mask = keys >= 0
        combined, back = np.unique(keys[mask] * width + option_ids[mask], return_inverse=True)
        sentences = [
            _mention(field, found.typed.get(int(c % width), {}), said.keys[c // width]) for c in combined
        ]
        columns.append(where(mask, np.array(sentences, dtype=object)[back]))
    reasons = [tuple(filter(None, parts)) for parts in zip(*columns, strict=True)]
    referrers: dict[int, list[str]] = {}
    referrals = found.referrals
    for key, referrer in zip(
        (referrals["row"].to_numpy() * width + referrals["option_id"].to_numpy()).tolist(),
        referrals["referrer"].tolist(),
        strict=True,
    ):
        names = referrers.setdefault(key, [])
        if referrer not in names:
            names.append(referrer)
    if referrers:
        for place, key in enumerate(pair_keys.tolist()):
            if key in referrers:
                option_title = option[place]
                reasons[place] += tuple(
                    f"Referred by {who}, met about {option_title}." for who in referrers[key]
                )
    return list(
        map(
            Suggestion,
            facts["id"].tolist(),
            ["" if name is None else name for name in facts["name"].tolist()],
            company.tolist(),
            [warmth or "unknown" for warmth in warmths],
            option_ids.tolist(),
            option.tolist(),
            reasons,
            new.tolist(),
        )
    )


def _mention(field: str, typed: Mapping[str, tuple[int, str]], keys: tuple[str, ...]) -> str:
    """ "Their position mentions ESG and sustainability.", or "" when it mentions none of the option's."""
    words = [typed[key][1] for key in sorted((k for k in keys if k in typed), key=lambda k: typed[k][0])]
    return f"Their {field} mentions {either(words, last='and')}." if words else ""


def weekly_plan(suggestions: Sequence[Suggestion], needed: int) -> list[Suggestion]:
    """Up to ``needed`` people for the week, spread over the options: each in turn gives its next best.

    Options take turns in the order they first appear in ``suggestions`` (red first, as
    :func:`suggestions` lists them); a person already in the plan is skipped, so nobody is in it
    twice, and an option with nobody left drops out of the turns.
    """
    queues: dict[int, list[Suggestion]] = {}
    for suggestion in suggestions:
        queues.setdefault(suggestion.option_id, []).append(suggestion)
    plan: list[Suggestion] = []
    planned: set[int] = set()
    turns = [list(reversed(queue)) for queue in queues.values()]
    while len(plan) < needed and turns:
        for queue in list(turns):
            while queue and queue[-1].contact_id in planned:
                queue.pop()
            if not queue:
                turns.remove(queue)
                continue
            chosen = queue.pop()
            plan.append(chosen)
            planned.add(chosen.contact_id)
            if len(plan) >= needed:
                break
    return plan


# --- who works where ---------------------------------------------------------------


def _last_interaction(outreach: pd.DataFrame, meetings: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Each contact's latest request sent, answer or meeting held on or before the day, by contact id."""
    parts = [
        pd.DataFrame(
            {"contact_id": outreach["contact_id"].to_numpy(), "on": _dates(outreach["sent_on"]).to_numpy()}
        ),
        pd.DataFrame(
            {"contact_id": outreach["contact_id"].to_numpy(), "on": answered_on(outreach).to_numpy()}
        ),
        pd.DataFrame(
            {"contact_id": meetings["contact_id"].to_numpy(), "on": _dates(meetings["held_on"]).to_numpy()}
        ),
    ]
    touches = pd.concat(parts, ignore_index=True)
    touches["on"] = pd.to_datetime(touches["on"])
    touches = touches[touches["on"].notna() & (touches["on"] <= day)]
    return touches.groupby("contact_id")["on"].max()


def people_at(
    organisation: str,
    contacts: pd.DataFrame,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    referrals: pd.DataFrame,
    *,
    as_of: date,
    cutoff: float = CLOSE_CUTOFF,
) -> pd.DataFrame:
    """Who the seeker knows at an organisation: "Who do I know at Acme?".

    A contact is there when their company is the organisation (:func:`normalise_org` equal) or
    a close spelling of it (``difflib`` ratio of the normalised names at least ``cutoff``:
    "Northwind" finds "Nortwind Ltd"). Columns: id, name, company, position, warmth,
    last_interaction (the latest request sent, answer or meeting held up to the day, a date or
    None), referred_by (the names of whoever referred them, ", "-joined, "" if nobody) and
    variant (True for a close spelling). The same organisation first, then warmest, then by name.
    """
    columns = ["id", "name", "company", "position", "warmth", "last_interaction", "referred_by", "variant"]
    key = normalise_org(organisation)
    day = pd.Timestamp(as_of)
    people = _existing(contacts, day)
    orgs = _orgs(people["company"])
    if key is None:
        return pd.DataFrame(columns=columns)
    spelt = [str(org) for org in orgs.dropna().unique() if org != key]
    close = set(difflib.get_close_matches(key, spelt, n=len(spelt) or 1, cutoff=cutoff))
    there = people[(orgs == key) | orgs.isin(close)].copy()
    there["variant"] = (orgs[there.index] != key).to_numpy()
    ids = there["id"]
    last = _last_interaction(
        outreach[outreach["contact_id"].isin(ids)], meetings[meetings["contact_id"].isin(ids)], day
    )
    latest = last.reindex(there["id"].to_numpy()).tolist()
    there["last_interaction"] = [None if pd.isna(on) else pd.Timestamp(on).date() for on in latest]
    made = referrals[(_dates(referrals["referred_on"]) <= day).to_numpy()]
    by_whom: dict[int, list[str]] = {}
    for referred, referrer in zip(made["referred_id"], made["referrer"], strict=True):
        names = by_whom.setdefault(int(referred), [])
        if str(referrer) not in names:
            names.append(str(referrer))
    there["referred_by"] = [", ".join(by_whom.get(int(i), [])) for i in there["id"]]
    there["_warmth"] = there["warmth"].map(_WARMTH_RANK).fillna(_UNKNOWN_RANK)
    there["_name"] = there["name"].fillna("").astype(str).str.casefold()
    there = there.sort_values(["variant", "_warmth", "_name", "id"], kind="stable")
    return there[columns].reset_index(drop=True)


def target_table(
    targets: pd.DataFrame,
    contacts: pd.DataFrame,
    outreach: pd.DataFrame,
    meetings: pd.DataFrame,
    *,
    as_of: date,
    options: Sequence[Mapping[str, Any]] = (),
) -> pd.DataFrame:
    """Each option's target organisations, with how many people the seeker knows there and has asked,
    heard back from and met, as of a day.

    People are placed by their company now (:func:`normalise_org` equal). Columns: option_id,
    option (its title when ``options`` names it, else ""), organisation (the target as first
    typed), known, asked (sent a request by the day), answered (answered by the day), met (a
    meeting held by the day): counts of people, not of requests. One row per option and
    organisation, by option title then organisation, targets nobody is known at included.
    """
    columns = ["option_id", "option", "organisation", "known", "asked", "answered", "met"]
    day = pd.Timestamp(as_of)
    wanted = _by_option(targets)
    wanted = wanted.drop_duplicates(["option_id", "org"])
    if wanted.empty:
        return pd.DataFrame(columns=columns)
    people = _existing(contacts, day)
    people = pd.DataFrame({"contact_id": people["id"].to_numpy(), "org": _orgs(people["company"]).to_numpy()})
    sent = _dates(outreach["sent_on"]) <= day
    asked = set(outreach["contact_id"][sent.to_numpy()])
    answered = set(outreach["contact_id"][(sent & (answered_on(outreach) <= day)).to_numpy()])
    met = set(meetings["contact_id"][(_dates(meetings["held_on"]) <= day).to_numpy()])
    people = people.assign(
        known=1,
        asked=people["contact_id"].isin(asked).astype(int),
        answered=people["contact_id"].isin(answered).astype(int),
        met=people["contact_id"].isin(met).astype(int),
    )
    per_org = people.dropna(subset=["org"]).groupby("org")[["known", "asked", "answered", "met"]].sum()
    table = wanted[["option_id", "name", "org"]].merge(per_org, left_on="org", right_index=True, how="left")
    counts = ["known", "asked", "answered", "met"]
    table[counts] = table[counts].fillna(0).astype(int)
    titles = {int(option["id"]): str(option["title"]) for option in options}
    table["option"] = [titles.get(int(i), "") for i in table["option_id"]]
    table["organisation"] = [" ".join(str(n).split()) for n in table["name"]]
    table["_title"] = table["option"].str.casefold()
    table["_org"] = table["organisation"].str.casefold()
    table = table.sort_values(["_title", "option_id", "_org"], kind="stable")
    return table[columns].reset_index(drop=True)


# --- one seeker ----------------------------------------------------------------------

# The seeker's frames suggestions are computed from, by their coach.store.registry loader names.
FRAMES = ("contacts", "outreach", "meetings", "meeting_options", "referrals")


def for_seeker(
    seeker: Seeker,
    options: Sequence[Mapping[str, Any]],
    targets: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    *,
    as_of: date,
    option_id: int | None = None,
    count: int | None = None,
) -> list[Suggestion]:
    """:func:`suggestions` with the seeker's own settings, keywords and evidence as of a day.

    :param options: :func:`coach.store.list_options` (with each option's ``keywords``).
    :param tables: the frames named in :data:`FRAMES`, as the store loads them.
    :param option_id: only this option's suggestions (None: every undecided option's).
    """
    evidences = option_evidence(
        options, tables["meetings"], tables["meeting_options"], as_of=as_of, **seeker.thresholds
    )
    chosen = [o for o in options if option_id is None or int(o["id"]) == option_id]
    return suggestions(
        chosen,
        {int(o["id"]): str(o.get("keywords") or "") for o in chosen},
        targets,
        tables["contacts"],
        tables["outreach"],
        tables["meetings"],
        tables["meeting_options"],
        tables["referrals"],
        evidences,
        as_of=as_of,
        recent_days=seeker.keep_in_touch_days,
        answer_window_days=seeker.answer_window_days,
        count=count,
    )


def still_needed(goal: int, sent_this_week: int) -> int:
    """How many more requests the week's goal asks for (never fewer than none)."""
    return max(0, goal - sent_this_week)


def asked_line(people: Sequence[Suggestion], *, most: int = 2) -> str:
    """ "Ask Chiara Neri (Northwind, inner circle) or Dana Pike (Pinnacle Retail, alumni)": up to
    ``most`` people, each with their organisation and warmth when those say something; "" for none.

    A shared screen's alias ("Contact 12 · Northwind") is named without its company, which the
    brackets say already.
    """
    shown = []
    for person in people[:most]:
        who = without_company(person.contact, person.company)
        facts = [fact for fact in (person.company, _warmth_word(person.warmth)) if fact]
        shown.append(f"{who} ({', '.join(facts)})" if facts else who)
    return f"Ask {either(shown)}" if shown else ""


def who_would_clear(suggestions: Sequence[Suggestion], option_id: int, *, most: int = 2) -> list[Suggestion]:
    """Up to ``most`` of an option's people to name as the ones who would clear its warning.

    In the order of ``suggestions``, each next one from an organisation not named yet while
    there is one (a warning wants people from more organisations), then the best of the rest.
    """
    theirs = [s for s in suggestions if s.option_id == option_id]
    chosen: list[Suggestion] = []
    orgs: set[str] = set()
    for person in theirs:
        if len(chosen) >= most:
            break
        org = normalise_org(person.company) if person.company else None
        if org is not None and org not in orgs:
            chosen.append(person)
            orgs.add(org)
    for person in theirs:
        if len(chosen) >= most:
            break
        if person not in chosen:
            chosen.append(person)
    return sorted(chosen, key=theirs.index)


def _warmth_word(warmth: str) -> str:
    """The warmth as a reason to ask ("inner circle"), or "" when it is no reason (unknown, cold)."""
    return label(warmth).lower() if warmth in WARM else ""
