"""Forms more than one screen shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from coach import vocabulary, wording
from coach.labels import label, with_company
from coach.rules import contacts
from coach.store import add_seeker, tracking
from coach.store.db import StoreError
from coach.wording import DATE_FORMAT
from ui import chrome, data, derived, pickers
from ui.text import literal, plain


def first_seeker() -> None:
    """The welcome of an empty store: ask for the first job seeker and add them."""
    chrome.title("Welcome")
    st.info("There is no job seeker in this store yet. Add one to start tracking.")
    with st.form("welcome_add_seeker"):
        name = st.text_input("Name of the job seeker")
        goal = st.number_input("Requests to send each week", min_value=0, max_value=200, value=5)
        if st.form_submit_button("Add job seeker", type="primary"):
            try:
                data.write(add_seeker, name, weekly_goal=int(goal))
            except StoreError as problem:
                st.error(plain(problem))
            else:
                st.rerun()


def add_contact(seeker_id: int, *, today: date) -> None:
    """A form to add one person by hand."""
    with st.form("contacts_add", clear_on_submit=True):
        first, last = st.columns(2)
        first.text_input("First name", key="contacts_add_first_name")
        last.text_input("Last name", key="contacts_add_last_name")
        company_col, position_col = st.columns(2)
        company_col.text_input("Company", key="contacts_add_company")
        position_col.text_input("Position", key="contacts_add_position")
        email_col, phone_col = st.columns(2)
        email_col.text_input("E-mail", key="contacts_add_email")
        phone_col.text_input("Phone", key="contacts_add_phone")
        warmth_col, source_col = st.columns(2)
        warmth_col.selectbox(
            "Warmth",
            vocabulary.WARMTHS,
            index=vocabulary.WARMTHS.index("unknown"),
            format_func=label,
            key="contacts_add_warmth",
        )
        source_col.selectbox(
            "Source",
            vocabulary.SOURCES,
            index=vocabulary.SOURCES.index("other"),
            format_func=label,
            key="contacts_add_source",
        )
        st.form_submit_button("Add contact", type="primary", on_click=_add_contact, args=(seeker_id, today))


def _add_contact(seeker_id: int, today: date) -> None:
    """Store the person typed in the form (the button's callback, so leaving at once keeps them)."""
    field = {name: st.session_state[f"contacts_add_{name}"] for name in _CONTACT_FIELDS}
    person = tracking.NewContact(**field)
    done = f"Added {field['first_name']} {field['last_name']}.".replace("  ", " ")
    data.save(tracking.add_contact, seeker_id, person, today=today, done=done)


_CONTACT_FIELDS = ("first_name", "last_name", "company", "position", "email", "phone", "source", "warmth")


def contact_detail(seeker_id: int, shown: pd.DataFrame, people: pd.DataFrame, *, today: date) -> None:
    """One contact: details, timeline, a note, and merging a duplicate record into it."""
    st.subheader("Contact")
    if shown.empty:
        st.caption("No contact matches the search.")
        return
    names = dict(zip(shown["id"], shown["name"], strict=True))
    picked = pickers.pick("Open", names, key="contacts_open", search_label="Find who to open")
    if picked is None:  # a picker with a first option always has one picked
        return
    person = people.set_index("id").loc[picked]
    # An alias ("Contact 12 · Acme") already names the company: it is not said twice.
    company = person["company"] if with_company(person["name"], person["company"]) != person["name"] else None
    facts = [str(v) for v in (person["position"], company) if isinstance(v, str) and v]
    st.markdown(f"**{plain(person['name'])}**" + (f" · {plain(' at '.join(facts))}" if facts else ""))
    st.caption(f"{label(person['warmth'])} · {label(person['source'])}")
    reach = [str(v) for v in (person["email"], person["phone"]) if isinstance(v, str) and v]
    if reach:
        st.caption(" · ".join(plain(v) for v in reach))

    events = contacts.timeline(
        int(picked),
        outreach=data.outreach(seeker_id),
        meetings=data.meetings(seeker_id),
        referrals=data.referrals(seeker_id),
        follow_ups=data.follow_ups(seeker_id),
        notes=data.notes(seeker_id),
    )
    if events.empty:
        st.caption("Nothing has happened with this contact yet.")
    else:
        st.dataframe(
            events.assign(detail=events["detail"].map(wording.text)),  # an empty detail reads "—"
            hide_index=True,
            column_config={
                "on": st.column_config.DateColumn("On", format=DATE_FORMAT),
                "what": "What",
                "detail": "Detail",
            },
        )
    with st.form("contacts_note", clear_on_submit=True):
        st.text_area("Add a note", key="contacts_note_body")
        st.checkbox("Private (never shown when sharing the screen)", value=True, key="contacts_note_private")
        st.form_submit_button("Save note", on_click=_save_note, args=(seeker_id, int(picked), today))
    merge_box(seeker_id, int(picked), people, shown)


def _save_note(seeker_id: int, contact_id: int, today: date) -> None:
    """Store the note typed in the form (the button's callback, so leaving at once keeps it)."""
    form = st.session_state
    data.save(
        tracking.add_note,
        seeker_id,
        contact_id,
        form["contacts_note_body"],
        private=form["contacts_note_private"],
        on=today,
    )


def merge_box(seeker_id: int, keep_id: int, people: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Fold another record of the same person into this one, after a confirmation.

    Offered: the suggested duplicates first, then the contacts the search shows, then everyone else
    (a long list through the picker's own search).
    """
    duplicates = derived.duplicate_pairs(seeker_id)
    suggested = duplicates[duplicates["keep_id"] == keep_id]
    others = people[people["id"] != keep_id]
    hint = f" ({len(suggested)} suggested)" if len(suggested) else ""
    with st.expander("Merge a duplicate into this contact" + hint):
        if others.empty:
            st.caption("No other record to merge.")
            return
        every = dict(derived.contact_names(seeker_id))
        every.pop(int(keep_id), None)
        first = [i for i in (*suggested["merge_id"], *shown["id"]) if i in every]
        names = {i: every[i] for i in dict.fromkeys(first)} | every  # in that order, each once
        merge_id = pickers.pick(
            "The other record", names, key="contacts_merge", search_label="Find the other record"
        )
        if merge_id is None:
            return
        sure = st.checkbox(
            "Move its requests, meetings, referrals and notes here, then delete it", key="contacts_merge_ok"
        )
        st.button(
            "Merge",
            disabled=not sure,
            key="contacts_merge_go",
            on_click=data.save_on_click,
            args=(tracking.merge_contacts, seeker_id, keep_id, int(merge_id)),
            kwargs={"done": "Merged."},
        )


DUPLICATES_SHOWN = 20  # pairs drawn at once: a big network can hold thousands


def duplicates_list(seeker_id: int) -> None:
    """Every pair of records that look like one person, a page at a time, each with a merge button."""
    pairs = derived.duplicate_pairs(seeker_id)
    if pairs.empty:
        return
    who = derived.contact_names(seeker_id)
    with st.expander(f"Possible duplicates ({len(pairs):,})"):
        st.caption(
            "Merging keeps the older record and moves every request, meeting, referral and note to it."
        )
        pages = -(-len(pairs) // DUPLICATES_SHOWN)
        page = (
            st.number_input(
                f"Page (of {pages}, {DUPLICATES_SHOWN} pairs each)", 1, pages, 1, key="contacts_dupe_page"
            )
            if pages > 1
            else 1
        )
        shown = pairs.iloc[(page - 1) * DUPLICATES_SHOWN : page * DUPLICATES_SHOWN]
        for keep, merge, reason in shown.itertuples(index=False):
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.text(literal(f"{who[keep]}  and  {who[merge]}  ({reason})"))
            button.button(
                "Merge",
                key=f"contacts_dupe_{keep}_{merge}",
                on_click=data.save_on_click,  # in the callback: leaving at once keeps the merge
                args=(tracking.merge_contacts, seeker_id, int(keep), int(merge)),
                kwargs={"done": f"Merged into {who[keep]}."},
            )


# --- logging a new record once ---------------------------------------------

AGAIN_PREFIX = "again:"


@dataclass(frozen=True)
class _Refused:
    """A new record the store refused as logged already, kept until it is confirmed or changed."""

    first: tracking.Duplicate
    action: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    seen_by: str | None = None


def try_log(
    form: str, action: Callable[..., Any], *args: Any, seen_by: str | None = None, **kwargs: Any
) -> Any:
    """Log a new record with ``action`` (``tracking.log_meeting``, ``tracking.log_outreach``) from a
    button's callback: what it returned, or None when nothing was written.

    When the store refuses the record as one already logged (:class:`tracking.Duplicate`), the
    refusal is kept for :func:`confirm_again` under ``form``; any other refusal is said on the
    screen drawn next.

    :param seen_by: the form whose snapshot the write checks the stored record against
        (:func:`ui.data.seen`), when it also changes one.
    """
    st.session_state.pop(AGAIN_PREFIX + form, None)
    try:
        _, written = data.attempt(action, *args, form=seen_by, passing=(tracking.Duplicate,), **kwargs)
    except tracking.Duplicate as first:
        st.session_state[AGAIN_PREFIX + form] = _Refused(first, action, args, kwargs, seen_by)
        return None
    return written


def confirm_again(form: str, names: Mapping[int, str], *still: Any, then: Callable[[Any], None]) -> None:
    """Where a form's new record was refused as logged already: the refusal naming the first one,
    and "Log it anyway" to log this one as a second, after which ``then`` gets what logging returned.

    :param names: the people as this screen shows them, by contact id.
    :param still: the arguments the form would log with now, when it has them; a refusal of
        anything else (the form was changed since) is forgotten.
    """
    refused = st.session_state.get(AGAIN_PREFIX + form)
    if not isinstance(refused, _Refused):
        return
    if still and refused.args != still:
        st.session_state.pop(AGAIN_PREFIX + form, None)
        return
    name = names.get(refused.first.contact_id, "this person")
    st.warning(plain(refused.first.describe(name)) + " Log it anyway to record a second one.")
    st.button("Log it anyway", key=f"{form}_again", on_click=_log_again, args=(form, refused, then))


def _log_again(form: str, refused: _Refused, then: Callable[[Any], None]) -> None:
    written = try_log(
        form, refused.action, *refused.args, seen_by=refused.seen_by, **refused.kwargs, again=True
    )
    if written is not None:
        then(written)
