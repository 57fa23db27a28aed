"""The due screens' parts: the calm ones (what was let go, etiquette notes, each one collapsed line),
and the Due screen's list with its Done, Snooze, Skip and Undo buttons, what is coming up, and the
form to add an action."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from coach.errors import Invalid
from coach.labels import beside_company, label
from coach.rules import followups, paging
from coach.store import tracking
from coach.wording import DATE_FORMAT, day, plural
from ui import data
from ui.text import literal, plain

# A table of due items: the kind whole ("Keep in touch"), the title wrapping in the room left.
ITEM_COLUMNS = {
    "Due": st.column_config.DateColumn("Due", format=DATE_FORMAT, width=100),
    "What": st.column_config.TextColumn("What", width=130),
    "Item": st.column_config.TextColumn("Item"),
}


def item_rows(items: Iterable[followups.DueItem]) -> pd.DataFrame:
    """Due items as the rows of a table with ITEM_COLUMNS."""
    return pd.DataFrame(
        [{"Due": i.due_on, "What": label(i.kind), "Item": literal(i.title)} for i in items],
        columns=list(ITEM_COLUMNS),
    )


LISTED = 100  # let-go items listed at once: an import can let go of thousands
NOTES_LISTED = 20  # etiquette notes listed at once; the rest are counted


def let_go_line(items: Sequence[followups.DueItem], *, let_go_days: int, key: str) -> None:
    """The items let go, stated once: a collapsed expander naming how many, listing them inside."""
    summary = followups.let_go_summary(followups.let_go_counts(items))
    if not summary:
        return
    with st.expander(summary, expanded=False, key=key):
        st.caption(
            f"More than {plural(let_go_days, 'day')} past due, so they are not on the list: old history "
            "is not a to-do list. Nothing about your rates or requests changes. "
            "The number of days is a setting."
        )
        st.dataframe(
            item_rows(items[:LISTED]),
            hide_index=True,
            column_config=ITEM_COLUMNS,
        )
        if len(items) > LISTED:
            st.caption(f"The first {LISTED} of {len(items):,} are listed.")


def etiquette_line(flags: Iterable[followups.Flag], *, key: str) -> None:
    """Etiquette notes as one collapsed line ("3 etiquette notes"); opened, the notes as advice."""
    notes = list(flags)
    if not notes:
        st.caption("No etiquette notes: conversations kept to time, thank-yous sent, referrers told.")
        return
    with st.expander(plural(len(notes), "etiquette note"), expanded=False, key=key):
        st.caption("Small things worth a thought next time; none of them changes a number.")
        st.markdown("\n".join(f"- {plain(note.text)}" for note in notes[:NOTES_LISTED]))
        if len(notes) > NOTES_LISTED:
            st.caption(f"+{len(notes) - NOTES_LISTED:,} more like these.")


SHOWN = 10  # a long list is shown a page at a time, in priority order: each item holds two popovers
PAST = {"done": "done", "snoozed": "snoozed", "skipped": "skipped"}


def _just_done_key(seeker_id: int) -> str:
    """Where the items just done, snoozed or skipped are kept to undo, for one seeker."""
    return f"due_just_done_{seeker_id}"


def _just_done(seeker_id: int) -> list[dict[str, Any]]:
    """The items just done, snoozed or skipped that can still be undone, oldest first."""
    return followups.undoable(st.session_state.get(_just_done_key(seeker_id), []), now=time.time())


def due_line(items: Sequence[followups.DueItem], *, today: date, cadence: followups.Cadence) -> None:
    """How many items are to do and how many of them are overdue, and the cadence they follow."""
    st.caption(
        f"{plural(len(items), 'item')} to do as of {day(today)}, "
        f"{followups.overdue_count(items)} of them overdue · "
        f"{cadence.preset_name} cadence (change it in Settings)."
    )


def just_done(seeker_id: int) -> None:
    """The items just done, snoozed or skipped, the newest first, each with its Undo button."""
    entries = _just_done(seeker_id)
    if not entries:
        return
    with st.container(border=True):
        st.markdown("**Just done**")
        st.caption("Each can be undone for 10 minutes.")
        for n, entry in reversed(list(enumerate(entries))):
            text, undo_col = st.columns([8, 1.4], vertical_alignment="center")
            text.markdown(f"{entry['what']} · {plain(entry['title'])}")
            undo_col.button(
                "Undo",
                key=f"due_undo_{n}_{entry['at']}",
                width="stretch",
                on_click=_undo,
                args=(seeker_id, entry),
            )


def items_to_do(seeker_id: int, items: Sequence[followups.DueItem], *, today: date) -> None:
    """The items to do, a page at a time, by kind under its count, each with Done, Snooze and Skip."""
    if not items:
        st.success("Nothing is due. Time to send a request or two.")
    pages = paging.page_count(len(items), SHOWN)
    page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="due_page") if pages > 1 else 1
    totals = followups.kind_totals(items)
    for kind, group in followups.group_by_kind(items[paging.page_slice(page, SHOWN)]):
        st.subheader(followups.kind_count(kind, totals[kind]))
        for item in group:
            _item_box(seeker_id, item, today=today)


def _item_box(seeker_id: int, item: followups.DueItem, *, today: date) -> None:
    """One item to do: what and when on the left, its Done, Snooze and Skip buttons on the right."""
    with st.container(border=True):
        # The buttons take the width their labels need, on the right; the words take the rest.
        text, actions = st.columns([3, 2], vertical_alignment="center")
        text.markdown(f"**{label(item.kind)}** · {plain(item.title)}")
        suggested = f" · Suggested next: {plain(item.suggested_contact)}" if item.suggested_contact else ""
        text.caption(followups.when_due(item) + suggested)
        buttons = actions.container(
            horizontal=True, horizontal_alignment="right", vertical_alignment="center"
        )
        buttons.button(
            "Done", key=f"due_done_{item.key}", on_click=_act, args=(seeker_id, item, "done", today)
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
                on_click=_act,
                args=(seeker_id, item, "snoozed", today),
            )
        with buttons.popover("Skip"):
            st.text_input("Why skip it?", key=f"due_reason_{item.key}")
            st.button(
                "Skip", key=f"due_skip_{item.key}", on_click=_act, args=(seeker_id, item, "skipped", today)
            )


def coming_up(items: Sequence[followups.DueItem]) -> None:
    """What falls due in the next 7 days, as a table the whole width: each item's title in view."""
    st.subheader("Coming up this week")
    if items:
        st.dataframe(
            item_rows(items),
            hide_index=True,
            lazy=True,  # an imported network can bring thousands due in a week
            column_config=ITEM_COLUMNS,
        )
    else:
        st.caption("Nothing falls due in the next 7 days.")


