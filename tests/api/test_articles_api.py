"""GET /articles and /articles/{id} on the seed articles."""
import pytest
from fastapi.testclient import TestClient


def test_article_list(seeded_client: TestClient) -> None:
    articles = seeded_client.get("/articles").json()["items"]
    assert len(articles) == 3
    titles = {article["title"] for article in articles}
    assert "US, NATO have strong interest in keeping Turkey close, says Blinken" in titles
    assert all("body" not in article for article in articles)
    assert all(article["quote_count"] > 0 for article in articles)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "turkey"}, 3),
        ({"speaker": "antony-blinken"}, 3),
        ({"url": "https://example.com/not-stored"}, 0),
        ({"outlet": ["euractiv", "press-tv"]}, 2),
        ({"speaker": ["antony-blinken", "1"]}, 3),
    ],
)
def test_article_filters(seeded_client: TestClient, params: dict, expected: int) -> None:
    assert len(seeded_client.get("/articles", params=params).json()["items"]) == expected


@pytest.mark.parametrize("params", [{"topic": "no-such-topic"}, {"outlet": "no-such-outlet"}])
def test_unknown_article_filter_values_are_404(seeded_client: TestClient, params: dict) -> None:
    assert seeded_client.get("/articles", params=params).status_code == 404


def test_article_detail(seeded_client: TestClient) -> None:
    listed = next(
        a for a in seeded_client.get("/articles").json()["items"]
        if a["title"].startswith("US, NATO have strong interest")
    )
    article = seeded_client.get(f"/articles/{listed['id']}").json()
    assert article["paragraphs"][0] == article["title"]
    assert article["paragraphs"] == article["body"].split("\n\n")
    assert len(article["quotes"]) == listed["quote_count"]
    assert "turkey" in article["topics"]
    for quote in article["quotes"]:
        assert article["body"][quote["start"]:quote["end"]] == quote["text"]
    starts = [quote["start"] for quote in article["quotes"]]
    assert starts == sorted(starts)
    assert {"id", "name", "type", "count"} <= set(article["entities"][0])
