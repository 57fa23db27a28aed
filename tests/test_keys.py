"""Profile-URL keys: the quick path for plain profile URLs agrees with the general rules."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.importers.keys import build_url_keys, install_key_macros, url_key

PREFIXES = [
    "https://www.linkedin.com/in/",
    "http://linkedin.com/in/",
    "https://WWW.LinkedIn.com/in/",
    " https://www.linkedin.com/in/",
    "https://de.linkedin.com/in/",
    "",
]
SLUG_PARTS = [*"abzAZ09-_%+#?/ \t.éÉсмиС美咲지", "%2F", "%20", "%C3%A9", "?trk=x", "/", "#top", "/details"]


def keys_by_table(urls: list[str]) -> dict[str, str | None]:
    """Each URL's key as build_url_keys stores it (None where it has none)."""
    pconn = duckdb.connect(":memory:")
    install_key_macros(pconn)
    pconn.register("_given", pd.DataFrame({"url": urls}, dtype=object))
    build_url_keys(pconn, ["SELECT url FROM _given"])
    found = dict(pconn.execute("SELECT raw, key FROM url_keys").fetchall())
    return {u: found.get(u) for u in urls}


def keys_by_rules(urls: list[str]) -> dict[str, str | None]:
    pconn = duckdb.connect(":memory:")
    return {u: url_key(pconn, u) for u in urls}


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ana-lopez-1a2b", "/in/ana-lopez-1a2b"),
        ("https://www.linkedin.com/in/Ana-Lopez", "/in/ana-lopez"),
        ("http://linkedin.com/in/ana-lopez/", "/in/ana-lopez"),
        ("https://www.linkedin.com/in/ana-lopez?trk=people", "/in/ana-lopez"),
        ("https://www.linkedin.com/in/ana-lopez/details/experience", "/in/ana-lopez"),
        ("https://www.linkedin.com/in/jos%C3%A9-ruiz", "/in/josé-ruiz"),
        ("https://www.linkedin.com/in/josé-ruiz", "/in/josé-ruiz"),
        ("https://www.linkedin.com/in/сергей-смирнов", "/in/сергей-смирнов"),
        ("https://www.linkedin.com/in/Сергей", "/in/сергей"),
        ("urn:li:person:abc", "urn:li:person:abc"),
    ],
)
def test_url_keys(url: str, key: str) -> None:
    assert keys_by_table([url]) == {url: key}
    assert keys_by_rules([url]) == {url: key}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(PREFIXES), st.lists(st.sampled_from(SLUG_PARTS), max_size=8)).map(
            lambda p: p[0] + "".join(p[1])
        ),
        min_size=1,
        max_size=30,
        unique=True,
    )
)
def test_the_quick_path_agrees_with_the_general_rules(urls: list[str]) -> None:
    assert keys_by_table(urls) == keys_by_rules(urls)
