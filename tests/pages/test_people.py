"""The Find people screen: suggestions with their reasons, Ask prefilled, targets and keywords edited,
who the seeker knows at an organisation, and nothing private on a shared screen."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coach import store, vocabulary
from coach.labels import label
from coach.names import normalise_org
from coach.rules import suggest
from coach.store import db, registry, targets, tracking
from coach.wording import day
from tests.conftest import ANCHOR
from tests.markup import as_shown
from tests.pages.test_ask import maya, opened
from tests.pages.test_share_mode import leaks, secrets, shared, texts
from ui.people import FIRST_SHOWN

PAGE = "app_pages/people.py"


def open_people(app: Callable[..., AppTest], demo_file: str) -> AppTest:
    return opened(app, demo_file, PAGE)


def expected(path: str, seeker: store.Seeker) -> list[suggest.Suggestion]:
    """The suggestions worked out from the store itself, as the rules make them."""
    with db.session(path) as conn:
        return suggest.for_seeker(
            seeker,
            store.list_options(conn, seeker.id),
            store.load_targets(conn, seeker.id),
            registry.load_frames(conn, seeker.id, *suggest.FRAMES),
            as_of=ANCHOR,
        )


def shown(at: AppTest) -> list[str]:
    """The Markdown and captions of the page, as the browser shows them."""
    return [as_shown(e.value) for e in (*at.markdown, *at.caption)]


def headings(at: AppTest) -> list[str]:
    return [text.removeprefix("#### ") for text in shown(at) if text.startswith("#### ")]


def asks(at: AppTest, option_id: int) -> list[str]:
    return [str(b.key) for b in at.button if str(b.key).startswith(f"people_ask_{option_id}_")]


def stored_targets(option_id: int) -> list[str]:
    with db.session(os.environ["COACH_DB"]) as conn:
        found = store.load_targets(conn, maya(os.environ["COACH_DB"]).id)
    return found.loc[found["career_option_id"] == option_id, "name"].tolist()


def errors(at: AppTest) -> list[str]:
    return [as_shown(e.value) for e in at.error]


def successes(at: AppTest) -> list[str]:
    return [as_shown(e.value) for e in at.success]


def test_suggestions_per_option_with_their_reasons(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_people(app, demo_file)
    seeker = maya(demo_file)
    found = expected(demo_file, seeker)
    assert at.title[0].value == f"Find people · {seeker.name}"
    titles = list(dict.fromkeys(s.option for s in found))
    assert len(titles) >= 2
    assert headings(at)[: len(titles)] == titles  # red warnings first, as the rules order them
    everything = "\n".join(shown(at))
    assert f"{len(found)} suggestions for {len(titles)} career options as of {day(ANCHOR)}" in everything
    for title in titles:
        theirs = [s for s in found if s.option == title]
        first = theirs[0]
        company = first.company or "—"
        assert f"**{first.contact}**  \n{company} · {label(first.warmth)}" in shown(at)
        assert " ".join(first.reasons) in shown(at)
        listed = min(len(theirs), FIRST_SHOWN)
        assert asks(at, first.option_id) == [
            f"people_ask_{s.option_id}_{s.contact_id}" for s in theirs[:listed]
        ]
        people = "person" if len(theirs) == 1 else "people"
        more = f", the first {listed} listed" if listed < len(theirs) else ""
        assert any(t.endswith(f"· {len(theirs)} {people} to ask{more}") for t in shown(at))
    # A reason the rules give, checked against the store: the company is one of the option's targets.
    with db.session(demo_file) as conn:
        held = store.load_targets(conn, seeker.id)
    on_list = next(s for s in found if any("one of your target organisations" in r for r in s.reasons))
    sentence = f"At {on_list.company}, one of your target organisations and new for {on_list.option}."
    assert sentence in on_list.reasons and sentence in everything
    aimed = held.loc[held["career_option_id"] == on_list.option_id, "name"].map(normalise_org)
    assert normalise_org(on_list.company) in set(aimed)


def test_more_people_are_listed_on_asking(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_people(app, demo_file)
    found = expected(demo_file, maya(demo_file))
    counts = pd.Series([s.option_id for s in found]).value_counts()
    option_id = int(counts.index[0])
    assert counts.iloc[0] > FIRST_SHOWN
    assert len(asks(at, option_id)) == FIRST_SHOWN
    at.button(key=f"people_more_{option_id}").click().run()
    assert len(asks(at, option_id)) == min(int(counts.iloc[0]), 2 * FIRST_SHOWN)


def test_the_option_filter_shows_one_option(app: Callable[..., AppTest], demo_file: str) -> None:
    at = open_people(app, demo_file)
    found = expected(demo_file, maya(demo_file))
    last = found[-1]
    filter_box = at.selectbox(key="people_option")
    assert filter_box.value is None and filter_box.options[0] == "All options"
    filter_box.set_value(last.option_id).run()
    assert not at.exception
    assert headings(at) == [last.option]
    theirs = [s for s in found if s.option_id == last.option_id]
    assert any(t.startswith(f"{len(theirs)} suggestion") for t in shown(at))
    assert {str(b.key).split("_")[2] for b in at.button if str(b.key).startswith("people_ask_")} == {
        str(last.option_id)
    }


def test_ask_opens_with_the_person_and_the_option_filled_in(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_people(app, demo_file)
    seeker = maya(demo_file)
    found = expected(demo_file, seeker)
    person = next(s for s in found if s.option_id != found[0].option_id)  # not the first option's
    at.button(key=f"people_ask_{person.option_id}_{person.contact_id}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"Ask · {seeker.name}"
    assert at.selectbox(key="ask_contact").value == person.contact_id
    assert at.selectbox(key="ask_field").value == person.option_id
    draft = next(t for t in at.text_area if t.key and t.key.startswith("ask_message_"))
    assert person.option in str(draft.value) or person.option.lower() in str(draft.value)


def open_targets(app: Callable[..., AppTest], demo_file: str) -> tuple[AppTest, int]:
    """The screen with the first undecided option picked under Targets and keywords."""
    at = open_people(app, demo_file)
    with db.session(demo_file) as conn:
        options = store.list_options(conn, maya(demo_file).id)
    option_id = int(next(o["id"] for o in options if o["status"] in vocabulary.UNDECIDED))
    at.selectbox(key="people_targets_option").set_value(option_id).run()
    assert not at.exception
    return at, option_id


def test_keywords_are_saved_tidied(app: Callable[..., AppTest], demo_file: str) -> None:
    at, option_id = open_targets(app, demo_file)
    at.text_input(key=f"people_keywords_{option_id}").input(" SQL,, sql , dashboards ,")
    at.button(key="people_keywords_save").click().run()
    assert not at.exception and not at.error, errors(at)
    with db.session(os.environ["COACH_DB"]) as conn:
        option = next(o for o in store.list_options(conn, maya(demo_file).id) if o["id"] == option_id)
    assert option["keywords"] == "SQL, dashboards"
    assert at.text_input(key=f"people_keywords_{option_id}").value == "SQL, dashboards"
    assert "2 keywords saved." in shown(at)


def test_a_target_added_by_hand_a_second_spelling_refused_and_removed(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, option_id = open_targets(app, demo_file)
    before = stored_targets(option_id)
    at.text_input(key="people_add_name").input("  Northwind   Traders ")
    at.button(key="people_add").click().run()
    assert not at.exception and not at.error, errors(at)
    assert sorted(stored_targets(option_id)) == sorted([*before, "Northwind Traders"])
    assert at.text_input(key="people_add_name").value == ""  # the box starts empty again
    assert "Northwind Traders" in [t.value for t in at.text]
    at.text_input(key="people_add_name").input("NORTHWIND traders")
    at.button(key="people_add").click().run()
    assert not at.exception
    title = next(o["title"] for o in store_options(demo_file) if o["id"] == option_id)
    assert errors(at) == [
        f"{title!r} already has 'Northwind Traders' as a target ('NORTHWIND traders' is the same "
        "organisation); nothing was added."
    ]
    assert sorted(stored_targets(option_id)) == sorted([*before, "Northwind Traders"])
    with db.session(os.environ["COACH_DB"]) as conn:
        held = store.load_targets(conn, maya(demo_file).id)
    target_id = int(held.loc[held["name"] == "Northwind Traders", "id"].iloc[0])
    at.button(key=f"people_remove_{target_id}").click().run()
    assert not at.exception and not at.error, errors(at)
    assert sorted(stored_targets(option_id)) == sorted(before)
    assert "Northwind Traders" not in [t.value for t in at.text]


def store_options(path: str) -> list[dict[str, object]]:
    with db.session(path) as conn:
        return store.list_options(conn, maya(path).id)


def test_targets_picked_from_the_contacts_companies(app: Callable[..., AppTest], demo_file: str) -> None:
    at, option_id = open_targets(app, demo_file)
    before = stored_targets(option_id)
    with db.session(demo_file) as conn:
        companies = store.company_counts(conn, maya(demo_file).id)
    taken = {normalise_org(name) for name in before}
    free = companies[[normalise_org(n) not in taken for n in companies["organisation"]]]
    first, second = free.iloc[0], free.iloc[1]
    box = at.multiselect(key=f"people_companies_{option_id}")
    people = "person" if int(first["contacts"]) == 1 else "people"
    assert box.options[0] == f"{first['organisation']} ({first['contacts']} {people})"
    assert not any(normalise_org(o.rsplit(" (", 1)[0]) in taken for o in box.options)
    box.set_value([first["organisation"], second["organisation"]]).run()
    at.button(key="people_companies_add").click().run()
    assert not at.exception and not at.error, errors(at)
    assert sorted(stored_targets(option_id)) == sorted(
        [*before, first["organisation"], second["organisation"]]
    )
    assert successes(at) == ["Added 2 targets."]
    assert at.multiselect(key=f"people_companies_{option_id}").value == []


def test_a_one_column_list_is_imported_and_a_bad_file_is_explained(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, option_id = open_targets(app, demo_file)
    before = stored_targets(option_id)
    sheet = f"Organisation\nBlue Harbor Labs\n\nGreen Field Co\n{before[0].upper()}\n".encode()
    at.file_uploader(key=f"people_import_{option_id}_0").set_value(("orgs.csv", sheet, "text/csv")).run()
    at.button(key="people_import_go").click().run()
    assert not at.exception and not at.error, errors(at)
    assert sorted(stored_targets(option_id)) == sorted([*before, "Blue Harbor Labs", "Green Field Co"])
    assert successes(at) == [
        f"Added 2 targets; skipped 1 organisation already there: {before[0].upper()} (as {before[0]})."
    ]
    # A file with two columns: one message naming the file and row, nothing added, no traceback.
    bad = b"Acme,Globex\nInitech\n"
    at.file_uploader(key=f"people_import_{option_id}_1").set_value(("bad.csv", bad, "text/csv")).run()
    at.button(key="people_import_go").click().run()
    assert not at.exception
    [message] = errors(at)
    assert message.startswith("bad.csv, row 1: holds 2 filled cells ('Acme', 'Globex')")
    assert message.endswith("Nothing was imported: fix the file and import it again.")
    assert sorted(stored_targets(option_id)) == sorted([*before, "Blue Harbor Labs", "Green Field Co"])
    at.file_uploader(key=f"people_import_{option_id}_1").set_value(("junk.xlsx", b"not a workbook", "")).run()
    at.button(key="people_import_go").click().run()
    assert not at.exception
    assert errors(at) == [
        "junk.xlsx is not an Excel workbook: it does not start like one. Was it renamed, or saved by "
        "another program?"
    ]


def test_who_do_i_know_includes_close_spellings(app: Callable[..., AppTest], demo_file: str) -> None:
    at = app("demo", demo_file)
    seeker = maya(demo_file)
    path = os.environ["COACH_DB"]
    with db.session(path) as conn:
        tracking.add_contact(
            conn, seeker.id, tracking.NewContact("Ines", "Moreau", company="Indigo Dta"), today=ANCHOR
        )
        frames = registry.load_frames(conn, seeker.id, "contacts", "outreach", "meetings", "referrals")
    wanted = suggest.people_at(
        "indigo data",
        frames["contacts"],
        frames["outreach"],
        frames["meetings"],
        frames["referrals"],
        as_of=ANCHOR,
    )
    assert wanted["variant"].sum() == 1 and (~wanted["variant"]).sum() >= 2
    at.query_params["seeker"] = str(seeker.id)
    at.run()
    at.switch_page(PAGE).run()
    at.text_input(key="people_at").input("indigo data").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns) == ["name", "company", "position", "warmth", "last_interaction", "referred_by"]
    assert table["name"].tolist() == wanted["name"].tolist()
    assert table["warmth"].tolist() == [label(w) for w in wanted["warmth"]]
    assert table["last_interaction"].tolist() == [day(d) for d in wanted["last_interaction"]]
    assert table["referred_by"].tolist() == [r or "—" for r in wanted["referred_by"]]
    assert table["name"].iloc[-1] == "Ines Moreau" and table["company"].iloc[-1] == "Indigo Dta"
    assert f"{len(wanted)} people at indigo data." in shown(at)
    assert "Close spellings included: Indigo Dta (1 person)." in shown(at)
    at.text_input(key="people_at").input("Nobody Works Here Ltd").run()
    assert "Nobody among your contacts works at Nobody Works Here Ltd or a close spelling of it." in shown(at)


def test_the_targets_table_counts_people_known_asked_answered_and_met(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = open_people(app, demo_file)
    seeker = maya(demo_file)
    with db.session(demo_file) as conn:
        frames = registry.load_frames(conn, seeker.id, "contacts", "outreach", "meetings")
        wanted = suggest.target_table(
            store.load_targets(conn, seeker.id),
            frames["contacts"],
            frames["outreach"],
            frames["meetings"],
            as_of=ANCHOR,
            options=store.list_options(conn, seeker.id),
        )
    table = at.dataframe[-1].value
    columns = ["option", "organisation", "known", "asked", "answered", "met"]
    assert table.values.tolist() == wanted[columns].values.tolist()
    assert wanted["known"].sum() > 0
    options = wanted["option_id"].nunique()
    assert any(
        t.startswith(f"{len(wanted)} target organisations for {options} career options:") for t in shown(at)
    )


def test_empty_states_say_what_to_do(app: Callable[..., AppTest]) -> None:
    at = app("empty").run()
    at.text_input[0].input("Ana Lopez")
    at.button[0].click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Find people · Ana Lopez"
    assert "Add a career option on Decisions" in at.info[0].value
    path = os.environ["COACH_DB"]
    with db.session(path) as conn:
        ana = store.list_seekers(conn)[0]
        option_id = store.add_option(conn, ana.id, "Data analysis", today=ANCHOR)
    at.run()
    assert "Add target organisations or keywords below" in as_shown(at.info[0].value)
    assert "No target organisations yet: add them under Targets and keywords above." in shown(at)
    with db.session(path) as conn:
        targets.set_keywords(conn, ana.id, option_id, "astronomy")
        tracking.add_contact(conn, ana.id, tracking.NewContact("Bo", "Berg", company="Acme"), today=ANCHOR)
    at.run()
    assert as_shown(at.info[0].value).startswith("Nobody matches yet")


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
def test_a_shared_screen_shows_no_private_detail(
    app: Callable[..., AppTest], demo_file: str, aliases: bool
) -> None:
    seeker = maya(demo_file)
    at = shared(app, demo_file, seeker.id, aliases=aliases)
    at.switch_page(PAGE).run()
    at.text_input(key="people_at").input("Indigo Data").run()
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) >= 2
    assert leaks(at, secrets(demo_file, seeker.name)) == []
    found = expected(demo_file, seeker)
    everything = "\n".join(texts(at))
    named = [s.contact for s in found[:FIRST_SHOWN]]
    if aliases:  # people appear as "Contact 12 · Brightwave", never by name
        assert not [n for n in named if re.search(rf"\b{re.escape(n)}\b", everything)]
        assert all(str(n).startswith("Contact ") for n in at.dataframe[0].value["name"])
    else:
        assert all(n in everything for n in named)
