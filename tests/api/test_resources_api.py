"""Outlets, entities, speaker topics and topic speakers."""
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.pipeline import ingest_record
from app.models import ArticleCreate
from app.topics_file import load_topic_definitions

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def all_items(client: TestClient, url: str) -> list[dict]:
    items: list[dict] = []
    while url:
        body = client.get(url).json()
        items += body["items"]
        url = body["next"]
    return items


@pytest.fixture
def outlet_client(engine: Engine, client: TestClient) -> TestClient:
    """The first seed article, ingested as published by EURACTIV."""
    text = sorted(SEEDS.glob("*.txt"))[0].read_text()
    record = ArticleCreate(text=text, outlet="EURACTIV", url="https://www.euractiv.com/a/")
    with Session(engine) as session:
        ingest_record(session=session, record=record, topics=load_topic_definitions())
    return client


def test_outlets(outlet_client: TestClient) -> None:
    outlets = outlet_client.get("/outlets").json()["items"]
    assert [(o["slug"], o["article_count"]) for o in outlets] == [("euractiv", 1)]
    outlet = outlet_client.get("/outlets/euractiv").json()
    assert outlet["quote_count"] > 0
    blinken = next(s for s in outlet["speakers"] if s["speaker"]["slug"] == "antony-blinken")
    assert blinken["cues"]["said"] >= 1
    assert sum(blinken["cues"].values()) <= blinken["quote_count"]  # continued quotes have no cue
    assert 0 < blinken["direct_share"] <= 1
    quotes = outlet_client.get("/quotes", params={"outlet": "euractiv", "limit": 100}).json()
    assert len(quotes["items"]) == outlet["quote_count"]
    assert {q["outlet"] for q in quotes["items"]} == {"euractiv"}
    assert outlet_client.get("/outlets/nobody").status_code == 404


def test_entities(seeded_client: TestClient) -> None:
    organisations = seeded_client.get("/entities", params={"type": "organization"}).json()
    assert organisations["items"][0]["name"] == "NATO"
    assert {e["type"] for e in organisations["items"]} == {"organization"}
    found = seeded_client.get("/entities", params={"q": "nat"}).json()["items"]
    assert "NATO" in [e["name"] for e in found]
    nato = seeded_client.get(f"/entities/{found[0]['id']}").json()
    assert nato["article_count"] == 3
    everything = all_items(seeded_client, "/entities?limit=4")
    assert len({e["id"] for e in everything}) == len(everything)
    assert seeded_client.get("/entities", params={"q": "%"}).json()["items"] == []
    assert seeded_client.get("/entities", params={"type": "planet"}).status_code == 422
    assert seeded_client.get("/entities/999999").status_code == 404


def test_speaker_topics(seeded_client: TestClient) -> None:
    topics = all_items(seeded_client, "/speakers/antony-blinken/topics?limit=2")
    counts = [t["quote_count"] for t in topics]
    assert counts == sorted(counts, reverse=True)
    assert len({t["slug"] for t in topics}) == len(topics)
    speaker = seeded_client.get("/speakers/antony-blinken").json()
    assert {t["slug"] for t in topics} == set(speaker["topics"])
    assert seeded_client.get("/speakers/nobody/topics").status_code == 404


def test_topic_speakers(seeded_client: TestClient) -> None:
    speakers = all_items(seeded_client, "/topics/turkey/speakers?limit=1")
    assert speakers[0]["speaker"]["slug"] == "antony-blinken"
    assert len({s["speaker"]["id"] for s in speakers}) == len(speakers) > 1
    quotes = seeded_client.get("/topics/turkey/quotes", params={"limit": 100}).json()["items"]
    assert sum(s["quote_count"] for s in speakers) == sum(1 for q in quotes if q["speaker"])
    assert seeded_client.get("/topics/nothing/speakers").status_code == 404


def test_speaker_framing_shows_each_outlets_cue_verbs(seeded_client: TestClient) -> None:
    framing = {f["outlet"]: f for f in seeded_client.get("/speakers/antony-blinken").json()["framing"]}
    assert set(framing) == {"euractiv", "press-tv", "the-new-york-times"}
    assert "claimed" in framing["press-tv"]["cues"] and "claimed" not in framing["euractiv"]["cues"]
    assert all(0 < f["direct_share"] <= 1 for f in framing.values())
