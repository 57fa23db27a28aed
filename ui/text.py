"""Showing text that came from imports or users: never as Markdown or HTML that runs.

Streamlit renders Markdown (and with it images, links and its own directives) in titles,
captions, alerts, toasts, widget labels and help, radio and segmented options, expander
and tab labels. A name like ``Down ![x](http://host/p.png)`` would make the browser fetch
that image. Every string a page builds from data is put into such an element through
:func:`plain`, which applies the screen-share filter first (``ui.data.shown``) and then
escapes every character Markdown or HTML could act on, so it is shown exactly as typed.

Elements that never render Markdown (``st.text``, ``st.code``, table cells, selectbox and
multiselect options, the value of a text box) take :func:`literal`: filtered, not escaped.
"""

from __future__ import annotations

import re

from ui import data

# Every ASCII punctuation character CommonMark lets a backslash escape that Markdown, GFM,
# HTML or Streamlit's own directives (":red[…]", ":material/icon:", "$math$") act on.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=])")


# GitHub-flavoured Markdown turns a bare web address into a link even when every character of it
# is escaped (it looks for them after escapes are read). An invisible word joiner after "http",
# "https" or "www" keeps the address text. (A bare e-mail address still becomes a mailto link: it
# opens the mail program when clicked and makes the browser load nothing.)
_WEB_ADDRESS = re.compile(r"(?i)(?:https?(?=:)|www(?=\.))")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Text with every Markdown and HTML character escaped, to show as typed (web addresses as text)."""
    return _MARKDOWN.sub(r"\\\1", _WEB_ADDRESS.sub(lambda m: m.group(0) + WORD_JOINER, text))


def plain(text: object) -> str:
    """Data text for an element that renders Markdown: share-filtered, then shown as typed.

    ``None`` is the empty string; other values are shown as ``str`` shows them.
    """
    return escape_markdown(data.shown(text))


def literal(text: object) -> str:
    """Data text for an element that shows text as is (``st.text``, options, cells): share-filtered."""
    return data.shown(text)
