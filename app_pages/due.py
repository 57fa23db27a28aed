"""Due: what to do now, what is coming up, and etiquette slips worth a word."""

from datetime import date, timedelta

import streamlit as st

from coach import followups, metrics, tracking
from coach.labels import label
from ui import chrome, data, derived
from ui.text import plain

seeker = chrome.require_seeker()
today = data.today()
cadence = followups.Cadence.from_seeker(seeker)
due = derived.due_items(seeker, today)
coming = derived.upcoming_items(seeker, today, 7)
outreach, meetings, referrals = (data.load(n, seeker.id) for n in ("outreach", "meetings", "referrals"))
SHOWN = 30  # a long list is shown a page at a time: the most overdue first

st.title(f"Due · {plain(seeker.name)}")
overdue = sum(1 for item in due if item.overdue_days > 0)
st.caption(
    f"{len(due)} to do as of {today:%a %d %b %Y}, {overdue} of them overdue · "
    f"{'3B7' if cadence.preset == '3b7' else 'default'} cadence (change it in Settings)."
)


def act(
    item: followups.DueItem, action: str, *, until: date | None = None, reason: str | None = None
) -> None:
    """Store what was done with an item and show the list again."""
    try:
        record = followups.record_for(item, action, on=today, until=until, reason=reason)
    except ValueError as problem:
        st.error(plain(problem))
        return
    if data.try_write(tracking.act_on_due, seeker.id, record):
        st.toast(f"{label(item.kind)}: {action}.")
        st.rerun()


if not due:
    st.success("Nothing is due. Time to send a request or two.")
pages = max(1, -(-len(due) // SHOWN))
page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="due_page") if pages > 1 else 1
for item in due[(page - 1) * SHOWN : page * SHOWN]:
    with st.container(border=True):
        text, when, done, snooze, skip = st.columns([7, 2, 1.2, 1.4, 1.2], vertical_alignment="center")
        text.markdown(f"**{label(item.kind)}** · {plain(item.title)}")
        if item.suggested_contact:
            text.caption(f"Suggested next: {plain(item.suggested_contact)}")
        if item.overdue_days > 0:
            when.markdown(f":red[{item.overdue_days} day{'s' if item.overdue_days != 1 else ''} overdue]")
        else:
            when.markdown("due today")
        if done.button("Done", key=f"due_done_{item.key}", width="stretch"):
            act(item, "done")
        with snooze.popover("Snooze", width="stretch"):
            until = st.date_input(
                "Until",
                value=today + timedelta(days=7),
                min_value=today + timedelta(days=1),
                key=f"due_until_{item.key}",
            )
            if st.button("Snooze", key=f"due_snooze_{item.key}"):
                act(item, "snoozed", until=until)
        with skip.popover("Skip", width="stretch"):
            reason = st.text_input("Why skip it?", key=f"due_reason_{item.key}")
            if st.button("Skip", key=f"due_skip_{item.key}"):
                act(item, "skipped", reason=reason)

left, right = st.columns(2)
with left:
    st.subheader("Coming up this week")
    if coming:
        st.dataframe(
            [{"Due": i.due_on, "What": label(i.kind), "Item": i.title} for i in coming],
            hide_index=True,
            column_config={"Due": st.column_config.DateColumn("Due", format="ddd D MMM")},
        )
    else:
        st.caption("Nothing falls due in the next 7 days.")
    upcoming = metrics.upcoming_meetings(meetings, as_of=today)
    st.subheader("Scheduled conversations")
    if upcoming.empty:
        st.caption("No conversation is scheduled.")
    else:
        st.dataframe(
            upcoming.assign(mode=upcoming["mode"].map(label)),
            hide_index=True,
            column_config={
                "contact": "Contact",
                "company": "Company",
                "held_on": st.column_config.DateColumn("On", format="ddd D MMM"),
                "mode": "Mode",
            },
        )
with right:
    st.subheader("Etiquette")
    flags = derived.etiquette_flags(seeker, today)
    if flags:
        st.dataframe(
            [{"On": f.on, "Contact": f.contact, "What": f.text} for f in flags],
            hide_index=True,
            column_config={"On": st.column_config.DateColumn("On", format="D MMM YYYY")},
        )
    else:
        st.caption("No slips: meetings kept to time, thank-yous sent, referrers told.")
    with st.form("due_action", clear_on_submit=True):
        st.markdown("**Add an action** (agreed in a session, say)")
        title = st.text_input("What")
        due_on = st.date_input("Due on", value=today + timedelta(days=7))
        if st.form_submit_button("Add action") and data.try_write(
            tracking.record_follow_up, seeker.id, {"kind": "action", "title": title, "due_on": due_on}
        ):
            st.rerun()
