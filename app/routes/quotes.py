"""GET /quotes and GET /quotes/{id}."""
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, QuotePublic
from app.pagination import CursorQuery, LimitQuery
from app.routes.output import (
    EXPORT_RESPONSES,
    FieldsQuery,
    FormatQuery,
    export_format,
    parse_fields,
    partial_model,
    render_item,
    render_page,
    stream_export,
)
from app.routes.params import (
    MAX_ID,
    CuesQuery,
    DuplicatesQuery,
    EntitiesQuery,
    KindQuery,
    OutletQuery,
    SearchQ,
    SortQuery,
    SpeakerQuery,
    TimeWindow,
    TimeWindowDep,
    TopicsQuery,
    parse_q,
)
from app.services.quotes import QuoteFilters, get_quote, iter_quotes, list_quotes

QuoteFields = partial_model(QuotePublic)

router = APIRouter(prefix="/quotes", tags=["quotes"])

QuoteIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Quote id.", examples=[1])]
ArticleQuery = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Only quotes from this article (id).")
]


def answer_quotes(
    *,
    session: Session,
    request: Request,
    response: Response,
    filters: QuoteFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    fields: str | None,
    format_: str | None,
) -> Any:
    """A page of quotes (JSON), or all of them streamed as CSV or NDJSON."""
    chosen = parse_fields(fields, QuotePublic)
    export = export_format(request, format_)
    if export:
        quotes = iter_quotes(session=session, filters=filters, sort=sort)
        return stream_export(
            quotes, format_=export, model=QuotePublic, fields=chosen, name="quotes"
        )
    items, next_cursor = list_quotes(
        session=session, filters=filters, cursor=cursor, limit=limit, sort=sort
    )
    return render_page(items, next_cursor, request=request, response=response, fields=chosen)


@router.get(
    "",
    summary="List quotes",
    description="Quotes, newest article first, filtered by speaker, topic, article, outlet, "
    "kind, cue, entity and time. Filters combine with AND; a repeated parameter means any of "
    "its values.",
    responses=problem_responses(400, 422) | EXPORT_RESPONSES,
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
    q: SearchQ = None,
    duplicates: DuplicatesQuery = "skip",
    sort: SortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
) -> Page[QuotePublic] | Page[QuoteFields]:
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
        q=parse_q(q, sort),
        duplicates=duplicates,
    )
    return answer_quotes(
        session=session,
        request=request,
        response=response,
        filters=filters,
        sort=sort,
        limit=limit,
        cursor=cursor,
        fields=fields,
        format_=format,
    )


@router.get(
    "/{quote_id}",
    summary="Get one quote",
    responses=problem_responses(404, 422),
)
def read_quote(
    session: SessionDep, quote_id: QuoteIdPath, fields: FieldsQuery = None
) -> QuotePublic | QuoteFields:
    chosen = parse_fields(fields, QuotePublic)
    return render_item(get_quote(session=session, quote_id=quote_id), fields=chosen)
