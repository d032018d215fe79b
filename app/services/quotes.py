"""Quotes: filtered keyset pages, single quotes, and QuotePublic assembly without N+1 queries."""
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import BadRequest, NotFound
from app.models import (
    Article,
    ArticleEntity,
    Entity,
    Outlet,
    Quote,
    QuoteContent,
    QuotePublic,
    QuoteTopic,
    Speaker,
    SpeakerRef,
    Topic,
)
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page, order_by_keys
from app.services.search import SearchQuery, match_condition, ranked

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
EXPORT_BATCH = 500
PAGE_ROWS = 100
"""Plan choice for the speaker and topic filters, from the stored quote counts. A filter matching
n quotes of N either drives the query through its own index and sorts its n rows, or is checked
row by row while quotes are read newest first through the time index, which stops after about
PAGE_ROWS * N / n rows. The first is cheaper while n * n <= PAGE_ROWS * N (N estimated by the
highest quote id): 1,000 matches at 10,000 quotes, 10,000 at a million. Composite
(speaker_id, reported_at, id) and (topic, reported_at) indexes would make the choice unnecessary."""


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
    q: SearchQuery | None = None
    duplicates: str = "skip"


QUOTE_SORTS: dict[str, tuple[SortKey, ...]] = {
    "-published_at": (SortKey(col(Quote.reported_at), True), SortKey(col(Quote.id), True)),
    "published_at": (SortKey(col(Quote.reported_at)), SortKey(col(Quote.id))),
}
QUOTE_SORT_TYPES = (datetime, int)


def sorted_quotes(
    *, session: Session, filters: QuoteFilters, sort: str
) -> tuple[Select[Any] | None, tuple[SortKey, ...], tuple[type, ...]]:
    """The statement for `filters` (None when nothing can match), its sort keys and their cursor
    types; `relevance` needs a search query."""
    if sort != "relevance":
        return quote_statement(session=session, filters=filters), QUOTE_SORTS[sort], (
            QUOTE_SORT_TYPES
        )
    if filters.q is None:
        raise BadRequest("sort=relevance needs a search query `q`.")
    statement = quote_statement(session=session, filters=replace(filters, q=None))
    if statement is None:
        return None, (), ()
    statement, rank = ranked(session=session, statement=statement, query=filters.q, target=Quote)
    return statement, (SortKey(rank), SortKey(col(Quote.id))), (float, int)


def speaker_condition(key: str) -> ColumnElement[bool]:
    """Match a speaker by numeric id or by slug."""
    if key.isdigit() and int(key) <= MAX_ID:
        return col(Speaker.id) == int(key)
    return col(Speaker.slug) == key


def entity_condition(key: str) -> ColumnElement[bool]:
    """Match an entity by numeric id or by slug."""
    if key.isdigit() and int(key) <= MAX_ID:
        return col(Entity.id) == int(key)
    return col(Entity.slug) == key


def resolve_speaker_ids(*, session: Session, key: str) -> list[int]:
    """Id of the speaker whose id or slug is `key` ([] when none)."""
    return list(session.exec(select(Speaker.id).where(speaker_condition(key))).all())


def resolve_topic_ids(*, session: Session, slugs: Sequence[str]) -> list[int]:
    """Ids of the topics named by `slugs` that exist."""
    return list(session.exec(select(Topic.id).where(col(Topic.slug).in_(slugs))).all())


def _is_selective(session: Session, matches: int) -> bool:
    if matches <= PAGE_ROWS:
        return True
    newest = session.exec(select(func.max(Quote.id))).one() or 0
    return matches * matches <= PAGE_ROWS * newest


def _speaker_condition(*, session: Session, key: str) -> ColumnElement[bool] | None:
    row = session.exec(
        select(Speaker.id, Speaker.quote_count).where(speaker_condition(key))
    ).first()
    if row is None:
        return None
    speaker_id, quotes = row
    if _is_selective(session, quotes):
        return col(Quote.speaker_id) == speaker_id
    return col(Quote.speaker_id) + 0 == speaker_id  # not through ix_quote_speaker_id: see above


def _topic_condition(*, session: Session, slugs: Sequence[str]) -> ColumnElement[bool] | None:
    rows = session.exec(
        select(Topic.id, Topic.quote_count).where(col(Topic.slug).in_(slugs))
    ).all()
    ids = [topic_id for topic_id, _ in rows]
    if not ids:
        return None
    if _is_selective(session, sum(quotes for _, quotes in rows)):
        tagged = select(QuoteTopic.quote_id).where(col(QuoteTopic.topic_id).in_(ids))
        return col(Quote.id).in_(tagged)
    return exists().where(QuoteTopic.quote_id == Quote.id, col(QuoteTopic.topic_id).in_(ids))


