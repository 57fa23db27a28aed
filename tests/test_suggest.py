"""Who to ask next: candidates, relevance, order, reasons, the week's plan and who works where."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from coach import store
from coach.rules import evidence, suggest
from coach.rules.evidence import OptionEvidence
from coach.rules.suggest import Suggestion
from coach.store import db, tracking
from coach.store.tracking import Meeting, NewContact, Referral, Request

AS_OF = date(2026, 3, 18)

CONTACT_COLUMNS = [
    "id",
    "first_name",
    "last_name",
    "name",
    "company",
    "position",
    "email",
    "phone",
    "profile_url",
    "source",
    "warmth",
    "connected_on",
    "added_on",
]
OUTREACH_COLUMNS = [
    "id",
    "contact_id",
    "contact",
    "company",
    "warmth",
    "source",
    "sent_on",
    "channel",
    "template",
    "minutes_asked",
    "mode_offered",
    "message",
    "followed_up_on",
    "responded_on",
    "outcome",
    "reply_excerpt",
]
MEETING_COLUMNS = [
    "id",
    "contact_id",
    "contact",
    "outreach_id",
    "held_on",
    "mode",
    "company",
    "minutes_planned",
    "minutes_actual",
    "talk_share",
    "fit",
    "insights",
    "thank_you_on",
]
TAG_COLUMNS = ["meeting_id", "career_option_id", "title", "signal"]
REFERRAL_COLUMNS = [
    "id",
    "referrer_id",
    "referrer",
    "referred_id",
    "referred",
    "referred_on",
    "meeting_id",
    "referrer_told_on",
]


def ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


def frame(rows: Sequence[dict[str, Any]], columns: list[str], dates: Sequence[str]) -> pd.DataFrame:
    """Rows as the store loads them: every column, missing values None, dates as timestamps."""
    table = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
    for column in dates:
        table[column] = pd.to_datetime(table[column])
    return table


def people(*rows: dict[str, Any]) -> pd.DataFrame:
    """Contacts: each row needs id and name; company, position, warmth and added_on are optional."""
    full = []
    for row in rows:
        first, _, last = row["name"].partition(" ")
        full.append(
            {"first_name": first, "last_name": last, "warmth": "unknown", "added_on": date(2025, 1, 1)} | row
        )
    return frame(full, CONTACT_COLUMNS, ("connected_on", "added_on"))


def requests(*rows: dict[str, Any]) -> pd.DataFrame:
    """Requests: each row needs contact_id and sent_on."""
    full = [{"id": i, "channel": "email"} | row for i, row in enumerate(rows, 1)]
    return frame(full, OUTREACH_COLUMNS, ("sent_on", "followed_up_on", "responded_on"))


def meetings(*rows: dict[str, Any]) -> pd.DataFrame:
    """Meetings: each row needs contact_id and held_on; id defaults to its place."""
    full = [{"id": i, "mode": "video"} | row for i, row in enumerate(rows, 1)]
    return frame(full, MEETING_COLUMNS, ("held_on", "thank_you_on"))


def tags(*pairs: tuple[int, int]) -> pd.DataFrame:
    """Meeting tags: (meeting_id, career_option_id)."""
    rows = [{"meeting_id": m, "career_option_id": o, "signal": "for"} for m, o in pairs]
    return frame(rows, TAG_COLUMNS, ())


def referrals(*rows: dict[str, Any]) -> pd.DataFrame:
    """Referrals: each row needs referrer_id, referrer, referred_id and referred_on."""
    full = [{"id": i, "referred": "?"} | row for i, row in enumerate(rows, 1)]
    return frame(full, REFERRAL_COLUMNS, ("referred_on", "referrer_told_on"))


def targets(*pairs: tuple[int, str]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["career_option_id", "name"])


def option(option_id: int, title: str, status: str = "exploring") -> dict[str, Any]:
    return {"id": option_id, "title": title, "status": status, "decided_on": None, "created_on": ago(200)}


def seen(
    option_id: int, title: str, warning: str = "red", orgs: Sequence[str] = (), status: str = "exploring"
) -> OptionEvidence:
    """An option's evidence as option_evidence gives it: only what suggestions read is set."""
    return OptionEvidence(
        option_id=option_id,
        title=title,
        status=status,
        decided_on=None,
        meetings=len(orgs),
        people=len(orgs),
        organisations=len(orgs),
        organisation_names=tuple(orgs),
        ratings=0,
        mean_fit=None,
        fit_low=None,
        fit_high=None,
        signals_for=0,
        signals_against=0,
        signals_neutral=0,
        last_conversation=None,
        warning=warning,  # type: ignore[arg-type]
        decided_on_red=False,
        decided_people=None,
        flag=None,
    )


