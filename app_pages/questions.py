"""Questions: the bank per career option, what to ask next, and which conversation asked what."""

import streamlit as st

from coach.rules import questions
from coach.store import tracking
from coach.wording import DATE_FORMAT, EMPTY
from ui import chrome, data
from ui.text import literal, plain

seeker = chrome.require_seeker()
chrome.title(f"Questions · {plain(seeker.name)}")
options = {o["id"]: o["title"] for o in data.options(seeker.id)}
bank = data.questions(seeker.id)

choices: list[int | None] = [*options, None]
option_id = st.selectbox(
    "Career option",
    choices,
    format_func=lambda i: "General (any option)" if i is None else options[i],
    key="questions_option",
)


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


with st.expander("Add a question", expanded=bank.empty), st.form("questions_add", clear_on_submit=True):
    st.text_area("Question", key="questions_add_text")
    theme_col, priority_col = st.columns(2)
    theme_col.text_input("Theme", value="day to day", key="questions_add_theme")
    priority_col.number_input("Priority (1 = ask first)", 1, 10, value=5, key="questions_add_priority")
    st.form_submit_button("Add question", type="primary", on_click=add_question, args=(seeker.id, option_id))

own = questions.bank_for(bank, option_id)
if own.empty:
    st.info("No questions for this option yet. Prepare 8–10 and put the most important first.")
    st.stop()

st.subheader(f"The bank ({len(own)} of at most {questions.BANK_SIZE})")
st.dataframe(  # the whole width: the question, its theme and how often it was asked all in view
    own[["priority", "text", "theme", "times_asked"]].fillna({"theme": EMPTY}),
    hide_index=True,
    column_config={
        "priority": st.column_config.NumberColumn("Priority", width=70),
        "text": st.column_config.TextColumn("Question", width=540),
        "theme": st.column_config.TextColumn("Theme", width=110),
        "times_asked": st.column_config.NumberColumn("Times asked", width=95),
    },
)

st.subheader("Ask next")
count = st.slider(
    "Questions for the next conversation", 4, questions.ASK_AT_MOST, value=5, key="questions_count"
)
for number, question in enumerate(questions.suggest_next(bank, option_id, count=count)["text"], start=1):
    st.text(f"{number}. {literal(question)}")

st.subheader("Asked in")
asked = questions.asked_in(data.meeting_questions(seeker.id), data.meetings(seeker.id), bank)
asked = asked[asked["text"].isin(own["text"])]
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
