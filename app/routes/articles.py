"""GET /articles and GET /articles/{id}."""
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import StringConstraints
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import (
    ArticleDetail,
    ArticleFacet,
    ArticlePublic,
    Facets,
    Timeline,
)
from app.routes.article_body import ARTICLE_BODY, PostOutletQuery, PostUrlQuery, read_record
from app.routes.auth import ApiKeyDep
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
    MAX_VALUES,
    PLAIN_TEXT,
    DuplicatesQuery,
    EntitiesQuery,
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
from app.routes.quotes import FacetLimitQuery, IntervalQuery
from app.services.aggregates import article_facets, article_timeline
from app.services.articles import (
    ArticleFilters,
    article_listing,
    get_article_detail,
    remove_article,
)
from app.services.articles import (
    create_article as store_article,
)

ArticleFields = partial_model(ArticlePublic)
ArticleDetailFields = partial_model(ArticleDetail)




router = APIRouter(prefix="/articles", tags=["articles"], route_class=CompiledQueryRoute)

ArticleIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Article id.", examples=[1])]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=PLAIN_TEXT)]
UrlsQuery = Annotated[
    list[Url] | None,
    Query(
        max_length=MAX_VALUES,
        description="Only the articles with exactly these URLs (duplicates included); repeat "
        "for several.",
        examples=[["https://www.example.org/news/blinken-nato"]],
    ),
]
ArticleFacetQuery = Annotated[ArticleFacet, Query(description=ArticleFacet.__doc__ or "",
                                                  examples=["outlet"])]


async def article_filters(  # async: no thread-pool hop for pure parsing
    outlet: OutletsQuery = None,
    topic: TopicsQuery = None,
    speaker: SpeakersQuery = None,
    url: UrlsQuery = None,
    entity: EntitiesQuery = None,
    window: TimeWindowDep = TimeWindow(),
    q: SearchQ = None,
    duplicates: DuplicatesQuery = "skip",  # type: ignore[assignment]
) -> ArticleFilters:
    """Every filter of an article list; values of one filter are any-of, filters AND."""
    return ArticleFilters(
        outlets=tuple(outlet or ()), topics=tuple(topic or ()), speakers=tuple(speaker or ()),
        urls=tuple(url or ()), entities=tuple(entity or ()), since=window.since,
        until=window.until, updated_since=window.updated_since, q=parse_q(q),
        duplicates="keep" if url else duplicates,  # a URL names one article
    )


ArticleFiltersDep = Annotated[ArticleFilters, Depends(article_filters)]


def answer_articles(*, session: Session, request: Request, params: ListParams,
                    filters: ArticleFilters, sort: str) -> Response:
    check_sort(filters.q, sort)
    return answer_list(session=session, request=request, params=params, model=ArticlePublic,
                       name="articles",
                       listing=lambda _: article_listing(session=session, filters=filters,
                                                         sort=sort))


@router.get(
    "",
    operation_id="listArticles",
    summary="List articles",
    description="Articles, newest first, without their body; filter by outlet, topic, "
    "quoted speaker, URL, entity, time and full text. Filters combine with AND; a repeated "
    "parameter means any of its values.",
    response_model=page_of(ArticlePublic, "Article"),
    responses=problem_responses(400, 404) | EXPORT_RESPONSES,
)
async def list_articles(
    session: SessionDep, request: Request, params: ListDep, filters: ArticleFiltersDep,
    sort: SortQuery = "-published_at",  # type: ignore[assignment]
) -> Response:
    return await run_db(answer_articles, session=session, request=request, params=params,
                        filters=filters, sort=sort,
                        bounded=is_page(request, params) and filters.q is None)


@router.get(
    "/facets",
    operation_id="countArticlesBy",
    summary="Count articles by outlet, topic, speaker or entity",
    description="The articles `GET /articles` lists with the same filters, counted by one "
    "dimension, largest first. Each count equals the length of that list with the value added "
    "as a filter; a null outlet or topic counts the articles without one.",
    response_model=Facets,
    responses=problem_responses(400, 404),
)
async def count_articles_by(
    session: SessionDep, filters: ArticleFiltersDep, by: ArticleFacetQuery,
    limit: FacetLimitQuery = 20,
) -> Response:
    items = await run_db(article_facets, session=session, filters=filters, by=by, limit=limit)
    return json_response({"items": items})


@router.get(
    "/timeline",
    operation_id="countArticlesOverTime",
    summary="Count articles per day, week, month or year",
    description="The articles `GET /articles` lists with the same filters, counted per period "
    "of publication (UTC), oldest first; periods without articles are left out.",
    response_model=Timeline,
    responses=problem_responses(400, 404),
)
async def count_articles_over_time(
    session: SessionDep, filters: ArticleFiltersDep,
    interval: IntervalQuery = "week",  # type: ignore[assignment]
) -> Response:
    items = await run_db(article_timeline, session=session, filters=filters, interval=interval)
    return json_response({"items": items})


@router.get(
    "/{article_id}",
    operation_id="getArticle",
    summary="Get one article",
    description="The article with its cleaned body, its paragraphs (the first is the headline), "
    "every quote in reading order, its topics and the entities it mentions. "
    "Quote `start`/`end` are offsets into `body`.",
    response_model=ArticleDetail | ArticleDetailFields,
    responses=problem_responses(404),
)
async def get_article(
    session: SessionDep, article_id: ArticleIdPath, fields: FieldsQuery = None
) -> Response:
    item = await run_db(get_article_detail, session=session, article_id=article_id,
                        bounded=True)
    return answer_item(item, fields=fields, model=ArticleDetail)


@router.post(
    "",
    operation_id="createArticle",
    summary="Add an article",
    description="Ingest one article: extract its quotes, speakers, topics and entities. "
    "Answers 201 with the stored article, or 200 when it was already there (same URL, or same "
    "text without URL). Needs `Authorization: Bearer <API_KEY>`.",
    status_code=201,
    dependencies=[ApiKeyDep],
    openapi_extra=ARTICLE_BODY,
    response_model=ArticleDetail,
    responses={200: {"description": "Already stored (or updated in place).",
                     "model": ArticleDetail}}
    | problem_responses(401, 403, 409, 413, 415),
)
async def create_article(
    session: SessionDep,
    request: Request,
    url: PostUrlQuery = None,
    outlet: PostOutletQuery = None,
) -> Response:
    body = await request.body()
    record = read_record(body, request.headers.get("content-type", ""), url, outlet)
    article, created = await run_db(store_article, session=session, record=record)
    return json_response(article, status_code=201 if created else 200,
                         headers={"Location": f"/articles/{article['id']}"})


@router.delete(
    "/{article_id}",
    operation_id="deleteArticle",
    summary="Delete an article",
    description="Delete the article and everything derived from it; counts follow. "
    "Needs `Authorization: Bearer <API_KEY>`.",
    status_code=204,
    dependencies=[ApiKeyDep],
    responses=problem_responses(401, 403, 404),
)
async def delete_article(session: SessionDep, article_id: ArticleIdPath) -> None:
    await run_db(remove_article, session=session, article_id=article_id)
