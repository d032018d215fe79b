"""One article from record to rows: clean -> extract -> store, in a single transaction."""
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Literal

from sqlalchemy import inspect, update
from sqlmodel import Session, col, func, select

from app.ingest.cleaning import CleanArticle, clean_article
from app.ingest.counts import CountChanges, apply_count_changes, article_contribution
from app.ingest.grouping import group_article_quotes, refresh_utterances
from app.ingest.store import (
    KnownRows,
    get_or_create_outlet,
    outlet_slug_and_name,
    quote_topic_matches,
    store_article_topics,
    store_entities,
    store_quotes,
)
from app.ingest.stories import assign_stories, refresh_stories, remember_content_words
from app.models import (
    Article,
    ArticleCreate,
    Quote,
    Speaker,
    Topic,
)
from app.nlp.entities import extract_entities
from app.nlp.extract import extract
from app.nlp.records import Entity, Extraction, TopicDefinition, TopicMatch
from app.nlp.stories import content_words
from app.nlp.topics import match_topics
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
    topics: tuple[TopicMatch, ...]
    quote_topics: tuple[tuple[TopicMatch, ...], ...]
    words: frozenset[str]  # content vocabulary, for grouping articles into stories


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: int
    status: IngestStatus
    quotes: int


def content_hash(body: str) -> str:
    """Hash of the body's words, so whitespace or case changes don't make a new article."""
    return hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest()


def prepare_article(record: ArticleCreate, *,
                    topics: Sequence[TopicDefinition]) -> PreparedArticle:
    """Clean, extract and tag one article: the CPU-bound half of ingestion, no database needed."""
    clean = clean_article(record)
    extraction = extract(clean.body, headline=bool(clean.title))
    return PreparedArticle(
        record=record, clean=clean, digest=content_hash(clean.body), extraction=extraction,
        entities=extract_entities(clean.body), topics=match_topics(clean.body, topics),
        quote_topics=quote_topic_matches(body=clean.body, paragraphs=extraction.paragraphs,
                                         quotes=extraction.quotes, definitions=topics),
        words=content_words(clean.body))


