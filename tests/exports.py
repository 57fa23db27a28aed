"""LinkedIn-shaped exports for the tests, written where a test wants them: the project's own
generator (:mod:`coach.demo.sample_export`), which says what importing each export must find.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.demo.sample_export import linkedin_zip, person

__all__ = ["linkedin_export", "person"]


def linkedin_export(path: Path, **options: Any) -> Path:
    """Write the export :func:`coach.demo.sample_export.linkedin_zip` makes with ``options`` to ``path``
    (its folder created if need be) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(linkedin_zip(**options))
    return path
