"""The question bank: the prioritised list per career option and what to ask next."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from coach.wording import EMPTY

BANK_SIZE = 10  # prepare 8-10 prioritised questions per option
ASK_AT_MOST = 6  # only 4-6 get asked in one conversation
GENERAL = "General (any option)"  # the name of the questions for no option in particular


def option_title(titles: Mapping[int, str], option_id: int | None) -> str:
    """The name of the option ``option_id`` among ``titles``; :data:`GENERAL` for None."""
    return GENERAL if option_id is None else titles[option_id]


def bank_for(questions: pd.DataFrame, option_id: int | None) -> pd.DataFrame:
    """The option's questions plus the general ones, by priority (1 first), at most ``BANK_SIZE``."""
    mine = questions[(questions["career_option_id"] == option_id) | questions["career_option_id"].isna()]
    return mine.sort_values(["priority", "id"]).head(BANK_SIZE).reset_index(drop=True)


def bank_rows(bank: pd.DataFrame) -> pd.DataFrame:
    """The bank as listed: priority, question, theme (``EMPTY`` for none) and times asked."""
    return bank[["priority", "text", "theme", "times_asked"]].fillna({"theme": EMPTY})


def suggest_next(questions: pd.DataFrame, option_id: int | None, *, count: int = 5) -> pd.DataFrame:
    """Questions for the next conversation: never asked of anyone first, then the least asked, by priority."""
    count = max(1, min(count, ASK_AT_MOST))
    bank = bank_for(questions, option_id)
    ordered = bank.assign(_asked=bank["times_asked"] > 0).sort_values(
        ["_asked", "times_asked", "priority", "id"]
    )
    return ordered.drop(columns="_asked").head(count).reset_index(drop=True)


def asked_in(
    meeting_questions: pd.DataFrame, meetings: pd.DataFrame, questions: pd.DataFrame
) -> pd.DataFrame:
    """Which conversation asked which question: on, contact, question, newest first."""
    joined = meeting_questions.merge(
        meetings[["id", "held_on", "contact"]], left_on="meeting_id", right_on="id"
    )
    joined = joined.merge(
        questions[["id", "text"]], left_on="question_id", right_on="id", suffixes=("", "_q")
    )
    return joined.sort_values("held_on", ascending=False)[["held_on", "contact", "text"]].reset_index(
        drop=True
    )


def asked_from(asked: pd.DataFrame, bank: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`asked_in`'s table whose question is one of ``bank``'s."""
    return asked[asked["text"].isin(bank["text"])]