NONE = {"outreach": requests(), "meetings": meetings(), "meeting_options": tags(), "referrals": referrals()}


def suggested(
    contacts: pd.DataFrame,
    *,
    options: Sequence[dict[str, Any]] = (option(1, "ESG reporting"),),
    keywords: dict[int, str] | None = None,
    wanted: pd.DataFrame | None = None,
    evidences: Sequence[OptionEvidence] | None = None,
    count: int | None = None,
    **frames: pd.DataFrame,
) -> list[Suggestion]:
    """suggestions() with empty history, no keywords and no targets unless given."""
    tables = NONE | frames
    return suggest.suggestions(
        options,
        keywords or {},
        wanted if wanted is not None else targets(),
        contacts,
        tables["outreach"],
        tables["meetings"],
        tables["meeting_options"],
        tables["referrals"],
        evidences if evidences is not None else [seen(int(o["id"]), str(o["title"])) for o in options],
        as_of=AS_OF,
        count=count,
    )


def names(found: Sequence[Suggestion]) -> list[str]:
    return [s.contact for s in found]


# --- keywords ------------------------------------------------------------------------


def test_split_keywords_trims_and_drops_blanks_and_repeats_in_any_case() -> None:
    assert suggest.split_keywords(" ESG, sustainability ,, esg , Climate   risk,") == (
        "ESG",
        "sustainability",
        "Climate risk",
    )
    assert suggest.split_keywords("") == ()
    assert suggest.split_keywords(None) == ()


# --- candidates ------------------------------------------------------------------------


def candidate_ids(contacts: pd.DataFrame, **frames: pd.DataFrame) -> set[int]:
    tables = NONE | frames
    allowed = suggest.candidates(contacts, tables["outreach"], tables["meetings"], as_of=AS_OF)
    return {int(i) for i in allowed["id"]}


EVERYONE = people(*({"id": i, "name": f"Person {i}"} for i in range(1, 13)))


def test_a_request_sent_in_the_last_90_days_excludes_and_an_older_answered_one_does_not() -> None:
    asked = requests(
        {"contact_id": 1, "sent_on": ago(10), "responded_on": ago(8), "outcome": "agreed"},
        {"contact_id": 2, "sent_on": ago(89), "responded_on": ago(80), "outcome": "replied"},
        {"contact_id": 3, "sent_on": ago(90), "responded_on": ago(85), "outcome": "agreed"},
        {"contact_id": 4, "sent_on": AS_OF, "channel": "linkedin"},
    )
    ids = candidate_ids(EVERYONE, outreach=asked)
    assert {1, 2, 4} & ids == set()
    assert 3 in ids  # 90 days ago is outside the 90 days up to and including today


def test_a_meeting_exactly_90_days_ago_no_longer_excludes_but_89_days_ago_does() -> None:
    held = meetings({"contact_id": 1, "held_on": ago(89)}, {"contact_id": 2, "held_on": ago(90)})
    ids = candidate_ids(EVERYONE, meetings=held)
    assert 1 not in ids
    assert 2 in ids
    longer = suggest.candidates(EVERYONE, NONE["outreach"], held, as_of=AS_OF, recent_days=91)
    assert 2 not in set(longer["id"])


