"""Quote topics as served: each with the words that tagged it."""
from fastapi.testclient import TestClient

from tests.api.test_quotes_api import all_items


def test_every_served_topic_has_its_matched_words(seeded_client: TestClient) -> None:
    quotes = all_items(seeded_client, "/quotes?limit=100")
    tagged = [q for q in quotes if q["topics"]]
    assert tagged
    for quote in quotes:
        assert [m["topic"] for m in quote["topic_matches"]] == quote["topics"]
        assert all(m["matched"] for m in quote["topic_matches"])
    one = seeded_client.get(f"/quotes/{tagged[0]['id']}").json()
    assert one["topic_matches"] == tagged[0]["topic_matches"]


def test_matched_words_are_the_topic_keywords(seeded_client: TestClient) -> None:
    quotes = all_items(seeded_client, "/quotes?limit=100&topic=turkey")
    keywords = set(seeded_client.get("/topics/turkey").json()["keywords"])
    assert quotes and all(
        set(m["matched"]) <= keywords for q in quotes for m in q["topic_matches"]
        if m["topic"] == "turkey")
