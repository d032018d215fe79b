"""An article that gives no publication time: its `published_at` is null everywhere it is served
(never the ingestion time); it sorts by when it was ingested and time filters leave it out."""
import json
from pathlib import Path

from fastapi.testclient import TestClient
from rich.console import Console
from sqlalchemy.engine import Engine

from app.ingest.batch import ingest_paths
from app.topics_file import load_topic_definitions
from tests.api.test_quotes_api import all_items


def _ingest_undated(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "undated.json").write_text(json.dumps({
        "url": "https://example.org/undated",
        "text": "Council votes on budget\n\n\"We will balance it,\" Mayor Jane Doe said."}))
    summary = ingest_paths([tmp_path], engine=engine, topics=load_topic_definitions(),
                           console=Console(quiet=True))
    assert (summary.stored, summary.incomplete) == (1, 1)


def test_undated_quote_and_article_serve_null(seeded_engine: Engine, client: TestClient,
                                              tmp_path: Path) -> None:
    _ingest_undated(seeded_engine, tmp_path)
    article = client.get("/articles", params={"url": "https://example.org/undated"}).json()
    [item] = article["items"]
    assert item["published_at"] is None and item["ingested_at"] is not None
    quotes = client.get("/quotes", params={"article": item["id"], "include": "article"}).json()
    assert quotes["items"] and all(q["published_at"] is None and q["article"]["published_at"]
                                   is None for q in quotes["items"])
    one = client.get(f"/quotes/{quotes['items'][0]['id']}").json()
    assert one["published_at"] is None


def test_undated_quotes_sort_by_ingestion_and_time_filters_leave_them_out(
        seeded_engine: Engine, client: TestClient, tmp_path: Path) -> None:
    _ingest_undated(seeded_engine, tmp_path)
    newest = all_items(client, "/quotes?limit=7")
    assert newest[0]["published_at"] is None  # ingested now: newer than the 2021 seeds
    assert {q["published_at"] is None for q in newest[1:]} == {False}
    oldest = all_items(client, "/quotes?limit=7&sort=published_at")
    assert [q["id"] for q in oldest] == [q["id"] for q in reversed(newest)]
    for params in ({"since": "2000-01-01T00:00:00Z"}, {"until": "2100-01-01T00:00:00Z"}):
        dated = all_items(client, "/quotes?limit=100&" + "&".join(f"{k}={v}" for k, v in
                                                                  params.items()))
        assert len(dated) == len(newest) - 1
        articles = client.get("/articles", params={**params, "limit": 100}).json()["items"]
        assert len(articles) == 3 and all(a["published_at"] for a in articles)
    quote_periods = client.get("/quotes/timeline", params={"interval": "year"}).json()["items"]
    assert sum(p["count"] for p in quote_periods) == len(newest) - 1
    article_periods = client.get("/articles/timeline", params={"interval": "year"}).json()
    assert [p["count"] for p in article_periods["items"]] == [3]