def ingest_record(*, session: Session, record: ArticleCreate,
                  topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store one article and everything derived from it, committing once, or not at all."""
    return store_prepared(session=session, prepared=prepare_article(record, topics=topics),
                          topics=topics)


def store_prepared(*, session: Session, prepared: PreparedArticle,
                   topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store a prepared article in one transaction: all its rows, or none."""
    return store_prepared_batch(session=session, batch=[prepared], topics=topics)[0]


def store_prepared_batch(*, session: Session, batch: Sequence[PreparedArticle],
                         topics: Sequence[TopicDefinition]) -> list[IngestResult]:
    """Store prepared articles in one transaction: all their rows, or none.

    Counts, utterances and stories are brought up to date once for the whole batch, which is
    what makes a bulk ingest fast; a caller that must not lose the good articles of a failing
    batch retries them one by one.
    """
    try:
        results = _store_batch(session=session, batch=batch, definitions=tuple(topics))
        session.commit()
        return results
    except BaseException:
        session.rollback()
        raise


def _store_batch(*, session: Session, batch: Sequence[PreparedArticle],
                 definitions: tuple[TopicDefinition, ...]) -> list[IngestResult]:
    topics = sync_topics(session=session, definitions=definitions)
    changes, known = CountChanges(), KnownRows()
    results, originals, duplicates = [], [], []
    for prepared in batch:
        result, article, counted = _store(session=session, prepared=prepared, topics=topics,
                                          pending=changes, known=known)
        results.append(result)
        if article is not None and counted is not None:
            changes.add(counted)
            originals.append(article)
            remember_content_words(article, prepared.words)
        elif article is not None:
            duplicates.append(article)
    apply_count_changes(session=session, changes=changes)
    originals = [a for a in originals if not inspect(a).was_deleted]  # replaced in this batch
    duplicates = [a for a in duplicates if not inspect(a).was_deleted]
    group_article_quotes(session=session, article_ids=[a.id or 0 for a in originals])
    assign_stories(session=session, articles=originals)
    if duplicates:  # a copy of an article of this batch joins the story it was just given
        session.flush()
        for article in duplicates:
            story_id = session.exec(select(Article.story_id).where(
                Article.id == article.duplicate_of_id)).one()
            session.execute(update(Article).where(col(Article.id) == article.id)
                            .values(story_id=story_id))
    return results


def _store(*, session: Session, prepared: PreparedArticle, topics: dict[str, Topic],
           pending: CountChanges, known: KnownRows,
           ) -> tuple[IngestResult, Article | None, CountChanges | None]:
    """Insert one article's rows; returns the result, the new article (None when unchanged)
    and the counts it adds (None for a duplicate, whose quotes are stored but never counted).

    `pending`: counts added by the batch so far, applied before an article is replaced so that
    the replaced article's speakers are counted right when orphans are looked for."""
    record, clean, digest = prepared.record, prepared.clean, prepared.digest
    existing = _find_existing(session=session, url=record.url, digest=digest)
    if existing is not None:
        if existing.content_hash == digest:
            quotes = session.exec(select(func.count()).select_from(Quote)
                                  .where(Quote.article_id == existing.id)).one()
            return IngestResult(existing.id or 0, "unchanged", quotes), None, None
        apply_count_changes(session=session, changes=pending)
        pending.clear()
        delete_article_rows(session=session, article=existing)
        known.forget_speakers()
    outlet = None
    if outlet_names := outlet_slug_and_name(record.outlet, record.url):
        slug, name = outlet_names
        outlet = known.outlets.get(slug) or get_or_create_outlet(session=session, slug=slug,
                                                                 name=name)
        known.outlets[slug] = outlet
    published = record.published_at or clean.published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    text_digest = content_hash(clean.body.split("\n\n", 1)[-1] if clean.title else clean.body)
    original = session.exec(select(Article.id, Article.story_id).where(
        Article.text_hash == text_digest, col(Article.duplicate_of_id).is_(None))).first()
    article = Article(
        title=(record.title or clean.title or None), url=record.url, content_hash=digest,
        text_hash=text_digest, duplicate_of_id=original[0] if original else None,
        story_id=original[1] if original else None,
        outlet_id=outlet.id if outlet else None, published_at=published,
        byline=record.byline or clean.byline, body=clean.body,
    )
    session.add(article)
    session.flush()
    quotes = store_quotes(session=session, article=article, extraction=prepared.extraction,
                          topics=topics, quote_topics=prepared.quote_topics, known=known)
    store_article_topics(session=session, article=article, topics=topics, matches=prepared.topics)
    entities = store_entities(session=session, article=article, entities=prepared.entities,
                              known=known)
    status: IngestStatus = "updated" if existing is not None else "stored"
    result = IngestResult(article.id or 0, status, len(quotes))
    if original is not None:
        return result, article, None
    return result, article, CountChanges(
        speaker_quotes=Counter(speaker_id for _, speaker_id in quotes if speaker_id),
        topic_quotes=Counter(topics[m.slug].id for ms in prepared.quote_topics for m in ms),
        topic_articles=Counter(topics[m.slug].id for m in prepared.topics),
        outlet_quotes=Counter({outlet.id: len(quotes)} if outlet else {}),
        outlet_articles=Counter({outlet.id: 1} if outlet else {}),
        entity_mentions=Counter(entities), entity_articles=Counter(dict.fromkeys(entities, 1)),
    )


def _find_existing(*, session: Session, url: str | None, digest: str) -> Article | None:
    """The stored article this record is: same url, or same text when it has no url."""
    if url:
        return session.exec(select(Article).where(Article.url == url)).first()
    # `url IS NULL` is tested here, not in SQL: SQLite would scan every url-less row for it
    same_text = session.exec(select(Article).where(Article.content_hash == digest)).all()
    return next((article for article in same_text if article.url is None), None)


def delete_article_rows(*, session: Session, article: Article) -> None:
    """Remove an article and everything derived from it, then fix the counts it fed."""
    changes = article_contribution(session=session, article=article, sign=-1)
    speaker_ids = set(changes.speaker_quotes)
    utterance_ids = set(session.exec(select(Quote.utterance_id).where(
        Quote.article_id == article.id, col(Quote.utterance_id).is_not(None))).all())
    story_ids = {article.story_id} if article.story_id else set()
    session.delete(article)
    session.flush()
    apply_count_changes(session=session, changes=changes)
    refresh_utterances(session=session, utterance_ids=utterance_ids)  # type: ignore[arg-type]
    refresh_stories(session=session, story_ids=story_ids)
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