def conversations_and_action(
    seeker_id: int, upcoming: pd.DataFrame, notes: Sequence[followups.Flag], *, today: date
) -> None:
    """Side by side: the scheduled conversations, and the form to add an action above the etiquette notes."""
    left, right = st.columns(2)
    with left:
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
            st.form_submit_button("Add action", on_click=_add_action, args=(seeker_id,))
        etiquette_line(notes, key="due_etiquette")


def _act_keeping(conn: Any, seeker_id: int, record: dict[str, Any], written: dict[str, Any]) -> None:
    """Store what was done with an item, keeping what was written (to undo it)."""
    written.update(tracking.act_on_due(conn, seeker_id, record))


def _act(seeker_id: int, item: followups.DueItem, action: str, on: date) -> None:
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
        st.session_state[_just_done_key(seeker_id)] = [*_just_done(seeker_id), {**entry, "at": time.time()}]


def _undo(seeker_id: int, entry: dict[str, Any]) -> None:
    """Put an item done, snoozed or skipped back on the list (the button's callback)."""
    if data.save(
        tracking.undo_on_due, seeker_id, entry["written"], done="Undone: the item is back on the list."
    ):
        key = _just_done_key(seeker_id)
        st.session_state[key] = [e for e in st.session_state.get(key, []) if e is not entry]


def _add_action(seeker_id: int) -> None:
    """Store the action typed in the form (run as the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    entry = {"kind": "action", "title": form["due_action_what"], "due_on": form["due_action_on"]}
    data.save(tracking.record_follow_up, seeker_id, entry, done=f"Action added: {entry['title']}")
