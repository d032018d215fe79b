"""Keyset pagination in SQL: order by a sort key and start strictly after the previous page."""
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, or_, tuple_
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of a sort key; every sort ends with a unique column (an id) as tie-breaker."""

    expression: ColumnElement[Any]
    descending: bool = False


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    directions = {key.descending for key in keys}
    if len(keys) > 1 and len(directions) == 1:
        # One direction: a row-value comparison, which both databases answer from an index.
        row = tuple_(*(key.expression for key in keys))
        pairs = zip(keys, values, strict=True)
        bound = tuple_(*(literal(value, key.expression.type) for key, value in pairs))
        return row < bound if keys[0].descending else row > bound
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j].expression == values[j] for j in range(i)]
        beyond = key.expression < values[i] if key.descending else key.expression > values[i]
        clauses.append(and_(*equal, beyond))
    return or_(*clauses)


def order_by_keys(statement: Select[Any], keys: Sequence[SortKey]) -> Select[Any]:
    """`statement` in the order of `keys`."""
    return statement.order_by(
        *[key.expression.desc() if key.descending else key.expression.asc() for key in keys]
    )


def fetch_page(
    *,
    session: Session,
    statement: Select[Any],
    keys: Sequence[SortKey],
    after: Sequence[Any] | None,
    limit: int,
    grouped: bool = False,
) -> tuple[list[tuple[Any, ...]], tuple[Any, ...] | None]:
    """Run `statement` ordered by `keys` from just after `after`; rows and the next page's key.

    `statement` is a plain SQLAlchemy `select` (rows, never scalars), so sort columns can be added.
    With `grouped`, keys may be aggregates and the page boundary goes in HAVING.
    """
    if isinstance(statement, SelectOfScalar):
        raise TypeError("fetch_page needs sqlalchemy.select(...), not sqlmodel's scalar select")
    labelled = [key.expression.label(f"_sort{i}") for i, key in enumerate(keys)]
    statement = statement.add_columns(*labelled)
    if after is not None:
        condition = _after(keys, after)
        statement = statement.having(condition) if grouped else statement.where(condition)
    rows = session.exec(order_by_keys(statement, keys).limit(limit + 1)).all()
    width = len(keys)
    page = [tuple(row[:-width]) for row in rows[:limit]]
    next_key = tuple(rows[limit - 1][-width:]) if len(rows) > limit else None
    return page, next_key
