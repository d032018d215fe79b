"""POST /articles and DELETE /articles/{id}: Bearer API key, ingestion, idempotence."""
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings, get_settings
from tests.conftest import AUTH, KEY

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_text(n: int = 0) -> str:
    return sorted(SEEDS.glob("*.txt"))[n].read_text()


def test_post_json_record_then_again(writer: TestClient) -> None:
    record = {"text": seed_text(), "url": "https://www.euractiv.com/a/", "outlet": "EURACTIV"}
    first = writer.post("/articles", json=record, headers=AUTH)
    assert first.status_code == 201, first.text
    article = first.json()
    assert first.headers["location"] == f"/articles/{article['id']}"
    assert article["outlet"] == "euractiv"
    assert article["quotes"] and article["quotes"][0]["speaker"]
    assert article["title"].startswith("US, NATO have strong interest")
    again = writer.post("/articles", json=record, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["id"] == article["id"]
    assert writer.get(f"/articles/{article['id']}").json()["quote_count"] == len(article["quotes"])


def test_post_plain_text_with_query_params(writer: TestClient) -> None:
    response = writer.post(
        "/articles",
        params={"url": "https://www.presstv.ir/x", "outlet": "Press TV"},
        content=seed_text(1).encode(),
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["outlet"] == "press-tv"
    assert response.json()["url"] == "https://www.presstv.ir/x"


def test_post_html(writer: TestClient) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in seed_text().split("\n\n")[1:])
    page = f"<html><head><title>Blinken</title></head><body><article>{paragraphs}</article>"
    response = writer.post(
        "/articles", params={"url": "https://example.org/blinken"}, content=page,
        headers={**AUTH, "Content-Type": "text/html"},
    )
    assert response.status_code == 201, response.text
    assert any(q["speaker"] and q["speaker"]["slug"] == "antony-blinken"
               for q in response.json()["quotes"])


def test_delete(writer: TestClient) -> None:
    article = writer.post("/articles", json={"text": seed_text()}, headers=AUTH).json()
    assert writer.delete(f"/articles/{article['id']}").status_code == 401
    assert writer.delete(f"/articles/{article['id']}", headers=AUTH).status_code == 204
    assert writer.get(f"/articles/{article['id']}").status_code == 404
    assert writer.get("/speakers").json()["items"] == []
    assert writer.delete(f"/articles/{article['id']}", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({}, {"text": "x"}, 401),
        ({"Authorization": "Bearer wrong"}, {"text": "x"}, 401),
        ({"Authorization": f"Basic {KEY}"}, {"text": "x"}, 401),
        (AUTH, {"title": "no text"}, 422),
        (AUTH, {"text": ""}, 422),
        (AUTH, {"text": "x", "url": "u" * 3000}, 422),
    ],
)
def test_refused_posts(writer: TestClient, headers: dict, body: dict, status: int) -> None:
    response = writer.post("/articles", json=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("content_type", "content", "status"),
    [
        ("application/json", b"{not json", 422),
        ("application/pdf", b"%PDF", 415),
        ("text/plain", b"   ", 422),
        ("text/html", b"<html></html>", 422),
    ],
)
def test_bad_bodies(writer: TestClient, content_type: str, content: bytes, status: int) -> None:
    response = writer.post(
        "/articles", content=content, headers={**AUTH, "Content-Type": content_type}
    )
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_too_large_body(writer: TestClient) -> None:
    limit = get_settings().max_article_bytes
    response = writer.post(
        "/articles", content=b"a" * (limit + 1), headers={**AUTH, "Content-Type": "text/plain"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_writes_disabled_without_api_key(client: TestClient) -> None:
    settings = Settings(api_key=None)
    client.app.dependency_overrides[get_settings] = lambda: settings
    response = client.post("/articles", json={"text": "x"}, headers=AUTH)
    assert response.status_code == 403
    assert client.delete("/articles/1", headers=AUTH).status_code == 403
