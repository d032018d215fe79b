"""Quotes: filtered keyset pages, single quotes, and QuotePublic assembly without N+1 queries."""
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import (
    ArticleEntity,
    Entity,
    Outlet,
    Quote,
    QuotePublic,
    QuoteTopic,
    Speaker,
    SpeakerRef,
    Topic,
)
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page, order_by_keys

MAX_ID = 2**63 - 1
EXPORT_BATCH = 500


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """What a quote list may be narrowed by; every field is optional and they all combine."""

    speaker: str | None = None
    topics: tuple[str, ...] = ()
    article: int | None = None
    outlet: str | None = None
    kind: str | None = None
    cues: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None


QUOTE_SORTS: dict[str, tuple[SortKey, ...]] = {
    "-published_at": (SortKey(col(Quote.reported_at), True), SortKey(col(Quote.id), True)),
    "published_at": (SortKey(col(Quote.reported_at)), SortKey(col(Quote.id))),
}
QUOTE_SORT_TYPES = (datetime, int)


def speaker_condition(key: str) -> ColumnElement[bool]:
    """Match a speaker by numeric id or by slug."""
    if key.isdigit() and int(key) <= MAX_ID:
        return col(Speaker.id) == int(key)
    return col(Speaker.slug) == key


def speaker_ids(key: str) -> Any:
    """Subquery: the id of the speaker whose id or slug is `key`."""
    return select(Speaker.id).where(speaker_condition(key))


def entity_condition(key: str) -> ColumnElement[bool]:
    """Match an entity by numeric id or by slug."""
    if key.isdigit() and int(key) <= MAX_ID:
        return col(Entity.id) == int(key)
    return col(Entity.slug) == key


def articles_mentioning(keys: Sequence[str]) -> Any:
    """Subquery: ids of the articles mentioning any of the entities `keys` (ids or slugs)."""
    return (
        select(ArticleEntity.article_id)
        .join(Entity, col(Entity.id) == ArticleEntity.entity_id)
        .where(or_(*(entity_condition(key) for key in keys)))
    )


def _conditions(filters: QuoteFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.speaker is not None:
        where.append(col(Quote.speaker_id).in_(speaker_ids(filters.speaker)))
    if filters.topics:
        tagged = (
            select(QuoteTopic.quote_id)
            .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
            .where(col(Topic.slug).in_(filters.topics))
        )
        where.append(col(Quote.id).in_(tagged))
    if filters.article is not None:
        where.append(col(Quote.article_id) == filters.article)
    if filters.outlet is not None:
        outlet_ids = select(Outlet.id).where(Outlet.slug == filters.outlet)
        where.append(col(Quote.outlet_id).in_(outlet_ids))
    if filters.kind is not None:
        where.append(col(Quote.kind) == filters.kind)
    if filters.cues:
        where.append(func.lower(col(Quote.cue)).in_([cue.lower() for cue in filters.cues]))
    if filters.entities:
        where.append(col(Quote.article_id).in_(articles_mentioning(filters.entities)))
    if filters.since is not None:
        where.append(col(Quote.reported_at) >= filters.since)
    if filters.until is not None:
        where.append(col(Quote.reported_at) < filters.until)
    if filters.updated_since is not None:
        where.append(col(Quote.updated_at) >= filters.updated_since)
    return where


def quote_statement(filters: QuoteFilters) -> Select[Any]:
    """Quotes narrowed by `filters`; only the quote table is scanned, the rest are subqueries."""
    return sa_select(Quote).where(*_conditions(filters))


def topics_by_quote(*, session: Session, quote_ids: Sequence[int]) -> dict[int, list[str]]:
    """Topic slugs of each quote, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    if not quote_ids:
        return found
    rows = session.exec(
        select(QuoteTopic.quote_id, Topic.slug)
        .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
        .where(col(QuoteTopic.quote_id).in_(quote_ids))
        .order_by(col(Topic.slug))
    ).all()
    for quote_id, slug in rows:
        found[quote_id].append(slug)
    return found


def build_quote_publics(*, session: Session, quotes: Sequence[Quote]) -> list[QuotePublic]:
    """QuotePublic objects for `quotes`: speakers, outlets and topics in one query each."""
    speaker_ids = {quote.speaker_id for quote in quotes if quote.speaker_id is not None}
    outlet_ids = {quote.outlet_id for quote in quotes if quote.outlet_id is not None}
    speakers = {
        row[0]: SpeakerRef(id=row[0], slug=row[1], name=row[2])
        for row in session.exec(
            select(Speaker.id, Speaker.slug, Speaker.name).where(col(Speaker.id).in_(speaker_ids))
        ).all()
    } if speaker_ids else {}
    outlets = dict(
        session.exec(select(Outlet.id, Outlet.slug).where(col(Outlet.id).in_(outlet_ids))).all()
    ) if outlet_ids else {}
    topics = topics_by_quote(session=session, quote_ids=[quote.id for quote in quotes])
    return [
        QuotePublic.model_validate(
            quote.model_dump(),
            update={
                "speaker": speakers.get(quote.speaker_id),
                "outlet": outlets.get(quote.outlet_id),
                "topics": topics[quote.id],
            },
        )
        for quote in quotes
    ]


def list_quotes(
    *,
    session: Session,
    filters: QuoteFilters,
    cursor: str | None,
    limit: int,
    sort: str = "-published_at",
) -> tuple[list[QuotePublic], str | None]:
    """One page of quotes matching `filters`, and the cursor of the next page."""
    keys = QUOTE_SORTS[sort]
    after = decode_cursor(cursor, sort=f"quotes{sort}", types=QUOTE_SORT_TYPES)
    rows, next_key = fetch_page(
        session=session, statement=quote_statement(filters), keys=keys, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort=f"quotes{sort}", key=next_key) if next_key else None
    return build_quote_publics(session=session, quotes=[row[0] for row in rows]), next_cursor


def iter_quotes(
    *, session: Session, filters: QuoteFilters, sort: str = "-published_at"
) -> Iterator[QuotePublic]:
    """Every quote matching `filters`, read and assembled in batches (constant memory)."""
    statement = order_by_keys(quote_statement(filters), QUOTE_SORTS[sort])
    result = session.exec(statement.execution_options(yield_per=EXPORT_BATCH))
    for partition in result.partitions():
        yield from build_quote_publics(session=session, quotes=[row[0] for row in partition])


def list_article_quotes(*, session: Session, article_id: int) -> list[QuotePublic]:
    """Every quote of one article, in reading order."""
    statement = quote_statement(QuoteFilters(article=article_id)).order_by(
        col(Quote.start), col(Quote.id)
    )
    quotes = [row[0] for row in session.exec(statement).all()]
    return build_quote_publics(session=session, quotes=quotes)


def get_quote(*, session: Session, quote_id: int) -> QuotePublic:
    """The quote with this id, or NotFound."""
    row = session.exec(quote_statement(QuoteFilters()).where(col(Quote.id) == quote_id)).first()
    if row is None:
        raise NotFound(f"No quote with id {quote_id}.")
    return build_quote_publics(session=session, quotes=[row[0]])[0]
