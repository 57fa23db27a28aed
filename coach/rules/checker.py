"""The outreach message checker and the default request templates.

:func:`check_message` grades a draft request against DOMAIN.md, step 3: a
good request says how the seeker found the person, asks for information and
advice rather than a job, names a time limit of 10-20 minutes, offers a mode,
says when the seeker will follow up, and stays short. Everything here is pure
and deterministic, and accepts any text without raising.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass

SHORT_WORDS = 150
LONG_WORDS = 200
MIN_MINUTES = 10
MAX_MINUTES = 20
# The checks DOMAIN.md's etiquette list names for an outreach message.
ETIQUETTE_CHECKS = ("not_a_job", "time_limit", "length")
PLACEHOLDERS = (
    "first_name",
    "company",
    "position",
    "mutual_contact",
    "school",
    "association",
    "my_name",
    "field",
    "follow_up_day",
)

# fmt: off
TEMPLATES: dict[str, str] = {
    "mutual contact": (
        "Hi {first_name},\n\n"
        "{mutual_contact} suggested I reach out to you. I'm {my_name}, and I'm exploring a move into "
        "{field}. I'm not asking for a job: I'd value your advice and an honest picture of your work as "
        "{position} at {company}.\n\n"
        "Would you have 15 minutes for a phone or video call, or a coffee, in the next two weeks? "
        "Whatever suits you best.\n\n"
        "If I haven't heard back, I'll follow up on {follow_up_day}.\n\n"
        "Thank you,\n{my_name}"
    ),
    "alumni": (
        "Hi {first_name},\n\n"
        "I found you through the {school} alumni network. I'm {my_name}, a fellow graduate now "
        "researching {field}, and I'd love to hear how you got into it and what your role at {company} "
        "is like day to day.\n\n"
        "Could I ask you a few questions in a 20-minute call? Phone, video or coffee: whatever suits you.\n\n"
        "I'll check back on {follow_up_day} if I haven't heard from you. Thank you for considering it.\n\n"
        "Best wishes,\n{my_name}"
    ),
    "association": (
        "Hi {first_name},\n\n"
        "We're both members of {association}, which is how I found your name. I'm {my_name}; I'm exploring "
        "{field} and would value your perspective on the work at {company}.\n\n"
        "Could we have a 15-minute coffee or video call in the next few weeks? "
        "Happy to fit around your schedule.\n\n"
        "I'll follow up on {follow_up_day} in case this gets buried in your inbox.\n\n"
        "Many thanks,\n{my_name}"
    ),
    "cold": (
        "Hello {first_name},\n\n"
        "I came across your profile while researching {field}, and your path to {position} at {company} "
        "stood out. I'm {my_name}, and I'm trying to understand what the work is really like before I "
        "decide on my next step.\n\n"
        "I'm looking for advice, not a job. Would you have 15 minutes for a short phone or video call? "
        "Whichever suits you best.\n\n"
        "I'll follow up on {follow_up_day} if I haven't heard back.\n\n"
        "Thank you,\n{my_name}"
    ),
}
# fmt: on


@dataclass(frozen=True)
class Check:
    """One piece of advice: whether the draft follows it, and a sentence saying why."""

    name: str
    label: str
    passed: bool
    why: str


@dataclass(frozen=True)
class MessageCheck:
    """Every check on a draft, its word count and a score such as "5 of 7"."""

    checks: tuple[Check, ...]
    word_count: int

    @property
    def passed_count(self) -> int:
        """How many checks passed."""
        return sum(check.passed for check in self.checks)

    @property
    def score(self) -> str:
        """Checks passed out of checks made, as "5 of 7"."""
        return f"{self.passed_count} of {len(self.checks)}"

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(check.passed for check in self.checks)

    @property
    def etiquette_failures(self) -> tuple[Check, ...]:
        """Failed checks that DOMAIN.md lists as etiquette slips (job ask, no time limit, too long)."""
        return tuple(c for c in self.checks if c.name in ETIQUETTE_CHECKS and not c.passed)

    def get(self, name: str) -> Check | None:
        """The check called ``name``, if it was made."""
        return next((check for check in self.checks if check.name == name), None)


# --- patterns --------------------------------------------------------------

_I = re.IGNORECASE
_FOUND = [
    re.compile(p, _I)
    for p in (
        r"\breferred (?:me|by)\b",
        r"\b(?:suggested|recommended|mentioned|thought) (?:that )?(?:i|we) (?:should |might |could )?"
        r"(?:reach out|contact|get in touch|write|e-?mail|speak|talk|connect|ask|meet)",
        r"\bsuggested (?:reaching out|contacting|getting in touch|speaking|talking|connecting)",
        r"\b(?:gave|passed(?: along| on)?|shared|sent|forwarded) me your (?:name|details|contact|e-?mail)",
        r"\bpointed me (?:to|towards|in your direction)",
        r"\bintroduc(?:ed|tion)\b",
        r"\bmutual (?:friend|contact|connection|colleague|acquaintance)s?\b",
        r"\bfriend of (?:mine|yours)\b",
        r"\b(?:alumni|alumnus|alumna|alum)\b",
        r"\bfellow (?:graduate|member|alum\w*|student|attendee|speaker)",
        r"\b(?:we|you and i) (?:both )?(?:studied|went to|graduated)",
        r"\bwe(?:'re| are| were) both\b",
        r"\bmembers? of\b",
        r"\bassociation\b",
        r"\bmet (?:you )?(?:at|during|in|through)\b",
        r"\byour (?:talk|article|post|presentation|panel|podcast|book|session|keynote|webinar|interview"
        r"|paper|blog|newsletter|workshop|lecture|comment)s?\b",
        r"\b(?:came across|found|saw|read|heard|noticed|listened to|watched) (?:your|you)\b",
        r"\bthrough (?:the |our |a |my )?(?:\w+ ){0,3}?(?:network|group|community|directory|linkedin|meetup"
        r"|association|club|society|forum)\b",
    )
]
_NEGATION = re.compile(
    r"(?:\b(?:not|no|never|without|nor)\b|n't\b|rather than|instead of)[^.!?\n]{0,25}$", _I
)
_JOB = [
    re.compile(p, _I)
    for p in (
        r"(?<!your )(?<!their )(?<!his )(?<!her )\bjobs?\b(?! (?:titles?|descriptions?|search))",
        r"\bopenings?\b",
        r"\bvacanc(?:y|ies)\b",
        r"\bhiring\b(?! (?:manager|managers|process|practices|trends|freeze))",
        r"\b(?:resume|résumé|cv|curriculum vitae)s?\b",
        r"\brefer me\b",
        r"\bput in a (?:good )?word\b",
        r"\b(?:consider me|considered for|be considered)\b",
        r"\b(?:apply|applying|application) (?:for|to)\b",
        r"\b(?:any|open|available|vacant|entry[- ]level|junior)\s+(?:positions?|roles?)\b",
        r"\b(?:positions?|roles?)\s+(?:open|available|on your team|in your team|at your)\b",
    )
]
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "twenty five": 25,
    "thirty": 30, "forty": 40, "forty-five": 45, "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip
_NUMBER = r"(?:[0-9]{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_MINUTES = re.compile(
    rf"\b(?P<low>{_NUMBER})(?:\s*(?:-|–|—|to|or)\s*(?P<high>{_NUMBER}))?\s*-?\s*(?:minutes?|mins?)\b", _I
)
_HOURS = (
    (re.compile(r"\bquarter(?: of an?)?[- ]hour\b", _I), 15),
    (re.compile(r"\bhalf(?:[- ]an?)?[- ]hour\b", _I), 30),
    (re.compile(r"\b(?:two|2)(?:\s*-?\s*)hours?\b", _I), 120),
    (re.compile(r"\b(?:an?|one|1|full)(?:\s*-?\s*)hour\b|\bhour[- ]long\b", _I), 60),
)
_MODE = [
    re.compile(p, _I)
    for p in (
        r"\bcoffee\b",
        r"\b(?:phone|video|zoom|skype|facetime|webex|google meet|lunch|tea)\b",
        r"\bcalls?\b",
        r"\bin[- ]person\b",
        r"\b(?:whatever|whichever|however) (?:suits|works|you prefer|is easiest|is easier|is best"
        r"|is most convenient)",
    )
] + [re.compile(r"\b(?:MS |Microsoft )?Teams\b")]
_FOLLOW_UP = [
    re.compile(p, _I)
    for p in (
        r"\b(?:i'll|i will|i'd|i would|i shall|i plan to|i'm going to|i am going to|let me)\s+"
        r"(?:\w+\s+){0,2}?(?:follow[- ]?up|check (?:back|in)|touch base|circle back|reach out again"
        r"|get back in touch|be in touch|try (?:you )?again|call you|ping you|write again"
        r"|send (?:you )?a (?:quick |short )?(?:note|reminder|follow[- ]?up))",
        r"\bfollow(?:ing)?[- ]?up (?:again )?(?:on|next|in|by|at the|early|later|with you)\b",
    )
]
_SENTENCE_END = re.compile(r"[.!?;:\n]")
_BLANKS = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n\s*")
_WORD = re.compile(r"\w+(?:['\-.]\w+)*")
_LEFT_OVER = re.compile(r"\{[^{}\n]{0,40}\}|\[[a-z][a-z _]{0,38}\]")
_TEMPLATE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


# --- the checks ------------------------------------------------------------


def check_message(text: str, *, contact_name: str | None = None) -> MessageCheck:
    """Grade a draft request against DOMAIN.md's advice; with a name, also check it greets them.

    :param text: the draft, any text at all.
    :param contact_name: the person it is for; their first name should appear in it.
    """
    norm = _normalise(text if isinstance(text, str) else "")
    words = word_count(norm)
    checks = [
        _check_found(norm),
        _check_not_a_job(norm),
        _check_time_limit(norm),
        _check_mode(norm),
        _check_follow_up(norm),
        _check_length(words),
        _check_filled(norm),
    ]
    first = _normalise(contact_name).split()[:1] if isinstance(contact_name, str) else []
    if first:
        checks.append(_check_greeting(norm, first[0]))
    return MessageCheck(checks=tuple(checks), word_count=words)


def word_count(text: str) -> int:
    """Words in a text (runs of letters and digits, with inner apostrophes and hyphens)."""
    return len(_WORD.findall(text))


def _normalise(text: str) -> str:
    """NFKC, straight apostrophes, each blank run one space or newline: one spelling for the patterns."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return _NEWLINES.sub("\n", _BLANKS.sub(" ", text))


