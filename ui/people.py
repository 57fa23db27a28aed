"""The Find people screen's parts: whom to ask next about each career option, each option's targets
and keywords, and who the seeker knows at an organisation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from coach import vocabulary
from coach.importers import ImportProblem
from coach.importers.tracker_sheet import read_names
from coach.labels import label, labelled, warning_badge
from coach.names import normalise_org
from coach.rules.evidence import OptionEvidence
from coach.rules.suggest import LEVELS, Suggestion, split_keywords
from coach.seeker import Seeker
from coach.store import targets as target_store
from coach.wording import EMPTY, cells, day, plural, text
from ui import data, derived
from ui.ask import ask_button
from ui.text import literal, plain

FIRST_SHOWN = 5  # people listed per option at first; "Show more" lists as many again
COMPANIES_OFFERED = 500  # the organisations most contacts work at, offered to pick from
SAID_KEY = "people_said"  # what the last import or pick of targets added and skipped, said once
DECISIONS_PAGE = "app_pages/decisions.py"


def _people(count: int) -> str:
    return plural(count, "person", "people")


def aimed_at(options: Sequence[Mapping[str, Any]], targets: pd.DataFrame) -> bool:
    """Whether any of the options has a target organisation or a keyword to find people by."""
    ids = {int(o["id"]) for o in options}
    return any(split_keywords(o.get("keywords")) for o in options) or bool(
        targets["career_option_id"].isin(ids).any()
    )


# --- suggestions ----------------------------------------------------------------------


def no_option(*, decided: bool) -> None:
    """The Suggestions section with no undecided option: what to do first, and the way to Decisions."""
    if decided:
        st.info(
            "Every career option is chosen or dropped, so nobody is suggested. "
            "Add a career option on Decisions to explore another."
        )
    else:
        st.info(
            "No career options yet. Add a career option on Decisions; then give it target "
            "organisations or keywords below, and the people to ask about it are listed here."
        )
    st.page_link(DECISIONS_PAGE, label="Decisions: add a career option", icon=":material/balance:")


def option_filter(options: Sequence[Mapping[str, Any]]) -> int | None:
    """The undecided option whose suggestions are shown; None for all of them."""
    titles = {int(o["id"]): str(o["title"]) for o in options}
    place, _ = st.columns([1, 2])
    picked: int | None = place.selectbox(
        "Suggestions for",
        [None, *titles],
        format_func=lambda i: "All options" if i is None else literal(titles[i]),
        key="people_option",
    )
    return picked


def suggestion_lists(
    found: Sequence[Suggestion],
    options: Sequence[Mapping[str, Any]],
    evidences: Sequence[OptionEvidence],
    targets: pd.DataFrame,
    *,
    picked: int | None,
    seeker: Seeker,
    today: date,
) -> None:
    """The people to ask per undecided option, red warnings first, each with the reasons and an Ask
    button; what to do when nobody is suggested."""
    chosen = [o for o in options if picked is None or int(o["id"]) == picked]
    shown = [s for s in found if picked is None or s.option_id == picked]
    if not shown:
        if not aimed_at(chosen, targets):
            st.info(
                "No target organisations or keywords yet. Add target organisations or keywords below: "
                "people who work at a target, or whose position or company mentions a keyword, are "
                "suggested here."
            )
        else:
            st.info(
                "Nobody matches yet: everyone at these targets or with these keywords was asked or met "
                "lately, is waiting for an answer or declined. Add more target organisations or "
                "keywords below, or import more contacts."
            )
        return
    by_option: dict[int, list[Suggestion]] = {}
    for suggestion in shown:
        by_option.setdefault(suggestion.option_id, []).append(suggestion)
    st.caption(
        f"{plural(len(shown), 'suggestion')} for {plural(len(by_option), 'career option')} as of "
        f"{day(today)}: people not asked or met in the last {plural(seeker.keep_in_touch_days, 'day')}, "
        "with no request waiting for an answer and none declined. Options with a red warning come first."
    )
    warnings = {e.option_id: e.warning for e in evidences}
    first_seen = {option_id: place for place, option_id in enumerate(by_option)}

    def order(option: Mapping[str, Any]) -> tuple[int, int, str]:
        option_id = int(option["id"])
        level = warnings.get(option_id, "red")
        return (
            first_seen.get(option_id, len(first_seen)),
            LEVELS.index(level),
            str(option["title"]).casefold(),
        )

    for option in sorted(chosen, key=order):
        option_id = int(option["id"])
        _option_list(option, by_option.get(option_id, []), warnings.get(option_id, "red"), targets)


def _option_list(
    option: Mapping[str, Any], people: Sequence[Suggestion], warning: str, targets: pd.DataFrame
) -> None:
    """One option's people to ask, the first few and a button to list more."""
    option_id = int(option["id"])
    limit = int(st.session_state.get(f"people_shown_{option_id}", FIRST_SHOWN))
    listed = people[:limit]
    st.markdown(f"#### {plain(option['title'])}")
    if not people:
        st.markdown(f"{warning_badge(warning)} · nobody to suggest")
        reason = (
            "Its targets and keywords find nobody not asked or met lately: add more below."
            if aimed_at([option], targets)
            else "No target organisations or keywords yet: add them below."
        )
        st.caption(reason)
        return
    more = f", the first {len(listed)} listed" if len(listed) < len(people) else ""
    st.markdown(f"{warning_badge(warning)} · {_people(len(people))} to ask{more}")
    for suggestion in listed:
        who, why, ask = st.columns([3, 6, 1], vertical_alignment="center")
        company = plain(suggestion.company) if suggestion.company else EMPTY
        who.markdown(f"**{plain(suggestion.contact)}**  \n{company} · {label(suggestion.warmth)}")
        why.caption(" ".join(plain(reason) for reason in suggestion.reasons))
        ask_button(
            "Ask",
            suggestion.contact_id,
            suggestion.option_id,
            key=f"people_ask_{option_id}_{suggestion.contact_id}",
            place=ask,
        )
    left = len(people) - len(listed)
    if left:
        st.button(
            f"Show {min(FIRST_SHOWN, left)} more ({_people(left)} not listed yet)",
            key=f"people_more_{option_id}",
            on_click=_show_more,
            args=(option_id, limit),
        )


