"""GET /quotes and GET /quotes/{id}."""
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, QuotePublic
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import MAX_ID, KindQuery, OutletQuery, SpeakerQuery, TopicsQuery
from app.services.quotes import QuoteFilters, get_quote, list_quotes

router = APIRouter(prefix="/quotes", tags=["quotes"])

QuoteIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Quote id.", examples=[1])]
ArticleQuery = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Only quotes from this article (id).")
]


@router.get(
    "",
    summary="List quotes",
    description="Quotes, newest article first, filtered by speaker, topic, article, outlet "
    "and kind. Every filter combines with the others.",
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
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[QuotePublic]:
    filters = QuoteFilters(
        speaker=speaker, topics=tuple(topic or ()), article=article, outlet=outlet, kind=kind
    )
    items, next_cursor = list_quotes(session=session, filters=filters, cursor=cursor, limit=limit)
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{quote_id}",
    summary="Get one quote",
    responses=problem_responses(404, 422),
)
def read_quote(session: SessionDep, quote_id: QuoteIdPath) -> QuotePublic:
    return get_quote(session=session, quote_id=quote_id)
