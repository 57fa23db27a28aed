"""The outreach message checker and the default templates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.rules.checker import PLACEHOLDERS, TEMPLATES, check_message, fill_template, word_count

VALUES = {
    "first_name": "Ana",
    "company": "Brightwave",
    "position": "UX Researcher",
    "mutual_contact": "Ben Kim",
    "school": "Lakeside University",
    "association": "the UX Research Collective",
    "my_name": "Maya Chen",
    "field": "UX research",
    "follow_up_day": "Tuesday 24 March",
}
GOOD = (
    "Hi Ana, Ben Kim suggested I reach out. I'm exploring UX research and would value your advice. "
    "Could we have a 15-minute phone or video call? I'll follow up next week."
)


def passed(text: str, name: str) -> bool:
    """Whether the named check passed on a text."""
    check = check_message(text).get(name)
    assert check is not None
    return check.passed


def test_a_good_message_passes_everything() -> None:
    result = check_message(GOOD, contact_name="Ana Lopez")
    assert result.ok and result.score == "8 of 8" and result.word_count == 31
    assert [c.name for c in result.checks] == [
        "found",
        "not_a_job",
        "time_limit",
        "mode",
        "follow_up",
        "length",
        "filled",
        "greeting",
    ]
    assert result.get("time_limit") is not None
    assert result.get("time_limit").why == "Names a time limit: “15-minute”."  # type: ignore[union-attr]


def test_score_counts_the_failures() -> None:
    result = check_message("Hi Ana, are there any openings? Could we talk for an hour?")
    assert result.score == "2 of 7" and not result.ok  # only length and placeholders pass
    assert [c.name for c in result.etiquette_failures] == ["not_a_job", "time_limit"]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Ben Kim suggested I reach out to you.", True),
        ("I was referred by Ben Kim.", True),
        ("We have a mutual contact, Ben Kim.", True),
        ("I found you through the Lakeside alumni network.", True),
        ("We met at the UX meetup last month.", True),
        ("We're both members of the UX Research Collective.", True),
        ("I enjoyed your talk at UXConf.", True),
        ("I read your article on onboarding research.", True),
        ("I came across your profile on LinkedIn.", True),
        ("Could we talk about UX research?", False),
        ("Hello there.", False),
    ],
)
def test_says_how_the_seeker_found_them(text: str, ok: bool) -> None:
    assert passed(text, "found") is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I'd value your advice about UX research.", True),
        ("What does your role involve day to day?", True),
        ("I'd love to hear about your position at Acme.", True),
        ("I'm not asking for a job, just advice.", True),
        ("I'm after advice, not a job.", True),
        ("No job request, just your perspective.", True),
        ("What do hiring managers look for?", True),
        ("Are there any openings on your team?", False),
        ("Are you hiring at the moment?", False),
        ("I have attached my resume.", False),
        ("Please find my CV attached.", False),
        ("Could you refer me to your recruiter?", False),
        ("Do you have any vacancies?", False),
        ("I am looking for a job in UX.", False),
        ("Are there any positions open in your department?", False),
        ("I'd love to be considered for a role.", False),
    ],
)
def test_asks_for_advice_not_a_job(text: str, ok: bool) -> None:
    assert passed(text, "not_a_job") is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Could we talk for 15 minutes?", True),
        ("Would a 20-minute call work?", True),
        ("Could you spare fifteen minutes?", True),
        ("Just 19 minutes of your time.", True),
        ("Maybe 10 mins on the phone?", True),
        ("Could we talk for 15-20 minutes?", True),
        ("A quarter of an hour would be plenty.", True),
        ("Could we talk for 30 minutes?", False),
        ("Could we meet for an hour?", False),
        ("Would half an hour work?", False),
        ("Maybe 20-30 minutes?", False),
        ("Just 5 minutes?", False),
        ("Could we meet sometime?", False),
        ("It only takes a few minutes.", False),
    ],
)
def test_names_a_time_limit_of_10_to_20_minutes(text: str, ok: bool) -> None:
    assert passed(text, "time_limit") is ok


def test_time_limit_reasons() -> None:
    assert "long" in check_message("Could we meet for an hour?").checks[2].why
    assert check_message("Could we meet sometime?").checks[2].why.startswith("No time limit")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Could I buy you a coffee?", True),
        ("Would a phone call work?", True),
        ("Happy to do video or Zoom.", True),
        ("A quick Teams call?", True),
        ("We could meet in person.", True),
        ("Whatever suits you best.", True),
        ("Could we talk sometime?", False),
        ("I'd love to hear about your teams.", False),
    ],
)
def test_offers_a_mode(text: str, ok: bool) -> None:
    assert passed(text, "mode") is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I'll follow up next week.", True),
        ("I\u2019ll follow up next week.", True),  # a typographic apostrophe
        ("I will check back on Friday.", True),
        ("I'll follow up on 24 March if I haven't heard back.", True),
        ("I'll touch base early next month.", True),
        ("Hope to hear from you.", False),
        ("Thanks!", False),
    ],
)
def test_says_when_the_seeker_will_follow_up(text: str, ok: bool) -> None:
    assert passed(text, "follow_up") is ok


@pytest.mark.parametrize(
    ("words", "ok", "start"),
    [
        (0, True, "Short"),
        (150, True, "Short"),
        (151, True, "Acceptable"),
        (200, True, "Acceptable"),
        (201, False, "Long"),
    ],
)
def test_stays_short(words: int, ok: bool, start: str) -> None:
    result = check_message(" ".join(["word"] * words))
    length = result.get("length")
    assert length is not None and length.passed is ok and length.why.startswith(start)
    assert result.word_count == words


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("  \n\t ", 0),
        ("Hi Ana — it's a 15-minute call.", 6),
        ("健 佐藤 さん", 3),
        ("e-mail me, ok?", 3),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


def test_left_over_placeholders_fail() -> None:
    assert not passed("Hi [first name], [mutual contact] suggested I write.", "filled")
    assert not passed("Hi {first_name},", "filled")
    assert passed(GOOD, "filled")


def test_greeting_only_when_a_name_is_given() -> None:
    assert check_message(GOOD).get("greeting") is None
    assert check_message(GOOD, contact_name="  ").get("greeting") is None
    assert not check_message(GOOD, contact_name="Chloé Sørensen").checks[-1].passed
    assert check_message("Hej CHLOÉ,", contact_name="Chloé Sørensen").checks[-1].passed


# --- templates ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_default_templates_filled_pass_every_check(name: str) -> None:
    result = check_message(fill_template(TEMPLATES[name], VALUES), contact_name="Ana Lopez")
    assert result.ok, [c.why for c in result.checks if not c.passed]
    assert result.word_count <= 150


def test_there_are_the_four_default_templates_using_known_placeholders() -> None:
    assert set(TEMPLATES) == {"mutual contact", "alumni", "association", "cold"}
    for template in TEMPLATES.values():
        assert "[" not in fill_template(template, VALUES)
    assert set(PLACEHOLDERS) >= {"first_name", "company", "position", "mutual_contact", "school", "my_name"}
    assert set(PLACEHOLDERS) >= {"field", "follow_up_day"}


def test_missing_or_blank_values_stay_visible() -> None:
    filled = fill_template(TEMPLATES["mutual contact"], {"first_name": "Ana", "mutual_contact": "  "})
    assert filled.startswith("Hi Ana,\n\n[mutual contact] suggested")
    assert "[follow up day]" in filled and "{" not in filled
    assert not check_message(filled).get("filled").passed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "hostile",
    ["{0.__class__}", "{{", "}}", "<script>alert(1)</script>", "{first_name}", "\\1 \\g<0>", "%s %(x)s"],
)
def test_hostile_values_are_inserted_as_they_are(hostile: str) -> None:
    filled = fill_template("Hi {first_name}, from {my_name}.", {"first_name": hostile, "my_name": "Maya"})
    assert filled == f"Hi {hostile}, from Maya."


@pytest.mark.parametrize(
    ("template", "filled"),
    [
        ("{0.__class__} {first_name!r} {first_name:>10}", "{0.__class__} {first_name!r} {first_name:>10}"),
        ("{{first_name}} {", "{Ana} {"),
        ("{unknown_thing}", "[unknown thing]"),
        ("{}", "{}"),
    ],
)
def test_templates_never_interpret_format_specs(template: str, filled: str) -> None:
    assert fill_template(template, {"first_name": "Ana"}) == filled


# --- robustness ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text()))
def test_any_text_is_checked_without_raising(text: str, name: str | None) -> None:
    result = check_message(text, contact_name=name)
    assert result.word_count >= 0
    assert len(result.checks) in (7, 8)
    assert result.score == f"{result.passed_count} of {len(result.checks)}"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.dictionaries(st.sampled_from(PLACEHOLDERS), st.text()))
def test_any_template_fills_without_raising(template: str, values: dict[str, str]) -> None:
    assert isinstance(fill_template(template, values), str)
