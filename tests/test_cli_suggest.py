"""``coach suggest``: whom to ask next, as text and as the JSON contract, on a store built here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from coach import store
from coach.store import db, targets, tracking
from tests.test_cli import run

DAY = date(2026, 6, 1)


@pytest.fixture
def ana(store_file: str) -> str:
    """Ana Lopez, exploring ESG consulting (keyword ESG, target Northwind) and Policy work; her contacts:
    one at a target, one with a keyword, one asked last week, one who declined, one who fits nothing."""
    assert run("seeker", "add", "Ana Lopez", "--db", store_file)[0] == 0
    for title in ("ESG consulting", "Policy work"):
        assert run("option", "add", title, "--seeker", "Ana Lopez", "--db", store_file)[0] == 0
    with db.session(store_file) as conn:
        ana = store.find_seeker(conn, "Ana Lopez")
        esg = store.find_option(conn, ana.id, "ESG consulting")["id"]
        targets.add_target(conn, ana.id, esg, "Northwind", today=DAY)
        targets.set_keywords(conn, ana.id, esg, "ESG")

        def person(first: str, company: str, position: str, warmth: str = "unknown") -> int:
            new = tracking.NewContact(first, "Test", company=company, position=position, warmth=warmth)
            return tracking.add_contact(conn, ana.id, new, today=date(2026, 1, 5))

        person("Chiara", "Northwind Ltd.", "Engineer", warmth="inner_circle")
        person("Dana", "Pinnacle Retail", "Head of ESG")
        asked = person("Eli", "Northwind", "Analyst")
        declined = person("Fay", "Acme", "ESG lead")
        person("Gus", "Acme", "Chef")
        tracking.log_outreach(conn, ana.id, tracking.Request(asked, date(2026, 5, 25), "email"), today=DAY)
        refused = tracking.Request(
            declined, date(2026, 1, 10), "email", responded_on=date(2026, 1, 12), outcome="declined"
        )
        tracking.log_outreach(conn, ana.id, refused, today=DAY)
    return store_file


def suggest(store_file: str, *args: str) -> tuple[int, str]:
    return run("suggest", "--seeker", "Ana Lopez", "--as-of", DAY.isoformat(), "--db", store_file, *args)


def test_the_json_lists_new_organisations_first_then_warmth_and_says_why(ana: str) -> None:
    code, output = suggest(ana, "--json")
    assert code == 0, output
    found = json.loads(output)
    assert list(found) == ["suggestions"]
    assert [(s["contact"], s["company"], s["warmth"], s["option"]) for s in found["suggestions"]] == [
        ("Chiara Test", "Northwind Ltd.", "inner_circle", "ESG consulting"),
        ("Dana Test", "Pinnacle Retail", "unknown", "ESG consulting"),
    ]
    chiara, dana = (s["reasons"] for s in found["suggestions"])
    assert any("Northwind" in reason and "target" in reason for reason in chiara), chiara
    assert any("ESG" in reason for reason in dana), dana
    assert all(isinstance(reason, str) and reason.endswith(".") for reason in chiara + dana)


def test_count_and_option_narrow_the_list(ana: str) -> None:
    code, output = suggest(ana, "--json", "--count", "1")
    assert code == 0 and [s["contact"] for s in json.loads(output)["suggestions"]] == ["Chiara Test"]
    code, output = suggest(ana, "--json", "--option", "policy WORK")
    assert (code, json.loads(output)) == (0, {"suggestions": []})
    assert suggest(ana, "--option", "Nope")[0] != 0


def test_text_groups_by_option_and_an_empty_list_says_what_to_do(ana: str) -> None:
    code, output = suggest(ana)
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == f"2 suggestions as of {DAY.isoformat()}:"
    assert "ESG consulting" in lines and "  Chiara Test, Northwind Ltd. (inner circle)" in lines
    code, output = suggest(ana, "--option", "Policy work")
    assert code == 0 and output.startswith("Nobody to suggest: add target organisations or keywords")
    assert "Traceback" not in suggest(ana, "--count", "0")[1]