def test_a_pending_request_excludes_even_when_sent_long_ago() -> None:
    asked = requests(
        {"contact_id": 1, "sent_on": ago(120), "followed_up_on": ago(5)},  # the follow-up reopened the window
        {"contact_id": 2, "sent_on": ago(120), "followed_up_on": ago(20)},  # window closed: no response
    )
    ids = candidate_ids(EVERYONE, outreach=asked)
    assert 1 not in ids
    assert 2 in ids
    wider = suggest.candidates(EVERYONE, asked, NONE["meetings"], as_of=AS_OF, answer_window_days=21)
    assert 2 not in set(wider["id"])


def test_anyone_who_ever_declined_is_left_out() -> None:
    asked = requests(
        {"contact_id": 1, "sent_on": ago(400), "responded_on": ago(399), "outcome": "declined"},
        {"contact_id": 2, "sent_on": ago(400), "responded_on": ago(399), "outcome": "agreed"},
        {"contact_id": 3, "sent_on": ago(400), "outcome": "declined"},  # no answer date: counts as sent on
        {
            "contact_id": 4,
            "sent_on": ago(400),
            "responded_on": AS_OF + timedelta(days=1),
            "outcome": "declined",
        },
    )
    ids = candidate_ids(EVERYONE, outreach=asked)
    assert {1, 3} & ids == set()
    assert {2, 4} <= ids  # the decline of 4 is dated tomorrow: it does not exist yet


def test_requests_meetings_and_contacts_dated_after_the_day_do_not_exist_yet() -> None:
    later = AS_OF + timedelta(days=3)
    contacts = pd.concat([EVERYONE, people({"id": 99, "name": "New Person", "added_on": later})])
    ids = candidate_ids(
        contacts,
        outreach=requests({"contact_id": 1, "sent_on": later}),
        meetings=meetings({"contact_id": 2, "held_on": later}),
    )
    assert {1, 2} <= ids
    assert 99 not in ids


# --- relevance ------------------------------------------------------------------------


def test_target_organisations_match_across_legal_suffixes_case_and_punctuation() -> None:
    contacts = people(
        {"id": 1, "name": "Ana A", "company": "NORTHWIND"},
        {"id": 2, "name": "Bo B", "company": "Northwind Ltd."},
        {"id": 3, "name": "Cy C", "company": "Northwinds"},
        {"id": 4, "name": "Di D", "company": "O'Neil Co."},
        {"id": 5, "name": "Ed E", "company": None},
    )
    found = suggested(contacts, wanted=targets((1, "Northwind, Inc."), (1, "ONeil")))
    assert sorted(names(found)) == ["Ana A", "Bo B", "Di D"]
    assert not suggested(contacts, wanted=targets((2, "Northwind")))  # another option's target


def test_keywords_match_whole_words_and_phrases_in_any_case() -> None:
    contacts = people(
        {"id": 1, "name": "Ana A", "position": "Head of ESG"},
        {"id": 2, "name": "Bo B", "position": "ESGX analyst"},
        {"id": 3, "name": "Cy C", "position": "esg lead"},
        {"id": 4, "name": "Di D", "position": "Climate  Risk manager"},
        {"id": 5, "name": "Ed E", "position": "Climate and risk"},
        {"id": 6, "name": "Fay F", "company": "ESG Partners"},
        {"id": 7, "name": "Gus G", "position": "C++ developer"},
        {"id": 8, "name": "Hal H", "position": "C developer"},
        {"id": 9, "name": "Ivy I", "position": "Reporting (ESG)"},
        {"id": 10, "name": "Jo J", "position": "Climate risks, credit risk"},  # both words, never the phrase
    )
    found = suggested(contacts, keywords={1: "ESG, climate risk, C++"})
    assert sorted(names(found)) == ["Ana A", "Cy C", "Di D", "Fay F", "Gus G", "Ivy I"]


