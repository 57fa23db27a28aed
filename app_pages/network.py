"""Network: how it grew, where people came from, and who led to whom."""

from datetime import timedelta

import streamlit as st

from coach.labels import label
from coach.wording import DATE_FORMAT
from ui import chrome, data, derived
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Network · {plain(seeker.name)}")
today = data.today()
growth, by_source, tree = derived.network(seeker, today)
if growth.empty:
    st.info("No contacts yet. Import a LinkedIn export or add contacts by hand to watch the network grow.")
    st.stop()

total = int(growth["cumulative"].iloc[-1])
recent = int(growth[growth["week"] > (today - timedelta(weeks=4)).isoformat()]["new"].sum())
people, added, referred, depth = st.columns(4)
people.metric("People in the network", total)
added.metric("Added in the last 4 weeks", recent)
referred.metric(
    "Met through referrals", len(tree.met - set(tree.roots)), help="People met who were referred."
)
depth.metric("Longest referral chain", tree.max_depth, help="How many introductions deep the tree goes.")

figure, tree_figure = derived.network_charts(seeker, today)
if figure is not None:
    st.plotly_chart(figure, key="network_growth")

sources_col, leads_col = st.columns(2)
with sources_col:
    st.subheader("Where people came from")
    st.dataframe(
        [
            {"Source": label(source), "People": count}
            for source, count in sorted(by_source.items(), key=lambda i: -i[1])
        ],
        hide_index=True,
    )
with leads_col:
    st.subheader("Conversations that led to new people")
    meetings = data.meetings(seeker.id).set_index("id")
    held_on = meetings["held_on"].dt.date
    leads = [
        {
            "Conversation with": meetings.at[m, "contact"],
            "On": held_on.at[m],
            "New people": n,
        }
        for m, n in sorted(tree.led_to.items(), key=lambda i: -i[1])
        if n > 0 and m in meetings.index
    ]
    if leads:
        st.dataframe(
            leads,
            hide_index=True,
            column_config={"On": st.column_config.DateColumn("On", format=DATE_FORMAT)},
        )
    else:
        st.caption("No conversation has led to a referral yet. Ask everyone: who else should I talk to?")

if tree_figure is None:  # the chart carries its own title: the heading only when there is no chart
    st.subheader("Who led to whom")
    st.caption("No referrals yet. Each referral given in a meeting shows up here.")
else:
    st.plotly_chart(tree_figure, key="network_tree")
