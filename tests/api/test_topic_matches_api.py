"""Quote topics as served: each with the words that tagged it."""
from pathlib import Path

from fastapi.testclient import TestClient

from app.evaluation.topics import load_topic_rows, matching_quote, score_topics
from tests.api.test_quotes_api import all_items
from tests.conftest import SEEDS

DATA = Path(__file__).resolve().parents[1] / "data"


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


def test_seed_quote_topics_precision_as_served(seeded_client: TestClient) -> None:
    """Every topic served for the seed quotes, against tests/data/topic_seeds.jsonl (annotated
    by hand): precision at least 0.9 for each topic."""
    rows = load_topic_rows(DATA / "topic_seeds.jsonl")
    articles = seeded_client.get("/articles").json()["items"]
    served: list[list[str] | None] = []
    for row in rows:
        text = (SEEDS / row.article).read_text(encoding="utf-8")
        [article] = [a for a in articles if a["title"] in text]
        quotes = all_items(seeded_client, f"/quotes?article={article['id']}&limit=100")
        quote = matching_quote(row, quotes)
        served.append(None if quote is None else quote["topics"])
    assert sum(topics is None for topics in served) == 0
    scores = score_topics(rows, served)
    assert {slug: s.precision for slug, s in scores.items()
            if s.precision is not None and s.precision < 0.9} == {}
    assert sum(s.tagged for s in scores.values()) >= 50
