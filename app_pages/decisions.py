"""Decisions: career options, the evidence behind each, and what would make it enough."""

import streamlit as st

from coach import charts, evidence, store
from coach.labels import label, warning_badge
from coach.wording import EMPTY, day, plural
from ui import chrome, data, derived
from ui.text import plain

seeker = chrome.require_seeker()
st.title(f"Decisions · {plain(seeker.name)}")
today = data.today()
thresholds = seeker.thresholds
options = data.load("options", seeker.id)
evidences = derived.option_evidence(seeker, today)

st.caption(
    f"Red: fewer than {seeker.red_min_people} people, or all from one organisation. Amber: fewer than "
    f"{seeker.amber_min_people} people or {seeker.amber_min_orgs} organisations. Change these in Settings."
)

with st.expander("Add or change a career option", expanded=not options):
    add_col, change_col = st.columns(2)
    with add_col, st.form("decisions_add", clear_on_submit=True):
        title = st.text_input("New career option")
        added = st.form_submit_button("Add", type="primary")
        if added and data.try_write(store.add_option, seeker.id, title, today=today):
            st.rerun()
    if options:
        with change_col, st.form("decisions_change"):
            titles = {o["id"]: o["title"] for o in options}
            picked = st.selectbox("Career option", list(titles), format_func=lambda i: titles[i])
            new_title = st.text_input("Rename to (optional)")
            status = st.selectbox("Status", store.OPTION_STATUSES, format_func=label)
            decided_on = st.date_input("Decided on (for chosen or dropped)", value=today, max_value=today)
            if st.form_submit_button("Save") and data.try_write(
                store.change_option,
                seeker.id,
                picked,
                status=status,
                decided_on=decided_on,
                new_title=new_title,
            ):
                st.rerun()

if not evidences:
    st.info(
        "No career options yet. Add the paths you are weighing; meetings tagged with them become evidence."
    )
    st.stop()

figure = charts.option_evidence_chart(
    evidences, red_min_people=seeker.red_min_people, amber_min_people=seeker.amber_min_people
)
if figure is not None:
    st.plotly_chart(figure, key="decisions_chart")

BADGE = {level: warning_badge(level) for level in ("red", "amber", "ok")}  # the chart's names and colours
for columns_start in range(0, len(evidences), 2):
    for column, item in zip(st.columns(2), evidences[columns_start : columns_start + 2], strict=False):
        with column.container(border=True):
            st.markdown(f"#### {plain(item.title)}")
            decided = f" on {day(item.decided_on)}" if item.decided_on else ""
            st.markdown(f"{BADGE[item.warning]} · {label(item.status)}{decided}")
            if item.flag:
                st.error(f"{item.flag[0].upper()}{item.flag[1:]}: too few conversations to rely on.")
            people, orgs, fit = st.columns(3)
            people.metric("People met", item.people)
            people.caption(f"in {plural(item.meetings, 'conversation')}")
            orgs.metric("Organisations", item.organisations)
            orgs.caption(f"among {plural(item.people, 'person')} met")
            if item.mean_fit is None:
                fit.metric("Mean fit", EMPTY, help="No fit rating yet.")
                fit.caption(f"{EMPTY}: no fit rating yet")
            else:
                interval = (
                    f"95% interval {item.fit_low:.1f}–{item.fit_high:.1f}"
                    if item.fit_low is not None
                    else "no interval from one rating"
                )
                ratings = f"from {plural(item.ratings, 'rating')}"
                fit.metric("Mean fit", f"{item.mean_fit:.1f} of 5", help=f"{ratings}; {interval}.")
                fit.caption(f"{ratings}; {interval}")
            last = (
                f"last conversation {day(item.last_conversation)}"
                if item.last_conversation
                else "no conversation yet"
            )
            st.caption(
                f"Signals: {item.signals_for} for, {item.signals_against} against, "
                f"{item.signals_neutral} neutral · {last}"
            )
            st.caption(plain(evidence.what_would_clear(item, **thresholds)))
