"""Quotes: filters, the listing (pages, exports, totals), single quotes, and their JSON items.

Items are built from core SQL rows (the quote, its speaker and outlet joined by primary key,
topics in one query per page) straight into dicts: no ORM objects, no per-row validation.
"""
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.errors import BadRequest, NotFound
from app.models import Article, ArticleEntity, Outlet, Quote, QuoteTopic, Speaker, Topic
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import Found, resolve_filters
from app.services.rows import fetch_rows
from app.services.search import SearchQuery, match_condition, ranked

PAGE_ROWS = 100
"""Plan choice for the speaker and topic filters, from the stored quote counts. A filter matching
n quotes of N either drives the query through its own index and sorts its n rows, or is checked
row by row while quotes are read newest first through the time index, which stops after about
PAGE_ROWS * N / n rows. The first is cheaper while n * n <= PAGE_ROWS * N (N estimated by the
highest quote id): 1,000 matches at 10,000 quotes, 10,000 at a million. Composite
(speaker_id, reported_at, id) and (topic, reported_at) indexes would make the choice unnecessary."""


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """What a quote list may be narrowed by: values of one filter are any-of, filters AND."""

    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    articles: tuple[int, ...] = ()
    outlets: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None
    q: SearchQuery | None = None
    duplicates: str = "skip"
    of_speaker: Found | None = None  # the speaker of /speakers/{key}/quotes (with any filter)
    of_topic: Found | None = None  # the topic of /topics/{key}/quotes


TIME_SORTS: dict[str, tuple[SortKey, ...]] = {
    "-published_at": (SortKey(col(Quote.reported_at), True), SortKey(col(Quote.id), True)),
    "published_at": (SortKey(col(Quote.reported_at)), SortKey(col(Quote.id))),
}
COLUMNS = (
    col(Quote.id), col(Quote.text), col(Quote.kind), col(Quote.cue), col(Quote.speaker_mention),
    col(Quote.confidence), col(Quote.article_id), col(Quote.paragraph), col(Quote.start),
    col(Quote.end), col(Quote.headline), col(Quote.utterance_id), col(Quote.context_before),
    col(Quote.context_after), col(Article.published_at),
    col(Quote.speaker_id), col(Speaker.slug).label("speaker_slug"),
    col(Speaker.name).label("speaker_name"), col(Outlet.slug).label("outlet"),
    col(Quote.content_text), col(Quote.content_start), col(Quote.content_end),
)
ARTICLE_COLUMNS = (col(Article.title).label("article_title"),
                   col(Article.url).label("article_url"))


NEWEST_QUOTE = sa_select(func.max(Quote.id))
UNDATED_ARTICLES = (sa_select(Article.id).where(col(Article.published_at).is_(None))
                    .correlate(None))


def quote_dated() -> ColumnElement[bool]:
    """The quote's article gives its publication time. (`reported_at`, which orders quotes,
    holds the ingestion time of an undated article's quotes: a time filter leaves them out.)"""
    return col(Quote.article_id).not_in(UNDATED_ARTICLES)


def _is_selective(session: Session, matches: int) -> bool:
    if matches <= PAGE_ROWS:
        return True
    newest = fetch_rows(session.connection(), NEWEST_QUOTE)[0][0] or 0
    return matches * matches <= PAGE_ROWS * newest


def mentions_any(article_id: Any, entity_ids: Any) -> ColumnElement[bool]:
    """The article `article_id` mentions one of `entity_ids` (an index lookup per row)."""
    return exists().where(
        ArticleEntity.article_id == article_id, col(ArticleEntity.entity_id).in_(entity_ids)
    ).correlate_except(ArticleEntity)  # also when a facet joins article_entity outside


