"""Pure ASGI middleware: body cap, ETag / If-None-Match / Cache-Control, rate limits, HEAD."""
import hashlib
import math
import time
from collections import OrderedDict

from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import problem_response
from app.routes.response_cache import CachedAnswer, ResponseCache

CACHE_CONTROL = "public, max-age=60, must-revalidate"
"""Data changes only when articles are ingested: a minute of reuse, then revalidate by ETag."""
CACHEABLE_TYPES = ("application/json",)


class BodySizeLimit:
    """Refuse request bodies larger than `max_bytes` with a 413 problem, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise StarletteHTTPException(413, detail=self._detail())
            return message

        await self.app(scope, counting_receive, send)

    def _detail(self) -> str:
        return f"Request bodies are limited to {self.max_bytes} bytes."

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413,
            detail=self._detail(),
            instance=scope.get("path"),
        )
        await response(scope, receive, send)


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 weak comparison of an If-None-Match list against `etag`."""
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


class HttpCache:
    """Give successful JSON GET answers an ETag (hash of the body) and Cache-Control, and answer
    304 Not Modified when If-None-Match already names it. Streamed exports pass through.

    With a `ResponseCache`, such answers are also kept and served again until the data changes.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache | None = None) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if_none_match = request_headers.get("if-none-match")
        key, version = None, self.cache.version.read() if self.cache else None
        if self.cache is not None and version is not None:
            key = (scope["method"], scope["path"], scope["query_string"],
                   request_headers.get("accept"))
            if hit := self.cache.get(key, version):
                await self._finish(hit.start, hit.body, hit.etag, if_none_match, send)
                return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffering_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                if message["status"] == 200 and headers.get("content-type", "").startswith(
                        CACHEABLE_TYPES):
                    start = message
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
            if self.cache is not None and key is not None and version is not None and \
                    "no-store" not in Headers(raw=start["headers"]).get("cache-control", ""):
                self.cache.put(key, CachedAnswer(version, start, body, etag))
            await self._finish(start, body, etag, if_none_match, send)

        await self.app(scope, receive, buffering_send)

    @staticmethod
    async def _finish(start: Message, body: bytes, etag: str, if_none_match: str | None,
                      send: Send) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))  # a copy: a cached start is reused
        headers["ETag"] = etag
        headers.setdefault("Cache-Control", CACHE_CONTROL)
        headers.add_vary_header("Accept")
        if if_none_match and _matches(if_none_match, etag):
            del headers["content-length"]
            del headers["content-type"]
            await send({**start, "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})


class HeadAsGet:
    """Answer `HEAD` on every GET route: the GET's status and headers, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class RateLimitSettings(BaseSettings):
    """RATE_LIMIT_PER_MINUTE (0, the default, turns limiting off) and RATE_LIMIT_BURST."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    rate_limit_per_minute: int = 0
    rate_limit_burst: int | None = None


class RateLimit:
    """A token bucket per client address: `per_minute` requests a minute, `burst` at once.
    Answers carry X-RateLimit-Limit/-Remaining/-Reset; past the limit, 429 with Retry-After.
    /health is never limited."""

    MAX_CLIENTS = 10_000

    def __init__(self, app: ASGIApp, per_minute: int, burst: int | None = None) -> None:
        self.app = app
        self.per_minute = per_minute
        self.capacity = float(burst or per_minute)
        self.rate = per_minute / 60.0
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _take(self, client: str) -> tuple[bool, float, float]:
        """(allowed, tokens left, seconds until the next token)."""
        now = time.monotonic()
        tokens, stamp = self.buckets.pop(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > self.MAX_CLIENTS:
            self.buckets.popitem(last=False)
        return allowed, tokens, max(0.0, (1.0 - tokens) / self.rate)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/health":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        allowed, tokens, wait = self._take(client[0] if client else "unknown")
        headers = {
            "X-RateLimit-Limit": str(self.per_minute),
            "X-RateLimit-Remaining": str(int(tokens)),
            "X-RateLimit-Reset": str(math.ceil((self.capacity - tokens) / self.rate)),
        }
        if not allowed:
            retry = str(max(1, math.ceil(wait)))
            response = problem_response(
                429,
                detail=f"More than {self.per_minute} requests a minute; retry in {retry} s.",
                instance=scope.get("path"),
                headers=headers | {"Retry-After": retry},
            )
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(raw=message["headers"]).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)