def _show_more(option_id: int, limit: int) -> None:
    st.session_state[f"people_shown_{option_id}"] = limit + FIRST_SHOWN


# --- targets and keywords -------------------------------------------------------------


def targets_and_keywords(
    seeker_id: int,
    options: Sequence[Mapping[str, Any]],
    targets: pd.DataFrame,
    companies: pd.DataFrame,
    *,
    today: date,
) -> None:
    """Pick an option; edit its keywords, list its targets with a remove button each, add targets by
    hand, from the contacts' companies or from a one-column file."""
    if not options:
        st.caption("Add a career option on Decisions first; its targets and keywords are kept here.")
        return
    said = st.session_state.pop(SAID_KEY, None)
    if said:
        st.success(plain(said))
    undecided_first = sorted(options, key=lambda o: o["status"] not in vocabulary.UNDECIDED)
    titles = {int(o["id"]): str(o["title"]) for o in undecided_first}
    option_id: int = st.selectbox(
        "Career option", list(titles), format_func=lambda i: literal(titles[i]), key="people_targets_option"
    )
    option = next(o for o in options if int(o["id"]) == option_id)
    _keywords(seeker_id, option)
    held = targets[targets["career_option_id"] == option_id]
    st.markdown(f"**{plural(len(held), 'target organisation')}**")
    if held.empty:
        st.caption("People who work at a target are suggested for the option. Add the first one below.")
    for row in held.itertuples(index=False):
        name_col, added_col, remove_col = st.columns([4, 2, 1], vertical_alignment="center")
        name_col.text(literal(row.name))
        added_col.caption(f"added {day(row.added_on)}")
        remove_col.button(
            "Remove",
            key=f"people_remove_{row.id}",
            on_click=data.save_on_click,
            args=(target_store.remove_target, seeker_id, option_id, str(row.name)),
            kwargs={"done": f"Removed {row.name} from the targets of {titles[option_id]}."},
        )
    by_hand, from_contacts = st.columns(2)
    with by_hand:
        _add_by_hand(seeker_id, option_id, today)
    with from_contacts:
        _add_from_companies(seeker_id, option_id, held, companies, today)
    _import_list(seeker_id, option_id, today)


