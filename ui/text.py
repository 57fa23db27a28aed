"""Showing text that came from imports or users: never as Markdown or HTML that runs."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def escape_markdown(text: str) -> str:
    """Text with every Markdown and HTML character escaped, to show as typed."""
    return _MARKDOWN.sub(r"\\\1", text)