def test_someone_referred_by_a_person_met_about_the_option_is_relevant_to_it() -> None:
    contacts = people(
        {"id": 1, "name": "Ana Silva", "company": "Acme"},
        {"id": 2, "name": "Bo Referred"},
        {"id": 3, "name": "Cy Other"},
        {"id": 4, "name": "Di Later"},
        {"id": 5, "name": "Ed Tomorrow"},
    )
    held = meetings(
        {"id": 1, "contact_id": 1, "held_on": ago(100), "company": "Acme"},  # about ESG reporting
        {
            "id": 2,
            "contact_id": 1,
            "held_on": AS_OF + timedelta(days=2),
            "company": "Acme",
        },  # Policy, to come
        {"id": 3, "contact_id": 4, "held_on": ago(100), "company": "Globex"},  # about Policy
    )
    ana = {"referrer_id": 1, "referrer": "Ana Silva"}
    made = referrals(
        ana | {"referred_id": 2, "referred_on": ago(100), "meeting_id": 1},
        ana | {"referred_id": 2, "referred_on": ago(95), "meeting_id": 1},  # the same again: said once
        {"referrer_id": 4, "referrer": "Di Later", "referred_id": 3, "referred_on": ago(99), "meeting_id": 3},
        ana | {"referred_id": 5, "referred_on": AS_OF + timedelta(days=1)},  # not made yet
    )
    two = [option(1, "ESG reporting"), option(2, "Policy")]
    found = suggested(
        contacts,
        options=two,
        meetings=held,
        meeting_options=tags((1, 1), (2, 2), (3, 2)),
        referrals=made,
    )
    assert [(s.contact, s.option) for s in found] == [
        ("Bo Referred", "ESG reporting"),
        ("Cy Other", "Policy"),
    ]
    assert [s.reasons for s in found] == [
        ("Referred by Ana Silva, met about ESG reporting.",),
        ("Referred by Di Later, met about Policy.",),
    ]


# --- order ------------------------------------------------------------------------


def test_a_new_organisation_comes_first_then_warmth_then_name() -> None:
    contacts = people(
        {"id": 1, "name": "Zed Cold", "company": "Newco", "position": "ESG", "warmth": "cold"},
        {"id": 2, "name": "Ann Inner", "company": "ACME", "position": "ESG", "warmth": "inner_circle"},
        {"id": 3, "name": "Cy Cold", "company": "Acme Inc", "position": "ESG", "warmth": "cold"},
        {"id": 4, "name": "bo Cold", "company": "Acme", "position": "ESG", "warmth": "cold"},
        {"id": 5, "name": "Al Shared", "company": None, "position": "ESG", "warmth": "shared_affiliation"},
        {"id": 6, "name": "Ida Referral", "company": "Acme", "position": "ESG", "warmth": "referral"},
        {"id": 7, "name": "Uma Unknown", "company": "Acme", "position": "ESG", "warmth": "unknown"},
    )
    found = suggested(
        contacts, keywords={1: "ESG"}, evidences=[seen(1, "ESG reporting", orgs=["Acme, Inc."])]
    )
    assert names(found) == [
        "Zed Cold",  # the only new organisation
        "Ann Inner",
        "Al Shared",  # no company: not a new organisation
        "Ida Referral",
        "Uma Unknown",
        "bo Cold",  # names in any case
        "Cy Cold",
    ]
    assert [s.new_organisation for s in found] == [True] + [False] * 6


def test_options_run_red_then_amber_then_ok_ties_by_title() -> None:
    contacts = people({"id": 1, "name": "Ana A", "position": "ESG"})
    options = [option(1, "Ok one"), option(2, "b amber"), option(3, "Red"), option(4, "A amber")]
    evidences = [
        seen(1, "Ok one", "ok"),
        seen(2, "b amber", "amber"),
        seen(3, "Red"),
        seen(4, "A amber", "amber"),
    ]
    found = suggested(
        contacts, options=options, keywords=dict.fromkeys(range(1, 5), "ESG"), evidences=evidences
    )
    assert [s.option for s in found] == ["Red", "A amber", "b amber", "Ok one"]
    assert [s.contact for s in found] == ["Ana A"] * 4  # once per option


