"""The question bank: per-option priorities and suggestions that favour what nobody was asked."""

from __future__ import annotations

import pandas as pd

from coach.rules import questions
from coach.wording import EMPTY


def bank() -> pd.DataFrame:
    rows = [
        (1, 10, "What does a typical week look like?", 1, 3),
        (2, 10, "How did you get into the field?", 2, 0),
        (3, 10, "What do you wish you had known?", 3, 0),
        (4, None, "Who else should I talk to?", 1, 5),
        (5, 20, "Other option's question", 1, 0),
        (6, 10, "What skills matter most?", 4, 1),
    ]
    return pd.DataFrame(rows, columns=["id", "career_option_id", "text", "priority", "times_asked"])


def test_bank_for_an_option_includes_general_questions_by_priority() -> None:
    assert questions.bank_for(bank(), 10)["id"].tolist() == [1, 4, 2, 3, 6]


def test_bank_is_capped_at_ten() -> None:
    many = pd.DataFrame(
        {
            "id": range(15),
            "career_option_id": [1] * 15,
            "text": ["q"] * 15,
            "priority": [5] * 15,
            "times_asked": 0,
        }
    )
    assert len(questions.bank_for(many, 1)) == 10


def test_suggestions_favour_questions_nobody_was_asked() -> None:
    assert questions.suggest_next(bank(), 10, count=4)["id"].tolist() == [2, 3, 6, 1]
    assert len(questions.suggest_next(bank(), 10, count=50)) == 5  # never more than the bank, at most 6
    assert questions.suggest_next(bank(), 20, count=2)["id"].tolist() == [5, 4]


def test_asked_in_joins_meetings_and_questions() -> None:
    meetings = pd.DataFrame(
        {"id": [7, 8], "held_on": pd.to_datetime(["2026-03-01", "2026-03-09"]), "contact": ["Bo", "Cy"]}
    )
    asked = pd.DataFrame({"meeting_id": [7, 8, 8], "question_id": [1, 1, 2]})
    table = questions.asked_in(asked, meetings, bank())
    assert table[["contact", "text"]].values.tolist() == [
        ["Cy", "What does a typical week look like?"],
        ["Cy", "How did you get into the field?"],
        ["Bo", "What does a typical week look like?"],
    ]


def test_an_option_is_named_by_its_title_and_none_is_general() -> None:
    titles = {10: "UX research", 20: "Data analysis"}
    assert [questions.option_title(titles, i) for i in [*titles, None]] == [
        "UX research",
        "Data analysis",
        "General (any option)",
    ]


def test_the_bank_is_listed_with_a_dash_for_no_theme() -> None:
    themed = questions.bank_for(bank(), 10).assign(
        theme=pd.Series(["day to day", None, None, "career", None])
    )
    rows = questions.bank_rows(themed)
    assert rows.columns.tolist() == ["priority", "text", "theme", "times_asked"]
    assert rows["theme"].tolist() == ["day to day", EMPTY, EMPTY, "career", EMPTY]
    assert rows["text"].tolist() == themed["text"].tolist()


def test_asked_from_keeps_only_the_questions_of_the_bank() -> None:
    asked = pd.DataFrame(
        {
            "held_on": pd.to_datetime(["2026-03-09", "2026-03-05", "2026-03-01"]),
            "contact": ["Cy", "Bo", "Bo"],
            "text": [
                "How did you get into the field?",
                "Other option's question",
                "Who else should I talk to?",
            ],
        }
    )
    kept = questions.asked_from(asked, questions.bank_for(bank(), 10))
    assert kept["contact"].tolist() == ["Cy", "Bo"] and kept.index.tolist() == [0, 2]
    assert questions.asked_from(asked.iloc[:0], bank()).empty
