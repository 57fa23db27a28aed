"""The Settings screen's parts: the form of every setting, in three columns, and the store's backup."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from coach import vocabulary
from coach.rules import followups
from coach.seeker import Seeker
from coach.store import tracking
from ui import data, downloads


def widget_keys(form: str) -> dict[str, str]:
    """Each setting's widget key, the form's name its prefix (so data.reset_form clears them)."""
    return {name: f"{form}_{name}" for name in tracking.SETTINGS}


def save(seeker_id: int, form: str, keys: dict[str, str]) -> None:
    """Store the form's settings (run as the button's callback, so leaving at once keeps them)."""
    changes = followups.typed_settings({name: st.session_state[key] for name, key in keys.items()})
    data.save(tracking.update_settings, seeker_id, changes, form=form, done="Settings saved.")


def settings_form(seeker: Seeker, *, form: str) -> None:
    """The form of every setting: outreach, follow-ups and sample-size warnings side by side."""
    keys = widget_keys(form)
    with st.form("settings_form"):
        outreach, follow, evidence = st.columns(3)
        outreach_settings(outreach, seeker, keys)
        follow_up_settings(follow, seeker, keys)
        warning_settings(evidence, seeker, keys)
        st.form_submit_button("Save settings", type="primary", on_click=save, args=(seeker.id, form, keys))


def outreach_settings(column: DeltaGenerator, seeker: Seeker, keys: dict[str, str]) -> None:
    """The weekly goal, the answer window and the follow-up cadence."""
    column.markdown("**Outreach**")
    column.number_input(
        "Requests to send each week", 0, 200, value=seeker.weekly_goal, key=keys["weekly_goal"]
    )
    column.number_input(
        "Days to wait for an answer",
        1,
        90,
        value=seeker.answer_window_days,
        key=keys["answer_window_days"],
        help="A request unanswered this long after it (or its follow-up) was sent "
        "counts as no response; before that it is pending.",
    )
    column.radio(
        "Follow-up cadence",
        vocabulary.CADENCES,
        index=vocabulary.CADENCES.index(seeker.cadence),
        format_func=followups.describe_cadence,
        key=keys["cadence"],
    )


def follow_up_settings(column: DeltaGenerator, seeker: Seeker, keys: dict[str, str]) -> None:
    """The days to thank, to tell a referrer, to keep in touch, and to let go of an item."""
    column.markdown("**Follow-ups**")
    column.number_input(
        "Days to send a thank-you", 0, 30, value=seeker.thank_you_days, key=keys["thank_you_days"]
    )
    column.number_input(
        "Days to tell a referrer", 0, 30, value=seeker.referral_loop_days, key=keys["referral_loop_days"]
    )
    column.number_input(
        "Keep in touch every (days)",
        30,
        365,
        value=seeker.keep_in_touch_days,
        key=keys["keep_in_touch_days"],
        help="How long after the last contact with someone met to get back in touch. Never before "
        "the day the person was added or imported, so people met long ago come up due now.",
    )
    column.number_input(
        "Let go of items after (days past due)",
        7,
        365,
        value=seeker.let_go_days,
        key=keys["let_go_days"],
        help="A thank-you, nudge, referral loop or next contact more than this many days past its "
        "due day is let go: counted once on Due and This week, not listed, and no rate changes. "
        "Actions agreed in a session are never let go.",
    )


def warning_settings(column: DeltaGenerator, seeker: Seeker, keys: dict[str, str]) -> None:
    """The sample sizes below which a career option is red or amber."""
    column.markdown("**Sample-size warnings**")
    column.number_input(
        "Red below this many people", 1, 50, value=seeker.red_min_people, key=keys["red_min_people"]
    )
    column.number_input(
        "Amber below this many people", 1, 100, value=seeker.amber_min_people, key=keys["amber_min_people"]
    )
    column.number_input(
        "Amber below this many organisations", 1, 50, value=seeker.amber_min_orgs, key=keys["amber_min_orgs"]
    )


def backup(*, today: date) -> None:
    """The backup of the whole store, every client included, to download."""
    st.subheader("Backup")
    st.caption(
        "One zip of the whole store, every client included. Keep one somewhere safe each week: "
        "if the store file is ever damaged, the app offers to restore it."
    )
    downloads.store_backup(today=today)