def test_decided_options_get_nobody() -> None:
    contacts = people({"id": 1, "name": "Ana A", "position": "ESG"})
    options = [
        option(1, "Chosen", "chosen"),
        option(2, "Dropped", "dropped"),
        option(3, "Leaning", "leaning"),
    ]
    evidences = [seen(1, "Chosen", status="chosen"), seen(2, "Dropped", status="dropped"), seen(3, "Leaning")]
    found = suggested(contacts, options=options, keywords={1: "ESG", 2: "ESG", 3: "ESG"}, evidences=evidences)
    assert [s.option for s in found] == ["Leaning"]
    # The evidence says how things stood on the day: a decision dated later does not exist yet.
    later = [seen(1, "Chosen", status="exploring")]
    assert [
        s.option for s in suggested(contacts, options=options[:1], keywords={1: "ESG"}, evidences=later)
    ] == ["Chosen"]


def test_a_person_relevant_several_ways_is_listed_once_with_every_reason() -> None:
    contacts = people(
        {"id": 1, "name": "Ana Silva", "company": "Acme"},
        {"id": 2, "name": "Bo Byrne", "company": "Northwind Ltd", "position": "ESG and sustainability lead"},
    )
    held = meetings({"id": 1, "contact_id": 1, "held_on": ago(120), "company": "Acme"})
    made = referrals({"referrer_id": 1, "referrer": "Ana Silva", "referred_id": 2, "referred_on": ago(120)})
    found = suggested(
        contacts,
        keywords={1: "sustainability, ESG, Northwind"},
        wanted=targets((1, "Northwind")),
        meetings=held,
        meeting_options=tags((1, 1)),
        referrals=made,
        evidences=[seen(1, "ESG reporting", orgs=["Acme"])],
    )
    assert names(found) == ["Bo Byrne"]
    assert found[0].reasons == (
        "At Northwind Ltd, one of your target organisations and new for ESG reporting.",
        "Their position mentions sustainability and ESG.",
        "Their company mentions Northwind.",
        "Referred by Ana Silva, met about ESG reporting.",
    )


def test_count_limits_the_whole_list() -> None:
    contacts = people(*({"id": i, "name": f"P{i}", "position": "ESG"} for i in range(1, 6)))
    two = [option(1, "A"), option(2, "B")]
    every = suggested(contacts, options=two, keywords={1: "ESG", 2: "ESG"})
    assert len(every) == 10
    assert suggested(contacts, options=two, keywords={1: "ESG", 2: "ESG"}, count=3) == every[:3]
    assert suggested(contacts, options=two, keywords={1: "ESG", 2: "ESG"}, count=0) == []
    with pytest.raises(ValueError):
        suggested(contacts, keywords={1: "ESG"}, count=-1)


def test_reasons_read_as_sentences() -> None:
    contacts = people(
        {
            "id": 1,
            "name": "Ana Lopez",
            "company": " Northwind  Labs ",
            "warmth": "inner_circle",
            "position": "ESG",
        },
        {"id": 2, "name": "Bo Cold", "company": "Acme", "warmth": "cold", "position": "Head of ESG"},
        {"id": 3, "name": "Cy Shared", "warmth": "shared_affiliation", "position": "Sustainability analyst"},
    )
    found = suggested(
        contacts, keywords={1: "ESG, sustainability"}, evidences=[seen(1, "ESG reporting", orgs=["Acme"])]
    )
    assert [(s.contact, s.company, s.warmth, s.reasons) for s in found] == [
        (
            "Ana Lopez",
            "Northwind Labs",
            "inner_circle",
            (
                "At Northwind Labs, a new organisation for ESG reporting.",
                "Inner circle.",
                "Their position mentions ESG.",
            ),
        ),
        (
            "Cy Shared",
            None,
            "shared_affiliation",
            ("Shared affiliation.", "Their position mentions sustainability."),
        ),
        ("Bo Cold", "Acme", "cold", ("Their position mentions ESG.",)),  # cold is no reason to ask
    ]


