"""Importing what a user brings: a LinkedIn data export and a tracking spreadsheet.

Each importer plans first (reads, matches, computes the changes, writes nothing), so the
app can preview; :func:`apply` then writes a plan in one transaction and records it, and
:func:`undo_last` takes the latest import back as a whole. The Import screen and ``coach
import`` reach the importer of a file through :mod:`coach.importers.kinds`::

    plan = kinds.plan_file(conn, "export.zip", kind="linkedin", seeker_id=1, today=today)
    plan.counts, plan.rejected, plan.samples
    result = apply(conn, plan, accept_partial=False)
    undo_last(conn, seeker_id=1)
"""

from coach.importers.common import (
    DateOrderNeeded,
    ImportProblem,
    ImportResult,
    OwnerNeeded,
    Plan,
    Progress,
    Rejection,
    UndoSummary,
    undo_text,
)
from coach.importers.runs import apply, undo_last
from coach.store import list_imports

__all__ = [
    "DateOrderNeeded",
    "ImportProblem",
    "ImportResult",
    "OwnerNeeded",
    "Plan",
    "Progress",
    "Rejection",
    "UndoSummary",
    "apply",
    "list_imports",
    "undo_last",
    "undo_text",
]
