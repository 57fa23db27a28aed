"""Download buttons whose files are made only when clicked, respecting screen-share mode."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from coach import store
from coach.output import export
from coach.store import db
from ui import data


def weekly_report(seeker_id: int, *, week: date, today: date) -> None:
    """A button that downloads the week's standalone HTML report."""
    path, share = data.store_path(), data.sharing()

    def build() -> str:
        with db.session(path) as conn:
            who = store.get_seeker(conn, seeker_id)
            return export.weekly_report_html(conn, who, week=week, today=today, share=share)

    st.download_button(
        "Download report",
        data=build,
        file_name=f"weekly-report-{week:%Y-%m-%d}.html",
        mime="text/html",
        key="home_download_report",
        help="One file with the numbers and charts; it opens in any browser without a network.",
    )


def table_csv(frame: pd.DataFrame, *, label: str, file_name: str, key: str) -> None:
    """A button that downloads a table as spreadsheet-safe CSV (the table as shown, so share-safe)."""
    st.download_button(
        label, data=lambda: export.csv_text(frame), file_name=file_name, mime="text/csv", key=key
    )


def store_backup(*, today: date) -> None:
    """A button that downloads a backup of the whole store (every client), made when clicked."""
    path = data.store_path()

    def build() -> bytes:
        with tempfile.TemporaryDirectory() as scratch:
            return export.backup(path, Path(scratch) / "backup.zip").read_bytes()

    st.download_button(
        "Download a backup",
        data=build,
        file_name=f"coach-backup-{today:%Y-%m-%d}.zip",
        mime="application/zip",
        key="settings_backup",
        help="Every client's data in one zip; restore it with `coach restore` or from the screen the "
        "app shows if the store file is ever damaged.",
    )