# --- the week's plan ---------------------------------------------------------------------


def pick(option_id: int, contact_id: int) -> Suggestion:
    return Suggestion(contact_id, f"P{contact_id}", None, "unknown", option_id, f"O{option_id}", (), False)


def test_weekly_plan_takes_turns_over_the_options_and_never_repeats_a_person() -> None:
    ranked = [pick(1, 1), pick(1, 2), pick(1, 3), pick(2, 1), pick(2, 4), pick(3, 5)]
    plan = suggest.weekly_plan(ranked, 4)
    assert [(s.option_id, s.contact_id) for s in plan] == [(1, 1), (2, 4), (3, 5), (1, 2)]
    everything = suggest.weekly_plan(ranked, 10)
    assert [s.contact_id for s in everything] == [1, 4, 5, 2, 3]
    assert suggest.weekly_plan(ranked, 0) == []
    assert suggest.weekly_plan([], 3) == []


def test_still_needed_is_what_the_goal_asks_for_beyond_what_was_sent() -> None:
    assert suggest.still_needed(3, 1) == 2
    assert suggest.still_needed(3, 3) == 0
    assert suggest.still_needed(3, 7) == 0  # more than the goal asks for nothing more, never less
    assert suggest.still_needed(0, 0) == 0


# --- who would clear an option's warning -------------------------------------------------


def person(
    contact_id: int, name: str, company: str | None, warmth: str = "unknown", option_id: int = 1
) -> Suggestion:
    return Suggestion(contact_id, name, company, warmth, option_id, f"O{option_id}", (), company is not None)


def test_asked_line_names_up_to_two_with_their_organisation_and_a_warmth_worth_saying() -> None:
    chiara = person(1, "Chiara Neri", "Northwind", "inner_circle")
    dana = person(2, "Dana Pike", "Pinnacle Retail", "shared_affiliation")
    assert suggest.asked_line([chiara, dana]) == (
        "Ask Chiara Neri (Northwind, inner circle) or Dana Pike (Pinnacle Retail, shared affiliation)"
    )
    third = person(3, "Eli Cold", "Acme", "cold")
    assert (
        suggest.asked_line([third, chiara, dana])
        == "Ask Eli Cold (Acme) or Chiara Neri (Northwind, inner circle)"
    )
    assert suggest.asked_line([person(4, "Fay Nobody", None)]) == "Ask Fay Nobody"
    assert suggest.asked_line([chiara, dana, third], most=3).startswith(
        "Ask Chiara Neri (Northwind, inner circle), "
    )
    assert suggest.asked_line([]) == ""


def test_asked_line_names_an_alias_without_the_company_its_brackets_say() -> None:
    alias = person(12, "Contact 12 · Northwind", "Northwind", "referral")
    assert suggest.asked_line([alias]) == "Ask Contact 12 (Northwind, referral)"


def test_who_would_clear_takes_one_per_organisation_first_in_the_suggestions_order() -> None:
    ranked = [
        person(1, "A", "Northwind"),
        person(2, "B", "Northwind Ltd"),  # the same organisation spelt with its suffix
        person(3, "C", None),  # no company: no organisation the warning could count
        person(4, "D", "Acme"),
        person(5, "E", "Zenith", option_id=2),  # another option's
    ]
    assert [s.contact_id for s in suggest.who_would_clear(ranked, 1)] == [1, 4]
    assert [s.contact_id for s in suggest.who_would_clear(ranked, 1, most=3)] == [1, 2, 4]
    assert [s.contact_id for s in suggest.who_would_clear(ranked, 1, most=4)] == [1, 2, 3, 4]
    assert [s.contact_id for s in suggest.who_would_clear(ranked[:3], 1)] == [1, 2]  # one organisation
    assert [s.contact_id for s in suggest.who_would_clear(ranked, 2)] == [5]
    assert suggest.who_would_clear(ranked, 3) == []


