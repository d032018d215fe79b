"""Hostile cursors and extreme values on every list route: a 4xx problem, never a 5xx.

Cursors are signed, so an altered one is a 400 (`bad_cursor`); a signed cursor holding what
no stored row can (found by a leaked key) is a 400 too, not a database error.
"""
import base64
import json
import logging
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.pipeline import prepare_article, store_prepared_batch
from app.pagination import sign_cursor
from app.synthetic import synthetic_articles
from app.topics_file import load_topic_definitions

PROBLEM = "application/problem+json"
SEARCHES = ("nato", "blinken", "jens", "stoltenberg", "a")  # the first with two matches is used
PATH_KEYS = {"{key}": {"speakers": "antony-blinken", "topics": "turkey"}}

# What no stored sort key holds: each replaces one value of a real cursor's key.
HOSTILE_KEY_VALUES: list[tuple[str, Any]] = [
    ("year 9999 at -14:00", "9999-12-31T23:59:59-14:00"),
    ("year 1 at +14:00", "0001-01-01T00:00:00+14:00"),
    ("naive time", "2021-03-23T09:30:00"),
    ("not a time", "yesterday"),
    ("int64 max", 2**63 - 1),
    ("beyond int64", 2**70),
    ("int64 min", -(2**63)),
    ("float max", 1.7976931348623157e308),
    ("NUL in text", "\u0000x"),
    ("long text", "x" * 5000),
    ("null", None),
    ("true", True),
    ("list", [1, 2]),
    ("object", {"a": 1}),
]


def list_routes(client: TestClient) -> list[tuple[str, dict[str, str]]]:
    """(path, query) of every list route, once per sort order it offers."""
    routes = []
    spec = client.app.openapi()
    for path, operations in spec["paths"].items():
        parameters = {p["name"]: p for p in operations.get("get", {}).get("parameters", [])}
        if "cursor" not in parameters:
            continue
        for placeholder, by_resource in PATH_KEYS.items():
            if placeholder in path:
                path = path.replace(placeholder, by_resource[path.split("/")[1]])
        sorts = _enum(spec, parameters["sort"]["schema"]) if "sort" in parameters else [None]
        for sort in sorts:
            query = {"limit": "1"} | ({"sort": sort} if sort else {})
            if sort == "relevance":
                query["q"] = next(q for q in SEARCHES if client.get(
                    path, params={**query, "q": q}).json()["next"])
            routes.append((path, query))
    return routes


def _enum(spec: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "enum" in schema:
        return list(schema["enum"])
    return [v for option in schema.get("anyOf", []) for v in _enum(spec, option)]


def first_cursor(client: TestClient, path: str, query: dict[str, str]) -> str:
    page = client.get(path, params=query)
    assert page.status_code == 200, (path, query, page.text)
    assert page.json()["next"], (path, query)  # the seeds hold two items at least
    return page.json()["next"].split("cursor=")[1]


def document(cursor: str) -> dict[str, Any]:
    raw = cursor[22:]
    return orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


def assert_refused(response: Any, *statuses: int) -> None:
    assert response.status_code in (statuses or (400,)), response.text
    assert response.headers["content-type"] == PROBLEM


@pytest.fixture
def lists_client(seeded_client: TestClient, seeded_engine: Engine) -> TestClient:
    """The seeds and a few synthetic articles: every list holds two items at least."""
    topics = load_topic_definitions()
    with Session(seeded_engine) as session:
        store_prepared_batch(session=session, topics=topics, batch=[
            prepare_article(record, topics=topics) for record in synthetic_articles(6)])
    return seeded_client


def test_every_list_route_is_covered(lists_client: TestClient) -> None:
    paths = {path for path, _ in list_routes(lists_client)}
    assert len(paths) == 12 and "/speakers/antony-blinken/quotes" in paths


def test_altered_cursors_are_refused(lists_client: TestClient) -> None:
    for path, query in list_routes(lists_client):
        cursor = first_cursor(lists_client, path, query)
        mine = document(cursor)
        forged = base64.urlsafe_b64encode(orjson.dumps(mine)).decode().rstrip("=")
        flipped = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
        for bad in (forged, "A" * 22 + forged, flipped, cursor[22:], cursor[:22], "x"):
            response = lists_client.get(path, params={**query, "cursor": bad})
            assert_refused(response)
            assert response.json()["code"] == "bad_cursor", (path, bad)
        assert lists_client.get(path, params={**query, "cursor": cursor}).status_code == 200


def test_signed_cursors_holding_what_no_row_holds_are_refused(
        lists_client: TestClient) -> None:
    for path, query in list_routes(lists_client):
        mine = document(first_cursor(lists_client, path, query))
        for position in range(len(mine["k"])):
            for name, value in HOSTILE_KEY_VALUES:
                key = [*mine["k"][:position], value, *mine["k"][position + 1:]]
                cursor = sign_cursor(json.dumps({"s": mine["s"], "k": key}).encode())
                response = lists_client.get(path, params={**query, "cursor": cursor})
                assert response.status_code < 500, (path, query, name, response.text)
                if response.status_code != 200:  # e.g. a naive time is fine for a text key
                    assert_refused(response, 400, 422)  # 422: longer than a cursor can be
        for key in ([], [*mine["k"], 1], "k", None):
            cursor = sign_cursor(json.dumps({"s": mine["s"], "k": key}).encode())
            assert_refused(lists_client.get(path, params={**query, "cursor": cursor}))


EXTREME_TIMES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
                 "2021-03-23T09:30:00", "99999-01-01T00:00:00Z", "2021-02-30T00:00:00Z",
                 "2021-03-23T09:30:00\u0000", "1e308"]


