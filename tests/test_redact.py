"""Share mode's scrubber finds the phone numbers and e-mail addresses people really write, and only those.

Every case holds something an address-and-digits pattern gets wrong: a number
with odd separators or glued to words, a number in another region's format,
a hidden e-mail, or a date, time, reference or profile id that is no phone.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.rules import privacy, redact

E = "[e-mail hidden]"
P = "[phone hidden]"


def scrub(text: object, region: str = "US", known: frozenset[str] = frozenset()) -> object:
    return redact.scrub(text, region=region, known=known)


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # Separators and glue the matcher has to see through.
        ("555–123–4567", "US", P),
        ("555—123—4567", "US", P),
        ("call5551234567", "US", f"call{P}"),
        ("555-123-4567ext", "US", f"{P}ext"),
        ("555/123/4567", "US", P),
        ("555_123_4567", "US", P),
        ("555 • 123 • 4567", "US", P),
        ("Phone: 555-123-4567 ext. 22, mornings", "US", f"Phone: {P}, mornings"),
        # National formats of the seeker's region, and numbers the region does not know.
        ("portable06 12 34 56 78", "FR", f"portable{P}"),
        ("Portable : 06–12–34–56–78.", "FR", f"Portable : {P}."),
        ("Tel: 020 7946 0958x", "GB", f"Tel: {P}x"),
        ("Tel: 020 7946 0958x", "US", f"Tel: {P}x"),
        ("Office (020) 7946–0958 / mobile +44 7700_900123", "US", f"Office {P} / mobile {P}"),
        ("Tel (020) 7946 0958x (UK)", "US", f"Tel {P}x (UK)"),
        # Dates and times are never phone numbers.
        ("2026-01-05 10:30", "US", "2026-01-05 10:30"),
        ("Met 2026-01-05T10:30:00, call 555–123–4567", "US", f"Met 2026-01-05T10:30:00, call {P}"),
        ("Met 05/01/2026 10:30, call 555_123_4567", "GB", f"Met 05/01/2026 10:30, call {P}"),
        ("On 5 Jan 2026 at 10:30 call555/123/4567", "US", f"On 5 Jan 2026 at 10:30 call{P}"),
        ("Jan 5, 2026 09:15-10:00 2026-01-06", "US", "Jan 5, 2026 09:15-10:00 2026-01-06"),
        ("At Acme 2019-2024, then 2024–2026", "US", "At Acme 2019-2024, then 2024–2026"),
        ("2019 2020 2021 were busy", "US", "2019 2020 2021 were busy"),
        # Ordinary short numbers stay, next to a number that goes.
        ("10-20 minutes; 555–123–4567", "US", f"10-20 minutes; {P}"),
        ("Fit 4/5, 3B7, 12 people, 555/123/4567", "US", f"Fit 4/5, 3B7, 12 people, {P}"),
        # Amounts grouped in thousands next to a currency are not phones; a phone next to one is.
        ("Salary 120 000 – 150 000 €, or 555_123_4567", "FR", f"Salary 120 000 – 150 000 €, or {P}"),
        ("Budget $1 234 567; call 555–123–4567 $", "US", f"Budget $1 234 567; call {P} $"),
        # A profile address's digits are an id and an order number is a reference: neither is a phone.
        ("linkedin.com/in/jane-doe-123456789", "US", "linkedin.com/in/jane-doe-123456789"),
        (
            "https://www.linkedin.com/in/jane-doe-123456789/ or 555_123_4567",
            "US",
            f"https://www.linkedin.com/in/jane-doe-123456789/ or {P}",
        ),
        ("Order #123456789 shipped", "US", "Order #123456789 shipped"),
        ("https://wa.me/15551234567", "US", f"https://wa.me/{P}"),
        # E-mail addresses a plain pattern misses.
        ("ana\u200b.lopez@example.org", "US", E),
        ("mail ana.lopez@exa\u200cmple\u2060.org\ufeff today", "US", f"mail {E} today"),
        ("ana.lopez＠example.org", "US", E),
        ("ana (at) example (dot) com", "US", E),
        ("write to ana [at] example.com!", "US", f"write to {E}!"),
        # LinkedIn message bodies.
        (
            "Hi Ana — great to meet you on 05/01/2026 at 10:30. My cell is 555–123–4567, "
            "or ana\u200b@example.org.",
            "US",
            f"Hi Ana — great to meet you on 05/01/2026 at 10:30. My cell is {P}, or {E}.",
        ),
        (
            "Thanks! Free Tue 2026-01-06 14:00–14:30 (EST)? Otherwise text me: 555/123/4567",
            "US",
            f"Thanks! Free Tue 2026-01-06 14:00–14:30 (EST)? Otherwise text me: {P}",
        ),
    ],
)
def test_scrub_finds_what_people_write(text: str, region: str, expected: str) -> None:
    assert scrub(text, region) == expected


@pytest.mark.parametrize(
    ("known", "text", "expected"),
    [
        (frozenset({"5551234567"}), "ring 555_123_4567 or 555.123.45.67", f"ring {P} or {P}"),
        (
            frozenset({"555-123-4567"}),
            "Order #5551234567 on 2026-01-05 10:30",
            f"Order #{P} on 2026-01-05 10:30",
        ),
        (
            frozenset({"+1 555 123 4567"}),
            "linkedin.com/in/jane-5551234567 (2019-2024)",
            f"linkedin.com/in/jane-{P} (2019-2024)",
        ),
        (frozenset({"+44 20 7946 0958"}), "her desk: 20–7946–0958", f"her desk: {P}"),
        (frozenset({"Ana.Lopez@Example.org"}), "write ANA.LOPEZ @ EXAMPLE . ORG", f"write {E}"),
        (frozenset({"ana@example.org"}), "ana@exam\u200bple.org", E),
        (
            frozenset({"ana.lopez@example.org", "bo@example.org"}),
            "site . ana . lopez @ example . org . Thanks",
            f"site . {E} . Thanks",
        ),
    ],
)
def test_scrub_removes_the_contacts_stored_values(known: frozenset[str], text: str, expected: str) -> None:
    assert scrub(text, "US", known) == expected


def test_privacy_scrub_delegates_with_region_and_known() -> None:
    assert privacy.scrub("portable06 12 34 56 78", region="FR") == f"portable{P}"
    assert privacy.scrub("Order #5551234567", known=frozenset({"555 123 4567"})) == f"Order #{P}"
    assert privacy.scrub(["555–123–4567"]) == ["555–123–4567"]  # not text: unchanged


_SEPARATORS = ["-", "–", "—", "/", "_", "·"]


@st.composite
def phones(draw: st.DrawFn) -> str:
    area = draw(st.integers(200, 999))
    exchange = draw(st.integers(200, 999))
    line = draw(st.integers(0, 9999))
    sep = draw(st.sampled_from(_SEPARATORS))
    number = f"{area}{sep}{exchange}{sep}{line:04d}"
    prefix = draw(st.sampled_from(["", "call", "Tel:", "+1 ", "(m) "]))
    suffix = draw(st.sampled_from(["", "ext", "x", "."]))
    return prefix + number + suffix


@st.composite
def emails(draw: st.DrawFn) -> tuple[str, str]:
    """An e-mail address as written (zero-width characters or a fullwidth at sign inside) and as read."""
    local = draw(st.from_regex(r"[a-z][a-z0-9]{0,8}(?:[._+-][a-z0-9]{1,6})?", fullmatch=True))
    host = draw(st.from_regex(r"[a-z][a-z0-9]{0,10}\.(?:com|org|co\.uk|io)", fullmatch=True))
    plain = f"{local}@{host}"
    written = list(plain)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(1, len(written) - 1))
        written.insert(where, draw(st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])))
    at = written.index("@")
    written[at] = draw(st.sampled_from(["@", "＠"]))
    return "".join(written), plain


_WORDS = st.text(max_size=40)
_GAP = st.sampled_from([" ", "\n", ", ", ": ", " ("])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=300, deadline=None)
@given(
    before=_WORDS, gap1=_GAP, phone=phones(), gap2=_GAP, after=_WORDS, region=st.sampled_from(["US", "GB"])
)
def test_no_phone_survives_and_scrub_is_idempotent(
    before: str, gap1: str, phone: str, gap2: str, after: str, region: str
) -> None:
    text = before + gap1 + phone + gap2 + after
    out = scrub(text, region)
    assert isinstance(out, str)
    assert _digits(phone)[-10:] not in _digits(out)
    assert scrub(out, region) == out


@settings(max_examples=300, deadline=None)
@given(before=_WORDS, gap1=_GAP, email=emails(), gap2=_GAP, after=_WORDS)
def test_no_email_survives_and_scrub_is_idempotent(
    before: str, gap1: str, email: tuple[str, str], gap2: str, after: str
) -> None:
    written, plain = email
    out = scrub(before + gap1 + written + gap2 + after)
    assert isinstance(out, str)
    visible = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", out).replace("＠", "@")
    assert plain not in visible
    assert scrub(out) == out


_KNOWN = frozenset({"5551234567", "ana@example.org"})


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=200),
    cut=st.integers(0, 200),
    written=st.sampled_from(["555/123/4567", "555_123_4567", "(555) 123‑4567"]),
    region=st.sampled_from(["US", "GB", "FR", "DE", "XX"]),
)
def test_scrub_never_raises_and_is_idempotent_on_any_text(
    text: str, cut: int, written: str, region: str
) -> None:
    """Any text, with a contact's stored phone written somewhere in it, as people write it."""
    text = f"{text[:cut]} {written} {text[cut:]}"
    out = scrub(text, region, _KNOWN)
    assert isinstance(out, str)
    assert "5551234567" not in _digits(out)
    assert scrub(out, region, _KNOWN) == out


_DATE_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d %b %Y",
    "%b %d, %Y %H:%M",
    "%H:%M",
    "%Y/%m/%d",
]


@settings(max_examples=300, deadline=None)
@given(
    when=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2099, 12, 31)),
    formats=st.lists(st.sampled_from(_DATE_FORMATS), min_size=1, max_size=3),
    words=st.text(alphabet=st.characters(categories=["L", "Zs"]), max_size=20),
    region=st.sampled_from(["US", "GB", "FR"]),
)
def test_dates_and_times_are_never_touched(
    when: datetime, formats: list[str], words: str, region: str
) -> None:
    text = words + " " + " ".join(when.strftime(f) for f in formats) + " " + words
    assert scrub(text, region) == text
