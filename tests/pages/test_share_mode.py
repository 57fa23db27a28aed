"""Screen-share mode: no e-mail address, phone number, private note or other client's name on any page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from coach import store
from coach.rules import privacy, suggest
from coach.rules.metrics import week_start
from coach.store import db, registry
from tests.conftest import ANCHOR
from tests.pages.test_every_page import seeker_pages


def secrets(path: str, shown_seeker: str) -> dict[str, list[str]]:
    """What must never appear while sharing ``shown_seeker``'s screens."""
    with db.session(path) as conn:
        everyone = store.list_seekers(conn, include_archived=True)
        emails = [r[0] for r in conn.execute("SELECT email FROM contact WHERE email IS NOT NULL").fetchall()]
        phones = [r[0] for r in conn.execute("SELECT phone FROM contact WHERE phone IS NOT NULL").fetchall()]
        notes = [r[0] for r in conn.execute("SELECT body FROM contact_note WHERE private").fetchall()]
    others = [s.name for s in everyone if s.name != shown_seeker]
    assert emails and phones and notes and others  # the demo has something to leak
    return {"e-mail": emails, "phone": phones, "private note": notes, "other client": others}


def texts(at: AppTest) -> Iterator[str]:
    """Every string the app sent for the page: element protos (plotly figures and hovers included)
    and the full contents of every table."""

    def walk(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
            yield re.sub(r"\\(.)", r"\1", value)  # Markdown escapes, as a browser shows them
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for root in (at.main, at.sidebar):
        for node in walk(root):
            proto = getattr(node, "proto", None)
            if proto is not None:
                yield from strings(MessageToDict(proto))
    for frame in at.dataframe:
        yield frame.value.to_csv()


def leaks(at: AppTest, forbidden: dict[str, list[str]]) -> list[str]:
    found = []
    everything = "\n".join(texts(at))
    for what, values in forbidden.items():
        for value in values:
            pattern = re.escape(value) if what != "other client" else rf"\b{re.escape(value)}\b"
            if re.search(pattern, everything):
                found.append(f"{what}: {value}")
    return found


def shared(app: Callable[..., AppTest], demo_file: str, seeker_id: int, *, aliases: bool) -> AppTest:
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(seeker_id)
    at.query_params["share"] = "1"
    if aliases:
        at.query_params["aliases"] = "1"
    return at.run()


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
@pytest.mark.parametrize("page", seeker_pages())
def test_nothing_private_reaches_any_page(
    app: Callable[..., AppTest], demo_file: str, page: str, aliases: bool
) -> None:
    with db.session(demo_file) as conn:
        seekers = store.list_seekers(conn)
    for seeker in seekers:
        at = shared(app, demo_file, seeker.id, aliases=aliases)
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert at.title[0].value.endswith(seeker.name)
        assert leaks(at, secrets(demo_file, seeker.name)) == []


def test_share_mode_hides_the_picker_and_survives_page_changes(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
    at = shared(app, demo_file, maya.id, aliases=False)
    assert not at.sidebar.selectbox
    assert at.query_params["share"] == "1"
    at.switch_page("app_pages/contacts.py").run()
    assert at.query_params["share"] == "1" and at.query_params["seeker"] == str(maya.id)
    assert not at.sidebar.selectbox
    at.sidebar.toggle(key="sidebar_share").set_value(False).run()
    assert "share" not in at.query_params
    assert at.sidebar.selectbox[0].options == ["Daniel Okafor", "Maya Chen"]


def test_aliases_replace_names(app: Callable[..., AppTest], demo_file: str) -> None:
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        names = store.load_contacts(conn, maya.id)["name"].tolist()
    at = shared(app, demo_file, maya.id, aliases=True)
    at.switch_page("app_pages/contacts.py").run()
    table = at.dataframe[0].value
    assert all(name.startswith("Contact ") for name in table["name"])
    everything = "\n".join(texts(at))
    assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", everything)]


@pytest.mark.parametrize("share", [True, False], ids=["shared", "not-shared"])
def test_opening_contacts_with_private_details(
    app: Callable[..., AppTest], demo_file: str, share: bool
) -> None:
    """Open every contact that has an e-mail, a phone or a private note: shared, none shows; not shared, they do."""
    with db.session(demo_file) as conn:
        maya = store.find_seeker(conn, "Maya Chen")
        private = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT c.id FROM contact c LEFT JOIN contact_note n ON n.contact_id = c.id AND n.private"
                " WHERE c.seeker_id = ? AND (c.email IS NOT NULL OR c.phone IS NOT NULL OR n.id IS NOT NULL)"
                " ORDER BY 1 LIMIT 12",
                [maya.id],
            ).fetchall()
        ]
    at = app("demo", demo_file)
    at.query_params["seeker"] = str(maya.id)
    if share:
        at.query_params["share"] = "1"
    at.run()
    at.switch_page("app_pages/contacts.py").run()
    forbidden = secrets(demo_file, "Maya Chen")
    found = []
    for contact_id in private:
        at.selectbox(key="contacts_open").set_value(contact_id).run()
        assert not at.exception
        found += leaks(at, forbidden)
    if share:
        assert found == []
    else:
        assert {f.split(":")[0] for f in found} >= {"e-mail", "private note"}, found


