"""Articles: filtered keyset pages, the detail view, and ArticlePublic assembly in batches."""
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, exists, func
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.config import get_settings
from app.errors import BadRequest, Conflict, NotFound
from app.ingest.pipeline import delete_article, ingest_record
from app.models import (
    Article,
    ArticleCreate,
    ArticleEntity,
    ArticleTopic,
    Entity,
    Outlet,
    Quote,
    Topic,
)
from app.nlp.records import TopicDefinition
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import resolve_filters
from app.services.quotes import list_article_quotes, mentions_any
from app.services.search import SearchQuery, match_condition, ranked
from app.topics_file import effective_topic_definitions, load_topic_definitions


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What an article list may be narrowed by: values of one filter are any-of, filters AND."""

    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None
    q: SearchQuery | None = None
    duplicates: str = "skip"


def published_key() -> ColumnElement[datetime]:
    """The order of publication: the publication time, or, for an article that gives none, the
    time it was ingested (as `Quote.reported_at`). Only for ordering: never served."""
    return func.coalesce(col(Article.published_at), col(Article.created_at))


TIME_SORTS: dict[str, tuple[SortKey, ...]] = {
    "-published_at": (SortKey(published_key(), descending=True), SortKey(col(Article.id), True)),
    "published_at": (SortKey(published_key()), SortKey(col(Article.id))),
}


def article_conditions(*, session: Session, filters: ArticleFilters
                       ) -> list[ColumnElement[bool]]:
    """WHERE clauses on the article table for `filters`; UnknownFilterValues (404) when a
    filter value names no stored outlet, topic, speaker or entity."""
    found = resolve_filters(session=session, outlet=filters.outlets, topic=filters.topics,
                            speaker=filters.speakers, entity=filters.entities)
    where: list[ColumnElement[bool]] = []
    if "outlet" in found:
        where.append(col(Article.outlet_id).in_([f.id for f in found["outlet"]]))
    if "topic" in found:
        where.append(exists().where(ArticleTopic.article_id == Article.id,
                                    col(ArticleTopic.topic_id).in_([f.id for f in
                                                                    found["topic"]]))
                     .correlate_except(ArticleTopic))
    if "speaker" in found:
        where.append(exists().where(Quote.article_id == Article.id,
                                    col(Quote.speaker_id).in_([f.id for f in found["speaker"]]))
                     .correlate_except(Quote))
    if "entity" in found:
        where.append(mentions_any(Article.id, [f.id for f in found["entity"]]))
    if filters.urls:
        where.append(col(Article.url).in_(filters.urls))
    if filters.since is not None:
        where.append(col(Article.published_at) >= filters.since)
    if filters.until is not None:
        where.append(col(Article.published_at) < filters.until)
    if filters.updated_since is not None:
        where.append(col(Article.updated_at) >= filters.updated_since)
    if filters.q is not None:
        where.append(match_condition(session=session, query=filters.q, target=Article))
    if filters.duplicates == "skip":
        where.append(col(Article.duplicate_of_id).is_(None))
    elif filters.duplicates == "only":
        where.append(col(Article.duplicate_of_id).is_not(None))
    return where


def _quote_count() -> Any:
    return (
        select(func.count(col(Quote.id)))
        .where(col(Quote.article_id) == Article.id)
        .correlate(Article)
        .scalar_subquery()
    )


def _rows() -> Select[Any]:
    return (sa_select(col(Article.id), col(Article.title), col(Article.url),
                      col(Article.published_at), col(Article.byline),
                      col(Article.duplicate_of_id), col(Outlet.slug).label("outlet"),
                      col(Article.created_at).label("ingested_at"),
                      _quote_count().label("quote_count"))
            .select_from(Article)
            .outerjoin(Outlet, col(Outlet.id) == Article.outlet_id))


def topics_by_article(*, session: Session, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """Topic slugs of each article, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    if not article_ids:
        return found
    rows = session.execute(
        sa_select(ArticleTopic.article_id, Topic.slug)
        .join(Topic, col(Topic.id) == ArticleTopic.topic_id)
        .where(col(ArticleTopic.article_id).in_(article_ids))
        .order_by(col(Topic.slug))
    ).all()
    for article_id, slug in rows:
        found[article_id].append(slug)
    return found


