"""Ways forward from a store file that cannot be read: restore a backup, or set it aside and start anew.

Neither deletes anything: the unreadable file is renamed and kept beside the new one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from coach import export
from coach.db import Invalid, StoreError

DONE_KEY = "recovery_done"


def offer(path: str) -> None:
    """Restore an uploaded backup over the damaged store, or set the store aside for a new one."""
    st.subheader("Ways forward")
    st.caption("The file stays exactly as it is until you pick one of these, and neither deletes it.")
    upload = st.file_uploader(
        "Restore a backup (the .zip that Settings → Backup or `coach backup` makes)",
        type=["zip"],
        key="recovery_backup",
    )
    if upload is not None and st.button("Restore this backup", type="primary", key="recovery_restore"):
        with tempfile.TemporaryDirectory() as scratch:
            zipped = Path(scratch) / Path(upload.name).name
            zipped.write_bytes(upload.getvalue())
            try:
                done = export.restore(zipped, path, force=True)
            except (Invalid, StoreError) as problem:
                st.error(str(problem))
                return
        st.session_state[DONE_KEY] = (
            f"Restored {done.seekers} job seeker(s) from {upload.name}. "
            f"The unreadable file is kept as {done.kept}."
        )
        st.rerun()
    with st.expander("No backup? Set the unreadable file aside and start a new store"):
        st.write(
            "The file is renamed and kept beside the new store (nothing is deleted), and the app "
            "starts again with the demo. Your data stays only in the renamed file."
        )
        sure = st.checkbox("I understand: start a new store", key="recovery_sure")
        if st.button("Set it aside and start anew", disabled=not sure, key="recovery_fresh"):
            try:
                kept = export.set_aside(path, "unreadable")
            except OSError as problem:
                st.error(f"Could not rename {path}: {problem}")
                return
            st.session_state[DONE_KEY] = f"The unreadable file is kept as {kept}; this is a new store."
            st.rerun()


def report() -> None:
    """Say what the last recovery did, once."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)
