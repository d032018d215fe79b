"""Articles: filtered keyset pages, the detail view, and ArticlePublic assembly in batches."""
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from app.config import get_settings
from app.errors import BadRequest, Conflict, NotFound
from app.ingest.pipeline import delete_article, ingest_record
from app.models import (
    Article,
    ArticleCreate,
    ArticleDetail,
    ArticleEntity,
    ArticlePublic,
    ArticleTopic,
    Entity,
    EntityMention,
    Outlet,
    Quote,
    Topic,
)
from app.nlp.records import TopicDefinition
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page, order_by_keys
from app.services.quotes import (
    EXPORT_BATCH,
    list_article_quotes,
    mentions_any,
    resolve_entity_ids,
    resolve_outlet_ids,
    resolve_speaker_ids,
    resolve_topic_ids,
)
from app.services.search import SearchQuery, match_condition, ranked
from app.topics_file import effective_topic_definitions, load_topic_definitions


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What an article list may be narrowed by; every field is optional and they all combine."""

    outlet: str | None = None
    topics: tuple[str, ...] = ()
    speaker: str | None = None
    url: str | None = None
    entities: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None
    q: SearchQuery | None = None
    duplicates: str = "skip"


def published_key() -> ColumnElement[datetime]:
    """Publication time, or ingestion time when the article gives none (as `Quote.reported_at`)."""
    return func.coalesce(col(Article.published_at), col(Article.created_at))


ARTICLE_SORTS: dict[str, tuple[SortKey, ...]] = {
    "-published_at": (SortKey(published_key(), descending=True), SortKey(col(Article.id), True)),
    "published_at": (SortKey(published_key()), SortKey(col(Article.id))),
}
ARTICLE_SORT_TYPES = (datetime, int)


def sorted_articles(
    *, session: Session, filters: ArticleFilters, sort: str
) -> tuple[Select[Any] | None, tuple[SortKey, ...], tuple[type, ...]]:
    """The statement for `filters` (None when nothing can match), its sort keys and their cursor
    types; `relevance` needs a search query."""
    if sort != "relevance":
        statement = article_statement(session=session, filters=filters)
        return statement, ARTICLE_SORTS[sort], ARTICLE_SORT_TYPES
    if filters.q is None:
        raise BadRequest("sort=relevance needs a search query `q`.")
    statement = article_statement(session=session, filters=replace(filters, q=None))
    if statement is None:
        return None, (), ()
    statement, rank = ranked(session=session, statement=statement, query=filters.q,
                             target=Article)
    return statement, (SortKey(rank), SortKey(col(Article.id))), (float, int)


def _conditions(*, session: Session, filters: ArticleFilters) -> list[ColumnElement[bool]] | None:
    """WHERE clauses for `filters`, names resolved to ids first; None when nothing can match."""
    where: list[ColumnElement[bool]] = []
    if filters.outlet is not None:
        if not (outlets := resolve_outlet_ids(session=session, slug=filters.outlet)):
            return None
        where.append(col(Article.outlet_id) == outlets[0])
    if filters.topics:
        if not (topics := resolve_topic_ids(session=session, slugs=filters.topics)):
            return None
        where.append(exists().where(
            ArticleTopic.article_id == Article.id, col(ArticleTopic.topic_id).in_(topics)
        ))
    if filters.speaker is not None:
        if not (speakers := resolve_speaker_ids(session=session, key=filters.speaker)):
            return None
        where.append(
            exists().where(Quote.article_id == Article.id, Quote.speaker_id == speakers[0])
        )
    if filters.entities:
        if not (entities := resolve_entity_ids(session=session, keys=filters.entities)):
            return None
        where.append(mentions_any(Article.id, entities))
    if filters.url is not None:
        where.append(col(Article.url) == filters.url)
    if filters.since is not None:
        where.append(published_key() >= filters.since)
    if filters.until is not None:
        where.append(published_key() < filters.until)
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


def article_statement(*, session: Session, filters: ArticleFilters) -> Select[Any] | None:
    """Articles (without body) with outlet slug and quote count, narrowed by `filters`; None
    when no article can match."""
    where = _conditions(session=session, filters=filters)
    if where is None:
        return None
    return (
        sa_select(Article, Outlet.slug, _quote_count())
        .options(defer(Article.body))  # type: ignore[arg-type]
        .outerjoin(Outlet, col(Outlet.id) == Article.outlet_id)
        .where(*where)
    )


def topics_by_article(*, session: Session, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """Topic slugs of each article, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    if not article_ids:
        return found
    rows = session.exec(
        select(ArticleTopic.article_id, Topic.slug)
        .join(Topic, col(Topic.id) == ArticleTopic.topic_id)
        .where(col(ArticleTopic.article_id).in_(article_ids))
        .order_by(col(Topic.slug))
    ).all()
    for article_id, slug in rows:
        found[article_id].append(slug)
    return found


