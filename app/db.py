"""Engine and sessions. SQLite gets WAL, foreign keys and a busy timeout on every connection.
Errors never show the statement's parameters (search terms, article text): hide_parameters."""
import asyncio
import weakref
from collections.abc import AsyncIterator, Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Depends
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from app.config import get_settings


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for `url`, creating the SQLite file's folder when needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               hide_parameters=True)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         hide_parameters=True)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


async def get_session() -> AsyncIterator[Session]:
    """A session for one request. `async`: opening one connects nothing (the first query does)
    and closing one only hands its connection back, not worth two thread-pool hops."""
    with Session(get_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]

T = TypeVar("T")
DB_THREADS = 4
"""Threads doing requests' database work at once, per process: enough to overlap one request's
wait on the database with another's Python work; more only contend for the GIL."""
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
    weakref.WeakKeyDictionary())


async def run_db(function: Callable[..., T], /, *, bounded: bool = False, **kwargs: Any) -> T:
    """`function(**kwargs)`, blocking database work, on one of DB_THREADS threads; or right
    here when it is `bounded` (a page or an item, read through an index: about a millisecond
    of work) and the database is SQLite, in this process: its work holds the GIL but for short
    stretches, so a thread would only add the hop there and back (about a tenth of a
    millisecond, a third of a whole `/health` answer). PostgreSQL work waits on the network:
    a thread lets the event loop serve others meanwhile."""
    if bounded and get_engine().dialect.name == "sqlite":
        return function(**kwargs)
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = CapacityLimiter(DB_THREADS)
    return await anyio.to_thread.run_sync(partial(function, **kwargs), limiter=limiter)
