"""Set-based writes: ids given before rows are inserted, multi-row inserts, the write lock."""
from typing import Any

from sqlalchemy import Row, Table, func, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

WRITER_CACHE_KB = 65_536


def begin_writing(session: Session) -> None:
    """Start the session's transaction as a writer (SQLite: BEGIN IMMEDIATE).

    A batch reads before it writes; taking the write lock first means no other writer can come
    in between (so ids can be given after the largest one) and never an upgrade that fails as
    "database is locked" half-way. PostgreSQL needs nothing: its sequences hand out ids."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    # a bulk writer touches pages of every index: a larger page cache than SQLite's 2 MB
    connection.exec_driver_sql(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")


def allocate_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids for rows of `table`, in increasing order.

    On SQLite the caller must hold the write lock (begin_writing): then no other connection
    can insert until the transaction ends."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        first = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        return list(range(first, first + count))
    return sorted(connection.execute(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
        {"table": table.name, "n": count}).scalars())


def insert_returning_ids(session: Session, table: Table, rows: list[dict[str, object]]
                         ) -> list[int]:
    """Insert rows in one statement batch; returns their new ids, in the order of `rows`."""
    ids = allocate_ids(session, table, len(rows))
    if rows:
        session.connection().execute(table.insert(), [
            {**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)])
    return ids


def insert_ignoring_duplicates(session: Session, model: type, rows: list[dict[str, object]],
                               returning: tuple[str, ...] = ()) -> list[Row[Any]]:
    """Insert rows, skipping those a unique constraint says exist (e.g. made by another writer);
    returns the `returning` columns of the rows inserted, in no particular order."""
    dialect = session.get_bind().dialect.name
    insert_for = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = model.__table__  # type: ignore[attr-defined]
    statement = insert_for(table).on_conflict_do_nothing()
    if not returning:
        session.connection().execute(statement, rows)
        return []
    return list(session.connection().execute(
        statement.returning(*(table.c[name] for name in returning)), rows))
