"""GET /topics, /topics/{slug}, /topics/{slug}/quotes on the seed articles."""
from fastapi.testclient import TestClient


def test_topics_with_counts(seeded_client: TestClient) -> None:
    topics = seeded_client.get("/topics", params={"limit": 100}).json()["items"]
    by_slug = {topic["slug"]: topic for topic in topics}
    assert by_slug["turkey"]["article_count"] == 3
    assert by_slug["turkey"]["quote_count"] > 0
    assert [t["slug"] for t in topics] == sorted(by_slug)


def test_one_topic(seeded_client: TestClient) -> None:
    topic = seeded_client.get("/topics/turkey").json()
    assert topic["name"] == "Turkey"
    assert "Ankara" in topic["keywords"]


def test_turkey_quotes_come_from_all_three_articles(seeded_client: TestClient) -> None:
    body = seeded_client.get("/topics/turkey/quotes", params={"limit": 100}).json()
    assert body["next"] is None
    assert all("turkey" in quote["topics"] for quote in body["items"])
    assert len({quote["article_id"] for quote in body["items"]}) == 3
    topic = seeded_client.get("/topics/turkey").json()
    assert len(body["items"]) == topic["quote_count"]
