"""Multi-row inserts that SQLAlchemy would otherwise run one row at a time, or fail on."""
from typing import Any

from sqlalchemy import Row, Table, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session


def insert_returning_ids(session: Session, table: Table, rows: list[dict[str, object]]
                         ) -> list[int]:
    """Insert rows in one statement batch; returns their new ids, in the order of `rows`.

    SQLite can't promise the order of RETURNING rows, so SQLAlchemy would insert one row per
    statement there; instead the ids are given here, after the largest one. That is safe only
    because the caller has already written in this transaction: SQLite then lets no other
    connection write until it ends."""
    if session.get_bind().dialect.name != "sqlite":
        return list(session.connection().execute(
            table.insert().returning(table.c.id, sort_by_parameter_order=True), rows).scalars())
    first = (session.connection().execute(select(func.max(table.c.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(rows)))
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