@pytest.mark.parametrize("value", EXTREME_TIMES)
def test_extreme_times_in_filters_are_never_a_server_error(lists_client: TestClient,
                                                          value: str) -> None:
    for path, query in list_routes(lists_client):
        for name in ("since", "until", "updated_since"):
            response = lists_client.get(path, params={**query, name: value})
            assert response.status_code < 500, (path, name, value, response.text)
            if response.status_code != 200:
                assert_refused(response, 422)


def test_a_server_error_answers_a_problem_and_logs_no_query_value(
        client: TestClient, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import text

    from app.routes import search

    def broken(**_kwargs: Any) -> None:
        from app.db import get_engine

        with get_engine().connect() as connection:  # a database error with a secret parameter
            connection.execute(text("SELECT * FROM no_such_table WHERE x = :secret"),
                               {"secret": "hunter2-secret-term"})

    monkeypatch.setattr(search, "_search", broken)
    with caplog.at_level(logging.DEBUG):
        response = client.get("/search", params={"q": "hunter2-secret-term"})
    assert_refused(response, 500)
    assert response.json()["code"] == "internal_error"
    assert "no_such_table" not in response.text and "hunter2" not in response.text
    server_records = [r for r in caplog.records if not r.name.startswith("httpx")]  # the client's
    logged = "\n".join(caplog.handler.format(record) for record in server_records)
    assert "no_such_table" in logged  # the error is logged, for whoever runs the server
    assert "hunter2" not in logged


POSTED = 'T\n\n"Yes," Ann Lee said.'


@pytest.mark.parametrize(("field", "value"), [
    ("published_at", "9999-12-31T23:59:59-14:00"),
    ("published_at", "0001-01-01T00:00:00+14:00"),
    ("text", 'T\n\n"Ye\u0000s," Ann Lee said.'),
    ("title", "a\u0000b"),
    ("outlet", "\u0000"),
    ("url", "javascript:alert(1)"),
    ("url", "file:///etc/passwd"),
    ("url", "data:text/html,<script>x</script>"),
])
def test_a_posted_article_no_database_can_hold_is_a_422(writer: TestClient, field: str,
                                                        value: str) -> None:
    from tests.conftest import AUTH

    response = writer.post("/articles", json={"text": POSTED, field: value}, headers=AUTH)
    assert_refused(response, 422)
    assert [error["loc"] for error in response.json()["errors"]] == [["body", field]]


def test_an_html_post_with_a_script_url_is_a_422(writer: TestClient) -> None:
    from tests.conftest import AUTH

    response = writer.post("/articles", params={"url": "javascript:alert(1)"},
                           content=b"<html><body><p>Hi.</p></body></html>",
                           headers={**AUTH, "Content-Type": "text/html"})
    assert_refused(response, 422)
