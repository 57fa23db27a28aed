"""Keys that tell whether two records are the same person: profile URL, e-mail, full name."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from coach.importers.common import count, frame, sql_text
from coach.names import normalise_name

# Profile URL and e-mail keys are computed in SQL (one definition, used by every importer):
# a URL is trimmed, cut at "#" and "?", percent-decoded (invalid escapes kept), lower-cased,
# stripped of its scheme, any *.linkedin.com host and trailing slashes, and reduced to
# /in/<slug> when it is a profile URL; other URLs and URNs are kept so they only match
# themselves. An e-mail is trimmed and lower-cased, or NULL if it has no "@".
_SPACE = "' ' || chr(9) || chr(10) || chr(13)"
URL_KEYS_SQL = rf"""
    WITH cut AS MATERIALIZED (
        SELECT raw, split_part(split_part(trim(raw, {_SPACE}), '#', 1), '?', 1) AS cut
        FROM ({{values}}) AS v(raw)
    ),
    low AS MATERIALIZED (
        SELECT raw, lower(trim(coalesce(try(url_decode(cut)), cut), {_SPACE})) AS low FROM cut
    ),
    path AS MATERIALIZED (
        SELECT raw, regexp_replace(regexp_replace(regexp_replace(low, '^[a-z][a-z0-9+.-]*://', ''),
                                                  '^([^/]*\.)?linkedin\.com(:[0-9]+)?(/|$)', '\3'),
                                   '/+$', '') AS path
        FROM low
    )
    SELECT raw, nullif(coalesce(nullif(regexp_extract(path, '^/in/[^/]+'), ''), path), '') AS key FROM path
"""
# A URL already in the form https://www.linkedin.com/in/<slug>, its slug lower-case with nothing the
# rules above would change (no escapes, query, fragment, further path or white space), is its own key.
PROFILE_PREFIX = "https://www.linkedin.com/in/"
PLAIN_URL = (
    f"starts_with(raw, {sql_text(PROFILE_PREFIX)}) AND length(raw) > {len(PROFILE_PREFIX)} "
    rf"AND NOT regexp_matches(substr(raw, {len(PROFILE_PREFIX) + 1}), '[%#?/+\s]') AND lower(raw) = raw"
)
KEY_MACROS = (
    """
    CREATE OR REPLACE TEMP MACRO clean(x) AS CASE WHEN starts_with(x, ' ') OR ends_with(x, ' ')
        THEN nullif(trim(x), '') ELSE nullif(x, '') END
    """,
    f"""
    CREATE OR REPLACE TEMP MACRO email_key(e) AS
        CASE WHEN contains(e, '@') THEN nullif(lower(trim(e, {_SPACE})), '') END
    """,
)


CONTACT_COLUMNS = "id, first_name, last_name, profile_url, email, company, position, connected_on, warmth"


def full_name_sql(first: str, last: str) -> str:
    """SQL for a full name from two columns, as name keys are looked up."""
    return f"concat_ws(' ', clean({first}), clean({last}))"


CONTACT_URLS = "SELECT profile_url FROM existing"
CONTACT_NAMES = f"SELECT {full_name_sql('first_name', 'last_name')} FROM existing"


def load_contacts(conn: duckdb.DuckDBPyConnection, pconn: duckdb.DuckDBPyConnection, seeker_id: int) -> None:
    """Table ``existing`` in the scratch database: the seeker's contacts, copied from the store."""
    table = conn.sql(
        f"SELECT {CONTACT_COLUMNS} FROM contact WHERE seeker_id = ? ORDER BY id", params=[seeker_id]
    ).to_arrow_table()
    pconn.register("_existing", table)
    try:
        pconn.execute("CREATE TABLE existing AS SELECT * FROM _existing")
    finally:
        pconn.unregister("_existing")


def contacts_with_keys(pconn: duckdb.DuckDBPyConnection, *, keys_only: bool = False) -> pd.DataFrame:
    """The ``existing`` contacts with their keys (after ``build_url_keys`` and ``build_name_keys``).

    With ``keys_only``, just each contact's id and keys.
    """
    return frame(
        pconn,
        f"""
        SELECT {"e.id" if keys_only else "e.*"}, u.key AS uk, email_key(e.email) AS ek, n.key AS nk
        FROM existing e LEFT JOIN url_keys u ON u.raw = e.profile_url
        LEFT JOIN name_keys n ON n.raw = {full_name_sql("e.first_name", "e.last_name")}
        ORDER BY e.id
        """,
    )


def install_key_macros(pconn: duckdb.DuckDBPyConnection) -> None:
    """Define clean(x) (trimmed, NULL if empty) and email_key(e) in a scratch database."""
    for sql in KEY_MACROS:
        pconn.execute(sql)


def build_url_keys(pconn: duckdb.DuckDBPyConnection, queries: Iterable[str], *, add: bool = False) -> None:
    """Table ``url_keys(raw, key)`` for every distinct URL the queries return (one column each).

    With ``add``, the URLs not in the table yet are added to it instead.
    """
    union = " UNION ALL ".join(f"SELECT * FROM ({q})" for q in queries)
    known = " AND raw NOT IN (SELECT raw FROM url_keys)" if add else ""
    # Most URLs are already https://www.linkedin.com/in/<lower-case slug>: their key is quick to take,
    # and only the others go through the general rules.
    pconn.execute(
        f"CREATE OR REPLACE TEMP TABLE url_raw AS SELECT raw, {PLAIN_URL} AS plain "
        f"FROM (SELECT DISTINCT CAST(raw AS VARCHAR) AS raw FROM ({union}) AS t(raw)) "
        f"WHERE raw IS NOT NULL{known}"
    )
    plain = f"SELECT raw, '/in/' || substr(raw, {len(PROFILE_PREFIX) + 1}) AS key FROM url_raw WHERE plain"
    pconn.execute(f"INSERT INTO url_keys {plain}" if add else f"CREATE OR REPLACE TABLE url_keys AS {plain}")
    if count(pconn, "SELECT count(*) FROM url_raw WHERE NOT plain"):
        general = URL_KEYS_SQL.format(values="SELECT raw FROM url_raw WHERE NOT plain")
        pconn.execute(f"INSERT INTO url_keys SELECT * FROM ({general}) WHERE key IS NOT NULL")