def test_the_clients_overview_is_not_reachable_while_sharing(
    app: Callable[..., AppTest], demo_file: str
) -> None:
    at = shared(app, demo_file, 1, aliases=False)
    with pytest.raises(ValueError, match="clients"):
        at.switch_page("app_pages/clients.py")
    plain = app("demo", demo_file).run()
    plain.switch_page("app_pages/clients.py").run()
    assert plain.title[0].value == "Clients"


def shared_plan(path: str, seeker_id: int, *, aliases: bool) -> list[suggest.Suggestion]:
    """This week's plan worked out from the seeker's tables as a shared screen loads them."""
    with db.session(path) as conn:
        seeker = store.get_seeker(conn, seeker_id)
        scrubber = store.scrubber(conn, seeker_id)
        loaded = registry.load_frames(conn, seeker_id, *suggest.FRAMES, "options", "targets")
        outreach = store.load_outreach(conn, seeker_id)
    safe = {
        name: privacy.share_safe(value, registry.share_rule(name), aliases=aliases, scrubber=scrubber)
        for name, value in loaded.items()
    }
    found = suggest.for_seeker(seeker, safe["options"], safe["targets"], safe, as_of=ANCHOR)
    sent = outreach["sent_on"].dt.date
    needed = suggest.still_needed(
        seeker.weekly_goal, int(((sent >= week_start(ANCHOR)) & (sent <= ANCHOR)).sum())
    )
    return suggest.weekly_plan(found, needed)


@pytest.mark.parametrize("aliases", [False, True], ids=["names", "aliases"])
def test_the_people_to_ask_show_nothing_private_and_aliases_when_on(
    app: Callable[..., AppTest], demo_file: str, aliases: bool
) -> None:
    import os

    from tests.markup import as_shown
    from tests.pages.test_home import PLAN_KEY, planned

    with db.session(demo_file) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        maya = store.find_seeker(conn, "Maya Chen")
    first = shared_plan(demo_file, maya.id, aliases=aliases)[0]
    email, phone = "ethan.private@example.org", "+1 415 555 0199"
    at = app("demo", demo_file)
    path = os.environ["COACH_DB"]
    with db.session(path) as conn:  # the first planned person writes both into their name
        conn.execute(
            "UPDATE contact SET email = ?, phone = ?, last_name = last_name || ? WHERE id = ?",
            [email, phone, f" {email} {phone}", first.contact_id],
        )
    plan = shared_plan(path, maya.id, aliases=aliases)
    assert len(plan) > 1 and plan[0].contact_id == first.contact_id
    at.query_params["seeker"] = str(maya.id)
    at.query_params["share"] = "1"
    if aliases:
        at.query_params["aliases"] = "1"
    at.run()
    assert not at.exception, at.exception
    assert planned(at) == [s.contact_id for s in plan]  # worked out from the tables as shared
    assert at.button(key=f"{PLAN_KEY}{first.contact_id}")
    shown = [as_shown(m.value) for m in at.markdown]
    start = shown.index("**People to ask this week**")
    people = [line for line in shown[start + 1 :] if line.startswith("**") and " · " in line][: len(plan)]
    everything = "\n".join(texts(at))
    assert email not in everything and phone not in everything and "555 0199" not in everything
    assert not re.search(rf"\b{re.escape(daniel.name)}\b", everything)  # another client's name
    with db.session(demo_file) as conn:
        real = store.load_contacts(conn, maya.id).set_index("id")["name"]
    for line, person in zip(people, plan, strict=True):
        if aliases:  # "Contact 12", its company once, beside it; never the real name, here or anywhere
            assert line.startswith(f"**Contact {person.contact_id}** · {person.company} · ")
            assert not re.search(rf"\b{re.escape(real[person.contact_id])}\b", everything)
        else:  # the name as on other shared screens: what it holds of an e-mail or phone hidden
            assert line.startswith(f"**{person.contact}** · ")
    assert aliases or people[0].startswith(f"**{first.contact} [e-mail hidden] [phone hidden]** · ")


def test_decisions_name_who_to_ask_by_alias(app: Callable[..., AppTest], demo_file: str) -> None:
    from tests.markup import as_shown

    with db.session(demo_file) as conn:
        daniel = store.find_seeker(conn, "Daniel Okafor")
        names = store.load_contacts(conn, daniel.id)["name"].tolist()
    at = shared(app, demo_file, daniel.id, aliases=True)
    at.switch_page("app_pages/decisions.py").run()
    assert not at.exception, at.exception
    asks = [as_shown(c.value) for c in at.caption if as_shown(c.value).startswith("Ask ")]
    assert asks and all(
        re.fullmatch(r"Ask Contact \d+ \([^·]+\) or Contact \d+ \([^·]+\)\.", a) for a in asks
    )
    buttons = [b.label for b in at.button if str(b.key).startswith("decisions_ask_")]
    assert buttons and all(re.fullmatch(r"Ask Contact \d+", as_shown(label)) for label in buttons)
    everything = "\n".join(texts(at))
    assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", everything)]
