"""The Decisions screen's parts: what the warnings mean, adding or changing an option, one card per option
with what would clear its warning and who to ask for it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import streamlit as st

from coach import store, vocabulary
from coach.labels import label, warning_badge, without_company
from coach.rules import evidence, suggest
from coach.seeker import Seeker
from coach.wording import EMPTY, day, plural
from ui import data
from ui.ask import ask_button
from ui.text import plain

BADGE = {level: warning_badge(level) for level in ("red", "amber", "ok")}  # the chart's names and colours


def warnings_caption(seeker: Seeker) -> None:
    """What makes an option red or amber for this seeker, and where to change it."""
    st.caption(
        f"Red: fewer than {seeker.red_min_people} people, or all from one organisation. "
        f"Amber: fewer than {seeker.amber_min_people} people or {seeker.amber_min_orgs} organisations. "
        "Change these in Settings."
    )


def add_option(seeker_id: int, today: date) -> None:
    """Store the new career option (the button's callback, so leaving at once keeps it)."""
    data.save(store.add_option, seeker_id, st.session_state["decisions_add_title"], today=today)


def change_option(seeker_id: int) -> None:
    """Store the option's new status or title (the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    data.save(
        store.change_option,
        seeker_id,
        form["decisions_change_option"],
        status=form["decisions_change_status"],
        decided_on=form["decisions_change_on"],
        new_title=form["decisions_change_title"],
    )


def option_forms(seeker_id: int, options: list[dict[str, Any]], *, today: date) -> None:
    """An expander (open while there is no option) to add a career option and to rename or decide one."""
    with st.expander("Add or change a career option", expanded=not options):
        add_col, change_col = st.columns(2)
        with add_col, st.form("decisions_add", clear_on_submit=True):
            st.text_input("New career option", key="decisions_add_title")
            st.form_submit_button(
                "Add",
                type="primary",
                on_click=add_option,
                args=(seeker_id, today),
            )
        if options:
            with change_col, st.form("decisions_change"):
                titles = {o["id"]: o["title"] for o in options}
                st.selectbox(
                    "Career option",
                    list(titles),
                    format_func=lambda i: titles[i],
                    key="decisions_change_option",
                )
                st.text_input("Rename to (optional)", key="decisions_change_title")
                st.selectbox(
                    "Status", vocabulary.OPTION_STATUSES, format_func=label, key="decisions_change_status"
                )
                st.date_input(
                    "Decided on (for chosen or dropped)",
                    value=today,
                    max_value=today,
                    key="decisions_change_on",
                )
                st.form_submit_button("Save", on_click=change_option, args=(seeker_id,))


def option_cards(
    evidences: Sequence[evidence.OptionEvidence],
    *,
    thresholds: dict[str, int],
    suggestions: Sequence[suggest.Suggestion] = (),
) -> None:
    """The career options two to a row, each in a card of its own."""
    for columns_start in range(0, len(evidences), 2):
        for column, item in zip(st.columns(2), evidences[columns_start : columns_start + 2], strict=False):
            with column.container(border=True):
                option_card(item, thresholds=thresholds, suggestions=suggestions)


def option_card(
    item: evidence.OptionEvidence,
    *,
    thresholds: dict[str, int],
    suggestions: Sequence[suggest.Suggestion] = (),
) -> None:
    """One option's card: warning, status, people, organisations, fit, signals, what would clear it
    and, for a red or amber warning, who to ask."""
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
    if item.warning != "ok" and item.status not in vocabulary.DECIDED:
        who_to_ask(item.option_id, suggestions)


def who_to_ask(option_id: int, suggestions: Sequence[suggest.Suggestion]) -> None:
    """Who would clear an option's warning ("Ask Chiara Neri (Northwind) or …"), with a button that
    opens Ask for the first of them; where to find people when nobody can be suggested."""
    people = suggest.who_would_clear(suggestions, option_id)
    if not people:
        st.caption("Nobody to suggest yet: give it target organisations or keywords (Find people).")
        return
    st.caption(plain(f"{suggest.asked_line(people)}."))
    first = people[0]
    ask_button(
        f"Ask {plain(without_company(first.contact, first.company))}",
        first.contact_id,
        option_id,
        key=f"decisions_ask_{option_id}",
    )
