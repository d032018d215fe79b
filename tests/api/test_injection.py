"""Hostile values in every filter, search and path parameter of the read API.

Each answer is a 4xx `application/problem+json` or a 200 that leaks nothing (no database error
text; no rows for a filter that names nothing), never a 5xx; afterwards every table holds exactly
the rows it held before.
"""
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

PROBLEM = "application/problem+json"
LEAKS = ("Traceback", "sqlalchemy", "sqlite3", "psycopg", "OperationalError", "ProgrammingError",
         "IntegrityError", "DataError", "fts5:", "syntax error", "[SQL:", "tsquery")

# (name, value): one hostile value a line, sent to every target below.
PAYLOADS: list[tuple[str, str]] = [
    ("sql-or-true", "' OR 1=1 --"),
    ("sql-or-true-dq", '" OR ""="'),
    ("sql-stacked-drop", "1; DROP TABLE quote"),
    ("sql-stacked-drop-article", "x'); DROP TABLE article; --"),
    ("sql-like-wildcard", "%' --"),
    ("like-percent", "%"),
    ("like-underscore", "_"),
    ("sql-union", "' UNION SELECT name, sql FROM sqlite_master --"),
    ("sql-pg-sleep", "'; SELECT pg_sleep(0); --"),
    ("fts-unbalanced", '"unbalanced'),
    ("fts-near", "NEAR("),
    ("fts-dangling-and", "a AND"),
    ("fts-star", "*"),
    ("fts-column", "col:text"),
    ("fts-match", "quote_fts MATCH 'x'"),
    ("fts-or-only", "OR"),
    ("fts-not-only", "-"),
    ("tsquery-ops", "a & !b | c:* <-> d"),
    ("huge-ascii", "x" * 100_000),
    ("huge-unicode", "ü" * 20_000),
    ("int-word", "abc"),
    ("int-negative", "-1"),
    ("int-huge", str(10**30)),
    ("int-above-int32", str(2**31)),
    ("int-max-int64", str(2**63 - 1)),
    ("float-overflow", "1e309"),
    ("control-chars", "a\x01\x08\x1b[31mb\x7f"),
    ("nul-byte", "a\x00b"),
    ("newline-crlf", "a\r\nSet-Cookie: x=1"),
    ("unicode-rtl", "\u202eevil\u202c\u200f"),
    ("lone-surrogate-ish", "\ufffd\ufeff"),
    ("path-traversal", "../../etc/passwd"),
    ("empty", ""),
]

# (path, parameter, filter): `filter` targets name a thing, so a 200 must list nothing.
# A parameter named "{}" is the path segment itself.
TARGETS: list[tuple[str, str, bool]] = [
    ("/quotes", "speaker", True),
    ("/quotes", "topic", True),
    ("/quotes", "article", True),
    ("/quotes", "outlet", True),
    ("/quotes", "kind", True),
    ("/quotes", "cue", True),
    ("/quotes", "entity", True),
    ("/quotes", "q", False),
    ("/quotes", "sort", False),
    ("/quotes", "limit", False),
    ("/quotes", "cursor", False),
    ("/quotes", "fields", False),
    ("/quotes", "format", False),
    ("/quotes", "since", False),
    ("/quotes", "until", False),
    ("/quotes", "updated_since", False),
    ("/articles", "outlet", True),
    ("/articles", "topic", True),
    ("/articles", "speaker", True),
    ("/articles", "url", True),
    ("/articles", "entity", True),
    ("/articles", "q", False),
    ("/articles", "sort", False),
    ("/articles", "limit", False),
    ("/articles", "cursor", False),
    ("/articles", "fields", False),
    ("/articles", "since", False),
    ("/speakers", "topic", True),
    ("/speakers", "limit", False),
    ("/speakers", "cursor", False),
    ("/topics/turkey/quotes", "speaker", True),
    ("/topics/turkey/quotes", "outlet", True),
    ("/topics/turkey/quotes", "kind", True),
    ("/topics/turkey/quotes", "sort", False),
    ("/topics/turkey/quotes", "limit", False),
    ("/search", "q", False),
    ("/search", "limit", False),
    ("/utterances", "speaker", True),
    ("/utterances", "topic", True),
    ("/utterances", "outlet", True),
    ("/utterances", "min_outlets", False),
    ("/entities", "type", True),
    ("/entities", "q", False),
    ("/entities", "limit", False),
    ("/stories", "min_outlets", False),
    ("/outlets", "cursor", False),
    ("/quotes/{}", "{}", True),
    ("/articles/{}", "{}", True),
    ("/speakers/{}", "{}", True),
    ("/speakers/{}/quotes", "{}", True),
    ("/topics/{}", "{}", True),
    ("/topics/{}/quotes", "{}", True),
    ("/outlets/{}", "{}", True),
    ("/entities/{}", "{}", True),
    ("/utterances/{}", "{}", True),
    ("/stories/{}", "{}", True),
]

