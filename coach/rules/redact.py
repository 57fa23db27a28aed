"""Finding the e-mail addresses and phone numbers people write in free text, to hide them.

Phone numbers are found by libphonenumber's matcher (the ``phonenumbers``
package) with the numbering plan of the seeker's region, after the text is
normalised so that the matcher sees separators it does not know (``_``, ``·``,
``~``) as dashes. A number the region's plan does not know is still hidden
when it is written the way phone numbers are (seven to fifteen digits in
groups): share mode fails closed. Dates, times, year ranges, ``#123`` style
references, the ids inside web addresses and amounts grouped in thousands next
to a currency ("$1 234 567") are never taken for phone numbers.

E-mail addresses are found also when zero-width characters are hidden inside
them, when they are written with a fullwidth ``＠``, or as ``name (at) host
(dot) com``. The contact's own stored e-mail addresses and phone numbers
(``known``) are removed wherever they appear, a phone with or without its
separators.

Pure functions, no Streamlit: ``scrub`` is cached, and text without an ``@``
and with fewer than six digits is returned at once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

__all__ = ["EMAIL_HIDDEN", "PHONE_HIDDEN", "scrub"]

EMAIL_HIDDEN = "[e-mail hidden]"
PHONE_HIDDEN = "[phone hidden]"

# Fewer digits than this cannot hold a phone number worth hiding: the matcher is not run.
MIN_PHONE_DIGITS = 6
# A stored phone with fewer digits than this is too short to be searched for verbatim.
MIN_KNOWN_DIGITS = 5

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Every dash people put between digits (hyphen, non-breaking hyphen, figure dash, en and em dash, minus...).
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
# What may stand between the digit groups of a phone number.
_GAP = rf"[\s{_DASHES}./]"
_DIGIT = re.compile(r"\d")
_AT_LEAST = {n: re.compile(rf"(?:\D*+\d){{{n}}}") for n in (MIN_PHONE_DIGITS, MIN_KNOWN_DIGITS)}

# What normalisation rewrites before e-mail addresses are searched for: zero-width
# characters go, a fullwidth at sign and bracketed "at"/"dot" become "@" and ".".
_REWRITE = re.compile(
    rf"(?P<zw>[{_ZERO_WIDTH}]+)"
    r"|(?P<at>＠|\s*[(\[{<]\s*at\s*[)\]}>]\s*)"
    r"|(?P<dot>．|\s*[(\[{<]\s*dot\s*[)\]}>]\s*)",
    re.IGNORECASE,
)
_MAY_HOLD_EMAIL = re.compile(r"[@＠]|[(\[{<]\s*at\s*[)\]}>]", re.IGNORECASE)

# Bounded as addresses are (64 characters before the "@", 63 in a label), so long text stays fast.
EMAIL = re.compile(r"(?<![\w.+'%-])[\w.+'%-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")

# Separators the matcher does not know, between digits: read as dashes.
_ODD_SEPARATOR = re.compile(r"(?<=\d)([ ]?)[_·•~*|\\]([ ]?)(?=\d)")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Dates, times and year ranges in ISO and common written forms: never phone numbers.
_NOT_A_PHONE = re.compile(
    r"(?<![\d+])(?:"
    # 2026-01-05, 2026/01/05, 2026.01.05, optionally with a time and a zone: 2026-01-05T10:30:00Z
    r"\d{4}([-/.])\d{1,2}\1\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    # 05/01/2026, 5.1.26, 05-01-2026
    r"|\d{1,2}([-/.])\d{1,2}\2(?:\d{4}|\d{2})"
    # 10:30, 10:30:00, 9:05pm
    r"|\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    # 2019-2024, 2019 – 24, 1999/2000
    r"|(?:19|20)\d{2}\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2})"
    # 5 Jan 2026, 5th January, 2026
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    # Jan 5, 2026
    rf"|(?<![a-z]){_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    # #123456789: a reference (an order, a ticket), not a number to call
    r"|(?<=#)\d[\d-]*"
    r")(?!\d)",
    re.IGNORECASE,
)
# A web address; the parts of it holding a letter are ids ("jane-doe-123456789"), not phones.
_URL = re.compile(r"(?:https?://|www\.|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/)\S*", re.IGNORECASE)
_URL_PART = re.compile(r"[^/?&=#:;,]+")
_LETTER = re.compile(r"[^\W\d_]")

# A number the region's plan may not know, written as phone numbers are: an optional
# country code, an optional (area) code, then groups of two or more digits.
_PHONE_SHAPED = re.compile(
    rf"(?<![\d+])(?:\+\s?\d{{1,3}}{_GAP}?)?(?:\(\d{{1,5}}\){_GAP}?)?\d{{2,}}(?:{_GAP}{{1,3}}\d{{2,}})*(?!\d)"
)
_MAX_PHONE_DIGITS = 15
_MIN_SHAPED_DIGITS = 7
# "2019 2020 2021": years in a row are not a phone number.
_YEARS = re.compile(rf"(?:(?:19|20)\d{{2}}{_GAP}{{0,3}})+")

# "$1 234 567", "120 000 – 150 000 €": amounts, not phone numbers.
_CURRENCY = r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR)\b)"
_CURRENCY_BEFORE = re.compile(rf"{_CURRENCY}\s?$")
_CURRENCY_AFTER = re.compile(rf"\s?{_CURRENCY}")
_AMOUNT = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+"
_THOUSANDS = re.compile(rf"{_AMOUNT}(?:\s?[-–—]\s?[$€£¥₹]?{_AMOUNT})?")

_BLOCK = "|"
# Digits kept together by at most three characters that are not letters: where a phone number can be.
_DIGIT_RUN = re.compile(r"\d(?:[\W_]{0,3}\d)*")


def scrub(text: object, *, region: str = "US", known: frozenset[str] = frozenset()) -> object:
    """Free text with its e-mail addresses and phone numbers replaced by "[e-mail hidden]"/"[phone hidden]".

    ``region`` is the seeker's region (ISO 3166 code such as "US", "GB", "FR"):
    numbers written without a country code are read with its numbering plan.
    ``known`` holds the contact's stored e-mail addresses and phone numbers,
    removed wherever they appear. Anything that is not a ``str`` is returned
    unchanged.
    """
    if not isinstance(text, str) or not text:
        return text
    if not _may_hold_contact(text, MIN_KNOWN_DIGITS if known else MIN_PHONE_DIGITS):
        return text
    return _scrub(text, region.upper(), known)


def _may_hold_contact(text: str, digits: int) -> bool:
    """Whether ``text`` has an at sign (of any form) or at least ``digits`` digits: most text has neither."""
    if "@" in text or "＠" in text:
        return True
    if ("(" in text or "[" in text or "{" in text or "<" in text) and _MAY_HOLD_EMAIL.search(text):
        return True
    return _AT_LEAST[digits].match(text) is not None


@lru_cache(maxsize=1 << 17)
def _scrub(text: str, region: str, known: frozenset[str]) -> str:
    plain, origin = _normalised(text)
    spans: list[tuple[int, int, str]] = []
    if "@" in plain:
        spans.extend((m.start(), m.end(), EMAIL_HIDDEN) for m in EMAIL.finditer(plain))
    if known:
        stored = _known(known)
        if stored.emails and "@" in plain:
            spans.extend((start, end, EMAIL_HIDDEN) for start, end in _known_emails(plain, stored.emails))
        if stored.phones:
            spans.extend((start, end, PHONE_HIDDEN) for start, end in _known_phones(plain, stored))
    if _AT_LEAST[MIN_PHONE_DIGITS].match(plain):
        spans.extend((start, end, PHONE_HIDDEN) for start, end in _phones(plain, region))
    if not spans:
        return text
    return _replaced(text, [(origin[s], origin[e], word) for s, e, word in spans])


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text as e-mail and phone patterns read it, and where each of its characters starts in ``text``.

    ``origin`` has one entry more than the normalised text: the end of the last character.
    """
    if _REWRITE.search(text) is None:
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for match in _REWRITE.finditer(text):
        out.append(text[at : match.start()])
        origin.extend(range(at, match.start()))
        kind = match.lastgroup
        if kind == "at":
            out.append("@")
            origin.append(match.start())
        elif kind == "dot":
            out.append(".")
            origin.append(match.start())
        at = match.end()
    out.append(text[at:])
    origin.extend(range(at, len(text) + 1))
    return "".join(out), origin


