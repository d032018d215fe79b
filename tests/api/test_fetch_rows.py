"""fetch_rows gives the rows SQLAlchemy gives: the same values (datetimes in and out through the
same processors, `IN` lists of any length), by position and by name; driver errors as
SQLAlchemy's exceptions."""
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, exc, func, literal, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app.models import Outlet, Quote, QuoteTopic, Speaker
from app.services.keyset import SortKey, paged
from app.services.rows import fetch_rows

pytestmark = pytest.mark.db

IDS = bindparam("ids", expanding=True)
MOMENT = bindparam("moment", type_=Quote.__table__.c.reported_at.type)  # type: ignore[attr-defined]
QUOTES = (select(col(Quote.id), col(Quote.text), col(Quote.reported_at).label("published_at"),
                 col(Speaker.slug).label("speaker_slug"), col(Outlet.slug).label("outlet"),
                 literal("quote").label("kind_of_row"))
          .outerjoin(Speaker, col(Speaker.id) == Quote.speaker_id)
          .outerjoin(Outlet, col(Outlet.id) == Quote.outlet_id))
KEYS = (SortKey(col(Quote.reported_at), True), SortKey(col(Quote.id), True))
EARLY = datetime(2000, 1, 1, tzinfo=UTC)
STATEMENTS: list[tuple[Any, dict[str, Any]]] = [
    (QUOTES.order_by(col(Quote.id)), {}),
    (QUOTES.where(col(Quote.id).in_(IDS)), {"ids": [1, 2, 3]}),
    (QUOTES.where(col(Quote.id).in_(IDS)), {"ids": [5]}),
    (QUOTES.where(col(Quote.id).in_(IDS)), {"ids": []}),
    (QUOTES.where(col(Quote.reported_at) >= MOMENT), {"moment": EARLY}),
    (QUOTES.where(col(Quote.reported_at) >= MOMENT),
     {"moment": datetime(2021, 3, 23, 12, tzinfo=UTC) + timedelta(hours=5)}),
    (paged(QUOTES, KEYS, after=False, grouped=False), {"limit": 3}),
    (paged(QUOTES, KEYS, after=True, grouped=False),
     {"limit": 5, "after0": datetime(2021, 3, 24, tzinfo=UTC), "after1": 10**6}),
    (select(func.max(Quote.id)), {}),
    (select(QuoteTopic.quote_id, func.count()).group_by(QuoteTopic.quote_id)
     .having(func.count() > bindparam("least")), {"least": 1}),
    (select(col(Quote.id)).where(col(Quote.id).in_([1, 2])), {}),  # values built in
]


@pytest.mark.parametrize(("statement", "params"), STATEMENTS)
def test_rows_equal_sqlalchemy_rows(seeded_engine: Engine, statement: Any,
                                    params: dict[str, Any]) -> None:
    with Session(seeded_engine) as session:
        connection = session.connection()
        expected = connection.execute(statement, params).all()
        for _ in range(3):  # through SQLAlchemy, then compiled, then from the shape made
            rows = fetch_rows(connection, statement, params)
            assert [tuple(row) for row in rows] == [tuple(row) for row in expected]
            assert [row._asdict() for row in rows] == [row._asdict() for row in expected]


def test_rows_answer_to_column_names(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        row = fetch_rows(session.connection(), QUOTES.order_by(col(Quote.id)))[0]
    assert (row.id, row.published_at.tzinfo, row.kind_of_row) == (row[0], UTC, "quote")


def test_a_driver_error_is_a_sqlalchemy_error(engine: Engine) -> None:
    broken = select(text("no_such_column")).select_from(Quote).where(col(Quote.id).in_(IDS))
    for _ in range(2):  # through SQLAlchemy, then on the driver's cursor
        with Session(engine) as session, pytest.raises(exc.DBAPIError):
            fetch_rows(session.connection(), broken, {"ids": [1]})
