"""JSON answers kept in memory until the data changes: a repeated GET costs a dictionary lookup.

Whether the data changed is asked of the database on every request, so writes by another process
(an `ingest` run beside the server) are seen at once, on a connection kept for that alone:
SQLite's `PRAGMA data_version` (it changes whenever another connection commits); on PostgreSQL, the
`newsquotes_changed` notifications this connection listens to, which every table's triggers send
when a transaction that wrote to it commits (migration 0018pa). Notifications belong to one
database, so writes to other databases on the same server cost no cache miss (the server-wide WAL
position used before did), and they are sent at commit, so an answer read before a commit is
never kept past it.
"""
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from app.config import get_settings
from app.db import get_engine

VERSION_QUERIES = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT 1",  # a round trip: the notifications sent before it arrive with it
}
CHANNEL = "newsquotes_changed"
LISTENING = "SELECT EXISTS (SELECT FROM pg_trigger WHERE tgname = 'newsquotes_changed')"


class DataVersion:
    """A token that differs whenever any connection has committed a change to the database."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._connection: Any = None
        self._database = ""
        self._connections = 0  # a new connection may have missed notifications: a new token
        self._changes = 0  # notifications received on the current connection
        self._silent = False  # the database sends no notifications: cache nothing

    def read(self) -> str | None:
        """The current token, or None when it can't be known (then nothing may be cached)."""
        engine = get_engine()
        if engine is not self._engine:
            self.close()
            self._engine, self._database, self._silent = engine, str(engine.url), False
        query = VERSION_QUERIES.get(engine.dialect.name)
        if query is None or self._silent or engine.url.database in (None, "", ":memory:"):
            return None  # an in-memory SQLite database shares our connection: no signal
        try:
            if self._connection is None and not self._connect(engine):
                return None
            cursor = self._connection.cursor()
            cursor.execute(query)
            (value,) = cursor.fetchone()
            cursor.close()
        except engine.dialect.dbapi.Error:  # type: ignore[union-attr]
            self.close()  # a lost connection: no caching until a read succeeds again
            return None
        if engine.dialect.name == "postgresql":
            value = self._changes
        return f"{self._database}#{self._connections}.{value}"

    def _connect(self, engine: Engine) -> bool:
        """Open the connection (on PostgreSQL: listening, outside any transaction); False when
        the database sends no notifications (not migrated to 0018pa): then nothing is cached
        until the server restarts."""
        self._connection = engine.raw_connection()
        self._connections += 1
        self._changes = 0
        if engine.dialect.name == "postgresql":
            driver = self._connection.dbapi_connection
            driver.autocommit = True  # never sit idle in a transaction
            if not driver.execute(LISTENING).fetchone()[0]:
                self.close()
                self._silent = True
                return False
            driver.add_notify_handler(self._changed)
            driver.execute(f"LISTEN {CHANNEL}")
        return True

    def _changed(self, _notification: Any) -> None:
        self._changes += 1

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
