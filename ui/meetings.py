"""The Meetings screen's form: log a new conversation or edit one, with options, questions and referrals."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from coach import vocabulary
from coach.labels import label
from coach.store import Seeker, tracking
from coach.wording import day
from ui import data, derived, forms, pickers
from ui.text import plain

NEW = 0
NEW_FORM = f"meetings_{NEW}"
OPEN_KEY = "meetings_open"  # the conversation to open in the form on the next run (just saved)
SAVED_KEY = "meetings_saved"  # what was saved, said once at the top of the form


def _names(people: pd.DataFrame) -> dict[int, str]:
    return dict(zip(people["id"].astype(int), people["name"], strict=True))


def _optional(value: Any) -> Any:
    return None if value is None or pd.isna(value) else value


def meeting_form(seeker: Seeker, people: pd.DataFrame, meetings: pd.DataFrame, *, today: date) -> None:
    """Pick "New conversation" or a logged one; fill in what happened; save or delete.

    A new conversation, once saved, is opened in the form to edit (saving again changes it, never
    logs it twice); a second one with the same person on the same day needs "Log it anyway".
    """
    if OPEN_KEY in st.session_state:
        st.session_state["meetings_pick"] = st.session_state.pop(OPEN_KEY)
    saved = st.session_state.pop(SAVED_KEY, None)
    if saved:
        st.success(plain(saved))
    labels = {NEW: "New conversation"} | {
        int(i): f"{who} · {day(on)}"
        for i, who, on in zip(meetings["id"], meetings["contact"], meetings["held_on"], strict=True)
    }
    picked = pickers.pick(
        "Conversation",
        labels,
        key="meetings_pick",
        pinned=[NEW],
        search_label="Find a conversation",
        search_placeholder="Type a name, then press Enter",
    )
    if picked is None:  # "New conversation" comes first: something is always picked
        return
    old: dict[str, Any] = {}
    key = f"meetings_{picked}"
    if picked != NEW:
        old = {str(k): _optional(v) for k, v in meetings.set_index("id").loc[picked].to_dict().items()}
        data.seen(key, old)
    names = derived.contact_names(seeker.id)
    contact_ids = list(names)
    contact_id = pickers.pick(
        "With",
        names,
        index=contact_ids.index(old["contact_id"]) if old else None,
        placeholder="Type a name or company",
        key=f"{key}_contact",
        search_label="Find who",
    )
    if contact_id is None:
        st.caption("Pick who the conversation was with.")
        return
    person = people.set_index("id").loc[contact_id]
    outreach = data.outreach(seeker.id)
    theirs = outreach[outreach["contact_id"] == contact_id].sort_values("sent_on", ascending=False)
    requests = {None: "No request (inner circle, met by chance)"} | {
        int(i): f"Request of {day(on)}" for i, on in zip(theirs["id"], theirs["sent_on"], strict=True)
    }
    request_ids = list(requests)
    default_request = old.get("outreach_id") if old else (request_ids[1] if len(request_ids) > 1 else None)

    left, middle, right = st.columns(3)
    held_on = left.date_input(
        "Held on (a later date schedules it)", value=old.get("held_on") or today, key=f"{key}_on"
    )
    left.selectbox(
        "From request",
        request_ids,
        index=request_ids.index(default_request),
        format_func=lambda i: requests[i],
        key=f"{key}_request",
    )
    left.selectbox(
        "Mode",
        vocabulary.MEETING_MODES,
        format_func=label,
        index=vocabulary.MEETING_MODES.index(old.get("mode") or "video"),
        key=f"{key}_mode",
    )
    middle.text_input(
        "Their company at the time", value=old.get("company") or person["company"] or "", key=f"{key}_company"
    )
    middle.number_input(
        "Minutes asked", 1, 240, value=int(old.get("minutes_planned") or 15), key=f"{key}_asked"
    )
    middle.number_input(
        "Minutes it took", 1, 600, value=int(old.get("minutes_actual") or 15), key=f"{key}_took"
    )
    held = held_on <= today
    right.slider(
        "Your share of the talking (%)",
        0,
        100,
        value=int(old.get("talk_share") or 50),
        key=f"{key}_talk",
        disabled=not held,
    )
    fits = [None, 1, 2, 3, 4, 5]
    right.selectbox(
        "Do they feel like my tribe? (fit 1–5)",
        fits,
        index=fits.index(old.get("fit")),
        format_func=lambda f: "Not rated" if f is None else f"{f} of 5",
        key=f"{key}_fit",
        disabled=not held,
    )
    right.date_input(
        "Thank-you sent on", value=old.get("thank_you_on"), key=f"{key}_thanks", disabled=not held
    )

    options = {o["id"]: o["title"] for o in data.options(seeker.id)}
    tagged = data.meeting_options(seeker.id)
    tagged = tagged[tagged["meeting_id"] == picked] if old else tagged.iloc[0:0]
    chosen = st.multiselect(
        "About which career options",
        list(options),
        default=list(tagged["career_option_id"]),
        format_func=lambda i: options[i],
        key=f"{key}_options",
    )
    if chosen:
        for column, option_id in zip(st.columns(len(chosen)), chosen, strict=True):
            before = tagged.loc[tagged["career_option_id"] == option_id, "signal"]
            column.segmented_control(
                f"{plain(options[option_id])}: for or against?",
                vocabulary.SIGNALS,
                default=before.iloc[0] if not before.empty else "neutral",
                key=f"{key}_signal_{option_id}",
            )
    bank = data.questions(seeker.id)
    asked_before = data.meeting_questions(seeker.id)
    asked_here = asked_before.loc[asked_before["meeting_id"] == picked, "question_id"].tolist() if old else []
    relevant = bank[
        bank["career_option_id"].isin(chosen) | bank["career_option_id"].isna() | bank["id"].isin(asked_here)
    ]
    questions = dict(zip(relevant["id"].astype(int), relevant["text"], strict=True))
    st.multiselect(
        "Questions asked",
        list(questions),
        default=asked_here,
        format_func=lambda i: questions[i],
        key=f"{key}_questions",
        disabled=not held,
    )
    st.text_area("Insights", value=old.get("insights") or "", key=f"{key}_insights")
    st.text_area(
        "Who else should I talk to? One per line: First Last, Company",
        key=f"{key}_referrals",
        disabled=not held,
        help="Each becomes a contact (source: referral) linked to this person; "
        "the Ask screen drafts a request that names them.",
    )
    meeting = _meeting(key, int(contact_id), today)
    save, delete = st.columns([1, 5])
    who = f"the conversation with {_names(people)[int(contact_id)]} on {day(held_on)}"
    save.button(
        "Save conversation",
        type="primary",
        key=f"{key}_save",
        on_click=_save,
        args=(seeker.id, int(picked), int(contact_id), who, today),
    )
    if picked == NEW:
        forms.confirm_again(NEW_FORM, _names(people), seeker.id, meeting, then=partial(_logged, who))
    else:
        with delete.popover("Delete"):
            st.write("Delete this conversation, its questions and option tags? Referrals from it stay.")
            st.button(
                "Delete for good",
                type="primary",
                key=f"{key}_delete",
                on_click=_delete,
                args=(seeker.id, int(picked)),
            )


def _meeting(key: str, contact_id: int, today: date) -> tracking.Meeting:
    """The conversation as the form ``key`` holds it now (in a callback: with what was typed just
    before the click). What only a held conversation has is left out of a scheduled one."""
    form = st.session_state
    held = form[f"{key}_on"] <= today
    return tracking.Meeting(
        contact_id,
        form[f"{key}_on"],
        mode=form[f"{key}_mode"],
        outreach_id=form[f"{key}_request"],
        company=form[f"{key}_company"],
        minutes_planned=int(form[f"{key}_asked"]),
        minutes_actual=int(form[f"{key}_took"]) if held else None,
        talk_share=int(form[f"{key}_talk"]) if held else None,
        fit=form[f"{key}_fit"] if held else None,
        insights=form[f"{key}_insights"],
        thank_you_on=form[f"{key}_thanks"] if held else None,
        signals={int(o): form.get(f"{key}_signal_{o}") or "neutral" for o in form[f"{key}_options"]},
        question_ids=form[f"{key}_questions"] if held else [],
        referrals=tracking.parse_referrals(form[f"{key}_referrals"]) if held else [],
    )


def _save(seeker_id: int, picked: int, contact_id: int, who: str, today: date) -> None:
    """Log a new conversation or store the changes to one (the button's callback, so leaving at
    once keeps it)."""
    key = f"meetings_{picked}"
    meeting = _meeting(key, contact_id, today)
    if picked == NEW:
        logged = forms.try_log(NEW_FORM, tracking.log_meeting, seeker_id, meeting, today=today)
        if logged is not None:
            _logged(who, logged)
    elif data.save(tracking.update_meeting, seeker_id, picked, meeting, today=today, form=key):
        st.session_state[SAVED_KEY] = f"Saved the changes to {who}."


def _logged(who: str, logged: Any) -> None:
    """Open the conversation just logged in the form, and say so once."""
    data.reset_form(NEW_FORM)  # a new conversation starts from an empty form
    st.session_state[OPEN_KEY] = logged.meeting_id
    st.session_state[SAVED_KEY] = (
        f"Saved {who}. It is open here to edit; pick New conversation to log another."
    )


def _delete(seeker_id: int, picked: int) -> None:
    if data.save(tracking.delete_meeting, seeker_id, picked):
        st.session_state.pop("meetings_pick", None)