# --- who works where ---------------------------------------------------------------------


def test_people_at_finds_close_spellings_with_warmth_last_touch_and_referrer() -> None:
    contacts = people(
        {"id": 1, "name": "Ana Exact", "company": "Northwind Ltd", "warmth": "cold"},
        {"id": 2, "name": "Bo Typo", "company": "Nortwind", "warmth": "inner_circle"},
        {"id": 3, "name": "Cy Elsewhere", "company": "Northway"},
        {"id": 4, "name": "Di Upper", "company": "NORTHWIND, INC.", "warmth": "referral"},
        {"id": 5, "name": "Ed Nowhere", "company": None},
    )
    asked = requests(
        {"contact_id": 1, "sent_on": ago(30), "responded_on": ago(25), "outcome": "agreed"},
        {"contact_id": 4, "sent_on": ago(50)},
    )
    held = meetings(
        {"contact_id": 1, "held_on": ago(20)}, {"contact_id": 1, "held_on": AS_OF + timedelta(days=4)}
    )
    made = referrals({"referrer_id": 1, "referrer": "Ana Exact", "referred_id": 4, "referred_on": ago(21)})
    table = suggest.people_at("Northwind", contacts, asked, held, made, as_of=AS_OF)
    assert table["name"].tolist() == ["Di Upper", "Ana Exact", "Bo Typo"]
    assert table["variant"].tolist() == [False, False, True]
    assert table["warmth"].tolist() == ["referral", "cold", "inner_circle"]
    assert table["last_interaction"].tolist() == [ago(50), ago(20), None]
    assert table["referred_by"].tolist() == ["Ana Exact", "", ""]
    assert suggest.people_at("  ", contacts, asked, held, made, as_of=AS_OF).empty


def test_target_table_counts_people_known_asked_answered_and_met() -> None:
    contacts = people(
        {"id": 1, "name": "Ana A", "company": "Acme Inc."},
        {"id": 2, "name": "Bo B", "company": "ACME"},
        {"id": 3, "name": "Cy C", "company": "acme, ltd"},
        {"id": 4, "name": "Di D", "company": "Globex"},
    )
    asked = requests(
        {"contact_id": 1, "sent_on": ago(40), "responded_on": ago(38), "outcome": "agreed"},
        {"contact_id": 1, "sent_on": ago(10)},  # a second request: still one person asked
        {"contact_id": 2, "sent_on": ago(30)},
        {"contact_id": 3, "sent_on": AS_OF + timedelta(days=1)},  # not sent yet
    )
    held = meetings(
        {"contact_id": 1, "held_on": ago(30)}, {"contact_id": 2, "held_on": AS_OF + timedelta(days=3)}
    )
    table = suggest.target_table(
        targets((2, "Initech"), (1, "Acme"), (1, "ACME Inc"), (1, "Initech")),
        contacts,
        asked,
        held,
        as_of=AS_OF,
        options=[option(1, "ESG reporting"), option(2, "Policy")],
    )
    assert table.to_dict("records") == [
        {
            "option_id": 1,
            "option": "ESG reporting",
            "organisation": "Acme",
            "known": 3,
            "asked": 2,
            "answered": 1,
            "met": 1,
        },
        {
            "option_id": 1,
            "option": "ESG reporting",
            "organisation": "Initech",
            "known": 0,
            "asked": 0,
            "answered": 0,
            "met": 0,
        },
        {
            "option_id": 2,
            "option": "Policy",
            "organisation": "Initech",
            "known": 0,
            "asked": 0,
            "answered": 0,
            "met": 0,
        },
    ]


# --- on a real store ---------------------------------------------------------------------


