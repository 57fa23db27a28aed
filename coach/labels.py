"""Words for the stored codes, as a person reads them on screen."""

from __future__ import annotations

import pandas as pd

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
