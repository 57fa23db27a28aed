"""Writing a planned import in one transaction, recording it, and undoing the latest one."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from coach.importers.common import (
    ROW_KEY,
    SECOND_KEY,
    ImportProblem,
    ImportResult,
    Plan,
    Progress,
    TableChanges,
    UndoSummary,
    count,
    first_row,
    report,
    sql_text,
    store_fingerprint,
)
from coach.store.db import Connection, Invalid, check_references, rows, transaction
from coach.vocabulary import IMPORT_TABLES
from coach.wording import plural

SHOWN_REJECTIONS = 5


def apply(
    conn: Connection, plan: Plan, *, accept_partial: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Write a plan in one transaction and record it as an import that can be undone.

    :param plan: from ``linkedin.plan`` or ``tracker.plan``, on this store, not applied yet.
    :param accept_partial: import the good rows even though some rows were rejected.
    :param progress: called with (fraction done, what is happening).
    """
    if plan.applied:
        raise ImportProblem(f"{plan.file_name} was already imported from this preview; preview it again.")
    if plan.rejected and not accept_partial:
        shown = "; ".join(str(r) for r in plan.rejected[:SHOWN_REJECTIONS])
        more = len(plan.rejected) - SHOWN_REJECTIONS
        raise ImportProblem(
            f"{plural(len(plan.rejected), 'row')} of {plan.file_name} cannot be imported: {shown}"
            + (f" (and {more} more)" if more > 0 else "")
            + ". Fix them, or accept a partial import of the other rows.",
            file=plan.rejected[0].file,
            row=plan.rejected[0].line,
            column=plan.rejected[0].column,
        )
    if store_fingerprint(conn, plan.seeker_id) != plan.fingerprint:
        raise ImportProblem(
            f"The store changed since {plan.file_name} was previewed; preview it again before importing."
        )
    report(progress, 0.0, "Writing")
    try:
        with transaction(conn):
            recorded = first_row(
                conn,
                "INSERT INTO import_run (seeker_id, kind, file_name, counts, owner) "
                "VALUES (?, ?, ?, ?, nullif(?, '')) RETURNING id",
                [
                    plan.seeker_id,
                    plan.kind,
                    plan.file_name,
                    json.dumps(plan.counts, default=int),
                    plan.owner_address,
                ],
            )
            import_id = int(recorded[0]) if recorded else 0
            new_ids: dict[str, pd.Series] = {}
            for step, change in enumerate(plan.changes):
                report(progress, step / max(len(plan.changes), 1), f"Writing {change.table}")
                _insert(conn, import_id, change, new_ids)
                _update(conn, import_id, change, new_ids)
            report(progress, 1.0, "Checking links between records")
            check_references(conn)
    except duckdb.Error as exc:
        raise ImportProblem(f"{plan.file_name} could not be written, so nothing was changed: {exc}") from exc
    plan.applied = True
    return ImportResult(import_id, plan.counts)


# Column types per table; every store is migrated to the same schema when it is opened.
_COLUMN_TYPES: dict[str, dict[str, str]] = {}


def _column_types(conn: Connection, table: str) -> dict[str, str]:
    """A table's columns and their SQL types."""
    if table in _COLUMN_TYPES:
        return _COLUMN_TYPES[table]
    found = conn.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    types = {str(name): str(kind) for name, kind in found}
    if types:
        _COLUMN_TYPES[table] = types
    return types


def _with_real_ids(frame: pd.DataFrame, change: TableChanges, new_ids: dict[str, pd.Series]) -> pd.DataFrame:
    """Provisional (negative) references replaced by the ids just given to those rows."""
    frame = frame.copy()
    for column, table in change.refs.items():
        if column not in frame or table not in new_ids:
            continue
        values = pd.to_numeric(frame[column])
        provisional = values < 0
        frame[column] = values.where(~provisional, values.map(new_ids[table])).astype("Int64")
    return frame


def _insert(conn: Connection, import_id: int, change: TableChanges, new_ids: dict[str, pd.Series]) -> None:
    """Insert a table's new rows under real ids, and record each as inserted by this import."""
    frame = _with_real_ids(change.inserts, change, new_ids)
    if frame.empty:
        return
    table = change.table
    if "id" in frame:
        provisional = frame["id"].astype("int64")
        order = provisional.sort_values(ascending=False).index
        fresh = conn.execute(
            "SELECT id FROM (SELECT nextval(?) AS id FROM range(?)) ORDER BY id",
            [f"{table}_id_seq", len(frame)],
        ).fetchnumpy()["id"]
        real = pd.Series(fresh.astype("int64"), index=order)
        frame["id"] = real.reindex(frame.index)
        new_ids[table] = pd.Series(frame["id"].to_numpy(), index=provisional.to_numpy())
    types = _column_types(conn, table)
    columns = [c for c in frame.columns if c in types]
    select = ", ".join(f'CAST("{c}" AS {types[c]})' for c in columns)
    conn.register("_import_rows", frame[columns])
    try:
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM _import_rows")
        second = SECOND_KEY.get(table)
        if second:
            conn.execute(
                "INSERT INTO import_change (seeker_id, import_id, table_name, row_id, action, before) "
                f"""SELECT seeker_id, ?, ?, CAST({ROW_KEY[table]} AS INTEGER), 'insert',
                           {sql_text("{" + json.dumps(second) + ":")} || CAST({second} AS INTEGER) || '}}'
                    FROM _import_rows""",
                [import_id, table],
            )
        else:  # runs of consecutive ids, one row each
            key = ROW_KEY[table]
            conn.execute(
                "INSERT INTO import_change (seeker_id, import_id, table_name, row_id, last_row_id, action) "
                "SELECT seeker_id, ?, ?, min(id), nullif(max(id), min(id)), 'insert' FROM ("
                f"    SELECT seeker_id, CAST({key} AS INTEGER) AS id, CAST({key} AS BIGINT)"
                f"           - row_number() OVER (PARTITION BY seeker_id ORDER BY {key}) AS run"
                "    FROM _import_rows"
                ") GROUP BY seeker_id, run",
                [import_id, table],
            )
    finally:
        conn.unregister("_import_rows")