# Whole query strings: repeated, duplicated and oversized parameters.
RAW_URLS: list[str] = [
    "/quotes?" + "&".join(["topic=x"] * 1000),
    "/quotes?" + "&".join(["cue=said"] * 21),
    "/quotes?limit=1&limit=abc",
    "/quotes?q=a&q=%22b",
    "/articles?" + "&".join(f"p{i}=1" for i in range(500)),
    "/search?q=" + "a%20" * 5000,
    "/search?q=" + "%20OR%20".join(["a"] * 200),
    "/quotes?speaker=%ZZ",
    "/quotes?%00=1",
]


# LIKE wildcards must match themselves only: no entity name holds them.
WILDCARDS: list[tuple[str, str, str]] = [
    ("/entities", "q", "%"),
    ("/entities", "q", "_"),
    ("/entities", "q", "%%"),
    ("/entities", "q", "\\"),
]


@pytest.fixture(autouse=True)
def long_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the test client send URLs longer than httpx's 64 KiB guard (the app must cope)."""
    monkeypatch.setattr(httpx._urlparse, "MAX_URL_LENGTH", 10_000_000)


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in SQLModel.metadata.sorted_tables}


def problems_with(response_status: int, content_type: str, body: str, json_body: object,
                  must_be_empty: bool) -> list[str]:
    """What is wrong with one answer (nothing when it is a clean 4xx problem or a clean 200)."""
    found = [f"leaks {marker!r}" for marker in LEAKS if marker in body]
    if response_status >= 500:
        found.append("server error")
    elif response_status >= 400:
        if content_type != PROBLEM:
            found.append(f"content-type {content_type}")
        elif not isinstance(json_body, dict) or json_body.get("status") != response_status:
            found.append("problem body without its status")
    elif response_status == 200 and must_be_empty:
        items = json_body.get("items") if isinstance(json_body, dict) else None
        if items is None and not (isinstance(json_body, list) and not json_body):
            found.append("200 for a thing that does not exist")
        elif items:
            found.append(f"200 with {len(items)} rows for a filter that names nothing")
    elif response_status not in (200, 304):
        found.append(f"unexpected status {response_status}")
    return found


def check(client: TestClient, url: str, params: dict[str, str] | None,
          must_be_empty: bool) -> list[str]:
    response = client.get(url, params=params)
    content_type = response.headers.get("content-type", "").split(";")[0]
    try:
        json_body = response.json() if "json" in content_type else None
    except ValueError:
        json_body = None
    found = problems_with(response.status_code, content_type, response.text, json_body,
                          must_be_empty)
    return [f"GET {url} {list((params or {}).keys())} -> {response.status_code}: {problem}"
            for problem in found]


@pytest.mark.db
@pytest.mark.parametrize(("name", "value"), PAYLOADS, ids=[name for name, _ in PAYLOADS])
def test_hostile_value_everywhere(seeded_client: TestClient, seeded_engine: Engine, name: str,
                                  value: str) -> None:
    before = row_counts(seeded_engine)
    failures: list[str] = []
    for path, parameter, is_filter in TARGETS:
        if parameter == "{}":
            url = path.replace("{}", quote(value, safe="") or "%20")
            failures += check(seeded_client, url, None, is_filter)
        else:
            failures += check(seeded_client, path, {parameter: value}, is_filter)
    assert not failures, "\n".join(failures)
    assert row_counts(seeded_engine) == before


@pytest.mark.db
def test_hostile_query_strings(seeded_client: TestClient, seeded_engine: Engine) -> None:
    before = row_counts(seeded_engine)
    failures = [failure for url in RAW_URLS for failure in check(seeded_client, url, None, False)]
    assert not failures, "\n".join(failures)
    assert row_counts(seeded_engine) == before


@pytest.mark.db
@pytest.mark.parametrize(("path", "parameter", "value"), WILDCARDS)
def test_like_wildcards_are_literal(seeded_client: TestClient, path: str, parameter: str,
                                    value: str) -> None:
    assert check(seeded_client, path, {parameter: value}, True) == []
