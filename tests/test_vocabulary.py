"""The lists of `coach.vocabulary` against the migrated schema: one home, and it agrees with the store."""

from __future__ import annotations

import re

from coach import vocabulary
from coach.importers import tracker_sheet
from coach.rules import followups
from coach.store import db

# One value-list constraint: "(kind IN ('a', 'b'))", the column possibly quoted.
VALUE_LIST = re.compile(r'^\("?(\w+)"? IN \(((?:\'\w+\'(?:, )?)+)\)\)$')


def value_lists(conn: db.Connection) -> dict[tuple[str, str], set[str]]:
    """(table, column) -> the values its CHECK constraint allows, for every single-column value list."""
    found = {}
    for table, expression in conn.execute(
        "SELECT table_name, expression FROM duckdb_constraints() WHERE constraint_type = 'CHECK'"
    ).fetchall():
        match = VALUE_LIST.match(expression)
        if match:
            found[(table, match[1])] = set(re.findall(r"'(\w+)'", match[2]))
    return found


def test_every_enumerated_column_matches_its_list(conn: db.Connection) -> None:
    schema = value_lists(conn)
    listed = {(table, column): set(values) for table, column, values in vocabulary.ENUMERATED}
    assert listed == schema


def test_no_list_repeats_a_value() -> None:
    for table, column, values in vocabulary.ENUMERATED:
        assert len(set(values)) == len(values), (table, column)


def test_tables_are_the_migrated_stores(conn: db.Connection) -> None:
    names = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(vocabulary.TABLES) | set(vocabulary.BOOKKEEPING) == names
    assert len(set(vocabulary.TABLES)) == len(vocabulary.TABLES)


def test_each_table_comes_after_the_tables_it_points_at() -> None:
    position = {table: i for i, table in enumerate(vocabulary.TABLES)}
    for table, column, parent in db.REFERENCES:
        assert position[parent] < position[table], f"{table}.{column} points at {parent}, listed later"


def test_every_seeker_table_holds_a_seeker_id(conn: db.Connection) -> None:
    with_seeker = {
        r[0]
        for r in conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'seeker_id'"
        ).fetchall()
    }
    assert set(vocabulary.SEEKER_TABLES) == with_seeker
    assert tuple(reversed(vocabulary.TABLES[1:])) == vocabulary.SEEKER_TABLES


def test_imported_tables_keep_their_parents_first() -> None:
    order = [vocabulary.TABLES.index(t) for t in vocabulary.IMPORT_TABLES]
    assert order == sorted(order)


def test_either_lists_values_as_a_message_does() -> None:
    assert vocabulary.either(["email", "phone", "other"]) == "email, phone or other"
    assert vocabulary.either(["agreed", "declined"], last="and") == "agreed and declined"
    assert vocabulary.either(["one"]) == "one"


def test_the_due_rules_name_only_stored_kinds() -> None:
    assert sorted(followups.PRIORITY) == sorted(vocabulary.FOLLOW_UP_KINDS)
    assert set(followups.COUNTED_KINDS) <= set(vocabulary.FOLLOW_UP_KINDS)
    assert set(followups.LET_GO_KINDS) <= set(vocabulary.FOLLOW_UP_KINDS)


def test_the_sheet_importer_maps_only_to_stored_values() -> None:
    for words, values in (
        (tracker_sheet.WARMTH, vocabulary.WARMTHS),
        (tracker_sheet.SOURCE, vocabulary.SOURCES),
        (tracker_sheet.CHANNEL, vocabulary.CHANNELS),
        (tracker_sheet.OUTCOME, vocabulary.OUTCOMES),
    ):
        assert {v for v in words.values() if v is not None} == set(values)
        assert all(words[value] == value for value in values)
