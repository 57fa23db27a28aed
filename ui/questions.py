"""The Questions screen's parts: the option picked, adding a question, the bank, what to ask next, and
which conversation asked what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coach.rules import questions
from coach.store import tracking
from coach.wording import DATE_FORMAT
from ui import data
from ui.text import literal


def option_picker(titles: dict[int, str]) -> int | None:
    """The career option whose questions show, picked by title; None for the general questions."""
    choices: list[int | None] = [*titles, None]
    option_id: int | None = st.selectbox(
        "Career option",
        choices,
        format_func=lambda i: questions.option_title(titles, i),
        key="questions_option",
    )
    return option_id


def add_question(seeker_id: int, option_id: int | None) -> None:
    """Store the question typed in the form (run as the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    data.save(
        tracking.add_question,
        seeker_id,
        form["questions_add_text"],
        theme=form["questions_add_theme"],
        priority=int(form["questions_add_priority"]),
        career_option_id=option_id,
    )


def add_form(seeker_id: int, option_id: int | None, *, expanded: bool) -> None:
    """An expander with the form that adds a question to the option: the question, its theme, its priority."""
    with st.expander("Add a question", expanded=expanded), st.form("questions_add", clear_on_submit=True):
        st.text_area("Question", key="questions_add_text")
        theme_col, priority_col = st.columns(2)
        theme_col.text_input("Theme", value="day to day", key="questions_add_theme")
        priority_col.number_input("Priority (1 = ask first)", 1, 10, value=5, key="questions_add_priority")
        st.form_submit_button(
            "Add question", type="primary", on_click=add_question, args=(seeker_id, option_id)
        )


def bank_table(own: pd.DataFrame) -> None:
    """The option's bank, by priority, with how full it is."""
    st.subheader(f"The bank ({len(own)} of at most {questions.BANK_SIZE})")
    st.dataframe(  # the whole width: the question, its theme and how often it was asked all in view
        questions.bank_rows(own),
        hide_index=True,
        column_config={
            "priority": st.column_config.NumberColumn("Priority", width=70),
            "text": st.column_config.TextColumn("Question", width=540),
            "theme": st.column_config.TextColumn("Theme", width=110),
            "times_asked": st.column_config.NumberColumn("Times asked", width=95),
        },
    )


def question_count() -> int:
    """The heading of what to ask next, and the slider for how many questions to suggest."""
    st.subheader("Ask next")
    count: int = st.slider(
        "Questions for the next conversation", 4, questions.ASK_AT_MOST, value=5, key="questions_count"
    )
    return count


def suggestions(suggested: pd.DataFrame) -> None:
    """The questions suggested for the next conversation, numbered in the order to ask them."""
    for number, question in enumerate(suggested["text"], start=1):
        st.text(f"{number}. {literal(question)}")


def asked_table(asked: pd.DataFrame) -> None:
    """Which conversation asked which of the bank's questions, newest first; a line if none was asked."""
    st.subheader("Asked in")
    if asked.empty:
        st.caption("None of these has been asked yet.")
    else:
        st.dataframe(
            asked,
            hide_index=True,
            column_config={
                "held_on": st.column_config.DateColumn("On", format=DATE_FORMAT, width=100),
                "contact": st.column_config.TextColumn("With", width=210),
                "text": st.column_config.TextColumn("Question", width=500),
            },
        )
