"""GET /quotes and GET /quotes/{id}."""
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, QuotePublic
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import (
    MAX_ID,
    CuesQuery,
    EntitiesQuery,
    KindQuery,
    OutletQuery,
    SortQuery,
    SpeakerQuery,
    TimeWindow,
    TimeWindowDep,
    TopicsQuery,
)
from app.services.quotes import QuoteFilters, get_quote, list_quotes

router = APIRouter(prefix="/quotes", tags=["quotes"])

QuoteIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Quote id.", examples=[1])]
ArticleQuery = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Only quotes from this article (id).")
]


@router.get(
    "",
    summary="List quotes",
    description="Quotes, newest article first, filtered by speaker, topic, article, outlet, "
    "kind, cue, entity and time. Filters combine with AND; a repeated parameter means any of "
    "its values.",
    responses=problem_responses(422),
)
def read_quotes(
    session: SessionDep,
    request: Request,
    response: Response,
    speaker: SpeakerQuery = None,
    topic: TopicsQuery = None,
    article: ArticleQuery = None,
    outlet: OutletQuery = None,
    kind: KindQuery = None,
    cue: CuesQuery = None,
    entity: EntitiesQuery = None,
    window: TimeWindowDep = TimeWindow(),
    sort: SortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[QuotePublic]:
    filters = QuoteFilters(
        speaker=speaker,
        topics=tuple(topic or ()),
        article=article,
        outlet=outlet,
        kind=kind,
        cues=tuple(cue or ()),
        entities=tuple(entity or ()),
        since=window.since,
        until=window.until,
        updated_since=window.updated_since,
    )
    items, next_cursor = list_quotes(
        session=session, filters=filters, cursor=cursor, limit=limit, sort=sort
    )
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{quote_id}",
    summary="Get one quote",
    responses=problem_responses(404, 422),
)
def read_quote(session: SessionDep, quote_id: QuoteIdPath) -> QuotePublic:
    return get_quote(session=session, quote_id=quote_id)
