"""The weekly review's sections: the week picked, its counts, requests and answers, conversations and
options, next week with the people to ask, and the reflection on it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from coach.labels import beside_company, labelled
from coach.rules import weekly
from coach.store import reviews
from coach.wording import DATE_FORMAT, cells, day, plural
from ui import data, downloads
from ui.ask import ask_button
from ui.due import let_go_line
from ui.text import plain

WEEKS = 12  # the weeks offered: this week and the eleven before it
# Week-over-week counts inform; they do not judge.
CALM: dict[str, Any] = {"delta_color": "off", "delta_arrow": "off"}


def pick_week(today: date) -> date:
    """The week to review, picked above the title: this week first, then the weeks before it."""
    week: date = st.columns([1, 3])[0].selectbox(
        "Week",
        weekly.recent_weeks(today, count=WEEKS),
        format_func=lambda w: weekly.week_name(w, today),
        key="home_week",
        label_visibility="collapsed",
    )
    return week


def week_heading(seeker_id: int, review: weekly.WeeklyReview, *, today: date) -> None:
    """The week's days, its report to download, and a warning for each option that needs one."""
    caption_col, download_col = st.columns([3, 1], vertical_alignment="center")
    caption_col.caption(f"Monday {day(review.week)} to {review.last_day:%A} {day(review.last_day)}.")
    with download_col:
        downloads.weekly_report(seeker_id, week=review.week, today=today)
    for option in review.options:
        if option.flag:
            st.warning(f"{plain(option.title)}: {plain(option.flag)}.")


def week_counts(review: weekly.WeeklyReview) -> None:
    """The week's five counts, each against the week before."""
    sent, answered, pending, met, added = st.columns(5)
    sent.metric(
        "Requests sent",
        f"{review.sent.now} of {review.goal}",
        review.sent.label(),
        **CALM,
        help="Requests sent this week against the weekly goal.",
    )
    answered.metric(
        "Answers received",
        f"{review.answered.now} of {review.answerable}",
        review.answered.label(),
        **CALM,
        help="Answers this week, of the requests that could be answered in it: those still waiting as "
        "the week began, sent in it, or answered in it (a late answer counts).",
    )
    pending.metric(
        "Waiting for an answer", len(review.pending), help="Requests still inside their answer window."
    )
    met.metric("Conversations held", review.meetings.now, review.meetings.label(), **CALM)
    added.metric("People added", review.added.now, review.added.label(), **CALM)


def waiting_and_answers(review: weekly.WeeklyReview) -> None:
    """The requests waiting for an answer and the answers of the week, each the whole width."""
    # Every column (when sent, followed up, when the window closes) stays in view at 1280 px.
    with st.container():
        st.subheader("Waiting for an answer")
        if review.pending.empty:
            st.caption("No request is waiting for an answer.")
        else:
            st.dataframe(
                cells(beside_company(labelled(review.pending, "channel")), dates=["followed_up_on"]),
                hide_index=True,
                lazy=True,  # an imported network can leave thousands waiting
                column_config={
                    "contact": "Contact",
                    "company": "Company",
                    "channel": "Channel",
                    "sent_on": st.column_config.DateColumn("Sent", format=DATE_FORMAT),
                    "followed_up_on": st.column_config.TextColumn(
                        "Followed up", help="A follow-up restarts the answer window."
                    ),
                    "days_waiting": st.column_config.NumberColumn("Days waiting"),
                    "window_closes": st.column_config.DateColumn("No answer after", format=DATE_FORMAT),
                },
            )
    with st.container():
        st.subheader("Answers this week")
        if review.answers.empty:
            st.caption("No answers this week.")
        else:
            st.dataframe(
                beside_company(labelled(review.answers, "outcome")).replace(
                    {"outcome": {"": "Not marked yet"}}
                ),
                hide_index=True,
                lazy=True,
                column_config={
                    "contact": "Contact",
                    "company": "Company",
                    "outcome": "Answer",
                    "answered_on": st.column_config.DateColumn("On", format=DATE_FORMAT),
                },
            )


def conversations_and_options(review: weekly.WeeklyReview, upcoming: pd.DataFrame) -> None:
    """Side by side: the conversations of the week with those coming up, and the career options."""
    held_col, options_col = st.columns(2)
    with held_col:
        st.subheader("Conversations")
        st.caption(
            f"{plural(review.thank_yous_sent, 'thank-you')} and "
            f"{plural(review.follow_ups_sent, 'follow-up')} sent this week; "
            f"{plural(review.overdue, 'item')} overdue at its end."
        )
        if not review.held.empty:
            st.dataframe(
                cells(beside_company(review.held), numbers={"fit": "{:.0f} of 5"}),
                hide_index=True,
                column_config={
                    "contact": "With",
                    "company": "Company",
                    "held_on": st.column_config.DateColumn("On", format=DATE_FORMAT),
                    "fit": "Fit",
                },
            )
        if not upcoming.empty:
            st.caption(
                "Coming up: "
                + ", ".join(
                    f"{plain(c)} ({d:%a} {day(d)})"
                    for c, d in zip(upcoming["contact"], upcoming["held_on"], strict=True)
                )
            )
    with options_col:
        st.subheader("Career options")
        if review.options:
            st.dataframe(weekly.option_rows(review.options), hide_index=True)
        else:
            st.caption("No career options yet: add them on the Decisions screen.")


def next_week(review: weekly.WeeklyReview, plan: weekly.WeeklyPlan | None, *, let_go_days: int) -> None:
    """What is due next week, what matters most first, the line on what was let go, and (while the
    week runs) the people to ask."""
    st.subheader("Next week")
    if review.next_week:
        st.markdown("\n".join(f"- {plain(line)}" for line in review.next_week))
        if review.next_week_more:
            st.caption(f"+{review.next_week_more} more on the Due screen, what matters most first.")
    else:
        st.caption("Nothing due: a good week to send new requests.")
    let_go_line(list(review.let_go), let_go_days=let_go_days, key="home_let_go")
    people_to_ask(plan)


def people_to_ask(plan: weekly.WeeklyPlan | None) -> None:
    """This week's people to ask, each with why and a button that opens Ask for them; nothing for a
    week that is over."""
    if plan is None:
        return
    st.markdown("**People to ask this week**")
    st.caption(plain(plan.note()))
    for person in plan.people:
        who, facts, why = weekly.plan_words(person)
        words, button = st.columns([5, 1], vertical_alignment="center")
        with words:
            st.markdown(f"**{plain(who)}** · {plain(facts)}")
            if why:
                st.caption(plain(why))
        ask_button(
            "Ask", person.contact_id, person.option_id, key=f"home_plan_ask_{person.contact_id}", place=button
        )


def reflection(seeker_id: int, week: date) -> None:
    """The week's reflection, to write and save."""
    with st.form(f"home_note_{week}"):
        note_key = f"home_note_{seeker_id}_{week}_text"
        st.text_area(
            "Reflection on the week",
            value=data.week_note(seeker_id, week),
            placeholder="What worked, what did not, what to try next week",
            key=note_key,
        )
        st.form_submit_button("Save reflection", on_click=_save_note, args=(seeker_id, week, note_key))


def _save_note(seeker_id: int, week: date, key: str) -> None:
    """Store the week's reflection (run as the button's callback, so leaving at once keeps it)."""
    data.save(reviews.save_week_note, seeker_id, week, st.session_state[key], done="Saved.")
