"""GET /utterances and /stories on the seed articles."""
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.pipeline import ingest_record
from app.models import ArticleCreate
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db


def shared(client: TestClient) -> list[dict]:  # type: ignore[type-arg]
    return client.get("/utterances", params={"min_outlets": 2, "limit": 100}).json()["items"]


def test_shared_utterances_come_first_with_their_outlets(seeded_client: TestClient) -> None:
    items = shared(seeded_client)
    texts = " | ".join(u["text"] for u in items)
    assert items[0]["outlets"] == ["euractiv", "press-tv", "the-new-york-times"]
    assert "revitalize the alliance" in items[0]["text"].replace("revitalise", "revitalize")
    for words in ("The last thing we can afford", "steadfast commitment", "brain death"):
        assert words in texts


def test_an_utterance_lists_each_rendering_and_its_differences(seeded_client: TestClient) -> None:
    top = shared(seeded_client)[0]
    detail = seeded_client.get(f"/utterances/{top['id']}").json()
    assert detail["speaker"]["slug"] == "antony-blinken"
    outlets = {r["outlet"] for r in detail["renderings"]}
    assert outlets == {"euractiv", "press-tv", "the-new-york-times"}
    partial = next(r for r in detail["renderings"] if r["outlet"] == "the-new-york-times")
    assert partial["differences"]["missing"] and partial["cue"]


def test_quotes_carry_their_utterance(seeded_client: TestClient) -> None:
    quote = seeded_client.get("/quotes", params={"speaker": "antony-blinken"}).json()["items"][0]
    assert quote["utterance_id"] is not None


def test_filters_narrow_utterances(seeded_client: TestClient) -> None:
    by_speaker = seeded_client.get("/utterances", params={"speaker": "jens-stoltenberg"}).json()
    assert by_speaker["items"] and all(
        u["speaker"]["slug"] == "jens-stoltenberg" for u in by_speaker["items"])
    by_outlet = seeded_client.get("/utterances", params={"outlet": "the-new-york-times",
                                                         "topic": "china"}).json()["items"]
    assert by_outlet and all("the-new-york-times" in u["outlets"] for u in by_outlet)


def test_the_seed_story_shows_who_carried_what(seeded_client: TestClient) -> None:
    stories = seeded_client.get("/stories").json()["items"]
    assert [(s["article_count"], s["outlet_count"]) for s in stories] == [(3, 3)]
    story = seeded_client.get(f"/stories/{stories[0]['id']}").json()
    assert story["outlets"] == ["euractiv", "press-tv", "the-new-york-times"]
    coverage = {c["outlet"]: c for c in story["coverage"]}
    assert coverage["the-new-york-times"]["left_out"] and coverage["press-tv"]["carried"]
    assert {"antony-blinken", "jens-stoltenberg"} <= {s["slug"] for s in story["speakers"]}


@pytest.mark.parametrize("path", ["/utterances/999999", "/stories/999999"])
def test_unknown_ids_are_404_problems(seeded_client: TestClient, path: str) -> None:
    response = seeded_client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_stories_of_one_article_are_listed_only_when_asked(seeded_engine: Engine,
                                                           client: TestClient) -> None:
    with Session(seeded_engine) as session:
        ingest_record(session=session, topics=load_topic_definitions(), record=ArticleCreate(
            text="Harbour strike ends\n\n“The dockers go back on Monday,” said Ana Ruiz.",
            url="https://example.org/harbour", outlet="Port Weekly",
            published_at=datetime(2021, 5, 2, 10, tzinfo=UTC)))
    default = client.get("/stories").json()["items"]
    every = client.get("/stories", params={"min_articles": 1}).json()["items"]
    assert [s["article_count"] for s in default] == [3]
    assert sorted(s["article_count"] for s in every) == [1, 3]
    assert client.get("/stories", params={"min_articles": 0}).status_code == 422