def _keywords(seeker_id: int, option: Mapping[str, Any]) -> None:
    option_id = int(option["id"])
    words, save = st.columns([5, 1], vertical_alignment="bottom")
    words.text_input(
        "Keywords (field and role words, comma-separated)",
        value=str(option.get("keywords") or ""),
        placeholder="ESG, sustainability",
        key=f"people_keywords_{option_id}",
        help="A person whose position or company mentions one of them, as a whole word, is suggested.",
    )
    save.button(
        "Save keywords", key="people_keywords_save", on_click=_save_keywords, args=(seeker_id, option_id)
    )
    count = len(split_keywords(option.get("keywords")))
    st.caption(f"{plural(count, 'keyword')} saved." if count else "No keywords saved yet.")


def _save_keywords(seeker_id: int, option_id: int) -> None:
    key = f"people_keywords_{option_id}"
    if data.save(
        target_store.set_keywords, seeker_id, option_id, st.session_state[key], done="Keywords saved."
    ):
        st.session_state.pop(key, None)  # the box shows them as stored: tidied


def _add_by_hand(seeker_id: int, option_id: int, today: date) -> None:
    st.text_input("Add an organisation", placeholder="Acme", key="people_add_name")
    st.button("Add target", key="people_add", on_click=_add_target, args=(seeker_id, option_id, today))


def _add_target(seeker_id: int, option_id: int, today: date) -> None:
    name = str(st.session_state.get("people_add_name") or "")
    done = f"Added {target_store.display_name(name)} as a target."
    if data.save(target_store.add_target, seeker_id, option_id, name, today=today, done=done):
        st.session_state.pop("people_add_name", None)


def _add_from_companies(
    seeker_id: int, option_id: int, held: pd.DataFrame, companies: pd.DataFrame, today: date
) -> None:
    taken = {normalise_org(name) for name in held["name"]}
    free = pd.Series([normalise_org(name) not in taken for name in companies["organisation"]], dtype=bool)
    offered = companies[free.to_numpy()].head(COMPANIES_OFFERED)
    counts = dict(zip(offered["organisation"], offered["contacts"], strict=True))
    key = f"people_companies_{option_id}"
    picked = st.multiselect(
        "Add from your contacts' companies",
        list(counts),
        format_func=lambda name: literal(f"{name} ({_people(int(counts[name]))})"),
        placeholder="Pick organisations" if counts else "Every company of your contacts is a target",
        key=key,
    )
    if len(companies) > COMPANIES_OFFERED:
        st.caption(
            f"The {COMPANIES_OFFERED} companies most of your contacts work at, of "
            f"{plural(len(companies), 'company')}; add any other by hand."
        )
    st.button(
        f"Add {plural(len(picked), 'target')}" if picked else "Add targets",
        disabled=not picked,
        key="people_companies_add",
        on_click=_add_many,
        args=(seeker_id, option_id, key, today),
    )


def _add_many(seeker_id: int, option_id: int, key: str, today: date) -> None:
    names = list(st.session_state.get(key) or [])
    written, result = data.attempt(target_store.import_targets, seeker_id, option_id, names, today=today)
    if written:
        st.session_state.pop(key, None)
        st.session_state[SAID_KEY] = added_line(result)


