"""One article from record to rows: clean -> extract -> store, in a single transaction."""
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Literal

from sqlmodel import Session, col, select

from app.ingest.cleaning import CleanArticle, clean_article
from app.ingest.store import (
    get_or_create_outlet, outlet_slug_and_name, refresh_counts, store_article_topics,
    store_entities, store_quotes,
)
from app.models import (
    Article, ArticleCreate, ArticleEntity, ArticleTopic, Quote, QuoteTopic, Speaker,
)
from app.nlp.entities import extract_entities
from app.nlp.extract import extract
from app.nlp.records import Entity, Extraction, TopicDefinition
from app.topics_file import sync_topics

IngestStatus = Literal["stored", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """Everything an article yields before it touches the database (picklable, for workers)."""

    record: ArticleCreate
    clean: CleanArticle
    digest: str
    extraction: Extraction
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: int
    status: IngestStatus
    quotes: int


def content_hash(body: str) -> str:
    """Hash of the body's words, so whitespace or case changes don't make a new article."""
    return hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest()


def prepare_article(record: ArticleCreate) -> PreparedArticle:
    """Clean and extract one article: the CPU-bound half of ingestion, no database needed."""
    clean = clean_article(record)
    return PreparedArticle(record=record, clean=clean, digest=content_hash(clean.body),
                           extraction=extract(clean.body, headline=bool(clean.title)),
                           entities=extract_entities(clean.body))


def ingest_record(*, session: Session, record: ArticleCreate,
                  topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store one article and everything derived from it, committing once, or not at all."""
    return store_prepared(session=session, prepared=prepare_article(record), topics=topics)


def store_prepared(*, session: Session, prepared: PreparedArticle,
                   topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store a prepared article in one transaction: all its rows, or none."""
    try:
        result = _store(session=session, prepared=prepared, definitions=topics)
        session.commit()
        return result
    except BaseException:
        session.rollback()
        raise


def _store(*, session: Session, prepared: PreparedArticle,
           definitions: Sequence[TopicDefinition]) -> IngestResult:
    record, clean, digest = prepared.record, prepared.clean, prepared.digest
    existing = _find_existing(session=session, url=record.url, digest=digest)
    if existing is not None:
        if existing.content_hash == digest:
            quotes = len(session.exec(select(Quote.id).where(Quote.article_id == existing.id)).all())
            return IngestResult(article_id=existing.id or 0, status="unchanged", quotes=quotes)
        delete_article_rows(session=session, article=existing)
    outlet_names = outlet_slug_and_name(record.outlet, record.url)
    outlet = get_or_create_outlet(session=session, slug=outlet_names[0],
                                  name=outlet_names[1]) if outlet_names else None
    published = record.published_at or clean.published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    article = Article(
        title=(record.title or clean.title or None), url=record.url, content_hash=digest,
        outlet_id=outlet.id if outlet else None, published_at=published,
        byline=record.byline or clean.byline, body=clean.body,
    )
    session.add(article)
    session.flush()
    extraction = prepared.extraction
    topics = sync_topics(session=session, definitions=tuple(definitions))
    quotes = store_quotes(session=session, article=article, extraction=extraction,
                          topics=topics, definitions=definitions)
    store_article_topics(session=session, article=article, topics=topics, definitions=definitions)
    store_entities(session=session, article=article, entities=prepared.entities)
    session.flush()
    refresh_counts(session=session,
                   speaker_ids={q.speaker_id for q in quotes if q.speaker_id},
                   topic_ids={t.id for t in topics.values() if t.id},
                   outlet_ids={outlet.id} if outlet and outlet.id else set(),
                   entity_ids=set(session.exec(select(ArticleEntity.entity_id).where(
                       ArticleEntity.article_id == article.id)).all()))
    status: IngestStatus = "updated" if existing is not None else "stored"
    return IngestResult(article_id=article.id or 0, status=status, quotes=len(quotes))


def _find_existing(*, session: Session, url: str | None, digest: str) -> Article | None:
    """The stored article this record is: same url, or same text when it has no url."""
    if url:
        return session.exec(select(Article).where(Article.url == url)).first()
    return session.exec(select(Article).where(Article.content_hash == digest,
                                              col(Article.url).is_(None))).first()


def delete_article_rows(*, session: Session, article: Article) -> None:
    """Remove an article and everything derived from it, then fix the counts it fed."""
    speaker_ids = set(session.exec(select(Quote.speaker_id).where(
        Quote.article_id == article.id, col(Quote.speaker_id).is_not(None))).all())
    topic_ids = set(session.exec(select(ArticleTopic.topic_id).where(
        ArticleTopic.article_id == article.id)).all())
    topic_ids |= set(session.exec(select(QuoteTopic.topic_id).join(Quote).where(
        Quote.article_id == article.id)).all())
    entity_ids = set(session.exec(select(ArticleEntity.entity_id).where(
        ArticleEntity.article_id == article.id)).all())
    outlet_ids = {article.outlet_id} if article.outlet_id else set()
    session.delete(article)
    session.flush()
    refresh_counts(session=session, speaker_ids={i for i in speaker_ids if i},
                   topic_ids=topic_ids, outlet_ids=outlet_ids, entity_ids=entity_ids)
    orphans = session.exec(select(Speaker).where(col(Speaker.id).in_(speaker_ids),
                                                 Speaker.quote_count == 0)).all()
    for speaker in orphans:
        session.delete(speaker)
    session.flush()


def delete_article(*, session: Session, article_id: int) -> bool:
    """Delete the article with this id and everything derived from it; False when unknown."""
    article = session.get(Article, article_id)
    if article is None:
        return False
    delete_article_rows(session=session, article=article)
    session.commit()
    return True
