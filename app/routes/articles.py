"""GET /articles and GET /articles/{id}."""
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import ArticleDetail, ArticlePublic, Page
from app.pagination import CursorQuery, LimitQuery
from app.routes.output import (
    EXPORT_RESPONSES,
    FieldsQuery,
    FormatQuery,
    export_format,
    parse_fields,
    render_item,
    render_page,
    stream_export,
)
from app.routes.params import (
    MAX_ID,
    PLAIN_TEXT,
    EntitiesQuery,
    OutletQuery,
    SortQuery,
    SpeakerQuery,
    TimeWindow,
    TimeWindowDep,
    TopicsQuery,
)
from app.services.articles import (
    ArticleFilters,
    get_article_detail,
    iter_articles,
    list_articles,
)

router = APIRouter(prefix="/articles", tags=["articles"])

ArticleIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Article id.", examples=[1])]
UrlQuery = Annotated[
    str | None,
    Query(
        max_length=2000,
        pattern=PLAIN_TEXT,
        description="Only the article with exactly this URL.",
        examples=["https://www.euractiv.com/section/defence-and-security/news/example/"],
    ),
]


@router.get(
    "",
    summary="List articles",
    description="Articles, newest first, without their body; filter by outlet, topic, "
    "quoted speaker, URL, entity and time.",
    responses=problem_responses(422) | EXPORT_RESPONSES,
)
def read_articles(
    session: SessionDep,
    request: Request,
    response: Response,
    outlet: OutletQuery = None,
    topic: TopicsQuery = None,
    speaker: SpeakerQuery = None,
    url: UrlQuery = None,
    entity: EntitiesQuery = None,
    window: TimeWindowDep = TimeWindow(),
    sort: SortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
) -> Page[ArticlePublic]:
    chosen = parse_fields(fields, ArticlePublic)
    filters = ArticleFilters(
        outlet=outlet,
        topics=tuple(topic or ()),
        speaker=speaker,
        url=url,
        entities=tuple(entity or ()),
        since=window.since,
        until=window.until,
        updated_since=window.updated_since,
    )
    export = export_format(request, format)
    if export:
        articles = iter_articles(session=session, filters=filters, sort=sort)
        return stream_export(
            articles, format_=export, model=ArticlePublic, fields=chosen, name="articles"
        )
    items, next_cursor = list_articles(
        session=session, filters=filters, cursor=cursor, limit=limit, sort=sort
    )
    return render_page(items, next_cursor, request=request, response=response, fields=chosen)


@router.get(
    "/{article_id}",
    summary="Get one article",
    description="The article with its cleaned body, its paragraphs (the first is the headline), "
    "every quote in reading order, its topics and the entities it mentions. "
    "Quote `start`/`end` are offsets into `body`.",
    responses=problem_responses(404, 422),
)
def read_article(
    session: SessionDep, article_id: ArticleIdPath, fields: FieldsQuery = None
) -> ArticleDetail:
    chosen = parse_fields(fields, ArticleDetail)
    return render_item(get_article_detail(session=session, article_id=article_id), fields=chosen)