def _import_list(seeker_id: int, option_id: int, today: date) -> None:
    key = f"people_import_{option_id}_{st.session_state.get('people_import_round', 0)}"
    upload = st.file_uploader(
        "Import a list of organisations (CSV or XLSX, one per row in one column)",
        type=["csv", "xlsx"],
        key=key,
        help='A header such as "Organisation" or "Company" is fine. Organisations already there are skipped.',
    )
    st.button(
        "Import the list",
        disabled=upload is None,
        key="people_import_go",
        on_click=_import_file,
        args=(seeker_id, option_id, key, today),
    )


def _import_file(seeker_id: int, option_id: int, key: str, today: date) -> None:
    upload = st.session_state.get(key)
    if upload is None:
        return
    try:
        names = [name for _, name in read_names(upload.getvalue(), upload.name)]
    except ImportProblem as problem:
        data.refuse(problem)
        return
    if not names:
        data.refuse(f"{upload.name} holds no organisation's name: nothing was imported.")
        return
    written, result = data.attempt(target_store.import_targets, seeker_id, option_id, names, today=today)
    if written:
        st.session_state["people_import_round"] = st.session_state.get("people_import_round", 0) + 1
        st.session_state[SAID_KEY] = added_line(result)


def added_line(result: target_store.Imported) -> str:
    """ "Added 2 targets; skipped 1 already there: Acme (as Acme, Inc.)." """
    said = f"Added {plural(len(result.added), 'target')}"
    if result.skipped:
        shown = ", ".join(
            given if given == kept else f"{given} (as {kept})" for given, kept in result.skipped
        )
        said += f"; skipped {plural(len(result.skipped), 'organisation')} already there: {shown}"
    return said + "."


# --- who works where --------------------------------------------------------------------


def who_do_i_know(seeker_id: int, *, today: date) -> None:
    """A box for an organisation and who the seeker knows there, close spellings included."""
    organisation = st.text_input(
        "Organisation", placeholder="Type an organisation, then press Enter", key="people_at"
    ).strip()
    if not organisation:
        st.caption("Type an organisation to see who you know there; close spellings are included.")
        return
    found = derived.people_at(seeker_id, organisation, today)
    if found.empty:
        st.caption(f"Nobody among your contacts works at {plain(organisation)} or a close spelling of it.")
        return
    st.caption(f"{_people(len(found))} at {plain(organisation)}.")
    variants = found[found["variant"]]
    if not variants.empty:
        spellings = variants.groupby("company", sort=False).size()
        listed = ", ".join(f"{plain(name)} ({_people(int(n))})" for name, n in spellings.items())
        st.caption(f"Close spellings included: {listed}.")
    table = cells(labelled(found, "warmth"), dates=["last_interaction"])
    for column in ("company", "position", "referred_by"):
        table[column] = [text(value or None) for value in table[column]]
    st.dataframe(
        table[["name", "company", "position", "warmth", "last_interaction", "referred_by"]],
        hide_index=True,
        column_config={
            "name": "Name",
            "company": "Company",
            "position": "Position",
            "warmth": "Warmth",
            "last_interaction": "Last interaction",
            "referred_by": "Referred by",
        },
    )


def target_table(table: pd.DataFrame) -> None:
    """Each option's target organisations with how many people are known, asked, answered and met there."""
    if table.empty:
        st.caption("No target organisations yet: add them under Targets and keywords above.")
        return
    st.caption(
        f"{plural(len(table), 'target organisation')} for "
        f"{plural(table['option_id'].nunique(), 'career option')}: how many people you know at each, "
        "and how many of them you asked, heard back from and met (people, not requests)."
    )
    st.dataframe(
        table[["option", "organisation", "known", "asked", "answered", "met"]],
        hide_index=True,
        column_config={
            "option": "Career option",
            "organisation": "Organisation",
            "known": st.column_config.NumberColumn("People known", format="%d"),
            "asked": st.column_config.NumberColumn("Asked", format="%d"),
            "answered": st.column_config.NumberColumn("Answered", format="%d"),
            "met": st.column_config.NumberColumn("Met", format="%d"),
        },
    )