def _condition(kind: str, name: str) -> ColumnElement[bool]:
    """The WHERE clause of one filter, its value the bound parameter `name`."""
    values = bindparam(name, expanding=True)
    moment = bindparam(name, type_=Quote.__table__.c.reported_at.type)  # type: ignore[attr-defined]
    copies = (sa_select(Article.id).where(col(Article.duplicate_of_id).is_not(None))
              .correlate(None))
    return {
        "speaker": lambda: col(Quote.speaker_id).in_(values),
        # not through ix_quote_speaker_id: read newest first, checking each row (PAGE_ROWS)
        "speaker-scan": lambda: (col(Quote.speaker_id) + 0).in_(values),
        "topic": lambda: col(Quote.id).in_(sa_select(QuoteTopic.quote_id)
                                           .where(col(QuoteTopic.topic_id).in_(values))
                                           .correlate(None)),
        "topic-scan": lambda: exists().where(QuoteTopic.quote_id == Quote.id,
                                             col(QuoteTopic.topic_id).in_(values))
        .correlate_except(QuoteTopic),
        "outlet": lambda: col(Quote.outlet_id).in_(values),
        "entity": lambda: mentions_any(Quote.article_id, values),
        "article": lambda: col(Quote.article_id).in_(values),
        "kind": lambda: col(Quote.kind).in_(values),
        "cue": lambda: func.lower(col(Quote.cue)).in_(values),
        "since": lambda: and_(col(Quote.reported_at) >= moment, quote_dated()),
        "until": lambda: and_(col(Quote.reported_at) < moment, quote_dated()),
        "updated_since": lambda: col(Quote.updated_at) >= moment,
        "copies-only": lambda: col(Quote.article_id).in_(copies),
        "copies-skip": lambda: col(Quote.article_id).not_in(copies),
    }[kind]()


@lru_cache(maxsize=256)
def _conditions(shape: tuple[tuple[str, str], ...]) -> tuple[ColumnElement[bool], ...]:
    """The clauses of a combination of filters, built once: with the statement built once too,
    a page runs without any SQL construction."""
    return tuple(_condition(kind, name) for kind, name in shape)


def quote_conditions(
    *, session: Session, filters: QuoteFilters
) -> tuple[list[ColumnElement[bool]], dict[str, Any]]:
    """WHERE clauses on the quote table for `filters` and the values of their parameters;
    UnknownFilterValues (404) when a filter value names no stored speaker, topic, outlet,
    entity or article."""
    found = resolve_filters(session=session, speaker=filters.speakers, topic=filters.topics,
                            outlet=filters.outlets, entity=filters.entities,
                            articles=filters.articles)
    shape: list[tuple[str, str]] = []
    params: dict[str, Any] = {}

    def add(kind: str, name: str, value: Any = None) -> None:
        shape.append((kind, name))
        params[name] = value

    for name, chosen in (("of_speaker", filters.of_speaker), ("of_topic", filters.of_topic)):
        if chosen is not None:
            found[name] = [chosen]
    for name, kind in (("of_speaker", "speaker"), ("speaker", "speaker"),
                       ("of_topic", "topic"), ("topic", "topic")):
        if name in found:
            selective = _is_selective(session, sum(f.count for f in found[name]))
            add(kind if selective else f"{kind}-scan", name, [f.id for f in found[name]])
    for kind in ("outlet", "entity"):
        if kind in found:
            add(kind, kind, [f.id for f in found[kind]])
    for kind, values in (("article", filters.articles), ("kind", filters.kinds),
                         ("cue", tuple(cue.lower() for cue in filters.cues))):
        if values:
            add(kind, kind, list(values))
    for kind in ("since", "until", "updated_since"):
        if (moment := getattr(filters, kind)) is not None:
            add(kind, kind, moment)
    if filters.duplicates != "keep":
        shape.append((f"copies-{filters.duplicates}", ""))
    where = list(_conditions(tuple(shape)))
    if filters.q is not None:
        where.append(match_condition(session=session, query=filters.q, target=Quote))
    return where, params


@lru_cache(maxsize=4)
def _rows(*, with_article: bool) -> Select[Any]:
    return (sa_select(*COLUMNS, *(ARTICLE_COLUMNS if with_article else ()))
            .select_from(Quote)
            .join(Article, col(Article.id) == Quote.article_id)
            .outerjoin(Speaker, col(Speaker.id) == Quote.speaker_id)
            .outerjoin(Outlet, col(Outlet.id) == Quote.outlet_id))


TOPICS_OF = (sa_select(QuoteTopic.quote_id, Topic.slug, QuoteTopic.triggers)
             .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
             .where(col(QuoteTopic.quote_id).in_(bindparam("ids", expanding=True))))


def topics_by_quote(*, session: Session, quote_ids: Sequence[int]
                    ) -> dict[int, list[tuple[str, list[str]]]]:
    """(topic slug, matched words) of each quote, by slug, in one query."""
    found: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    if not quote_ids:
        return found
    for quote_id, slug, triggers in fetch_rows(session.connection(), TOPICS_OF,
                                               {"ids": list(quote_ids)}):
        found[quote_id].append((slug, triggers))
    for matches in found.values():
        matches.sort()
    return found


