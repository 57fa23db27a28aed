"""Due: what to do now, what matters most first, what is coming up, and etiquette notes."""

import time
from datetime import date, timedelta
from typing import Any

import streamlit as st

from coach.errors import Invalid
from coach.labels import beside_company, label
from coach.rules import followups, metrics
from coach.store import tracking
from coach.wording import DATE_FORMAT, day, plural
from ui import chrome, data, derived
from ui.due import ITEM_COLUMNS, etiquette_line, item_rows, let_go_line
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Due · {plain(seeker.name)}")
today = data.today()
cadence = followups.Cadence.from_seeker(seeker)
listed = derived.due_list(seeker, today)
due = listed.items
coming = derived.upcoming_items(seeker, today, 7)
meetings = data.meetings(seeker.id)
SHOWN = 10  # a long list is shown a page at a time, in priority order: each item holds two popovers
UNDO_SECONDS = 10 * 60  # how long Done, Snooze and Skip can be undone
JUST_DONE = f"due_just_done_{seeker.id}"
PAST = {"done": "done", "snoozed": "snoozed", "skipped": "skipped"}

overdue = sum(1 for item in due if item.overdue_days > 0)
st.caption(
    f"{plural(len(due), 'item')} to do as of {day(today)}, {overdue} of them overdue · "
    f"{'3B7' if cadence.preset == '3b7' else 'default'} cadence (change it in Settings)."
)


def _act_keeping(conn: Any, seeker_id: int, record: dict[str, Any], written: dict[str, Any]) -> None:
    """Store what was done with an item, keeping what was written (to undo it)."""
    written.update(tracking.act_on_due(conn, seeker_id, record))


def act(seeker_id: int, item: followups.DueItem, action: str, on: date) -> None:
    """Store what was done with an item and keep it undoable for a while (the button's callback, so
    leaving at once keeps it); the snooze's day and the skip's reason come from its popover."""
    until = st.session_state.get(f"due_until_{item.key}") if action == "snoozed" else None
    reason = st.session_state.get(f"due_reason_{item.key}") if action == "skipped" else None
    try:
        record = followups.record_for(item, action, on=on, until=until, reason=reason)
    except Invalid as problem:
        data.refuse(problem)
        return
    written: dict[str, Any] = {}
    done = f"{label(item.kind)}: {PAST[action]}. Undo it under Just done."
    if data.save(_act_keeping, seeker_id, record, written, done=done):
        entry = {"written": written, "what": f"{label(item.kind)} {PAST[action]}", "title": item.title}
        recent = [e for e in st.session_state.get(JUST_DONE, []) if time.time() - e["at"] < UNDO_SECONDS]
        st.session_state[JUST_DONE] = [*recent, {**entry, "at": time.time()}]


def undo(seeker_id: int, entry: dict[str, Any]) -> None:
    """Put an item done, snoozed or skipped back on the list (the button's callback)."""
    if data.save(
        tracking.undo_on_due, seeker_id, entry["written"], done="Undone: the item is back on the list."
    ):
        st.session_state[JUST_DONE] = [e for e in st.session_state.get(JUST_DONE, []) if e is not entry]


def add_action(seeker_id: int) -> None:
    """Store the action typed in the form (run as the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    entry = {"kind": "action", "title": form["due_action_what"], "due_on": form["due_action_on"]}
    data.save(tracking.record_follow_up, seeker_id, entry, done=f"Action added: {entry['title']}")


just_done = [e for e in st.session_state.get(JUST_DONE, []) if time.time() - e["at"] < UNDO_SECONDS]
if just_done:
    with st.container(border=True):
        st.markdown("**Just done**")
        st.caption("Each can be undone for 10 minutes.")
        for n, entry in reversed(list(enumerate(just_done))):
            text, undo_col = st.columns([8, 1.4], vertical_alignment="center")
            text.markdown(f"{entry['what']} · {plain(entry['title'])}")
            undo_col.button(
                "Undo",
                key=f"due_undo_{n}_{entry['at']}",
                width="stretch",
                on_click=undo,
                args=(seeker.id, entry),
            )

let_go_line(listed.let_go, let_go_days=seeker.let_go_days, key="due_let_go")

if not due:
    st.success("Nothing is due. Time to send a request or two.")
pages = max(1, -(-len(due) // SHOWN))
page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="due_page") if pages > 1 else 1
totals = {kind: sum(1 for i in due if i.kind == kind) for kind in followups.PRIORITY}
for kind, group in followups.group_by_kind(due[(page - 1) * SHOWN : page * SHOWN]):
    st.subheader(followups.kind_count(kind, totals[kind]))
    for item in group:
        with st.container(border=True):
            # The buttons take the width their labels need, on the right; the words take the rest.
            text, actions = st.columns([3, 2], vertical_alignment="center")
            text.markdown(f"**{label(item.kind)}** · {plain(item.title)}")
            when = f"{plural(item.overdue_days, 'day')} overdue" if item.overdue_days > 0 else "due today"
            suggested = (
                f" · Suggested next: {plain(item.suggested_contact)}" if item.suggested_contact else ""
            )
            text.caption(when + suggested)
            buttons = actions.container(
                horizontal=True, horizontal_alignment="right", vertical_alignment="center"
            )
            buttons.button(
                "Done", key=f"due_done_{item.key}", on_click=act, args=(seeker.id, item, "done", today)
            )
            with buttons.popover("Snooze"):
                st.date_input(
                    "Until",
                    value=today + timedelta(days=7),
                    min_value=today + timedelta(days=1),
                    key=f"due_until_{item.key}",
                )
                st.button(
                    "Snooze",
                    key=f"due_snooze_{item.key}",
                    on_click=act,
                    args=(seeker.id, item, "snoozed", today),
                )
            with buttons.popover("Skip"):
                st.text_input("Why skip it?", key=f"due_reason_{item.key}")
                st.button(
                    "Skip", key=f"due_skip_{item.key}", on_click=act, args=(seeker.id, item, "skipped", today)
                )

st.subheader("Coming up this week")  # the whole width: each item's title in view
if coming:
    st.dataframe(
        item_rows(coming),
        hide_index=True,
        lazy=True,  # an imported network can bring thousands due in a week
        column_config=ITEM_COLUMNS,
    )
else:
    st.caption("Nothing falls due in the next 7 days.")
left, right = st.columns(2)
with left:
    upcoming = metrics.upcoming_meetings(meetings, as_of=today)
    st.subheader("Scheduled conversations")
    if upcoming.empty:
        st.caption("No conversation is scheduled.")
    else:
        st.dataframe(
            beside_company(upcoming.assign(mode=upcoming["mode"].map(label))),
            hide_index=True,
            column_config={
                "contact": "Contact",
                "company": "Company",
                "held_on": st.column_config.DateColumn("On", format=DATE_FORMAT),
                "mode": "Mode",
            },
        )
with right:
    st.subheader("Add an action")
    with st.form("due_action", clear_on_submit=True):
        st.caption("Agreed in a session, say. Actions are never let go.")
        st.text_input("What", key="due_action_what")
        st.date_input("Due on", value=today + timedelta(days=7), key="due_action_on")
        st.form_submit_button("Add action", on_click=add_action, args=(seeker.id,))
    etiquette_line(derived.etiquette_flags(seeker, today), key="due_etiquette")
