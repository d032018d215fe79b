"""Denormalised counts (quotes per speaker, topic, outlet; articles per topic, outlet, entity).

Ingestion and deletion change them by the article's own contribution, so the cost of storing an
article does not grow with the corpus; `recount_all` recomputes everything from scratch.
"""
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, select, update
from sqlmodel import Session, col

from app.models import (
    Article,
    ArticleEntity,
    ArticleTopic,
    Entity,
    Outlet,
    Quote,
    QuoteTopic,
    Speaker,
    Topic,
    utcnow,
)


@dataclass
class CountChanges:
    speaker_quotes: Counter[int] = field(default_factory=Counter)
    topic_quotes: Counter[int] = field(default_factory=Counter)
    topic_articles: Counter[int] = field(default_factory=Counter)
    outlet_quotes: Counter[int] = field(default_factory=Counter)
    outlet_articles: Counter[int] = field(default_factory=Counter)
    entity_mentions: Counter[int] = field(default_factory=Counter)
    entity_articles: Counter[int] = field(default_factory=Counter)

    def add(self, other: "CountChanges") -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).update(getattr(other, name))

    def clear(self) -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).clear()


def article_contribution(*, session: Session, article: Article, sign: int = 1) -> CountChanges:
    """What this article adds to the counts (sign=-1: what removing it takes away)."""
    changes = CountChanges()
    if article.duplicate_of_id is not None:
        return changes  # a duplicate's quotes are stored but never counted twice
    quotes = session.execute(select(Quote.speaker_id, func.count()).where(
        Quote.article_id == article.id).group_by(Quote.speaker_id)).all()
    for speaker_id, n in quotes:
        if speaker_id is not None:
            changes.speaker_quotes[speaker_id] += sign * n
    if article.outlet_id is not None:
        changes.outlet_articles[article.outlet_id] += sign
        changes.outlet_quotes[article.outlet_id] += sign * sum(n for _, n in quotes)
    for topic_id, n in session.execute(
            select(QuoteTopic.topic_id, func.count()).join(Quote).where(
                Quote.article_id == article.id).group_by(QuoteTopic.topic_id)).all():
        changes.topic_quotes[topic_id] += sign * n
    for (topic_id,) in session.execute(select(ArticleTopic.topic_id).where(
            ArticleTopic.article_id == article.id)).all():
        changes.topic_articles[topic_id] += sign
    for entity_id, n in session.execute(select(ArticleEntity.entity_id, ArticleEntity.count).where(
            ArticleEntity.article_id == article.id)).all():
        changes.entity_mentions[entity_id] += sign * n
        changes.entity_articles[entity_id] += sign
    return changes


def apply_count_changes(*, session: Session, changes: CountChanges) -> None:
    """Add the changes to the stored counts, one executemany per table."""
    _add(session, Speaker, {"quote_count": changes.speaker_quotes})
    _add(session, Topic, {"quote_count": changes.topic_quotes,
                          "article_count": changes.topic_articles})
    _add(session, Outlet, {"quote_count": changes.outlet_quotes,
                           "article_count": changes.outlet_articles})
    _add(session, Entity, {"mention_count": changes.entity_mentions,
                           "article_count": changes.entity_articles})


def _add(session: Session, table: type, deltas: dict[str, Counter[int]]) -> None:
    ids = sorted({i for counter in deltas.values() for i, n in counter.items() if n})
    if not ids:
        return
    statement = update(table).where(table.id == bindparam("row_id")).values(  # type: ignore[attr-defined]
        {name: getattr(table, name) + bindparam(f"d_{name}") for name in deltas}
        | {"updated_at": utcnow()})  # a count change is a change: `updated_since` feeds show it
    rows = [{"row_id": i, **{f"d_{name}": counter[i] for name, counter in deltas.items()}}
            for i in ids]
    session.connection().execute(statement, rows)


def recount_topics(*, session: Session, topic_ids: Collection[int] | None = None) -> None:
    """Recompute the quote and article counts of these topics (default: every topic)."""
    counted = col(Article.duplicate_of_id).is_(None)
    not_duplicate = col(Quote.article_id).in_(select(Article.id).where(counted))
    statement = update(Topic).values(
        quote_count=select(func.count()).select_from(QuoteTopic).join(Quote).where(
            QuoteTopic.topic_id == Topic.id, not_duplicate).scalar_subquery(),
        article_count=select(func.count()).select_from(ArticleTopic).join(Article).where(
            ArticleTopic.topic_id == Topic.id, counted).scalar_subquery())
    if topic_ids is not None:
        statement = statement.where(col(Topic.id).in_(topic_ids))
    session.execute(statement)


def recount_all(*, session: Session) -> None:
    """Recompute every denormalised count from the rows (after bulk loads or repairs)."""
    counted = col(Article.duplicate_of_id).is_(None)
    not_duplicate = col(Quote.article_id).in_(select(Article.id).where(counted))
    session.execute(update(Speaker).values(quote_count=select(func.count()).where(
        Quote.speaker_id == Speaker.id, not_duplicate).scalar_subquery()))
    recount_topics(session=session)
    session.execute(update(Outlet).values(
        quote_count=select(func.count()).where(Quote.outlet_id == Outlet.id,
                                               not_duplicate).scalar_subquery(),
        article_count=select(func.count()).where(Article.outlet_id == Outlet.id,
                                                 counted).scalar_subquery()))
    session.execute(update(Entity).values(
        mention_count=select(func.coalesce(func.sum(ArticleEntity.count), 0)).where(
            ArticleEntity.entity_id == Entity.id).scalar_subquery(),
        article_count=select(func.count()).where(
            ArticleEntity.entity_id == Entity.id).scalar_subquery()))