def _phones(plain: str, region: str) -> list[tuple[int, int]]:
    """Where phone numbers are in ``plain``: the matcher's finds, then phone-shaped runs it passed over."""
    seen = _masked(plain)
    if not any(len(_DIGIT.findall(run[0])) >= MIN_PHONE_DIGITS for run in _DIGIT_RUN.finditer(seen)):
        return []  # the digits were dates, times, ids or numbers too far apart to be one phone
    found: list[tuple[int, int]] = []
    extra: list[tuple[int, int]] = []
    try:
        matches = PhoneNumberMatcher(seen, region, leniency=Leniency.POSSIBLE)
        found = [(m.start, m.end) for m in matches if not _money(seen, m.start, m.end)]
    except Exception:  # a region the library does not know: the fallback below still applies
        found = []
    # A phone-shaped run the matcher took only part of ("(020) 7946" of "(020) 7946–0958") goes whole;
    # one it passed over goes when it has a phone's count of digits.
    for run in _PHONE_SHAPED.finditer(seen):
        start, end = run.span()
        if any(s < end and start < e for s, e in found):
            extra.append((start, end))
            continue
        digits = len(_DIGIT.findall(run[0]))
        if (
            _MIN_SHAPED_DIGITS <= digits <= _MAX_PHONE_DIGITS
            and not _YEARS.fullmatch(run[0])
            and not _money(seen, start, end)
        ):
            extra.append((start, end))
    return found + extra


