"""The calm parts of the due screens: what was let go, and etiquette notes, each one collapsed line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from coach.labels import label
from coach.rules import followups
from coach.wording import DATE_FORMAT, plural
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
