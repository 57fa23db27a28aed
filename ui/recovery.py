"""Ways forward from a store that cannot be used: unreadable, or gone from its path.

For an unreadable file: restore a backup, or set it aside and start anew. For a store that is
gone: put back a store kept beside it, restore a backup, or start a new store. None of them
deletes anything: an unreadable file is renamed and kept beside the new one, and a store that is
gone is never replaced without being asked.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import streamlit as st

from coach.demo import ensure_demo
from coach.output import export
from coach.store import db
from coach.store.db import Invalid, StoreError
from coach.wording import day, plural
from ui import chrome, data
from ui.text import plain

DONE_KEY = "recovery_done"

KINDS = {
    "replaced": "the store a restore replaced",
    "unreadable": "a store set aside as unreadable",
    "interrupted": "a store built by a restore that stopped",
    "restoring": "the store a restore was building (complete if the restore reached its last step)",
}


def offer(path: str) -> None:
    """Restore an uploaded backup over the damaged store, or set the store aside for a new one."""
    st.subheader("Ways forward")
    st.caption("The file stays exactly as it is until you pick one of these, and neither deletes it.")
    _restore(path, "The unreadable file is kept as {kept}.")
    with st.expander("No backup? Set the unreadable file aside and start a new store"):
        st.write(
            "The file is renamed and kept beside the new store (nothing is deleted), and the app "
            "starts again with the demo. Your data stays only in the renamed file."
        )
        if _sure("I understand: start a new store", "Set it aside and start anew"):
            try:
                kept = export.set_aside(path, "unreadable")
            except OSError as problem:
                st.error(plain(f"Could not rename {path}: {problem}"))
                return
            _start_anew(path, f"The unreadable file is kept as {kept}; this is a new store.")


def offer_missing(path: str, kept: list[Path]) -> None:
    """Put back a store kept beside the missing one, restore a backup, or start a new store."""
    st.subheader("Ways forward")
    st.caption("Nothing was created in its place, and none of these deletes a file.")
    for file in kept:
        kind = file.name.removeprefix(Path(path).name + ".").split("-", 1)[0]
        try:
            moment = datetime.fromtimestamp(file.stat().st_mtime)
            changed = f"{day(moment)} {moment:%H:%M}"
        except OSError:
            continue
        st.write(f"{plain(file.name)}: {KINDS.get(kind, 'a kept store')}, last changed {changed}.")
        if st.button(f"Put {plain(file.name)} back as the store", key=f"recovery_put_back_{file.name}"):
            try:
                export.put_back(file, path)
            except (Invalid, StoreError) as problem:
                st.error(plain(problem))
                return
            data.held(path)
            st.session_state[DONE_KEY] = f"{file.name} is the store again."
            st.rerun()
    _restore(path, "")
    with st.expander("Start a new store here instead"):
        st.write(
            f"A new store is made at {path}, with the demo to start from; files kept beside it stay "
            "as they are."
        )
        if _sure("I understand: start a new store", "Start a new store"):
            _start_anew(path, f"This is a new store at {path}.")


def _restore(path: str, kept_note: str) -> None:
    upload = st.file_uploader(
        "Restore a backup"
        + chrome.unless_shared(" (the .zip that Settings → Backup or `coach backup` makes)"),
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
                st.error(plain(problem))
                return
        data.held(path)
        note = " " + kept_note.format(kept=done.kept) if done.kept and kept_note else ""
        st.session_state[DONE_KEY] = (
            f"Restored {plural(done.seekers, 'job seeker')} from {upload.name}.{note}"
        )
        st.rerun()


def _sure(check: str, button: str) -> bool:
    sure = st.checkbox(check, key="recovery_sure")
    return st.button(button, disabled=not sure, key="recovery_fresh")


def _start_anew(path: str, message: str) -> None:
    try:
        with db.session(path, create="always"):
            pass
        ensure_demo(path, today=data.today())
    except StoreError as problem:
        st.error(plain(problem))
        return
    data.held(path)
    st.session_state[DONE_KEY] = message
    st.rerun()


def report() -> None:
    """Say what the last recovery did, once."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(plain(done))
