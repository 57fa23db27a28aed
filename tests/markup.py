"""Markup in names, and how to spot it: for the tests that text from data is shown as typed.

The hostile store (tests.hostile) fills free text; :func:`markup_names` also puts Markdown and
HTML into the names it leaves plain, so every page title, picker, chart label and tree node
carries some.
"""

from __future__ import annotations

import re

from coach.store import db
from tests.hostile import Hostile

# Markup that, unescaped in a Markdown body, makes the browser show an image or a link.
MARKDOWN_MARKUP = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\((?:http|www)|(?<!\\)<img|(?<!\\)<a\s")
# A bare web address, which GitHub-flavoured Markdown makes a link (looked for in the text as shown).
WEB_ADDRESS = re.compile(r"(?i)https?://|www\.")
# Pseudo-HTML that plotly turns into a link or an image in any string of a figure.
PLOTLY_MARKUP = re.compile(r"<a\s|<img", re.IGNORECASE)


def as_shown(markdown: str) -> str:
    """The text of a Markdown element as the browser shows it: data is drawn with every Markdown
    character backslash-escaped and a word joiner in web addresses (ui.text.plain); neither shows."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def live_markup(markdown: str) -> bool:
    """Whether a Markdown body would show an image, a link or an HTML tag."""
    return bool(MARKDOWN_MARKUP.search(markdown) or WEB_ADDRESS.search(re.sub(r"\\(.)", r"\1", markdown)))


def marked(what: str, n: object, beacon: str) -> str:
    """A name holding a Markdown image, an HTML link and a Markdown link, all to ``beacon``."""
    return f"{what} {n} ![{what}]({beacon}/{what}.png) <a href='{beacon}/{what}'>[Verify]({beacon}/v)</a>"


def markup_names(path: str, hostile: Hostile, *, beacon: str) -> None:
    """Put Markdown and HTML into the names the hostile store leaves plain: the seeker's own name
    (every page title), each career option's title, everyone in a referral (the referral tree) and
    every request's template (the outreach breakdown)."""

    with db.session(path) as conn:
        conn.execute(
            "UPDATE seeker SET name = ? WHERE id = ?", [marked("Maya", 0, beacon), hostile.seeker_id]
        )
        conn.execute(
            "UPDATE career_option SET title = ? || ' ' || id WHERE seeker_id = ?",
            [marked("option", "<b>x</b>", beacon), hostile.seeker_id],
        )
        conn.execute(
            "UPDATE contact SET last_name = ? WHERE seeker_id = ? AND id IN "
            "(SELECT referrer_id FROM referral UNION SELECT referred_id FROM referral)",
            [marked("ref", "<img src=x>", beacon), hostile.seeker_id],
        )
        conn.execute(
            "UPDATE outreach SET template = ? || (id % 3) WHERE seeker_id = ?",
            [marked("template", "", beacon), hostile.seeker_id],
        )
    hostile.seeker = marked("Maya", 0, beacon)