def quote_item(row: Row[Any], topics: list[tuple[str, list[str]]]) -> Item:
    """The JSON item (QuotePublic) of one row of `_rows` (unpacked by position: a row is a
    tuple, and twenty rows of twenty fields by name cost more than the query)."""
    (id_, text, kind, cue, speaker_mention, confidence, article_id, paragraph, start, end,
     headline, utterance_id, context_before, context_after, published_at, speaker_id,
     speaker_slug, speaker_name, outlet, content_text, content_start,
     content_end) = row[:len(COLUMNS)]
    return {
        "id": id_, "text": text, "kind": kind, "cue": cue,
        "speaker": None if speaker_id is None else {
            "id": speaker_id, "slug": speaker_slug, "name": speaker_name},
        "speaker_mention": speaker_mention, "confidence": confidence,
        "article_id": article_id, "outlet": outlet, "published_at": published_at,
        "paragraph": paragraph, "start": start, "end": end, "headline": headline,
        "topics": [slug for slug, _ in topics],
        "topic_matches": [{"topic": slug, "matched": words} for slug, words in topics],
        "content": None if content_text is None else {
            "text": content_text, "start": content_start, "end": content_end},
        "utterance_id": utterance_id, "context_before": context_before,
        "context_after": context_after,
    }


def quote_builder(*, include_article: bool = False, flat_article: bool = False) -> Any:
    """Rows -> items: `include_article` embeds the article summary, `flat_article` adds
    `article_title` and `article_url` (export rows)."""

    def build(session: Session, rows: Sequence[Row[Any]]) -> list[Item]:
        topics = topics_by_quote(session=session, quote_ids=[row[0] for row in rows])
        items = [quote_item(row, topics[row[0]]) for row in rows]
        for item, row in zip(items, rows, strict=True):
            if include_article:
                item["article"] = {"id": row.article_id, "title": row.article_title,
                                   "url": row.article_url, "outlet": row.outlet,
                                   "published_at": row.published_at}
            if flat_article:
                item["article_title"], item["article_url"] = row.article_title, row.article_url
        return items

    return build


def quote_listing(
    *, session: Session, filters: QuoteFilters, sort: str = "-published_at",
    include_article: bool = False, export: bool = False,
) -> Listing:
    """Quotes matching `filters` in `sort` order (`relevance` needs a search query)."""
    with_article = include_article or export
    build = quote_builder(include_article=include_article, flat_article=export)
    tag = f"quotes{sort}"
    if sort != "relevance":
        where, params = quote_conditions(session=session, filters=filters)
        statement = (_filtered(with_article, tuple(where)) if filters.q is None
                     else _rows(with_article=with_article).where(*where))
        return Listing(statement, TIME_SORTS[sort], tag, (datetime, int), build, params=params)
    if filters.q is None:
        raise BadRequest("sort=relevance needs a search query `q`.")
    where, params = quote_conditions(session=session, filters=replace(filters, q=None))
    statement, rank = ranked(session=session, statement=_rows(with_article=with_article)
                             .where(*where), query=filters.q, target=Quote)
    return Listing(statement, (SortKey(rank), SortKey(col(Quote.id))), tag, (float, int), build,
                   params=params)


@lru_cache(maxsize=256)
def _filtered(with_article: bool, where: tuple[ColumnElement[bool], ...]) -> Select[Any]:
    """The quote rows narrowed by `where`: the same statement for the same (cached) clauses."""
    return _rows(with_article=with_article).where(*where)


def get_quote(*, session: Session, quote_id: int, include_article: bool = False) -> Item:
    """The quote with this id, or NotFound."""
    statement = _rows(with_article=include_article).where(col(Quote.id) == quote_id)
    rows = session.connection().execute(statement).all()
    if not rows:
        raise NotFound(f"No quote with id {quote_id}.")
    return quote_builder(include_article=include_article)(session, rows)[0]


def list_article_quotes(*, session: Session, article_id: int) -> list[Item]:
    """Every quote of one article, in reading order."""
    statement = (_rows(with_article=False).where(col(Quote.article_id) == article_id)
                 .order_by(col(Quote.start), col(Quote.id)))
    return quote_builder()(session, session.connection().execute(statement).all())
