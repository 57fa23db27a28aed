"""The Questions and Settings screens write to the store and show what they wrote."""

from __future__ import annotations

import os
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from coach import store
from coach.rules import questions
from coach.store import db


def as_maya(app: Callable[..., AppTest], demo_file: str, page: str) -> tuple[AppTest, store.Seeker]:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at, maya


def test_questions_show_the_bank_and_suggestions(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/questions.py")
    option_id = at.selectbox(key="questions_option").value
    with db.session(demo_file) as conn:
        bank = store.load_questions(conn, maya.id)
    expected = questions.suggest_next(bank, option_id, count=5)["text"].tolist()
    shown = [t.value for t in at.text]
    assert shown == [f"{n}. {q}" for n, q in enumerate(expected, start=1)]
    assert at.dataframe[0].value["text"].tolist() == questions.bank_for(bank, option_id)["text"].tolist()


def test_adding_a_question(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/questions.py")
    next(t for t in at.text_area if t.label == "Question").input("What would you do differently?")
    next(b for b in at.button if b.label == "Add question").click().run()
    assert not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        assert "What would you do differently?" in store.load_questions(conn, maya.id)["text"].tolist()


def test_settings_save_and_refuse_inconsistent_thresholds(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/settings.py")
    inputs = {n.label: n for n in at.number_input}
    inputs["Requests to send each week"].set_value(9)
    at.radio[0].set_value("3b7")
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        saved = store.get_seeker(conn, maya.id)
    assert (saved.weekly_goal, saved.cadence) == (9, "3b7")
    inputs = {n.label: n for n in at.number_input}
    inputs["Red below this many people"].set_value(6)
    inputs["Amber below this many people"].set_value(4)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert "cannot be below the red one" in at.error[0].value
    with db.session(os.environ["COACH_DB"]) as conn:
        assert store.get_seeker(conn, maya.id).red_min_people == 3


def test_the_let_go_days_are_a_setting_with_help(app: Callable[..., AppTest], demo_file: str) -> None:
    at, maya = as_maya(app, demo_file, "app_pages/settings.py")
    (let_go,) = [n for n in at.number_input if n.label == "Let go of items after (days past due)"]
    assert let_go.value == 30 and "never let go" in (let_go.help or "")
    let_go.set_value(60)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.error
    with db.session(os.environ["COACH_DB"]) as conn:
        assert store.get_seeker(conn, maya.id).let_go_days == 60