def _quote(text: str) -> str:
    """A matched phrase for a sentence, in quotes, cut short when long."""
    phrase = " ".join(text.split())
    return f"“{phrase[:60]}…”" if len(phrase) > 60 else f"“{phrase}”"


def _clause(text: str, match: re.Match[str]) -> str:
    """The match and the rest of its sentence, for quoting."""
    end = _SENTENCE_END.search(text, match.end())
    return text[match.start() : end.start() if end else len(text)]


def _first_match(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The earliest match of any pattern."""
    found = [m for m in (p.search(text) for p in patterns) if m is not None]
    return min(found, key=lambda m: m.start(), default=None)


def _check_found(text: str) -> Check:
    """Says how the seeker found the person."""
    match = _first_match(_FOUND, text)
    if match:
        why = f"Says how you found them: {_quote(_clause(text, match))}."
        return Check("found", "How you found them", True, why)
    why = (
        "Doesn't say how you found them; mention the mutual contact, alumni network, "
        "association, event, talk or article that led you to them."
    )
    return Check("found", "How you found them", False, why)


def _job_asks(text: str) -> list[re.Match[str]]:
    """Phrases that ask for a job, leaving out negated ones ("not a job")."""
    asks = []
    for pattern in _JOB:
        for match in pattern.finditer(text):
            if not _NEGATION.search(text, max(0, match.start() - 30), match.start()):
                asks.append(match)
    return sorted(asks, key=lambda m: m.start())


def _check_not_a_job(text: str) -> Check:
    """Asks for information and advice, not a job."""
    label = "Advice, not a job"
    asks = _job_asks(text)
    if not asks:
        return Check("not_a_job", label, True, "Asks for information and advice, not a job.")
    why = f"Reads like a job request ({_quote(asks[0][0])}); ask for information and advice instead."
    return Check("not_a_job", label, False, why)


def _minutes(text: str) -> list[tuple[int, str]]:
    """Every length of time the text asks for, in minutes, with the words that said it."""
    found = []
    for match in _MINUTES.finditer(text):
        values = [_number(match["low"]), _number(match["high"]) if match["high"] else 0]
        found.append((max(values), match[0]))
    rest = text
    for pattern, minutes in _HOURS:
        for match in pattern.finditer(rest):
            found.append((minutes, match[0]))
        rest = pattern.sub(lambda m: " " * len(m[0]), rest)
    return found


def _number(word: str) -> int:
    """A number written in digits or words."""
    key = " ".join(word.casefold().split())
    return int(key) if key.isascii() and key.isdigit() else _NUMBER_WORDS.get(key, 0)


def _check_time_limit(text: str) -> Check:
    """Names a time limit of 10-20 minutes."""
    label = "Time limit"
    asked = _minutes(text)
    if not asked:
        why = f"No time limit; ask for {MIN_MINUTES}–{MAX_MINUTES} minutes (e.g. “15 minutes”)."
        return Check("time_limit", label, False, why)
    minutes, words = max(asked)
    if minutes > MAX_MINUTES:
        why = f"Asks for {_quote(words)}, which is long; keep it to {MIN_MINUTES}–{MAX_MINUTES} minutes."
        return Check("time_limit", label, False, why)
    if minutes < MIN_MINUTES:
        span = f"{MIN_MINUTES}–{MAX_MINUTES}"
        why = f"Asks for {_quote(words)}, too short for a real conversation; ask for {span} minutes."
        return Check("time_limit", label, False, why)
    return Check("time_limit", label, True, f"Names a time limit: {_quote(words)}.")


def _check_mode(text: str) -> Check:
    """Offers a mode: coffee, a call, video, or their choice."""
    match = _first_match(_MODE, text)
    if match:
        return Check("mode", "Mode", True, f"Offers a mode: {_quote(match[0])}.")
    why = "Doesn't offer a mode; suggest coffee, a phone or video call, or let them choose."
    return Check("mode", "Mode", False, why)


def _check_follow_up(text: str) -> Check:
    """Says when the seeker will follow up."""
    match = _first_match(_FOLLOW_UP, text)
    if match:
        return Check(
            "follow_up", "Follow-up", True, f"Says you'll follow up: {_quote(_clause(text, match))}."
        )
    why = "Doesn't say when you'll follow up; add e.g. “I'll follow up next week if I haven't heard back.”"
    return Check("follow_up", "Follow-up", False, why)


def _check_length(words: int) -> Check:
    """Stays short: up to 150 words is good, up to 200 acceptable."""
    if words <= SHORT_WORDS:
        return Check("length", "Length", True, f"Short: {words} words.")
    if words <= LONG_WORDS:
        why = f"Acceptable: {words} words; under {SHORT_WORDS} reads faster."
        return Check("length", "Length", True, why)
    return Check("length", "Length", False, f"Long: {words} words; cut it to under {SHORT_WORDS}.")


def _check_filled(text: str) -> Check:
    """No template placeholder is left to fill."""
    match = _LEFT_OVER.search(text)
    if match:
        return Check("filled", "Placeholders", False, f"Fill in {_quote(match[0])} before sending.")
    return Check("filled", "Placeholders", True, "No placeholders left to fill.")


def _check_greeting(text: str, first_name: str) -> Check:
    """Uses the person's first name."""
    named = re.search(rf"(?<!\w){re.escape(first_name)}(?!\w)", text, _I) is not None
    if named:
        return Check("greeting", "Their name", True, f"Uses their name: {first_name}.")
    return Check("greeting", "Their name", False, f"Doesn't use their name; greet {first_name} by name.")


# --- templates -------------------------------------------------------------


def fill_template(template: str, values: Mapping[str, str], *, only: Collection[str] | None = None) -> str:
    """Fill ``{name}`` placeholders; a missing or blank value shows as "[name]" for the user to fill.

    Only plain ``{word}`` placeholders are replaced, in one pass: values are
    inserted as they are and never read as templates, and format specs,
    attribute access and ``{{`` are left alone.

    :param template: the text, e.g. one of :data:`TEMPLATES`.
    :param values: placeholder name to text, e.g. ``{"first_name": "Ana"}``.
    :param only: fill just these placeholders and leave every other one as it is.
    """

    def fill(match: re.Match[str]) -> str:
        if only is not None and match[1] not in only:
            return match[0]
        value = values.get(match[1])
        text = value.strip() if isinstance(value, str) else ""
        return text or f"[{match[1].replace('_', ' ')}]"

    return _TEMPLATE_FIELD.sub(fill, template)
