"""Full-text entries of stored rows: a batch writes its own (SQLite), triggers write the rest."""
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Article, Quote, utcnow

pytestmark = pytest.mark.db


def found(client: TestClient, resource: str, q: str) -> set[int]:
    response = client.get(f"/{resource}", params={"q": q, "limit": 100})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_a_batch_indexes_its_articles_and_quotes(seeded_client: TestClient,
                                                 seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        quote = session.exec(select(Quote).where(Quote.text.contains("granted"))).first()  # type: ignore[attr-defined]
        article = session.exec(select(Article).where(Article.body.contains("Blinken"))).first()  # type: ignore[attr-defined]
    assert quote is not None and article is not None
    assert quote.id in found(seeded_client, "quotes", "granted")
    assert article.id in found(seeded_client, "articles", "Blinken")


def test_the_deferral_never_outlives_a_batch(seeded_engine: Engine) -> None:
    if seeded_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL indexes expressions, no triggers")
    with seeded_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM fts_deferred").scalar() == 0


def test_rows_inserted_any_other_way_are_indexed_by_the_triggers(
        seeded_client: TestClient, seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        article = Article(title="Zanzibar heatwave", body="Zanzibar heatwave\n\nA body.",
                          content_hash="x" * 64, text_hash="y" * 64)
        session.add(article)
        session.flush()
        quote = Quote(article_id=article.id, text="quixotic zanzibar plans", kind="direct",
                      paragraph=1, start=0, end=5, confidence=1.0, headline=False,
                      reported_at=utcnow(), context_before="", context_after="")
        session.add(quote)
        session.commit()
        ids = article.id, quote.id
    assert found(seeded_client, "articles", "zanzibar") == {ids[0]}
    assert found(seeded_client, "quotes", "quixotic") == {ids[1]}
