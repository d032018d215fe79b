"""Every list of the API as one shape: SQL rows in keyset order, turned into JSON-ready dicts.

A `Listing` is the statement of a list (plain SQLAlchemy core rows, never ORM objects) with the
values of its bound parameters, its sort keys and cursor type, and `build`, which turns a batch of
rows into items (one extra query per batch at most: topics, aliases...). The same listing gives a
page, every row for an export, or the total, so the three can never disagree. Statements run on
the session's connection (SQLAlchemy core), skipping the ORM's execution layer.
"""
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlmodel import Session

from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page, order_by_keys

EXPORT_BATCH = 500

Item = dict[str, Any]
Builder = Callable[[Session, Sequence[Row[Any]]], list[Item]]


def as_dicts(_session: Session, rows: Sequence[Row[Any]]) -> list[Item]:
    """Items that are the rows themselves, column label -> value (sort keys left out)."""
    return [{name: value for name, value in row._asdict().items()
             if not name.startswith("_sort")} for row in rows]


@dataclass(frozen=True, slots=True)
class Listing:
    statement: Select[Any] | None  # None: nothing can match (no query is run)
    keys: tuple[SortKey, ...]
    sort: str  # names the listing and its order inside a cursor
    types: tuple[type, ...]  # of the sort key's values, to read them back from a cursor
    build: Builder = as_dicts
    grouped: bool = False  # sort keys are aggregates (the page boundary goes in HAVING)
    params: Mapping[str, Any] = field(default_factory=dict)  # of `statement`'s bindparams


def read_page(
    *, session: Session, listing: Listing, cursor: str | None, limit: int
) -> tuple[list[Item], str | None]:
    """One page of items from just after `cursor`, and the cursor of the next page."""
    after = decode_cursor(cursor, sort=listing.sort, types=listing.types)
    if listing.statement is None:
        return [], None
    rows, next_key = fetch_page(session=session, statement=listing.statement, keys=listing.keys,
                                after=after, limit=limit, grouped=listing.grouped,
                                params=listing.params)
    next_cursor = encode_cursor(sort=listing.sort, key=next_key) if next_key else None
    return listing.build(session, rows), next_cursor


def read_all(*, session: Session, listing: Listing) -> Iterator[Item]:
    """Every item, read and built in batches (constant memory)."""
    if listing.statement is None:
        return
    statement = order_by_keys(listing.statement, listing.keys)
    result = session.connection().execute(statement.execution_options(yield_per=EXPORT_BATCH),
                                          dict(listing.params))
    for partition in result.partitions():
        yield from listing.build(session, partition)


def count_all(*, session: Session, listing: Listing) -> int:
    """How many items the whole listing holds."""
    if listing.statement is None:
        return 0
    counted = select(func.count()).select_from(listing.statement.order_by(None).subquery())
    return int(session.connection().execute(counted, dict(listing.params)).scalar_one())