def test_suggestions_on_the_frames_a_migrated_store_loads(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    esg = store.add_option(conn, ana.id, "ESG reporting", today=ago(300))
    add = {
        name: tracking.add_contact(
            conn,
            ana.id,
            NewContact(name, "Doe", company=company, position=position, warmth=warmth),
            today=ago(300),
        )
        for name, company, position, warmth in [
            ("Met", "Acme", "Analyst", "cold"),
            ("Declined", "Globex", "ESG lead", "inner_circle"),
            ("Colleague", "Acme Inc", "ESG analyst", "inner_circle"),
            ("Stranger", "Initech", "Head of ESG", "cold"),
        ]
    }
    asked = tracking.log_outreach(
        conn,
        ana.id,
        Request(add["Met"], ago(200), "email", responded_on=ago(199), outcome="agreed"),
        today=AS_OF,
    )
    tracking.log_meeting(
        conn,
        ana.id,
        Meeting(
            add["Met"],
            ago(190),
            outreach_id=asked,
            company="Acme",
            signals={esg: "for"},
            referrals=[Referral(first_name="Referred", last_name="Doe", company="Hooli")],
        ),
        today=AS_OF,
    )
    tracking.log_outreach(
        conn,
        ana.id,
        Request(add["Declined"], ago(300), "email", responded_on=ago(299), outcome="declined"),
        today=AS_OF,
    )
    options = store.list_options(conn, ana.id)
    frames = (
        store.load_contacts(conn, ana.id),
        store.load_outreach(conn, ana.id),
        store.load_meetings(conn, ana.id),
        store.load_meeting_options(conn, ana.id),
        store.load_referrals(conn, ana.id),
    )
    evidences = evidence.option_evidence(options, frames[2], frames[3], as_of=AS_OF, **ana.thresholds)
    found = suggest.suggestions(
        options,
        {esg: "ESG"},
        targets(),
        *frames,
        evidences,
        as_of=AS_OF,
        recent_days=ana.keep_in_touch_days,
        answer_window_days=ana.answer_window_days,
    )
    assert [(s.contact, s.new_organisation) for s in found] == [
        ("Referred Doe", True),
        ("Stranger Doe", True),
        ("Colleague Doe", False),
    ]
    assert found[0].reasons == (
        "At Hooli, a new organisation for ESG reporting.",
        "Referral.",
        "Referred by Met Doe, met about ESG reporting.",
    )
    assert all(isinstance(s.contact_id, int) for s in found)


def test_a_new_seekers_empty_tables_give_empty_answers(conn: db.Connection) -> None:
    ana = store.add_seeker(conn, "Ana Lopez")
    esg = store.add_option(conn, ana.id, "ESG reporting", today=ago(10))
    options = store.list_options(conn, ana.id)
    contacts, outreach, meetings_, tags_, referrals_ = (
        store.load_contacts(conn, ana.id),
        store.load_outreach(conn, ana.id),
        store.load_meetings(conn, ana.id),
        store.load_meeting_options(conn, ana.id),
        store.load_referrals(conn, ana.id),
    )
    evidences = evidence.option_evidence(options, meetings_, tags_, as_of=AS_OF)
    wanted = targets((esg, "Acme"))
    args = (contacts, outreach, meetings_, tags_, referrals_)
    assert suggest.suggestions(options, {esg: "ESG"}, wanted, *args, evidences, as_of=AS_OF) == []
    assert suggest.people_at("Acme", contacts, outreach, meetings_, referrals_, as_of=AS_OF).empty
    assert suggest.target_table(wanted, contacts, outreach, meetings_, as_of=AS_OF)["known"].tolist() == [0]


def test_a_target_already_heard_from_is_said_as_a_target_only() -> None:
    contacts = people({"id": 1, "name": "Ana Silva", "company": "Northwind Ltd"})
    found = suggested(
        contacts, wanted=targets((1, "Northwind")), evidences=[seen(1, "ESG reporting", orgs=["northwind"])]
    )
    assert [s.reasons for s in found] == [
        ("Northwind Ltd is one of your target organisations for ESG reporting.",)
    ]
    assert found[0].new_organisation is False
