"""Clients: the coach's overview of every job seeker, and adding, archiving or deleting one."""

import pandas as pd
import streamlit as st

from coach import store
from coach.store import reviews
from coach.wording import day
from ui import chrome, data

chrome.title("Clients")
today = data.today()
rows = data.seeker_overview(today)
st.caption(f"Every client as of {day(today)}. Never open this screen while sharing it.")


def delete_client(seeker_id: int) -> None:
    """Delete the client if the name typed matches (the button's callback: what was typed is read)."""
    data.save(reviews.delete_confirmed, seeker_id, typed_name=st.session_state["clients_delete_name"])


def add_client() -> None:
    """Store the new client (the button's callback, so leaving at once keeps them)."""
    form = st.session_state
    data.save(
        store.add_seeker,
        form["clients_add_name"],
        weekly_goal=int(form["clients_add_goal"]),
        allow_similar=form["clients_add_similar"],
    )


with st.expander("Add a client", expanded=not rows), st.form("clients_add", clear_on_submit=True):
    st.text_input("Name", key="clients_add_name")
    st.number_input("Requests to send each week", 0, 200, value=5, key="clients_add_goal")
    st.checkbox("Create it even if the name is close to an existing client's", key="clients_add_similar")
    st.form_submit_button("Add client", type="primary", on_click=add_client)

if not rows:
    st.info("No clients yet. Add one above.")
    st.stop()

table = pd.DataFrame(
    [
        {
            "id": r.seeker_id,
            "Client": r.name + (" (archived)" if r.archived else ""),
            "Last activity": day(r.last_activity),
            "Requests this week": f"{r.sent_this_week} of {r.goal}",
            "Response rate": f"{r.responded} of {r.closed}" if r.closed else "none closed",
            "Meetings this month": r.meetings_this_month,
            "Overdue": r.overdue,
            "Decided on red": r.red_decisions,
            "_archived": r.archived,
        }
        for r in rows
    ]
)
search, archived = st.columns([3, 1], vertical_alignment="bottom")
query = search.text_input("Filter by name", key="clients_filter")
show_archived = archived.checkbox("Show archived", key="clients_archived")
shown = table[table["Client"].str.contains(query, case=False, regex=False)]
if not show_archived:
    shown = shown[~shown["_archived"]]
st.dataframe(
    shown.drop(columns=["id", "_archived"]),
    hide_index=True,
    column_config={"Client": st.column_config.TextColumn("Client", width="medium")},
)

names = dict(zip(table["id"], table["Client"], strict=True))
picked = st.selectbox("Client", list(names), format_func=lambda i: names[i], key="clients_pick")
open_col, archive_col, delete_col = st.columns(3)
if open_col.button("Open this client", type="primary"):
    chrome.open_seeker(int(picked))
    st.switch_page("app_pages/home.py")
is_archived = bool(table.set_index("id").loc[picked, "_archived"])
archive_col.button(
    "Bring back" if is_archived else "Archive",
    on_click=data.save_on_click,
    args=(reviews.set_archived, int(picked), not is_archived),
)
with delete_col.popover("Delete with all data"):
    st.write(
        "This deletes the client and every contact, request, meeting and note of theirs. It cannot be undone."
    )
    st.text_input("Type the client's name to confirm", key="clients_delete_name")
    st.button(
        "Delete for good",
        type="primary",
        key="clients_delete",
        on_click=delete_client,
        args=(int(picked),),
    )

if any(s.is_demo for s in data.seekers()):
    with st.expander("Remove the demo data"):
        st.write("Deletes the two generated demo clients and everything of theirs; your own clients stay.")
        st.button(
            "Remove the demo",
            key="clients_remove_demo",
            on_click=data.save_on_click,
            args=(reviews.remove_demo,),
        )
