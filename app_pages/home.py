"""The weekly review: what a week brought against the one before, and what comes next."""

from datetime import date

import streamlit as st

from coach.labels import beside_company, label, labelled
from coach.rules import metrics, weekly
from coach.store import reviews
from coach.wording import DATE_FORMAT, cells, day, plural
from ui import chrome, data, derived, downloads
from ui.due import let_go_line
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
weeks = weekly.recent_weeks(today, count=12)
names = {weeks[0]: "This week", weeks[1]: "Last week"}
week = st.columns([1, 3])[0].selectbox(
    "Week",
    weeks,
    format_func=lambda w: names.get(w, f"Week of {day(w)}"),
    key="home_week",
    label_visibility="collapsed",
)
chrome.title(f"{names.get(week, f'Week of {day(week)}')} · {plain(seeker.name)}")
review = derived.weekly_review(seeker, week, today)
caption_col, download_col = st.columns([3, 1], vertical_alignment="center")
caption_col.caption(f"Monday {day(review.week)} to {review.last_day:%A} {day(review.last_day)}.")
with download_col:
    downloads.weekly_report(seeker.id, week=review.week, today=today)
for option in review.options:
    if option.flag:
        st.warning(f"{plain(option.title)}: {plain(option.flag)}.")

CALM: dict = {"delta_color": "off", "delta_arrow": "off"}  # week-over-week counts inform; they do not judge
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

# The requests and answers take the whole width: every column (when sent, followed up, when the
# window closes) stays in view at 1280 px.
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
            beside_company(labelled(review.answers, "outcome")).replace({"outcome": {"": "Not marked yet"}}),
            hide_index=True,
            lazy=True,
            column_config={
                "contact": "Contact",
                "company": "Company",
                "outcome": "Answer",
                "answered_on": st.column_config.DateColumn("On", format=DATE_FORMAT),
            },
        )

held_col, options_col = st.columns(2)
with held_col:
    st.subheader("Conversations")
    st.caption(
        f"{plural(review.thank_yous_sent, 'thank-you')} and {plural(review.follow_ups_sent, 'follow-up')} "
        f"sent this week; {plural(review.overdue, 'item')} overdue at its end."
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
    upcoming = metrics.upcoming_meetings(data.meetings(seeker.id), as_of=review.last_day)
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
        st.dataframe(
            [
                {
                    "Option": o.title,
                    "New people": o.new_people,
                    "People": o.people,
                    "Warning": label(o.warning)
                    if o.warning_before == o.warning
                    else f"{label(o.warning_before)} → {label(o.warning)}",
                }
                for o in review.options
            ],
            hide_index=True,
        )
    else:
        st.caption("No career options yet: add them on the Decisions screen.")

st.subheader("Next week")
if review.next_week:
    st.markdown("\n".join(f"- {plain(line)}" for line in review.next_week))
    if review.next_week_more:
        st.caption(f"+{review.next_week_more} more on the Due screen, what matters most first.")
else:
    st.caption("Nothing due: a good week to send new requests.")
let_go_line(list(review.let_go), let_go_days=seeker.let_go_days, key="home_let_go")


def save_note(seeker_id: int, week: date, key: str) -> None:
    """Store the week's reflection (run as the button's callback, so leaving at once keeps it)."""
    data.save(reviews.save_week_note, seeker_id, week, st.session_state[key], done="Saved.")


with st.form(f"home_note_{review.week}"):
    note_key = f"home_note_{seeker.id}_{review.week}_text"
    st.text_area(
        "Reflection on the week",
        value=data.week_note(seeker.id, review.week),
        placeholder="What worked, what did not, what to try next week",
        key=note_key,
    )
    st.form_submit_button("Save reflection", on_click=save_note, args=(seeker.id, review.week, note_key))
