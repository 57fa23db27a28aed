"""The one family of errors the store and the rules raise: each message says what to do.

Screens and commands catch :class:`StoreError` and show its message as it is (one line, no
traceback); anything else escaping is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class StoreError(Exception):
    """A problem with the store that the user can act on; the message says how."""


class StoreBusy(StoreError):
    """Another process holds the store file."""


class StoreInvalid(StoreError):
    """The file is not a store this version can use."""


class StoreDamaged(StoreInvalid):
    """The file is not a readable DuckDB database (damaged, truncated, or another program's)."""


class StoreMissing(StoreError):
    """The store file is not there, though files beside it (or this process) say a store was."""

    def __init__(self, message: str, *, kept: Sequence[Path] = ()) -> None:
        super().__init__(message)
        self.kept = list(kept)


class NotFound(StoreError):
    """A named thing (seeker, career option, ...) does not exist."""


class Invalid(StoreError):
    """A value was rejected before anything was written."""


class WriteConflict(StoreError):
    """Another save changed the same rows at the same moment, and kept doing so."""