def _public_fields(article: Article, outlet: str | None, quote_count: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published_at": article.published_at,
        "byline": article.byline,
        "outlet": outlet,
        "quote_count": quote_count,
    }


def build_article_publics(
    *, session: Session, rows: Sequence[tuple[Any, ...]]
) -> list[ArticlePublic]:
    """ArticlePublic objects from `article_statement` rows, their topics fetched in one query."""
    topics = topics_by_article(session=session, article_ids=[row[0].id for row in rows])
    return [
        ArticlePublic(**_public_fields(article, outlet, count), topics=topics[article.id])
        for article, outlet, count in rows
    ]


def list_articles(
    *,
    session: Session,
    filters: ArticleFilters,
    cursor: str | None,
    limit: int,
    sort: str = "-published_at",
) -> tuple[list[ArticlePublic], str | None]:
    """One page of articles matching `filters`, and the cursor of the next page."""
    tag = f"articles{sort}"
    statement, keys, types = sorted_articles(session=session, filters=filters, sort=sort)
    if statement is None:
        return [], None
    after = decode_cursor(cursor, sort=tag, types=types)
    rows, next_key = fetch_page(
        session=session,
        statement=statement,
        keys=keys,
        after=after,
        limit=limit,
    )
    next_cursor = encode_cursor(sort=tag, key=next_key) if next_key else None
    return build_article_publics(session=session, rows=rows), next_cursor


def iter_articles(
    *, session: Session, filters: ArticleFilters, sort: str = "-published_at"
) -> Iterator[ArticlePublic]:
    """Every article matching `filters` (without body), read in batches (constant memory)."""
    statement, keys, _ = sorted_articles(session=session, filters=filters, sort=sort)
    if statement is None:
        return
    statement = order_by_keys(statement, keys)
    result = session.exec(statement.execution_options(yield_per=EXPORT_BATCH))
    for partition in result.partitions():
        yield from build_article_publics(session=session, rows=[tuple(row) for row in partition])


def list_article_entities(*, session: Session, article_id: int) -> list[EntityMention]:
    """Entities mentioned in one article, most mentioned first."""
    rows = session.exec(
        select(Entity.id, Entity.name, Entity.type, ArticleEntity.count)
        .join(ArticleEntity, col(ArticleEntity.entity_id) == Entity.id)
        .where(ArticleEntity.article_id == article_id)
        .order_by(col(ArticleEntity.count).desc(), col(Entity.name))
    ).all()
    return [EntityMention(id=id_, name=name, type=type_, count=n) for id_, name, type_, n in rows]


def get_article_detail(*, session: Session, article_id: int) -> ArticleDetail:
    """The article with this id, with body, paragraphs, quotes, topics and entities; or NotFound."""
    row = session.exec(
        sa_select(Article, Outlet.slug)
        .outerjoin(Outlet, col(Outlet.id) == Article.outlet_id)
        .where(col(Article.id) == article_id)
    ).first()
    if row is None:
        raise NotFound(f"No article with id {article_id}.")
    article, outlet = row
    quotes = list_article_quotes(session=session, article_id=article_id)
    topics = topics_by_article(session=session, article_ids=[article_id])[article_id]
    return ArticleDetail(
        **_public_fields(article, outlet, len(quotes)),
        topics=topics,
        body=article.body,
        paragraphs=article.body.split("\n\n"),
        quotes=quotes,
        entities=list_article_entities(session=session, article_id=article_id),
    )


@lru_cache(maxsize=4)
def _topic_definitions(path: Path, _mtime: int) -> tuple[TopicDefinition, ...]:
    return load_topic_definitions(path)


def create_article(*, session: Session, record: ArticleCreate) -> tuple[ArticleDetail, bool]:
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