def _money(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an amount: digits grouped in thousands, by a currency sign or code."""
    if not _THOUSANDS.fullmatch(text, start, end):
        return False
    return bool(_CURRENCY_BEFORE.search(text, max(0, start - 5), start) or _CURRENCY_AFTER.match(text, end))


def _masked(plain: str) -> str:
    """``plain`` with dates, times, references and web-address ids blocked out, odd separators as dashes.

    The same length as ``plain``, so positions carry over.
    """
    seen = _ODD_SEPARATOR.sub(lambda m: m[1] + "-" + m[2], plain)
    seen = _NOT_A_PHONE.sub(_blocked, seen)
    if "/" in seen or "www." in seen.lower():
        seen = _URL.sub(lambda url: _URL_PART.sub(_ids_blocked, url[0]), seen)
    return seen


def _blocked(match: re.Match[str]) -> str:
    return _BLOCK * len(match[0])


def _ids_blocked(part: re.Match[str]) -> str:
    return _BLOCK * len(part[0]) if _LETTER.search(part[0]) else part[0]


class _Known(NamedTuple):
    """A contact's stored values, as looked up in text: e-mails lowercased, phones as their digits."""

    emails: frozenset[str]
    phones: frozenset[str]
    lengths: tuple[int, ...]


# Where a stored e-mail may be written with spaces around its "@" and dots: "ana . lopez @ example . org".
_LOOSE_EMAIL = re.compile(
    r"[\w+'%-]{1,64}(?:\s?\.\s?[\w+'%-]{1,64}){0,8}\s{0,3}@\s{0,3}[\w-]{1,63}(?:\s{0,3}\.\s{0,3}[\w-]{1,63}){1,8}"
)
_SPACES = re.compile(r"\s+")
# Digits with at most three separators between them: where a stored phone may be written.
_PHONE_RUN = re.compile(rf"\d(?:[\s{_DASHES}./_()·•~]{{0,3}}\d)*")


@lru_cache(maxsize=64)
def _known(known: frozenset[str]) -> _Known:
    emails: set[str] = set()
    phones: set[str] = set()
    for value in known:
        if not isinstance(value, str) or not value.strip():
            continue
        value = _normalised(value.strip())[0]
        if "@" in value:
            emails.add(_SPACES.sub("", value).lower())
            continue
        phones.update(digits for digits in _phone_digits(value) if len(digits) >= MIN_KNOWN_DIGITS)
    return _Known(frozenset(emails), frozenset(phones), tuple(sorted({len(p) for p in phones})))


def _known_emails(plain: str, emails: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``plain`` holds one of ``emails``, also with spaces around its "@" and dots."""
    found = []
    for match in _LOOSE_EMAIL.finditer(plain):
        text = match[0]
        at = text.index("@")
        local = [m.span() for m in re.finditer(r"[^\s.]+", text[:at])]
        domain = [
            (at + 1 + a, at + 1 + b) for a, b in (m.span() for m in re.finditer(r"[^\s.]+", text[at + 1 :]))
        ]
        hit = next(
            (
                (first[0], last[1])
                for first in local
                for last in reversed(domain[1:])
                if _SPACES.sub("", text[first[0] : last[1]]).lower() in emails
            ),
            None,
        )
        if hit is not None:
            found.append((match.start() + hit[0], match.start() + hit[1]))
    return found


def _known_phones(plain: str, known: _Known) -> list[tuple[int, int]]:
    """Where ``plain`` holds one of the stored phones' digits, with any separators, as whole digit groups."""
    found = []
    for run in _PHONE_RUN.finditer(plain):
        where = [run.start() + i for i, char in enumerate(run[0]) if char.isdigit()]
        if len(where) < known.lengths[0]:
            continue
        digits = "".join(plain[i] for i in where)
        # A stored number starts and ends where a digit group does.
        edges = {0, len(where)} | {k for k in range(1, len(where)) if where[k] != where[k - 1] + 1}
        for first in sorted(edges):
            for length in known.lengths:
                last = first + length
                if last in edges and digits[first:last] in known.phones:
                    start = where[first] - (1 if where[first] > 0 and plain[where[first] - 1] == "+" else 0)
                    found.append((start, where[last - 1] + 1))
    return found


def _phone_digits(value: str) -> set[str]:
    """The digits of a stored phone number, and its national number alone when it has a country code."""
    digits = "".join(_DIGIT.findall(value))
    out = {digits} if digits else set()
    if value.lstrip().startswith("+"):
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return out
        national = phonenumbers.national_significant_number(number)
        if national:
            out.add(national)
    return out


def _replaced(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each span replaced by its word; overlapping spans become one, the earliest word kept."""
    spans.sort(key=lambda span: (span[0], -span[1]))
    merged: list[tuple[int, int, str]] = []
    for start, end, word in spans:
        if merged and start < merged[-1][1]:
            first, last, kept = merged[-1]
            merged[-1] = (first, max(last, end), kept)
        else:
            merged.append((start, end, word))
    out: list[str] = []
    at = 0
    for start, end, word in merged:
        out.append(text[at:start])
        out.append(word)
        at = end
    out.append(text[at:])
    return "".join(out)