def _item(row: Row[Any], topics: list[str]) -> Item:
    return {"id": row.id, "title": row.title, "url": row.url, "published_at": row.published_at,
            "byline": row.byline, "outlet": row.outlet, "topics": topics,
            "quote_count": row.quote_count, "duplicate_of": row.duplicate_of_id,
            "ingested_at": row.ingested_at}


def build_articles(session: Session, rows: Sequence[Row[Any]]) -> list[Item]:
    """ArticlePublic items from `_rows` rows, their topics fetched in one query."""
    topics = topics_by_article(session=session, article_ids=[row.id for row in rows])
    return [_item(row, topics[row.id]) for row in rows]


def article_listing(*, session: Session, filters: ArticleFilters, sort: str = "-published_at"
                    ) -> Listing:
    """Articles (without body) matching `filters` in `sort` order (`relevance` needs `q`)."""
    tag = f"articles{sort}"
    if sort != "relevance":
        where = article_conditions(session=session, filters=filters)
        return Listing(_rows().where(*where), TIME_SORTS[sort], tag, (datetime, int),
                       build_articles)
    if filters.q is None:
        raise BadRequest("sort=relevance needs a search query `q`.")
    where = article_conditions(session=session, filters=replace(filters, q=None))
    statement, rank = ranked(session=session, statement=_rows().where(*where), query=filters.q,
                             target=Article)
    return Listing(statement, (SortKey(rank), SortKey(col(Article.id))), tag, (float, int),
                   build_articles)


def list_article_entities(*, session: Session, article_id: int) -> list[Item]:
    """Entities mentioned in one article, most mentioned first."""
    rows = session.execute(
        sa_select(Entity.id, Entity.slug, Entity.name, Entity.type, ArticleEntity.count)
        .join(ArticleEntity, col(ArticleEntity.entity_id) == Entity.id)
        .where(ArticleEntity.article_id == article_id)
        .order_by(col(ArticleEntity.count).desc(), col(Entity.name))
    ).all()
    return [{"id": id_, "slug": slug, "name": name, "type": type_, "count": n}
            for id_, slug, name, type_, n in rows]


def get_article_detail(*, session: Session, article_id: int) -> Item:
    """The article with this id, with body, paragraphs, quotes, topics and entities; or NotFound."""
    row = session.execute(_rows().add_columns(col(Article.body))
                          .where(col(Article.id) == article_id)).first()
    if row is None:
        raise NotFound(f"No article with id {article_id}.")
    item = build_articles(session, [row])[0]
    quotes = list_article_quotes(session=session, article_id=article_id)
    return item | {"quote_count": len(quotes), "body": row.body,
                   "paragraphs": row.body.split("\n\n"), "quotes": quotes,
                   "entities": list_article_entities(session=session, article_id=article_id)}


@lru_cache(maxsize=4)
def _topic_definitions(path: Path, _mtime: int) -> tuple[TopicDefinition, ...]:
    return load_topic_definitions(path)


def create_article(*, session: Session, record: ArticleCreate) -> tuple[Item, bool]:
    """Ingest `record`; the stored article with its quotes, and whether it is new."""
    path = get_settings().topics_file
    topics = effective_topic_definitions(
        session=session, file_definitions=_topic_definitions(path, path.stat().st_mtime_ns))
    try:
        result = ingest_record(session=session, record=record, topics=topics)
    except IntegrityError:  # the same article stored concurrently: it is there now
        try:
            result = ingest_record(session=session, record=record, topics=topics)
        except IntegrityError:
            raise Conflict("The article clashes with a stored one; retry.") from None
    detail = get_article_detail(session=session, article_id=result.article_id)
    return detail, result.status == "stored"


def remove_article(*, session: Session, article_id: int) -> None:
    """Delete the article with this id and everything derived from it, or NotFound."""
    if not delete_article(session=session, article_id=article_id):
        raise NotFound(f"No article with id {article_id}.")
