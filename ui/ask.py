"""The Ask screen's parts: drafting and logging a request, and recording what came of one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from coach import vocabulary
from coach.labels import label
from coach.rules import checker, drafts
from coach.store import Seeker, reviews, tracking
from coach.wording import day
from ui import data, derived, forms, pickers
from ui.text import plain

NEW_FORM = "ask_new"  # a new request: its refusal as logged already, if any
LOGGED_KEY = "ask_logged"  # what was logged, said once above the cleared form
# The new-request form's widgets, forgotten once a request is logged so the form starts empty.
_NEW_REQUEST_KEYS = (
    "ask_contact",
    pickers.search_key("ask_contact"),
    "ask_sent_on",
    "ask_channel",
    "ask_minutes",
    "ask_mode",
    "ask_template",
    "ask_field",
)


ASK_PAGE = "app_pages/ask.py"


def _fill(contact_id: int, option_id: int | None) -> None:
    """Start Ask's new request for this person about this option (a button's callback)."""
    for key in _NEW_REQUEST_KEYS:
        st.session_state.pop(key, None)
    st.session_state["ask_contact"] = contact_id
    if option_id is not None:
        st.session_state["ask_field"] = option_id


def ask_button(label: str, contact_id: int, option_id: int | None, *, key: str, place: Any = None) -> None:
    """A button that opens Ask with the person (and the career option) already filled in."""
    where = place if place is not None else st
    if where.button(label, key=key, on_click=_fill, args=(contact_id, option_id)):
        st.switch_page(ASK_PAGE)


def new_request(seeker: Seeker, people: pd.DataFrame, *, today: date) -> None:
    """Pick a contact, draft from a template, see the checker's verdict, log the request.

    Once logged, the form starts empty again; a second request to the same person on the same
    channel and day needs "Log it anyway".
    """
    logged = st.session_state.pop(LOGGED_KEY, None)
    if logged:
        st.success(plain(logged))
    names = derived.contact_names(seeker.id)
    contact_id = pickers.pick(
        "To",
        names,
        index=None,
        placeholder="Type a name or company",
        key="ask_contact",
        search_label="Find who",
    )
    if contact_id is None:
        st.caption("Pick who the request goes to.")
        return
    person: dict[str, Any] = {str(k): v for k, v in people.set_index("id").loc[contact_id].to_dict().items()}
    referrals = data.referrals(seeker.id)
    referrer = referrals.loc[referrals["referred_id"] == contact_id, "referrer"]
    options = {o["id"]: o["title"] for o in data.options(seeker.id) if o["status"] in vocabulary.UNDECIDED}
    left, right = st.columns(2)
    sent_on = left.date_input("Sent on", value=today, max_value=today, key="ask_sent_on")
    left.selectbox("Channel", vocabulary.CHANNELS, format_func=label, key="ask_channel")
    left.number_input("Minutes asked", min_value=1, max_value=240, value=15, key="ask_minutes")
    left.selectbox(
        "Mode offered",
        vocabulary.MODES_OFFERED,
        index=vocabulary.MODES_OFFERED.index("their_choice"),
        format_func=label,
        key="ask_mode",
    )
    suggested = drafts.suggested_template(person, referred=not referrer.empty)
    bodies: dict[str, str] = data.templates(seeker.id)
    names_of_templates = list(bodies)
    template = right.selectbox(
        "Template",
        names_of_templates,
        index=names_of_templates.index(suggested) if suggested in names_of_templates else 0,
        key="ask_template",
    )
    about = right.selectbox(
        "About", list(options) or [None], format_func=lambda i: options.get(i, ""), key="ask_field"
    )
    field = options.get(about, "")
    values = drafts.template_values(
        person,
        seeker_name=seeker.name,
        referrer=None if referrer.empty else str(referrer.iloc[-1]),
        field=field or "",
        sent_on=sent_on,
        window_days=seeker.answer_window_days,
    )
    sharing = data.sharing()
    if sharing:  # the screen shows the person scrubbed or aliased: the store fills them in on logging
        values = drafts.unfilled(values)
    message = right.text_area(
        "Message",
        value=drafts.draft(bodies[template], values),
        height=300,
        key=f"ask_message_{contact_id}_{template}_{field}",
        help="On a shared screen the person's name, company and position stay as {placeholders}; "
        "they are filled in from the contact when the request is logged."
        if sharing
        else None,
    )
    verdict = checker.check_message(message, contact_name=None if sharing else str(person["name"]))
    st.markdown(f"**Message check: {verdict.score}** · {verdict.word_count} words")
    for check in verdict.checks:
        st.markdown(f"{':green[✓]' if check.passed else ':orange[✗]'} {plain(check.why)}")
    message_key = f"ask_message_{contact_id}_{template}_{field}"
    request = _request(int(contact_id), template, message_key)
    done = partial(_logged, str(person["name"]), sent_on)
    st.button(
        "Log request",
        type="primary",
        key="ask_log",
        on_click=_log_request,
        args=(seeker.id, int(contact_id), template, message_key, about, today, done),
    )
    people_names = dict(zip(people["id"].astype(int), people["name"], strict=True))
    forms.confirm_again(NEW_FORM, people_names, seeker.id, request, then=done)


def _request(contact_id: int, template: str, message_key: str) -> tracking.Request:
    """The request as the form holds it now (in a callback: with what was typed just before the click)."""
    form = st.session_state
    return tracking.Request(
        contact_id,
        form["ask_sent_on"],
        form["ask_channel"],
        minutes_asked=int(form["ask_minutes"]),
        mode_offered=form["ask_mode"],
        message=form[message_key],
        template=template,
    )


def _log_request(
    seeker_id: int,
    contact_id: int,
    template: str,
    message_key: str,
    about: int | None,
    today: date,
    done: Callable[[Any], None],
) -> None:
    """Log the request (the button's callback, so leaving at once keeps it)."""
    request = _request(contact_id, template, message_key)
    written = forms.try_log(NEW_FORM, tracking.log_outreach, seeker_id, request, today=today, about=about)
    if written is not None:
        done(written)


def _logged(name: str, sent_on: date, _request_id: int) -> None:
    """Start the form empty again and say, once, what was logged."""
    for key in [*_NEW_REQUEST_KEYS, *(k for k in st.session_state if str(k).startswith("ask_message_"))]:
        st.session_state.pop(key, None)
    st.session_state[LOGGED_KEY] = f"Logged the request to {name} on {day(sent_on)}."


def update_request(seeker: Seeker, table: pd.DataFrame, *, today: date) -> None:
    """Record the follow-up, the answer or a scheduled meeting on one request; or delete it."""
    names = derived.request_names(seeker, today)
    picked = pickers.pick(
        "Request",
        names,
        key="ask_pick",
        search_label="Find a request",
        search_placeholder="Type a name, a company or a status, then press Enter",
    )
    if picked is None:  # a picker with a first option always has one picked
        return
    row: dict[str, Any] = {str(k): v for k, v in table.set_index("id").loc[picked].to_dict().items()}
    form = f"ask_update_{picked}"
    data.seen(form, row)
    schedule = f"{form}_meeting"  # a meeting scheduled from this request: its refusal, if any
    for key in [k for k in st.session_state if str(k).startswith(forms.AGAIN_PREFIX + "ask_update_")]:
        if key != forms.AGAIN_PREFIX + schedule:  # refused on another request, left unconfirmed
            del st.session_state[key]

    with st.form(form):
        left, right = st.columns(2)
        left.date_input(
            "Followed up on", value=on(row["followed_up_on"]), max_value=today, key=f"{form}_followed"
        )
        left.date_input("Answered on", value=on(row["responded_on"]), max_value=today, key=f"{form}_answered")
        outcomes = [None, *vocabulary.OUTCOMES]
        # An answered request with no outcome yet is unmarked, not unanswered.
        empty = "No answer yet" if pd.isna(row["responded_on"]) else "Not marked yet"
        current = row["outcome"] if pd.notna(row["outcome"]) else None
        right.selectbox(
            "Answer",
            outcomes,
            index=outcomes.index(current),
            format_func=lambda o: label(o) if o else empty,
            key=f"{form}_outcome",
        )
        right.date_input(
            "Schedule a meeting on (optional)", value=None, min_value=today, key=f"{schedule}_on"
        )
        right.selectbox(
            "Meeting mode",
            vocabulary.MEETING_MODES,
            index=vocabulary.MEETING_MODES.index("video"),
            format_func=label,
            key=f"{schedule}_mode",
        )
        st.form_submit_button(
            "Save", type="primary", on_click=_save_answer, args=(seeker.id, int(picked), row, today)
        )
    people_names = dict(zip(table["contact_id"].astype(int), table["contact"], strict=True))
    forms.confirm_again(schedule, people_names, then=lambda _: st.session_state.pop(f"{schedule}_on", None))
    with st.popover("Delete this request"):
        st.write("Meetings that came from it stay; only the request goes.")
        st.button(
            "Delete for good",
            key=f"ask_delete_{picked}",
            type="primary",
            on_click=data.save_on_click,
            args=(tracking.delete_outreach, seeker.id, int(picked)),
        )


def on(value: Any) -> date | None:
    """A stored day as a date (None when empty)."""
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _save_answer(seeker_id: int, request_id: int, row: dict[str, Any], today: date) -> None:
    """Store the request's follow-up and answer with the meeting it schedules, if any, all or
    nothing (the button's callback, so leaving at once keeps them)."""
    form = f"ask_update_{request_id}"
    schedule = f"{form}_meeting"
    state = st.session_state
    outcome = state[f"{form}_outcome"]
    meeting_on = state[f"{schedule}_on"]
    meeting_mode = state[f"{schedule}_mode"]

    request = tracking.Request(
        int(row["contact_id"]),
        on(row["sent_on"]) or today,
        str(row["channel"]),
        minutes_asked=None if pd.isna(row["minutes_asked"]) else int(row["minutes_asked"]),
        mode_offered=None if pd.isna(row["mode_offered"]) else str(row["mode_offered"]),
        message=None if pd.isna(row["message"]) else str(row["message"]),
        template=None if pd.isna(row["template"]) else str(row["template"]),
        followed_up_on=state[f"{form}_followed"],
        responded_on=state[f"{form}_answered"] or (today if outcome else None),
        outcome=outcome,
    )
    meeting = None
    if meeting_on is not None:
        meeting = tracking.Meeting(
            int(row["contact_id"]),
            meeting_on,
            mode=meeting_mode,
            company=str(row["company"]) if pd.notna(row["company"]) else None,
            minutes_planned=request.minutes_asked,
        )
    answered = forms.try_log(
        schedule,
        tracking.record_answer,
        seeker_id,
        request_id,
        request,
        meeting=meeting,
        today=today,
        seen_by=form,
    )
    if answered is None:
        return
    state.pop(f"{schedule}_on", None)  # scheduled once: saving again adds none


def edit_templates(seeker: Seeker) -> None:
    """Change a template's wording (placeholders in braces), add one of your own, or restore the default."""
    bodies: dict[str, str] = data.templates(seeker.id)
    names = list(bodies)
    name = st.selectbox("Template", [*names, "+ a new template"], key="ask_edit_pick")
    new = name == "+ a new template"
    if new:
        st.text_input("Name", key="ask_edit_name")
    st.text_area(
        "Text",
        value="" if new else bodies[name],
        height=260,
        key=f"ask_edit_body_{name}",
        help="Placeholders: " + ", ".join("{" + p + "}" for p in checker.PLACEHOLDERS),
    )
    save, reset = st.columns([1, 5])
    save.button(
        "Save template",
        type="primary",
        key="ask_edit_save",
        on_click=_save_template,
        args=(seeker.id, None if new else name, f"ask_edit_body_{name}"),
    )
    if not new and name in checker.TEMPLATES:
        reset.button(
            "Back to the default", key="ask_edit_reset", on_click=_reset_template, args=(seeker.id, name)
        )


def _save_template(seeker_id: int, name: str | None, body_key: str) -> None:
    """Store the template's text (the button's callback: what was typed just before the click is kept)."""
    title = st.session_state.get("ask_edit_name", "") if name is None else name
    data.save(reviews.save_template, seeker_id, title, st.session_state[body_key], done="Template saved.")


def _reset_template(seeker_id: int, name: str) -> None:
    if data.save(reviews.reset_template, seeker_id, name):
        st.session_state.pop(f"ask_edit_body_{name}", None)