def url_key(pconn: duckdb.DuckDBPyConnection, url: str) -> str | None:
    """The key of one URL."""
    found = pconn.execute(URL_KEYS_SQL.format(values="SELECT CAST(? AS VARCHAR)"), [url]).fetchall()
    return str(found[0][1]) if found and found[0][1] else None


def keys_of(pconn: duckdb.DuckDBPyConnection, urls: Iterable[str], emails: Iterable[str]) -> dict[str, str]:
    """URL and e-mail keys of some values, as ``{"u:" + url: key, "e:" + email: key}``."""
    pconn.register("_urls", pd.DataFrame({"raw": sorted(set(urls))}, dtype=object))
    pconn.register("_emails", pd.DataFrame({"raw": sorted(set(emails))}, dtype=object))
    try:
        found = pconn.execute(
            "SELECT 'u:' || raw, key FROM (" + URL_KEYS_SQL.format(values="SELECT raw FROM _urls") + ") "
            "WHERE key IS NOT NULL UNION ALL "
            "SELECT 'e:' || raw, email_key(raw) FROM _emails WHERE email_key(raw) IS NOT NULL"
        ).fetchall()
    finally:
        pconn.unregister("_urls")
        pconn.unregister("_emails")
    return {str(raw): str(key) for raw, key in found}


def build_name_keys(pconn: duckdb.DuckDBPyConnection, queries: Iterable[str], *, add: bool = False) -> None:
    """Table ``name_keys(raw, key)`` for every distinct name the queries return (one column each).

    With ``add``, the names not in the table yet are added to it instead.
    """
    union = " UNION ".join(f"SELECT * FROM ({q})" for q in queries)
    known = " AND raw NOT IN (SELECT raw FROM name_keys)" if add else ""
    found = pconn.execute(
        f"SELECT DISTINCT raw FROM ({union}) AS t(raw) WHERE raw IS NOT NULL{known}"
    ).fetchall()
    values = [str(row[0]) for row in found]
    keys = pd.DataFrame({"raw": values, "key": [normalise_name(v) or None for v in values]}, dtype=object)
    pconn.register("_name_keys", keys)
    try:
        pconn.execute(
            ("INSERT INTO name_keys" if add else "CREATE OR REPLACE TABLE name_keys AS")
            + " SELECT CAST(raw AS VARCHAR) AS raw, CAST(key AS VARCHAR) AS key FROM _name_keys"
            + " WHERE key IS NOT NULL"
        )
    finally:
        pconn.unregister("_name_keys")


def name_key(name: object) -> str | None:
    """A full name as compared: NFKC, case-folded, whitespace collapsed."""
    if not isinstance(name, str):
        return None
    return normalise_name(name) or None


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    """First and last name joined by a space, blanks dropped."""
    joined = first.fillna("").astype(str) + " " + last.fillna("").astype(str)
    return joined.str.strip()


def match_people(pconn: duckdb.DuckDBPyConnection, incoming: pd.DataFrame, pool: pd.DataFrame) -> pd.Series:
    """For each incoming person, the id of the pool contact they are (nullable Int64, incoming's index).

    Both frames have the key columns ``uk`` (URL), ``ek`` (e-mail) and ``nk`` (name); the pool
    also ``id``. Profile URL first, then e-mail, then a name, each only where exactly one pool
    contact and one remaining incoming person have it. Two different URLs never match, and
    each pool contact is matched at most once.
    """
    pconn.register(
        "_incoming", incoming[["uk", "ek", "nk"]].reset_index(drop=True).assign(i=range(len(incoming)))
    )
    pconn.register("_pool", pool[["id", "uk", "ek", "nk"]])
    try:
        pconn.execute(
            "CREATE OR REPLACE TEMP TABLE _matched AS "
            "SELECT i.i, min(p.id) AS id FROM _incoming i JOIN _pool p ON p.uk = i.uk GROUP BY i.i"
        )
        for key in ("ek", "nk"):
            pconn.execute(
                f"""
                INSERT INTO _matched
                WITH open AS (
                    SELECT * FROM _incoming WHERE {key} IS NOT NULL AND i NOT IN (SELECT i FROM _matched)
                    QUALIFY count(*) OVER (PARTITION BY {key}) = 1
                ),
                unique_pool AS (
                    SELECT {key}, min(id) AS id, min(uk) AS uk FROM _pool WHERE {key} IS NOT NULL
                    GROUP BY {key} HAVING count(*) = 1
                )
                SELECT o.i, u.id FROM open o JOIN unique_pool u ON u.{key} = o.{key}
                WHERE u.id NOT IN (SELECT id FROM _matched) AND (o.uk IS NULL OR u.uk IS NULL)
                """
            )
        found = frame(pconn, "SELECT i, id FROM _matched")
    finally:
        pconn.unregister("_incoming")
        pconn.unregister("_pool")
        pconn.execute("DROP TABLE IF EXISTS _matched")
    result = pd.Series(pd.NA, index=range(len(incoming)), dtype="Int64")
    result.iloc[found["i"].to_numpy()] = found["id"].to_numpy()
    return result.set_axis(incoming.index)
