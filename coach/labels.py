"""Words for the stored codes, as a person reads them on screen."""

from __future__ import annotations

import pandas as pd

from coach.names import normalise_org

LABELS: dict[str, str] = {
    # channels and modes
    "email": "E-mail",
    "linkedin": "LinkedIn",
    "phone": "Phone",
    "letter": "Letter",
    "in_person": "In person",
    "other": "Other",
    "coffee": "Coffee",
    "video": "Video call",
    "their_choice": "Their choice",
    # warmth
    "inner_circle": "Inner circle",
    "shared_affiliation": "Shared affiliation",
    "referral": "Referral",
    "cold": "Cold",
    "unknown": "Unknown",
    # sources
    "alumni": "Alumni directory",
    "association": "Association",
    "event": "Event",
    # outcomes and statuses
    "agreed": "Agreed",
    "declined": "Declined",
    "replied": "Replied",
    "pending": "Pending",
    "responded": "Answered",
    "no_response": "No response",
    "exploring": "Exploring",
    "leaning": "Leaning",
    "chosen": "Chosen",
    "dropped": "Dropped",
    # sample-size warnings
    "red": "Red",
    "amber": "Amber",
    "ok": "Ok",
    # follow-up kinds
    "thank_you": "Thank-you",
    "nudge": "Nudge",
    "referral_loop": "Tell the referrer",
    "keep_in_touch": "Keep in touch",
    "next_contact": "Next contact",
    "action": "Action",
}


def label(code: object) -> str:
    """The readable word for a stored code; unknown codes read with spaces for underscores."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return ""
    text = str(code)
    return LABELS.get(text, text.replace("_", " "))


def labelled(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy of ``frame`` with the codes in ``columns`` replaced by their words."""
    out = frame.copy()
    for column in columns:
        out[column] = out[column].map(label)
    return out


# --- the sample-size warning, in one palette -------------------------------------
# Okabe–Ito colours (safe for colour-blind viewers): charts draw these, and the app's theme
# (.streamlit/config.toml: redColor, orangeColor, greenColor) gives Streamlit's red, orange and
# green badges and :color[] text the same three, so a badge, a bar and a table cell agree.
WARNING_COLOURS = {"red": "#D55E00", "amber": "#E69F00", "ok": "#009E73"}
WARNING_BADGES = {"red": "red", "amber": "orange", "ok": "green"}  # Streamlit's colour names
WARNING_NAMES = {"red": "Red: too few to judge", "amber": "Amber: a first view", "ok": "OK: a broad view"}


def warning_badge(level: str) -> str:
    """The warning as a Streamlit Markdown badge, e.g. ``:red-badge[Red: too few to judge]``."""
    return f":{WARNING_BADGES[level]}-badge[{WARNING_NAMES[level]}]"


def warning_text(level: str, text: str) -> str:
    """Text (already Markdown-safe) coloured as the warning's badge is, e.g. ``:red[…]``."""
    return f":{WARNING_BADGES[level]}[{text}]"


def with_company(name: object, company: object) -> str:
    """A person and where they work, "Ana Lopez · Acme"; the company once, even when the name
    already carries it (a shared screen's alias is "Contact 12 · Acme")."""
    who = "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name).strip()
    where = company.strip() if isinstance(company, str) else ""
    if not where or (" · " in who and _same_org(who.rsplit(" · ", 1)[-1], where)):
        return who
    return f"{who} · {where}" if who else where


def people_with_company(people: pd.DataFrame) -> dict[int, str]:
    """Contact ids to "Name · Company", for pickers (a table with ``id``, ``name``, ``company``)."""
    return dict(
        zip(people["id"].astype(int), map(with_company, people["name"], people["company"]), strict=True)
    )


def without_company(name: object, company: object) -> str:
    """A person's name for a table with a company column of its own: an alias's "· Acme" left out."""
    who = "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name)
    head, _, tail = who.rpartition(" · ")
    if head and isinstance(company, str) and company.strip() and _same_org(tail, company.strip()):
        return head
    return who


def beside_company(frame: pd.DataFrame, column: str = "contact") -> pd.DataFrame:
    """A copy of a table with a company column whose names leave the company to it (see without_company)."""
    names = [without_company(n, c) for n, c in zip(frame[column], frame["company"], strict=True)]
    return frame.assign(**{column: names})


def _same_org(a: str, b: str) -> bool:
    """Whether two company names are one organisation ("Acme" and "Acme Inc")."""
    return a.strip().casefold() == b.casefold() or (normalise_org(a) or a) == (normalise_org(b) or b)
