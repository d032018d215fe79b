"""Issue 4 filters and sorting: time windows, sort order, repeatable topic, cue and entity."""
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.models import Quote


def ids(client: TestClient, url: str, **params) -> list[int]:
    response = client.get(url, params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_sort_orders_are_reverses(seeded_client: TestClient) -> None:
    newest = ids(seeded_client, "/quotes")
    oldest = ids(seeded_client, "/quotes", sort="published_at")
    assert oldest == newest[::-1]
    articles = ids(seeded_client, "/articles", sort="published_at")
    assert articles == ids(seeded_client, "/articles")[::-1]


def test_time_window(seeded_client: TestClient) -> None:
    articles = seeded_client.get("/articles").json()["items"]
    dates = sorted(datetime.fromisoformat(a["published_at"]) for a in articles if a["published_at"])
    assert dates, "the seed articles carry publication dates"
    latest = dates[-1]
    window = {"since": latest.isoformat(), "until": (latest + timedelta(seconds=1)).isoformat()}
    inside = seeded_client.get("/articles", params=window).json()["items"]
    expected = [a["id"] for a in articles if a["published_at"] and
                datetime.fromisoformat(a["published_at"]) == latest]
    assert sorted(a["id"] for a in inside) == sorted(expected)
    quotes = seeded_client.get("/quotes", params={**window, "limit": 100}).json()["items"]
    assert quotes and {q["article_id"] for q in quotes} <= set(expected)
    assert all(q["published_at"] == inside[0]["published_at"] for q in quotes)
    assert ids(seeded_client, "/quotes", until=dates[0].isoformat()) == []
    assert ids(seeded_client, "/articles", until=dates[0].isoformat()) == []


def test_updated_since(seeded_client: TestClient) -> None:
    assert len(ids(seeded_client, "/articles", updated_since="2000-01-01")) == 3
    assert ids(seeded_client, "/quotes", updated_since="2999-01-01") == []


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"cue": "said"}, lambda q: q["cue"] == "said"),
        ({"cue": ["SAID", "added"]}, lambda q: q["cue"] in {"said", "added"}),
        ({"topic": ["coronavirus", "iran"]}, lambda q: {"coronavirus", "iran"} & set(q["topics"])),
    ],
)
def test_repeatable_filters(seeded_client: TestClient, params: dict, check) -> None:
    items = seeded_client.get("/quotes", params={**params, "limit": 100}).json()["items"]
    assert items and all(check(q) for q in items)


def test_entity_filter(seeded_client: TestClient) -> None:
    article = seeded_client.get("/articles/1").json()
    entity = article["entities"][0]
    quotes = ids(seeded_client, "/quotes", entity=str(entity["id"]))
    assert set(ids(seeded_client, "/quotes", article=1)) <= set(quotes)
    assert len(ids(seeded_client, "/articles", entity=str(entity["id"]))) >= 1
    assert seeded_client.get("/quotes", params={"entity": "no-such-entity"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["since=yesterday", "since=0001-01-01T00:00:00%2B05:00", "sort=-relevance", "sort=id"],
)
def test_bad_filter_values_are_422(seeded_client: TestClient, query: str) -> None:
    response = seeded_client.get(f"/quotes?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_cursor_of_one_sort_is_refused_by_another(seeded_client: TestClient) -> None:
    next_url = seeded_client.get("/quotes", params={"limit": 2}).json()["next"]
    cursor = next_url.split("cursor=")[1]
    response = seeded_client.get("/quotes", params={"sort": "published_at", "cursor": cursor})
    assert response.status_code == 400 and response.json()["code"] == "bad_cursor"


def test_pages_are_stable_under_inserts(seeded_client: TestClient, seeded_engine: Engine) -> None:
    before = ids(seeded_client, "/quotes")
    first = seeded_client.get("/quotes", params={"limit": 5}).json()
    with Session(seeded_engine) as session:
        session.add(Quote(text="Brand new.", kind="direct", paragraph=0, start=0, end=10,
                          article_id=1, reported_at=datetime.now(UTC)))
        session.commit()
    second = seeded_client.get(first["next"]).json()
    paged = [q["id"] for q in first["items"] + second["items"]]
    assert paged == before[:10]


EVERY_LIST = ["/articles", "/quotes", "/speakers", "/topics", "/outlets", "/entities",
              "/utterances", "/stories", "/speakers/antony-blinken/quotes",
              "/topics/turkey/quotes"]


@pytest.mark.parametrize("url", EVERY_LIST)
def test_every_list_is_a_change_feed(seeded_client: TestClient, url: str) -> None:
    def count(**params: str) -> int:
        response = seeded_client.get(url, params={"limit": 100, **params})
        assert response.status_code == 200, response.text
        return len(response.json()["items"])

    assert count(updated_since="2000-01-01T00:00:00Z") == count() > 0
    assert count(updated_since="2999-01-01T00:00:00Z") == 0
    assert seeded_client.get(url, params={"updated_since": "yesterday"}).status_code == 422


def test_a_count_change_puts_the_speaker_in_the_feed(seeded_client: TestClient,
                                                     seeded_engine: Engine) -> None:
    from app.ingest.pipeline import ingest_record
    from app.models import ArticleCreate
    from app.topics_file import load_topic_definitions

    mark = datetime.now(UTC).isoformat()
    assert seeded_client.get("/speakers", params={"updated_since": mark}).json()["items"] == []
    with Session(seeded_engine) as session:
        ingest_record(session=session, topics=load_topic_definitions(), record=ArticleCreate(
            text="Talks\n\n\"We stand with Turkey,\" Antony Blinken said in Ankara."))
    changed = seeded_client.get("/speakers", params={"updated_since": mark}).json()["items"]
    assert [s["slug"] for s in changed] == ["antony-blinken"]
    topics = seeded_client.get("/topics", params={"updated_since": mark}).json()["items"]
    assert "turkey" in [t["slug"] for t in topics]
