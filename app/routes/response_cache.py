"""JSON answers kept in memory until the data changes: a repeated GET costs a dictionary lookup.

Whether the data changed is asked of the database on every request, so writes by another process
(an `ingest` run beside the server) are seen at once: SQLite's `PRAGMA data_version` on a
connection kept for that alone (it changes whenever another connection commits), PostgreSQL's WAL
insert position (any committed write moves it; unrelated writes only cost a cache miss).
"""
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from app.config import get_settings
from app.db import get_engine

VERSION_QUERIES = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT pg_current_wal_insert_lsn()::text",
}


class DataVersion:
    """A token that differs whenever any connection has committed a change to the database."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._connection: Any = None
        self._database = ""

    def read(self) -> str | None:
        """The current token, or None when it can't be known (then nothing may be cached)."""
        engine = get_engine()
        if engine is not self._engine:
            self.close()
            self._engine, self._database = engine, str(engine.url)
        query = VERSION_QUERIES.get(engine.dialect.name)
        if query is None or engine.url.database in (None, "", ":memory:"):
            return None  # an in-memory SQLite database shares our connection: no signal
        try:
            if self._connection is None:
                self._connection = engine.raw_connection()
                if engine.dialect.name == "postgresql":  # never sit idle in a transaction
                    self._connection.dbapi_connection.autocommit = True
            cursor = self._connection.cursor()
            cursor.execute(query)
            (value,) = cursor.fetchone()
            cursor.close()
        except engine.dialect.dbapi.Error:  # type: ignore[union-attr]
            self.close()  # a lost connection: no caching until a read succeeds again
            return None
        return f"{self._database}#{value}"

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()  # not back to the pool: it holds no transaction
            finally:
                self._connection = None


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    version: str
    start: dict[str, Any]  # the ASGI http.response.start message
    body: bytes
    etag: str  # hashed once, when the answer was made


class ResponseCache:
    """Least-recently-used answers, at most `RESPONSE_CACHE_MB` megabytes of bodies in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.answers: OrderedDict[tuple[object, ...], CachedAnswer] = OrderedDict()
        self.version = DataVersion()

    @classmethod
    def from_settings(cls) -> "ResponseCache | None":
        megabytes = get_settings().response_cache_mb
        return cls(megabytes * 1_000_000) if megabytes > 0 else None

    def get(self, key: tuple[object, ...], version: str) -> CachedAnswer | None:
        answer = self.answers.get(key)
        if answer is None:
            return None
        if answer.version != version:
            self._drop(key)
            return None
        self.answers.move_to_end(key)
        return answer

    def put(self, key: tuple[object, ...], answer: CachedAnswer) -> None:
        if len(answer.body) > self.max_bytes // 8:
            return  # one huge page would push out everything else
        if key in self.answers:
            self._drop(key)
        self.answers[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            self._drop(next(iter(self.answers)))

    def _drop(self, key: tuple[object, ...]) -> None:
        self.size -= len(self.answers.pop(key).body)
