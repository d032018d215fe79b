"""GET /quotes, /quotes/facets, /quotes/timeline and /quotes/{id}."""
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import (
    Facets,
    Interval,
    QuoteFacet,
    QuoteInclude,
    QuotePublic,
    QuoteRow,
    Timeline,
)
from app.routes.compiled_route import CompiledQueryRoute
from app.routes.output import (
    EXPORT_RESPONSES,
    FieldsQuery,
    ListDep,
    ListParams,
    answer_item,
    answer_list,
    is_page,
    json_response,
    page_of,
    partial_model,
)
from app.routes.params import (
    MAX_ID,
    ArticlesQuery,
    CuesQuery,
    DuplicatesQuery,
    EntitiesQuery,
    KindsQuery,
    OutletsQuery,
    SearchQ,
    SortQuery,
    SpeakersQuery,
    TimeWindow,
    TimeWindowDep,
    TopicsQuery,
    check_sort,
    parse_q,
)
from app.services.aggregates import MAX_FACETS, quote_facets, quote_timeline
from app.services.quotes import QuoteFilters, get_quote, quote_listing

QuoteFields = partial_model(QuotePublic)
QUOTE_PAGE = page_of(QuotePublic, "Quote")




router = APIRouter(prefix="/quotes", tags=["quotes"], route_class=CompiledQueryRoute)

QuoteIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Quote id.", examples=[1])]
IncludeQuery = Annotated[
    list[QuoteInclude] | None,
    Query(max_length=1, description=QuoteInclude.__doc__ or "", examples=[["article"]]),
]
FacetLimitQuery = Annotated[
    int, Query(ge=1, le=MAX_FACETS, description=f"How many values to count, the largest first "
               f"(1 to {MAX_FACETS}).", examples=[20])]
IntervalQuery = Annotated[Interval, Query(description=Interval.__doc__ or "", examples=["week"])]


async def quote_filters(  # async: no thread-pool hop for pure parsing
    speaker: SpeakersQuery = None,
    topic: TopicsQuery = None,
    article: ArticlesQuery = None,
    outlet: OutletsQuery = None,
    kind: KindsQuery = None,
    cue: CuesQuery = None,
    entity: EntitiesQuery = None,
    window: TimeWindowDep = TimeWindow(),
    q: SearchQ = None,
    duplicates: DuplicatesQuery = "skip",  # type: ignore[assignment]
) -> QuoteFilters:
    """Every filter of a quote list; values of one filter are any-of, filters combine with AND."""
    return QuoteFilters(
        speakers=tuple(speaker or ()), topics=tuple(topic or ()), articles=tuple(article or ()),
        outlets=tuple(outlet or ()), kinds=tuple(kind or ()), cues=tuple(cue or ()),
        entities=tuple(entity or ()), since=window.since, until=window.until,
        updated_since=window.updated_since, q=parse_q(q),
        duplicates=duplicates,
    )


QuoteFiltersDep = Annotated[QuoteFilters, Depends(quote_filters)]
LIST_RESPONSES = problem_responses(400, 404) | EXPORT_RESPONSES


def answer_quotes(*, session: Session, request: Request, params: ListParams,
                  filters: QuoteFilters, sort: str, include: list[QuoteInclude] | None
                  ) -> Response:
    """A page of quotes (JSON), or all of them streamed as CSV or NDJSON."""
    check_sort(filters.q, sort)
    return answer_list(
        session=session, request=request, params=params, model=QuotePublic,
        export_model=QuoteRow, name="quotes",
        listing=lambda export: quote_listing(session=session, filters=filters, sort=sort,
                                             include_article=bool(include), export=export))


@router.get(
    "",
    operation_id="listQuotes",
    summary="List quotes",
    description="Quotes, newest article first, filtered by speaker, topic, article, outlet, "
    "kind, cue, entity, time and full text. Filters combine with AND; a repeated parameter "
    "means any of its values.",
    response_model=QUOTE_PAGE,
    responses=LIST_RESPONSES,
)
async def list_quotes(
    session: SessionDep, request: Request, params: ListDep, filters: QuoteFiltersDep,
    sort: SortQuery = "-published_at",  # type: ignore[assignment]
    include: IncludeQuery = None,
) -> Response:
    return await run_db(answer_quotes, session=session, request=request, params=params,
                        filters=filters, sort=sort, include=include,
                        bounded=is_page(request, params) and filters.q is None)


@router.get(
    "/facets",
    operation_id="countQuotesBy",
    summary="Count quotes by speaker, topic, outlet, kind or cue",
    description="The quotes `GET /quotes` lists with the same filters, counted by one "
    "dimension, largest first. Each count equals the length of that list with the value added "
    "as a filter; a null value counts the quotes without one (no speaker found, no topic...).",
    response_model=Facets,
    responses=problem_responses(400, 404),
)
async def count_quotes_by(
    session: SessionDep, filters: QuoteFiltersDep,
    by: Annotated[QuoteFacet, Query(description=QuoteFacet.__doc__ or "",
                                    examples=["speaker"])],
    limit: FacetLimitQuery = 20,
) -> Response:
    items = await run_db(quote_facets, session=session, filters=filters, by=by, limit=limit)
    return json_response({"items": items})


@router.get(
    "/timeline",
    operation_id="countQuotesOverTime",
    summary="Count quotes per day, week, month or year",
    description="The quotes `GET /quotes` lists with the same filters, counted per period of "
    "publication (UTC), oldest first; periods without quotes are left out.",
    response_model=Timeline,
    responses=problem_responses(400, 404),
)
async def count_quotes_over_time(
    session: SessionDep, filters: QuoteFiltersDep, interval: IntervalQuery = "week",  # type: ignore[assignment]
) -> Response:
    items = await run_db(quote_timeline, session=session, filters=filters, interval=interval)
    return json_response({"items": items})


@router.get(
    "/{quote_id}",
    operation_id="getQuote",
    summary="Get one quote",
    response_model=QuotePublic | QuoteFields,
    responses=problem_responses(404),
)
async def get_one_quote(
    session: SessionDep, quote_id: QuoteIdPath, fields: FieldsQuery = None,
    include: IncludeQuery = None,
) -> Response:
    item = await run_db(get_quote, session=session, quote_id=quote_id,
                        include_article=bool(include), bounded=True)
    return answer_item(item, fields=fields, model=QuotePublic)
