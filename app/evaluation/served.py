"""What a user gets for a gold set: its articles stored by `python -m app ingest` in a new
database, then their quotes and speakers read back through the API, exactly as served.

Each gold article becomes a `.txt` file (headline on the first line) with a `.meta.json` giving
its url, the way a user ingests a folder; the API is the application `python -m app serve` runs,
pointed at that database, asked for every quote (`format=ndjson`) and every speaker."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI
from rich.console import Console

from app.config import get_settings
from app.db import get_engine

# The served application for an evaluation: no response cache, no request log, no rate limit.
_ENVIRONMENT = {"RESPONSE_CACHE_MB": "0", "LOG_REQUESTS": "false", "RATE_LIMIT_PER_MINUTE": "0"}


@dataclass(frozen=True, slots=True)
class ServedSpeaker:
    id: int
    name: str
    is_organization: bool
    quote_count: int


@dataclass(frozen=True, slots=True)
class ServedRun:
    """Every served quote, by gold article url, and every speaker, by id."""

    quotes: dict[str, list[dict]]
    speakers: dict[int, ServedSpeaker]
    articles: int
    seconds: float  # ingestion, wall clock

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _file_stem(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:16]


def write_gold_folder(articles: list[dict], folder: Path) -> None:
    """Each gold article as `NAME.txt` (its text) and `NAME.meta.json` (its url)."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        stem = _file_stem(article["url"])
        (folder / f"{stem}.txt").write_text(article["text"], encoding="utf-8")
        (folder / f"{stem}.meta.json").write_text(json.dumps({"url": article["url"]}),
                                                  encoding="utf-8")


@contextmanager
def _configured(database_url: str) -> Iterator[None]:
    """The settings of a user who set DATABASE_URL (and turned off caching and request logs)."""
    wanted = {"DATABASE_URL": database_url, **_ENVIRONMENT}
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        yield
    finally:
        get_engine().dispose()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
        get_engine.cache_clear()


async def _ndjson(client: httpx.AsyncClient, path: str) -> list[dict]:
    answer = await client.get(path, params={"format": "ndjson", "duplicates": "keep"})
    answer.raise_for_status()
    return [json.loads(line) for line in answer.text.splitlines() if line.strip()]


async def _speakers(client: httpx.AsyncClient) -> dict[int, ServedSpeaker]:
    found: dict[int, ServedSpeaker] = {}
    url: str | None = "/speakers?limit=100"
    while url:
        answer = await client.get(url)
        answer.raise_for_status()
        page = answer.json()
        for item in page["items"]:
            found[item["id"]] = ServedSpeaker(item["id"], item["name"],
                                              bool(item.get("is_organization")),
                                              item.get("quote_count", 0))
        url = page.get("next")
    return found


async def _read_served(app: FastAPI) -> tuple[dict[str, list[dict]], dict[int, ServedSpeaker]]:
    """Every quote, by its article's url, and every speaker, asked of the API."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://eval") as client:
        urls = {a["id"]: a["url"] for a in await _ndjson(client, "/articles")}
        quotes: dict[str, list[dict]] = {url: [] for url in urls.values()}
        for quote in await _ndjson(client, "/quotes"):
            quotes[urls[quote["article_id"]]].append(quote)
        return quotes, await _speakers(client)


def served_run(articles: list[dict], *, jobs: int = 1) -> ServedRun:
    """Ingest `articles` into a new SQLite database and read back what the API serves."""
    from app.ingest.command import ingest_command
    from app.main import create_app

    with tempfile.TemporaryDirectory(prefix="newsquotes-eval-") as scratch:
        folder = Path(scratch) / "articles"
        write_gold_folder(articles, folder)
        with _configured(f"sqlite:///{Path(scratch) / 'eval.db'}"):
            started = time.perf_counter()
            summary = ingest_command([folder], jobs=jobs, console=Console(quiet=True))
            seconds = time.perf_counter() - started
            if summary.failed:
                problems = "; ".join(f"{p.source}: {p.message}" for p in summary.problems[:5])
                raise RuntimeError(f"{summary.failed} gold articles could not be ingested: "
                                   f"{problems}")
            quotes, speakers = asyncio.run(_read_served(create_app()))
    for served in quotes.values():
        served.sort(key=lambda quote: quote["start"])
    return ServedRun(quotes, speakers, len(articles), seconds)


def as_prediction(quote: dict) -> dict:
    """A served quote in the scorer's form: its content when it has one, else its text."""
    content = quote.get("content")
    speaker = quote.get("speaker") or {}
    return {
        "text": content["text"] if content else quote["text"],
        "speaker": speaker.get("name"),
        "speaker_id": speaker.get("id"),
        "mention": quote.get("speaker_mention"),
        "kind": quote["kind"],
    }
