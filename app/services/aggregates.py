"""Facets and timelines: counts of the quotes or articles a list's filters match, by one
dimension or per period, computed in SQL with the very conditions the list uses."""
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, distinct, func, literal, null
from sqlalchemy import select as sa_select
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
)
from app.services.articles import ArticleFilters, article_conditions
from app.services.quotes import QuoteFilters, quote_conditions, quote_dated

MAX_FACETS = 1000


def _facet_rows(session: Session, statement: Any, value: Any, count: Any, limit: int,
                params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    statement = statement.order_by(count.desc(), value.asc().nulls_last()).limit(limit)
    return [{"value": row[0], "name": row[1], "count": row[2]}
            for row in session.connection().execute(statement, params or {}).all()]


def quote_facets(*, session: Session, filters: QuoteFilters, by: str, limit: int
                 ) -> list[dict[str, Any]]:
    """Quotes matching `filters` counted by speaker, topic, outlet, kind or cue, largest
    first; a null value counts the quotes that have none."""
    where, params = quote_conditions(session=session, filters=filters)
    count = func.count()
    if by in ("speaker", "outlet"):
        model, key = (Speaker, Quote.speaker_id) if by == "speaker" else (Outlet, Quote.outlet_id)
        value, name = col(model.slug), col(model.name)
        statement = (sa_select(value, name, count).select_from(Quote)
                     .outerjoin(model, col(model.id) == key).where(*where)
                     .group_by(col(key), value, name))
    elif by == "topic":
        value, name = col(Topic.slug), col(Topic.name)
        statement = (sa_select(value, name, count).select_from(Quote)
                     .outerjoin(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
                     .outerjoin(Topic, col(Topic.id) == QuoteTopic.topic_id).where(*where)
                     .group_by(col(Topic.id), value, name))
    else:
        value = col(Quote.kind) if by == "kind" else func.lower(col(Quote.cue))
        statement = (sa_select(value, null(), count).select_from(Quote).where(*where)
                     .group_by(value))
    return _facet_rows(session, statement, value, count, limit, params)


def article_facets(*, session: Session, filters: ArticleFilters, by: str, limit: int
                   ) -> list[dict[str, Any]]:
    """Articles matching `filters` counted by outlet, topic, quoted speaker or named entity,
    largest first; a null outlet or topic counts the articles that have none."""
    where = article_conditions(session=session, filters=filters)
    if by == "outlet":
        count, value, name = func.count(), col(Outlet.slug), col(Outlet.name)
        statement = (sa_select(value, name, count).select_from(Article)
                     .outerjoin(Outlet, col(Outlet.id) == Article.outlet_id).where(*where)
                     .group_by(col(Article.outlet_id), value, name))
    elif by == "topic":
        count, value, name = func.count(), col(Topic.slug), col(Topic.name)
        statement = (sa_select(value, name, count).select_from(Article)
                     .outerjoin(ArticleTopic, col(ArticleTopic.article_id) == Article.id)
                     .outerjoin(Topic, col(Topic.id) == ArticleTopic.topic_id).where(*where)
                     .group_by(col(Topic.id), value, name))
    elif by == "speaker":
        count, value, name = (func.count(distinct(col(Quote.article_id))), col(Speaker.slug),
                              col(Speaker.name))
        statement = (sa_select(value, name, count).select_from(Article)
                     .join(Quote, col(Quote.article_id) == Article.id)
                     .join(Speaker, col(Speaker.id) == Quote.speaker_id).where(*where)
                     .group_by(col(Speaker.id), value, name))
    else:
        count, value, name = func.count(), col(Entity.slug), col(Entity.name)
        statement = (sa_select(value, name, count).select_from(Article)
                     .join(ArticleEntity, col(ArticleEntity.article_id) == Article.id)
                     .join(Entity, col(Entity.id) == ArticleEntity.entity_id).where(*where)
                     .group_by(value, name))
    return _facet_rows(session, statement, value, count, limit)


def period_start(session: Session, moment: ColumnElement[Any], interval: str) -> Any:
    """The first day (UTC) of the `interval` holding `moment`, as SQL; a week starts on Monday."""
    if session.get_bind().dialect.name == "postgresql":
        utc = moment.op("AT TIME ZONE")(literal("UTC"))
        return func.date(func.date_trunc(literal(interval), utc))
    if interval == "day":
        return func.date(moment)
    if interval == "week":  # the Sunday ending the week, less six days
        return func.date(moment, literal("weekday 0"), literal("-6 days"))
    return func.strftime(literal("%Y-%m-01" if interval == "month" else "%Y-01-01"), moment)


def _timeline(session: Session, statement: Any, start: Any,
              params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    rows = session.connection().execute(statement.group_by(start).order_by(start),
                                        params or {}).all()
    return [{"start": value if isinstance(value, date) else date.fromisoformat(value),
             "count": count} for value, count in rows if value is not None]


def quote_timeline(*, session: Session, filters: QuoteFilters, interval: str
                   ) -> list[dict[str, Any]]:
    """Quotes matching `filters` counted per period of publication, oldest first."""
    where, params = quote_conditions(session=session, filters=filters)
    where.append(quote_dated())  # an undated quote has no period
    start = period_start(session, col(Quote.reported_at), interval)
    return _timeline(session, sa_select(start, func.count()).select_from(Quote).where(*where),
                     start, params)


def article_timeline(*, session: Session, filters: ArticleFilters, interval: str
                     ) -> list[dict[str, Any]]:
    """Articles matching `filters` counted per period of publication (those without a date
    are left out), oldest first."""
    where = article_conditions(session=session, filters=filters)
    start = period_start(session, col(Article.published_at), interval)
    return _timeline(session, sa_select(start, func.count()).select_from(Article)
                     .where(*where), start)
