"""Keyset pagination in SQL: order by a sort key and start strictly after the previous page."""
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, or_, tuple_
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from app.services.rows import fetch_rows


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of a sort key; every sort ends with a unique column (an id) as tie-breaker."""

    expression: ColumnElement[Any]
    descending: bool = False


def _after(keys: Sequence[SortKey]) -> ColumnElement[bool]:
    """Rows strictly after the bound parameters `after0`, `after1`... in the order of `keys`."""
    values = [bindparam(f"after{i}", type_=key.expression.type) for i, key in enumerate(keys)]
    directions = {key.descending for key in keys}
    if len(keys) > 1 and len(directions) == 1:
        # One direction: a row-value comparison, which both databases answer from an index.
        row, bound = tuple_(*(key.expression for key in keys)), tuple_(*values)
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


@lru_cache(maxsize=512)
def paged(statement: Select[Any], keys: tuple[SortKey, ...], *, after: bool, grouped: bool
          ) -> Select[Any]:
    """`statement` with its sort key columns (labelled `_sort0`, `_sort1`...), from just after
    the `after0`... parameters when `after`, in order, at most `limit` rows. Built once per
    statement: a listing whose statement is built once per shape of filters runs with no SQL
    construction at all."""
    if isinstance(statement, SelectOfScalar):
        raise TypeError("fetch_page needs sqlalchemy.select(...), not sqlmodel's scalar select")
    labelled = [key.expression.label(f"_sort{i}") for i, key in enumerate(keys)]
    statement = statement.add_columns(*labelled)
    if after:
        statement = statement.having(_after(keys)) if grouped else statement.where(_after(keys))
    return order_by_keys(statement, keys).limit(bindparam("limit"))


def fetch_page(
    *,
    session: Session,
    statement: Select[Any],
    keys: Sequence[SortKey],
    after: Sequence[Any] | None,
    limit: int,
    grouped: bool = False,
    params: Mapping[str, Any] | None = None,
) -> tuple[list[Any], tuple[Any, ...] | None]:
    """Run `statement` (with `params`) ordered by `keys` from just after `after`; rows and the
    next page's key.

    `statement` is a plain SQLAlchemy `select` (rows, never scalars), so sort columns can be added
    (the rows keep them at their end). With `grouped`, keys may be aggregates and the page
    boundary goes in HAVING.
    """
    page = paged(statement, tuple(keys), after=after is not None, grouped=grouped)
    values = {f"after{i}": value for i, value in enumerate(after or ())}
    rows = fetch_rows(session.connection(), page, {**(params or {}), **values,
                                                   "limit": limit + 1})
    next_key = tuple(rows[limit - 1][-len(keys):]) if len(rows) > limit else None
    return list(rows[:limit]), next_key
