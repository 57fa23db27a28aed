"""Settings: the seeker's weekly goal, windows, warning thresholds and follow-up cadence."""

import streamlit as st

from coach import vocabulary
from coach.store import tracking
from ui import chrome, data, downloads
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Settings · {plain(seeker.name)}")
st.caption("Every rule reads these: the answer window, the due list, the warnings on decisions.")

FORM = f"settings_{seeker.id}"
KEYS = {name: f"{FORM}_{name}" for name in tracking.SETTINGS}  # the form's prefix: reset_form clears them
data.seen(FORM, {name: getattr(seeker, name) for name in tracking.SETTINGS})


def save(seeker_id: int, form: str, keys: dict[str, str]) -> None:
    """Store the form's settings (run as the button's callback, so leaving at once keeps them)."""
    changes = {name: st.session_state[key] for name, key in keys.items()}
    changes = {name: value if name == "cadence" else int(value) for name, value in changes.items()}
    data.save(tracking.update_settings, seeker_id, changes, form=form, done="Settings saved.")


with st.form("settings_form"):
    outreach, follow, evidence = st.columns(3)
    outreach.markdown("**Outreach**")
    outreach.number_input(
        "Requests to send each week", 0, 200, value=seeker.weekly_goal, key=KEYS["weekly_goal"]
    )
    outreach.number_input(
        "Days to wait for an answer",
        1,
        90,
        value=seeker.answer_window_days,
        key=KEYS["answer_window_days"],
        help="A request unanswered this long after it (or its follow-up) was sent "
        "counts as no response; before that it is pending.",
    )
    outreach.radio(
        "Follow-up cadence",
        vocabulary.CADENCES,
        index=vocabulary.CADENCES.index(seeker.cadence),
        format_func=lambda c: (
            "Default: one nudge after the answer window"
            if c == "default"
            else "3B7: next contact after 3 business days, nudge after 7"
        ),
        key=KEYS["cadence"],
    )
    follow.markdown("**Follow-ups**")
    follow.number_input(
        "Days to send a thank-you", 0, 30, value=seeker.thank_you_days, key=KEYS["thank_you_days"]
    )
    follow.number_input(
        "Days to tell a referrer", 0, 30, value=seeker.referral_loop_days, key=KEYS["referral_loop_days"]
    )
    follow.number_input(
        "Keep in touch every (days)",
        30,
        365,
        value=seeker.keep_in_touch_days,
        key=KEYS["keep_in_touch_days"],
        help="How long after the last contact with someone met to get back in touch. Never before "
        "the day the person was added or imported, so people met long ago come up due now.",
    )
    follow.number_input(
        "Let go of items after (days past due)",
        7,
        365,
        value=seeker.let_go_days,
        key=KEYS["let_go_days"],
        help="A thank-you, nudge, referral loop or next contact more than this many days past its "
        "due day is let go: counted once on Due and This week, not listed, and no rate changes. "
        "Actions agreed in a session are never let go.",
    )
    evidence.markdown("**Sample-size warnings**")
    evidence.number_input(
        "Red below this many people", 1, 50, value=seeker.red_min_people, key=KEYS["red_min_people"]
    )
    evidence.number_input(
        "Amber below this many people", 1, 100, value=seeker.amber_min_people, key=KEYS["amber_min_people"]
    )
    evidence.number_input(
        "Amber below this many organisations", 1, 50, value=seeker.amber_min_orgs, key=KEYS["amber_min_orgs"]
    )
    st.form_submit_button("Save settings", type="primary", on_click=save, args=(seeker.id, FORM, KEYS))

if not data.sharing():  # a backup holds every client: never offered on a shared screen
    st.subheader("Backup")
    st.caption(
        "One zip of the whole store, every client included. Keep one somewhere safe each week: "
        "if the store file is ever damaged, the app offers to restore it."
    )
    downloads.store_backup(today=data.today())
