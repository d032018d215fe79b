"""PUT /topics/{slug}: create or edit a definition, re-tag what is stored, keep the edit."""
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from tests.api.test_writes_api import AUTH, KEY, seed_text

SANCTIONS = {"name": "Sanctions", "description": "Sanctions and their threat.",
             "keywords": ["sanctions", "CAATSA"]}
S400_ONLY = {"name": "Turkey", "keywords": ["S-400"]}


@pytest.fixture
def writer(seeded_client: TestClient) -> Iterator[TestClient]:
    settings = get_settings().model_copy(update={"api_key": KEY})
    seeded_client.app.dependency_overrides[get_settings] = lambda: settings
    yield seeded_client
    seeded_client.app.dependency_overrides.pop(get_settings)


def topic_quotes(client: TestClient, slug: str) -> list[dict]:
    return client.get(f"/topics/{slug}/quotes", params={"limit": 100}).json()["items"]


def test_a_new_topic_tags_the_stored_articles_and_quotes(writer: TestClient) -> None:
    response = writer.put("/topics/sanctions", json=SANCTIONS, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/topics/sanctions"
    topic = response.json()
    assert topic["article_count"] >= 1 and topic["quote_count"] >= 1
    assert topic["edited_at"] is not None
    quotes = topic_quotes(writer, "sanctions")
    assert len(quotes) == topic["quote_count"]
    assert all("sanctions" in q["topics"] for q in quotes)
    assert writer.get("/articles", params={"topic": "sanctions"}).json()["items"]


def test_editing_a_topic_retags_and_recounts(writer: TestClient) -> None:
    before = writer.get("/topics/turkey").json()
    response = writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH)
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["keywords"] == ["S-400"] and after["description"] == ""
    assert 0 < after["article_count"] <= before["article_count"]  # all three say S-400 or S400
    assert after["quote_count"] < before["quote_count"]
    assert len(topic_quotes(writer, "turkey")) == after["quote_count"]


def test_the_same_edit_twice_changes_nothing(writer: TestClient) -> None:
    first = writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH).json()
    second = writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH).json()
    assert (first["article_count"], first["quote_count"]) == (
        second["article_count"], second["quote_count"])


def test_an_edit_is_used_by_later_ingests_and_survives_them(writer: TestClient) -> None:
    writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH)
    text = re.sub(r"S-?400", "missile", seed_text(2))  # still says Ankara and Turkish
    posted = writer.post("/articles", json={"text": text, "url": "https://example.org/t"},
                         headers=AUTH)
    assert posted.status_code == 201, posted.text
    assert "turkey" not in posted.json()["topics"]
    assert writer.get("/topics/turkey").json()["keywords"] == ["S-400"]


@pytest.mark.parametrize(("slug", "body", "status"), [
    ("Bad Slug", SANCTIONS, 422),
    ("sanctions-", SANCTIONS, 422),
    ("sanctions", {**SANCTIONS, "keywords": []}, 422),
    ("sanctions", {**SANCTIONS, "keywords": ["  "]}, 422),
    ("sanctions", {**SANCTIONS, "name": ""}, 422),
    ("sanctions", {**SANCTIONS, "colour": "blue"}, 422),
    ("sanctions", {"keywords": ["sanctions"]}, 422),
])
def test_bad_definitions_are_refused(writer: TestClient, slug: str, body: dict,
                                     status: int) -> None:
    response = writer.put(f"/topics/{slug}", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")


def test_edits_need_the_api_key(writer: TestClient) -> None:
    assert writer.put("/topics/sanctions", json=SANCTIONS).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert writer.put("/topics/sanctions", json=SANCTIONS, headers=wrong).status_code == 401
    assert writer.get("/topics/sanctions").status_code == 404