def resolve_outlet_ids(*, session: Session, slug: str) -> list[int]:
    """Id of the outlet with this slug ([] when none)."""
    return list(session.exec(select(Outlet.id).where(Outlet.slug == slug)).all())


def resolve_entity_ids(*, session: Session, keys: Sequence[str]) -> list[int]:
    """Ids of the entities named by `keys` (ids or slugs) that exist."""
    condition = or_(*(entity_condition(key) for key in keys))
    return list(session.exec(select(Entity.id).where(condition)).all())


def mentions_any(article_id: Any, entity_ids: Sequence[int]) -> ColumnElement[bool]:
    """The article `article_id` mentions one of `entity_ids` (an index lookup per row)."""
    return exists().where(
        ArticleEntity.article_id == article_id, col(ArticleEntity.entity_id).in_(entity_ids)
    )


def quote_conditions(
    *, session: Session, filters: QuoteFilters
) -> list[ColumnElement[bool]] | None:
    """WHERE clauses for `filters`, names resolved to ids first; None when nothing can match."""
    where: list[ColumnElement[bool]] = []
    if filters.speaker is not None:
        if (by_speaker := _speaker_condition(session=session, key=filters.speaker)) is None:
            return None
        where.append(by_speaker)
    if filters.topics:
        if (by_topic := _topic_condition(session=session, slugs=filters.topics)) is None:
            return None
        where.append(by_topic)
    if filters.outlet is not None:
        if not (outlets := resolve_outlet_ids(session=session, slug=filters.outlet)):
            return None
        where.append(col(Quote.outlet_id) == outlets[0])
    if filters.entities:
        if not (entities := resolve_entity_ids(session=session, keys=filters.entities)):
            return None
        where.append(mentions_any(Quote.article_id, entities))
    if filters.article is not None:
        where.append(col(Quote.article_id) == filters.article)
    if filters.kind is not None:
        where.append(col(Quote.kind) == filters.kind)
    if filters.cues:
        where.append(func.lower(col(Quote.cue)).in_([cue.lower() for cue in filters.cues]))
    if filters.since is not None:
        where.append(col(Quote.reported_at) >= filters.since)
    if filters.until is not None:
        where.append(col(Quote.reported_at) < filters.until)
    if filters.updated_since is not None:
        where.append(col(Quote.updated_at) >= filters.updated_since)
    if filters.q is not None:
        where.append(match_condition(session=session, query=filters.q, target=Quote))
    if filters.duplicates != "keep":
        copies = select(Article.id).where(col(Article.duplicate_of_id).is_not(None))
        where.append(col(Quote.article_id).in_(copies) if filters.duplicates == "only"
                     else col(Quote.article_id).not_in(copies))
    return where


def quote_statement(*, session: Session, filters: QuoteFilters) -> Select[Any] | None:
    """Quotes narrowed by `filters` (only the quote table is scanned); None when none can match."""
    where = quote_conditions(session=session, filters=filters)
    return None if where is None else sa_select(Quote).where(*where)


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
                "content": None if quote.content_text is None else QuoteContent(
                    text=quote.content_text, start=quote.content_start, end=quote.content_end),
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
    statement, keys, types = sorted_quotes(session=session, filters=filters, sort=sort)
    if statement is None:
        return [], None
    after = decode_cursor(cursor, sort=f"quotes{sort}", types=types)
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=keys, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort=f"quotes{sort}", key=next_key) if next_key else None
    return build_quote_publics(session=session, quotes=[row[0] for row in rows]), next_cursor


def iter_quotes(
    *, session: Session, filters: QuoteFilters, sort: str = "-published_at"
) -> Iterator[QuotePublic]:
    """Every quote matching `filters`, read and assembled in batches (constant memory)."""
    statement, keys, _ = sorted_quotes(session=session, filters=filters, sort=sort)
    if statement is None:
        return
    statement = order_by_keys(statement, keys)
    result = session.exec(statement.execution_options(yield_per=EXPORT_BATCH))
    for partition in result.partitions():
        yield from build_quote_publics(session=session, quotes=[row[0] for row in partition])


def list_article_quotes(*, session: Session, article_id: int) -> list[QuotePublic]:
    """Every quote of one article, in reading order."""
    statement = (
        sa_select(Quote)
        .where(col(Quote.article_id) == article_id)
        .order_by(col(Quote.start), col(Quote.id))
    )
    quotes = [row[0] for row in session.exec(statement).all()]
    return build_quote_publics(session=session, quotes=quotes)


def get_quote(*, session: Session, quote_id: int) -> QuotePublic:
    """The quote with this id, or NotFound."""
    row = session.exec(sa_select(Quote).where(col(Quote.id) == quote_id)).first()
    if row is None:
        raise NotFound(f"No quote with id {quote_id}.")
    return build_quote_publics(session=session, quotes=[row[0]])[0]
