"""Long lists shown a page at a time: how many pages, and which rows are on one."""

from __future__ import annotations


def page_count(total: int, size: int) -> int:
    """The pages ``total`` rows fill, ``size`` to a page: at least one, even for no row."""
    return max(1, -(-total // size))


def page_slice(page: int, size: int) -> slice:
    """The rows of page ``page`` (the first is 1), ``size`` to a page, as a slice of the whole list."""
    return slice((page - 1) * size, page * size)
