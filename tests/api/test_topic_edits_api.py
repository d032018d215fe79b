"""PUT /topics/{slug}: create or edit a definition, re-tag what is stored, keep the edit."""
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from tests.api.test_writes_api import seed_text
from tests.conftest import AUTH

SANCTIONS = {"name": "Sanctions", "description": "Sanctions and their threat.",
             "keywords": ["sanctions", "CAATSA"]}
S400_ONLY = {"name": "Turkey", "keywords": ["S-400"]}


@pytest.fixture
def seeded_writer(seeded_engine: Engine, writer: TestClient) -> TestClient:
    return writer


def topic_quotes(client: TestClient, slug: str) -> list[dict]:
    return client.get(f"/topics/{slug}/quotes", params={"limit": 100}).json()["items"]


def test_a_new_topic_tags_the_stored_articles_and_quotes(seeded_writer: TestClient) -> None:
    response = seeded_writer.put("/topics/sanctions", json=SANCTIONS, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/topics/sanctions"
    topic = response.json()
    assert topic["article_count"] >= 1 and topic["quote_count"] >= 1
    assert topic["edited_at"] is not None
    quotes = topic_quotes(seeded_writer, "sanctions")
    assert len(quotes) == topic["quote_count"]
    assert all("sanctions" in q["topics"] for q in quotes)
    assert seeded_writer.get("/articles", params={"topic": "sanctions"}).json()["items"]


def test_editing_a_topic_retags_and_recounts(seeded_writer: TestClient) -> None:
    before = seeded_writer.get("/topics/turkey").json()
    response = seeded_writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH)
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["keywords"] == ["S-400"] and after["description"] == ""
    # each seed says S-400 once or twice, not in its lead: not central to any article; the
    # quotes that say it are tagged
    assert after["article_count"] == 0 < before["article_count"]
    assert 0 < after["quote_count"] < before["quote_count"]
    assert len(topic_quotes(seeded_writer, "turkey")) == after["quote_count"]


def test_the_same_edit_twice_changes_nothing(seeded_writer: TestClient) -> None:
    first = seeded_writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH).json()
    second = seeded_writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH).json()
    assert (first["article_count"], first["quote_count"]) == (
        second["article_count"], second["quote_count"])


def test_an_edit_is_used_by_later_ingests_and_survives_them(seeded_writer: TestClient) -> None:
    seeded_writer.put("/topics/turkey", json=S400_ONLY, headers=AUTH)
    text = re.sub(r"S-?400", "missile", seed_text(2))  # still says Ankara and Turkish
    posted = seeded_writer.post("/articles", json={"text": text, "url": "https://example.org/t"},
                         headers=AUTH)
    assert posted.status_code == 201, posted.text
    assert "turkey" not in posted.json()["topics"]
    assert seeded_writer.get("/topics/turkey").json()["keywords"] == ["S-400"]


@pytest.mark.parametrize(("slug", "body", "status"), [
    ("Bad Slug", SANCTIONS, 422),
    ("sanctions-", SANCTIONS, 422),
    ("sanctions", {**SANCTIONS, "keywords": []}, 422),
    ("sanctions", {**SANCTIONS, "keywords": ["  "]}, 422),
    ("sanctions", {**SANCTIONS, "name": ""}, 422),
    ("sanctions", {**SANCTIONS, "colour": "blue"}, 422),
    ("sanctions", {"keywords": ["sanctions"]}, 422),
])
def test_bad_definitions_are_refused(seeded_writer: TestClient, slug: str, body: dict,
                                     status: int) -> None:
    response = seeded_writer.put(f"/topics/{slug}", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")


def test_edits_need_the_api_key(seeded_writer: TestClient) -> None:
    assert seeded_writer.put("/topics/sanctions", json=SANCTIONS).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert seeded_writer.put("/topics/sanctions", json=SANCTIONS, headers=wrong).status_code == 401
    assert seeded_writer.get("/topics/sanctions").status_code == 404