def _update(conn: Connection, import_id: int, change: TableChanges, new_ids: dict[str, pd.Series]) -> None:
    """Set the changed columns of a table's rows, recording their old values first."""
    frame = _with_real_ids(change.updates, change, new_ids)
    if frame.empty:
        return
    table = change.table
    types = _column_types(conn, table)
    columns = [c for c in frame.columns if c in types and c != "id"]
    before = ", ".join(
        f"""CASE WHEN u."{c}" IS NOT NULL """
        f"""THEN {sql_text(json.dumps(c) + ":")} || coalesce(CAST(to_json(t."{c}") AS VARCHAR), 'null') END"""
        for c in columns
    )
    sets = ", ".join(f'"{c}" = coalesce(CAST(u."{c}" AS {types[c]}), {table}."{c}")' for c in columns)
    conn.register("_import_rows", frame[["id", *columns]])
    try:
        conn.execute(
            f"INSERT INTO import_change (seeker_id, import_id, table_name, row_id, action, before) "
            f"SELECT t.seeker_id, ?, ?, t.id, 'update', "
            f"'{{' || array_to_string(list_filter([{before}], lambda x: x IS NOT NULL), ',') || '}}' "
            f"FROM _import_rows u JOIN {table} t ON t.id = CAST(u.id AS INTEGER)",
            [import_id, table],
        )
        conn.execute(
            f"UPDATE {table} SET {sets} FROM _import_rows u WHERE {table}.id = CAST(u.id AS INTEGER)"
        )
    finally:
        conn.unregister("_import_rows")


# --- undo ------------------------------------------------------------------


def undo_last(conn: Connection, seeker_id: int) -> UndoSummary:
    """Undo the seeker's latest import not undone yet: delete what it added, restore what it changed."""
    run = rows(
        conn,
        "SELECT id, kind, file_name FROM import_run WHERE seeker_id = ? AND undone_at IS NULL "
        "ORDER BY id DESC LIMIT 1",
        [seeker_id],
    )
    if not run:
        raise ImportProblem("There is no import to undo for this seeker.")
    import_id = int(run[0]["id"])
    deleted: dict[str, int] = {}
    restored: dict[str, int] = {}
    try:
        with transaction(conn):
            for table in reversed(IMPORT_TABLES):
                deleted[table] = _delete_inserted(conn, import_id, table)
                restored[table] = _restore_updated(conn, import_id, table)
            conn.execute("UPDATE import_run SET undone_at = current_timestamp WHERE id = ?", [import_id])
            check_references(conn)
    except Invalid as exc:
        raise ImportProblem(
            f"Import #{import_id} ({run[0]['file_name']}) cannot be undone: records added since then "
            f"depend on what it imported. {exc}"
        ) from exc
    except duckdb.Error as exc:
        raise ImportProblem(
            f"Import #{import_id} could not be undone, so nothing was changed: {exc}"
        ) from exc
    return UndoSummary(
        import_id,
        str(run[0]["kind"]),
        str(run[0]["file_name"]),
        {t: n for t, n in deleted.items() if n},
        {t: n for t, n in restored.items() if n},
    )


def _delete_inserted(conn: Connection, import_id: int, table: str) -> int:
    """Delete the rows an import inserted into a table; how many."""
    key = ROW_KEY[table]
    second = SECOND_KEY.get(table)
    if second:
        return count(
            conn,
            f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM import_change c WHERE c.import_id = ? "
            f"AND c.table_name = ? AND c.action = 'insert' AND c.row_id = {table}.{key} "
            f"AND CAST(json_extract_string(c.before, {sql_text('$.' + second)}) AS INTEGER) "
            f"= {table}.{second})",
            [import_id, table],
        )
    return count(
        conn,
        f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM import_change c WHERE c.import_id = ? "
        f"AND c.table_name = ? AND c.action = 'insert' "
        f"AND {table}.{key} BETWEEN c.row_id AND coalesce(c.last_row_id, c.row_id))",
        [import_id, table],
    )


def _restore_updated(conn: Connection, import_id: int, table: str) -> int:
    """Put back the old values of the columns an import changed in a table; how many rows."""
    changed = conn.execute(
        "SELECT DISTINCT unnest(json_keys(before)) FROM import_change "
        "WHERE import_id = ? AND table_name = ? AND action = 'update'",
        [import_id, table],
    ).fetchall()
    types = _column_types(conn, table)
    columns = [str(c[0]) for c in changed if str(c[0]) in types]
    if not columns:
        return 0
    sets = ", ".join(
        f'"{c}" = CASE WHEN list_contains(json_keys(ch.before), {sql_text(c)}) '
        f"THEN CAST(json_extract_string(ch.before, {sql_text('$.' + c)}) AS {types[c]}) "
        f'ELSE {table}."{c}" END'
        for c in columns
    )
    return count(
        conn,
        f"UPDATE {table} SET {sets} FROM import_change ch WHERE ch.import_id = ? AND ch.table_name = ? "
        f"AND ch.action = 'update' AND {table}.id = ch.row_id",
        [import_id, table],
    )
