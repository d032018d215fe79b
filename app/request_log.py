"""One JSON line per request (method, path, status, duration), on the `newsquotes.requests` logger.

Only the path is logged, never the query string or headers, so no API key or token can leak.
"""
import json
import logging
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("newsquotes.requests")
LOGGED_PATH_CHARS = 500  # a hostile client's 8 KB path must not make 8 KB log lines


def logged_path(path: str) -> str:
    """The path as logged: cut to LOGGED_PATH_CHARS, marked with "..." when it was cut."""
    return path if len(path) <= LOGGED_PATH_CHARS else path[:LOGGED_PATH_CHARS] + "..."


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = getattr(record, "fields", {})
        return json.dumps({"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                           "level": record.levelname.lower(), "event": record.getMessage(),
                           **fields})


def configure_request_log() -> None:
    """Send request lines to stderr as JSON (once; uvicorn's own access log is turned off)."""
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLineFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


class RequestLog:
    """ASGI middleware: logs each HTTP request once it has answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_remember(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_remember)
        finally:
            logger.info("request", extra={"fields": {
                "method": scope["method"], "path": logged_path(scope["path"]), "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            }})
