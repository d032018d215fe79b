"""Rate limits: off by default; when set, X-RateLimit-* headers and 429 with Retry-After."""
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db import get_session
from app.main import create_app


@pytest.fixture
def limited(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "3")
    app = create_app()

    def _session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = _session
    with TestClient(app) as client:
        yield client


def test_off_by_default(client: TestClient) -> None:
    responses = [client.get("/topics") for _ in range(10)]
    assert {r.status_code for r in responses} == {200}
    assert "x-ratelimit-limit" not in responses[0].headers


def test_limit_then_429(limited: TestClient) -> None:
    first = limited.get("/topics")
    assert first.headers["x-ratelimit-limit"] == "3"
    assert first.headers["x-ratelimit-remaining"] == "2"
    limited.get("/topics")
    limited.get("/quotes")
    refused = limited.get("/topics")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["status"] == 429
    assert limited.get("/health").status_code == 200
