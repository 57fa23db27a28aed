"""What may be shown on a shared screen: no e-mail addresses, phone numbers or private notes.

Applied to every table the app loads while screen-share mode is on, before
anything is drawn, so hidden values never reach the browser. With aliases on,
people are shown as "Contact 12 · Brightwave" instead of their names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from coach import redact


def scrub(text: Any, *, region: str = "US", known: frozenset[str] = frozenset()) -> Any:
    """Free text with e-mail addresses and phone numbers replaced by a note that they are hidden.

    See ``coach.redact.scrub``: ``region`` is the seeker's region for numbers
    written without a country code, ``known`` the contact's stored e-mails and phones.
    """
    return redact.scrub(text, region=region, known=known)


def alias(contact_id: Any, company: Any) -> str:
    """A person's stand-in name on a shared screen: "Contact 12 · Brightwave"."""
    where = company.strip() if isinstance(company, str) and company.strip() else ""
    return f"Contact {int(contact_id)}" + (f" · {where}" if where else "")


def _aliased(frame: pd.DataFrame, name_column: str, id_column: str) -> pd.Series:
    companies = frame["company"] if "company" in frame else pd.Series(None, index=frame.index, dtype=object)
    return pd.Series(
        [alias(i, c) for i, c in zip(frame[id_column], companies, strict=True)],
        index=frame.index,
        dtype=object,
    )


def _contacts(frame: pd.DataFrame, aliases: bool) -> pd.DataFrame:
    out = frame.assign(email=None, phone=None)
    if aliases:
        out["name"] = _aliased(out, "name", "id")
        out["first_name"] = out["name"]
        out["last_name"] = ""
        out["profile_url"] = None
    return out


def _with_contact(text_columns: tuple[str, ...]) -> Callable[[pd.DataFrame, bool], pd.DataFrame]:
    def hide(frame: pd.DataFrame, aliases: bool) -> pd.DataFrame:
        out = frame.copy()
        for column in text_columns:
            if column in out:
                out[column] = out[column].map(scrub)
        if aliases and "contact" in out:
            out["contact"] = _aliased(out, "contact", "contact_id")
        return out

    return hide


def _notes(frame: pd.DataFrame, aliases: bool) -> pd.DataFrame:
    shared = frame[~frame["private"].astype(bool)].copy()
    shared["body"] = shared["body"].map(scrub)
    return shared


def _referrals(frame: pd.DataFrame, aliases: bool) -> pd.DataFrame:
    if not aliases:
        return frame
    out = frame.copy()
    out["referrer"] = [alias(i, None) for i in out["referrer_id"]]
    out["referred"] = [alias(i, None) for i in out["referred_id"]]
    return out


_HIDERS: dict[str, Callable[[pd.DataFrame, bool], pd.DataFrame]] = {
    "contacts": _contacts,
    "notes": _notes,
    "outreach": _with_contact(("message",)),
    "meetings": _with_contact(("insights",)),
    "referrals": _referrals,
    "follow_ups": _with_contact(("title", "skip_reason")),
    "questions": _with_contact(("text",)),
}


def share_safe(name: str, value: Any, *, aliases: bool) -> Any:
    """A loaded table as it may be shown on a shared screen (unchanged if it holds nothing to hide)."""
    hide = _HIDERS.get(name)
    if hide is None or not isinstance(value, pd.DataFrame):
        return value
    return hide(value, aliases)
