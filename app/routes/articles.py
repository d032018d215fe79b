"""GET /articles and GET /articles/{id}."""
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from app.db import SessionDep
from app.errors import UnsupportedMediaType, problem_responses
from app.ingest.encoding import decode_bytes
from app.ingest.html import read_html
from app.ingest.readers import ReadProblem
from app.models import ArticleCreate, ArticleDetail, ArticlePublic, Page
from app.pagination import CursorQuery, LimitQuery
from app.routes.auth import ApiKeyDep
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
    PLAIN_TEXT,
    DuplicatesQuery,
    EntitiesQuery,
    OutletQuery,
    SearchQ,
    SortQuery,
    SpeakerQuery,
    TimeWindow,
    TimeWindowDep,
    TopicsQuery,
    parse_q,
)
from app.services.articles import (
    ArticleFilters,
    create_article,
    get_article_detail,
    iter_articles,
    list_articles,
    remove_article,
)

ArticleFields = partial_model(ArticlePublic)
ArticleDetailFields = partial_model(ArticleDetail)

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
    "quoted speaker, URL, entity, time and full text.",
    responses=problem_responses(400, 422) | EXPORT_RESPONSES,
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
    q: SearchQ = None,
    duplicates: DuplicatesQuery = "skip",
    sort: SortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
) -> Page[ArticlePublic] | Page[ArticleFields]:
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
        q=parse_q(q, sort),
        duplicates="keep" if url is not None else duplicates,  # a URL names one article
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
) -> ArticleDetail | ArticleDetailFields:
    chosen = parse_fields(fields, ArticleDetail)
    return render_item(get_article_detail(session=session, article_id=article_id), fields=chosen)


ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "description": "A JSON article record, or the article as text/plain (headline as first "
        "paragraph, paragraphs separated by blank lines) or as a text/html page.",
        "content": {
            "application/json": {
                "schema": ArticleCreate.model_json_schema(),
                "example": {
                    "title": "Blinken says US wants to 'revitalize' NATO",
                    "text": "Blinken says US wants to 'revitalize' NATO\n\nUS Secretary of State "
                    "Antony Blinken says the United States plans to \"revitalize\" NATO.",
                    "outlet": "Press TV",
                },
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}
PostUrlQuery = Annotated[
    str | None,
    Query(max_length=2000, pattern=PLAIN_TEXT,
          description="The article's URL, for a text/plain or text/html body (a JSON record "
          "carries its own)."),
]
PostOutletQuery = Annotated[
    str | None,
    Query(max_length=200, pattern=PLAIN_TEXT,
          description="The outlet's name, for a text/plain or text/html body.",
          examples=["EURACTIV"]),
]


def _invalid_body(message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("body",), "msg": message}])


def _read_record(body: bytes, content_type: str, url: str | None, outlet: str | None) -> Any:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            record = ArticleCreate.model_validate_json(body)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_context=False, include_input=False)
            raise RequestValidationError(
                [{**error, "loc": ("body", *error["loc"])} for error in errors]
            ) from None
        update = {"url": record.url or url or None, "outlet": record.outlet or outlet or None}
        return record.model_copy(update=update)
    if media_type == "text/html":
        read = read_html(body, url=url or None)
        if isinstance(read, ReadProblem):
            raise _invalid_body(read.message)
        return read.model_copy(update={"outlet": outlet or read.outlet or None})
    if media_type == "text/plain":
        try:
            text = decode_bytes(body)
        except ValueError:
            raise _invalid_body("The body is not text.") from None
        if not text.strip():
            raise _invalid_body("The body is empty.")
        return ArticleCreate(text=text, url=url or None, outlet=outlet or None)
    raise UnsupportedMediaType("Send application/json, text/plain or text/html.")


@router.post(
    "",
    summary="Add an article",
    description="Ingest one article: extract its quotes, speakers, topics and entities. "
    "Answers 201 with the stored article, or 200 when it was already there (same URL, or same "
    "text without URL). Needs `Authorization: Bearer <API_KEY>`.",
    status_code=201,
    dependencies=[ApiKeyDep],
    openapi_extra=ARTICLE_BODY,
    responses={200: {"description": "Already stored (or updated in place)."}}
    | problem_responses(401, 403, 409, 413, 415, 422),
)
async def create_article_route(
    session: SessionDep,
    request: Request,
    response: Response,
    url: PostUrlQuery = None,
    outlet: PostOutletQuery = None,
) -> ArticleDetail:
    body = await request.body()
    record = _read_record(body, request.headers.get("content-type", ""), url, outlet)
    article, created = await run_in_threadpool(create_article, session=session, record=record)
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/articles/{article.id}"
    return article


@router.delete(
    "/{article_id}",
    summary="Delete an article",
    description="Delete the article and everything derived from it; counts follow. "
    "Needs `Authorization: Bearer <API_KEY>`.",
    status_code=204,
    dependencies=[ApiKeyDep],
    responses=problem_responses(401, 403, 404, 422),
)
def delete_article_route(session: SessionDep, article_id: ArticleIdPath) -> None:
    remove_article(session=session, article_id=article_id)
