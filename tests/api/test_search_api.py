"""Full-text search: the query language, `q=` on /quotes and /articles, sort=relevance, /search."""
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.errors import BadRequest
from app.services.search import fts5_expression, parse_search


@pytest.mark.parametrize(
    ("q", "fts5"),
    [
        ("alliance", '("alliance")'),
        ("NATO allies", '("NATO") AND ("allies")'),
        ('"steadfast commitment" Turkey', '("steadfast commitment") AND ("Turkey")'),
        ("Turkey OR Russia", '("Turkey" OR "Russia")'),
        ("alliance -Russia", '(("alliance")) NOT "Russia"'),
        ("revital*", '("revital"*)'),
        ("NEAR( AND: ^x", '("NEAR") AND ("AND") AND ("x")'),
        ("Blinken's", '("Blinken\'s")'),
        ("alliance NOT Russia", '(("alliance")) NOT "Russia"'),
        ("NOT Russia alliance", '(("alliance")) NOT "Russia"'),
        ("NATO AND allies", '("NATO") AND ("allies")'),
        ('alliance NOT "New York"', '(("alliance")) NOT "New York"'),
    ],
)
def test_queries_become_quoted_fts5(q: str, fts5: str) -> None:
    assert fts5_expression(parse_search(q)) == fts5


@pytest.mark.parametrize(
    "q", ['"unbalanced', "OR Turkey", "Turkey OR", "Turkey OR OR Russia", "-Russia", "!!! ...",
          " ".join(["w"] * 17), "NOT", "NOT Russia", "alliance NOT", "Turkey OR NOT Russia",
          "AND Turkey", "Turkey AND OR Russia", "Turkey NOT NOT Russia"],
)
def test_unreadable_queries(q: str) -> None:
    with pytest.raises(BadRequest) as raised:
        parse_search(q)
    assert raised.value.code == "bad_search"


def test_quotes_matching_a_word(seeded_client: TestClient) -> None:
    quotes = seeded_client.get("/quotes", params={"q": "alliance", "limit": 100}).json()["items"]
    assert quotes
    assert all(re.search(r"allian", q["text"], re.I) for q in quotes)


def test_phrase_and_exclusion(seeded_client: TestClient) -> None:
    found = seeded_client.get(
        "/quotes", params={"q": '"take this alliance for granted"'}
    ).json()["items"]
    assert found and {q["speaker"]["slug"] for q in found} == {"antony-blinken"}
    without = seeded_client.get("/quotes", params={"q": "alliance -granted", "limit": 100}).json()
    assert all("granted" not in q["text"] for q in without["items"])
    assert not {q["id"] for q in found} & {q["id"] for q in without["items"]}


def test_relevance_paging_visits_every_match_once(seeded_client: TestClient) -> None:
    url = "/quotes?q=NATO%20OR%20alliance&sort=relevance&limit=3"
    seen: list[int] = []
    while url:
        body = seeded_client.get(url).json()
        seen += [q["id"] for q in body["items"]]
        url = body["next"]
    everything = seeded_client.get(
        "/quotes", params={"q": "NATO OR alliance", "limit": 100}
    ).json()["items"]
    assert sorted(seen) == sorted(q["id"] for q in everything)


def test_articles_search(seeded_client: TestClient) -> None:
    found = seeded_client.get("/articles", params={"q": "Visegrad", "sort": "relevance"}).json()
    assert [a["byline"] for a in found["items"]] == ["Steven Erlanger"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/quotes?q=%22unbalanced", 400),
        ("/articles?q=OR", 400),
        ("/search?q=-only", 400),
        ("/quotes?sort=relevance", 422),
        ("/quotes?q=", 422),
        ("/search", 422),
    ],
)
def test_search_errors(seeded_client: TestClient, url: str, status: int) -> None:
    response = seeded_client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_search_endpoint(seeded_client: TestClient) -> None:
    body = seeded_client.get("/search", params={"q": "NATO", "limit": 2}).json()
    assert len(body["quotes"]["items"]) == 2
    assert body["quotes"]["next"].startswith("/quotes?q=NATO&sort=relevance")
    assert seeded_client.get(body["quotes"]["next"]).status_code == 200
    assert len(body["articles"]["items"]) == 2
    people = seeded_client.get("/search", params={"q": "Stoltenberg"}).json()["speakers"]
    assert [s["slug"] for s in people] == ["jens-stoltenberg"]


def test_search_follows_ingestion_and_deletion(seeded_client: TestClient,
                                               seeded_engine: Engine) -> None:
    from app.ingest.pipeline import delete_article, ingest_record
    from app.models import ArticleCreate
    from app.topics_file import load_topic_definitions

    text = ('Zanzibar talks resume\n\n"We will find a zanzibarian compromise," '
            "said Foreign Minister Amina Odhiambo on Monday.")
    with Session(seeded_engine) as session:
        result = ingest_record(session=session, record=ArticleCreate(text=text),
                               topics=load_topic_definitions())
    found = seeded_client.get("/quotes", params={"q": "zanzibarian"}).json()["items"]
    assert [q["article_id"] for q in found] == [result.article_id]
    assert seeded_client.get("/articles", params={"q": "Zanzibar"}).json()["items"]
    with Session(seeded_engine) as session:
        delete_article(session=session, article_id=result.article_id)
    assert seeded_client.get("/quotes", params={"q": "zanzibarian"}).json()["items"] == []
