"""Set-based statements: ids given before rows are inserted, multi-row inserts, many small
probes in one statement, the write lock."""
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Dialect, Row, Table, func, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.search_tables import DEFERRAL_TABLE, SEARCHED_COLUMNS

WRITER_CACHE_KB = 65_536
UNION_TERMS = 200  # SELECTs per UNION ALL statement (SQLite allows 500)


WRITER_LOCK = 0x4E51_0001  # PostgreSQL advisory lock key of writers ("NQ", 1)


def begin_writing(session: Session) -> None:
    """Start the session's transaction as the one writer: SQLite's BEGIN IMMEDIATE, a
    transaction-level advisory lock on PostgreSQL (released by its commit or rollback).

    A batch reads before it writes (is this url stored? this speaker? this utterance?);
    taking the write lock first means no other writer can come in between, so what it read is
    still true when it writes: concurrent ingests store what one after another would, and
    never fail on a unique key. On SQLite it also means never an upgrade that fails as
    "database is locked" half-way. Readers are never blocked."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
        return
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    # a bulk writer touches pages of every index: a larger page cache than SQLite's 2 MB
    connection.exec_driver_sql(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")


TRANSIENT_STATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock timeout


def is_transient(error: OperationalError) -> bool:
    """Whether the failed transaction may succeed if simply run again (PostgreSQL's word for
    it, or SQLite's "database is locked" past the busy timeout)."""
    state = getattr(error.orig, "sqlstate", None)
    return state in TRANSIENT_STATES or "database is locked" in str(error.orig)


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
    insert_rows(session, table, [{**row, "id": row_id} for row, row_id in zip(rows, ids,
                                                                             strict=True)])
    return ids


def insert_searchable_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]
                           ) -> None:
    """insert_rows for a table searched in full text (SEARCHED_COLUMNS): on SQLite its FTS5
    entries are added in one statement, the per-row insert trigger standing aside meanwhile
    (FTS5 writes its pending terms at every trigger's savepoint: migration 0007)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or not rows:
        insert_rows(session, table, rows)
        return
    columns = SEARCHED_COLUMNS[table.name]
    connection.exec_driver_sql(f"INSERT INTO {DEFERRAL_TABLE} (id) VALUES (1)")
    try:
        insert_rows(session, table, rows)
        connection.exec_driver_sql(
            f"INSERT INTO {table.name}_fts (rowid, {', '.join(columns)}) "
            f"VALUES (?, {', '.join('?' for _ in columns)})",
            [(row["id"], *(row[name] for name in columns)) for row in rows])
    finally:
        connection.exec_driver_sql(f"DELETE FROM {DEFERRAL_TABLE}")


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (all with the same keys) in one executemany sent straight to the driver,
    each value through its column type's bind processor as SQLAlchemy would: its own per-row
    parameter handling costs more than SQLite's insert of the row."""
    if not rows:
        return
    connection = session.connection()
    names = tuple(rows[0])
    sql, processors = _insert_statement(table, names, connection.dialect)
    values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    processed = [(i, _remembering(process) if remember else process)
                 for i, (process, remember) in enumerate(processors) if process]
    parameters = []
    for row in rows:
        row_values = values(row)
        if processed:
            row_values = list(row_values)
            for i, process in processed:
                row_values[i] = process(row_values[i])
            row_values = tuple(row_values)
        parameters.append(row_values)
    connection.exec_driver_sql(sql, parameters)


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, each value's result remembered: a batch's rows share a few datetimes."""
    results: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        if value not in results:
            results[value] = process(value)
        return results[value]
    return remembered


@lru_cache(maxsize=256)
def _insert_statement(table: Table, names: tuple[str, ...], dialect: Dialect
                      ) -> tuple[str, tuple[tuple[Callable[[Any], Any] | None, bool], ...]]:
    """SQL, and each column's (bind processor, whether its values can be remembered)."""
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    return _driver_sql(sql, dialect), tuple(
        (table.c[name].type._cached_bind_processor(dialect),
         not isinstance(table.c[name].type, JSON)) for name in names)  # JSON: lists, unhashable


def _driver_sql(sql: str, dialect: Dialect) -> str:
    """Plain SQL written with ? marks, in the driver's paramstyle (psycopg: %s)."""
    return sql if dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def column_processor(session: Session, column: Column[Any]) -> Callable[[Any], Any]:
    """What SQLAlchemy does to a value bound for `column` (e.g. a datetime, as SQLite stores it)."""
    process = column.type._cached_bind_processor(session.get_bind().dialect)
    return lambda value: value if value is None or process is None else process(value)


def execute_many(session: Session, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """One driver executemany of plain SQL with ? marks; values already as the driver takes them
    (see column_processor)."""
    if rows:
        connection = session.connection()
        connection.exec_driver_sql(_driver_sql(sql, connection.dialect), list(rows))


def select_union_all(session: Session, terms: Sequence[tuple[str, tuple[Any, ...]]]
                     ) -> Iterator[tuple[Any, ...]]:
    """The rows of many small SELECTs (`(sql with ? marks, parameters)` each, e.g. a bounded
    index probe), in no particular order, a few hundred to a UNION ALL statement of plain
    driver SQL: one statement each costs more than its probe, and a statement text per shape
    would be compiled every time.

    The SELECTs are sorted by their text, so that a statement mostly repeats one of them
    UNION_TERMS times: its text comes again, and the driver's statement cache spares SQLite
    compiling it (a quarter of the time of a statement of 200 probes). Rows are the driver's
    tuples, read on its cursor in the session's transaction (a Row each costs three times as
    much, and a batch reads a hundred thousand)."""
    connection = session.connection()
    cursor = connection.connection.cursor()
    terms = sorted(terms, key=lambda term: term[0])
    try:
        for start in range(0, len(terms), UNION_TERMS):
            chunk = terms[start:start + UNION_TERMS]
            sql = " UNION ALL ".join(f"SELECT * FROM ({select}) AS t{i}"
                                     for i, (select, _) in enumerate(chunk))
            cursor.execute(_driver_sql(sql, connection.dialect), tuple(
                value for _, parameters in chunk for value in parameters))
            yield from cursor.fetchall()
    finally:
        cursor.close()


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
