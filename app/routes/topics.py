"""GET /topics, /topics/{slug}, /topics/{slug}/quotes and /speakers; PUT /topics/{slug}."""
from fastapi import APIRouter, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, QuotePublic, TopicPublic, TopicUpdate
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.auth import ApiKeyDep
from app.routes.output import EXPORT_RESPONSES, FieldsQuery, FormatQuery
from app.routes.params import (
    KindQuery,
    NewTopicSlugPath,
    OutletQuery,
    SpeakerQuery,
    TimeSortQuery,
    TopicSlugPath,
    UpdatedSinceDep,
)
from app.routes.quotes import QuoteFields, answer_quotes
from app.services.quotes import QuoteFilters
from app.services.topics import (
    TopicSpeaker,
    get_topic_by_slug,
    list_topic_speakers,
    list_topics,
    put_topic,
)
from app.topics_file import load_topic_definitions

router = APIRouter(prefix="/topics", tags=["topics"])


@router.get(
    "",
    summary="List topics",
    description="Topics in slug order, with how many articles and quotes each has.",
    responses=problem_responses(422),
)
def read_topics(
    session: SessionDep,
    request: Request,
    response: Response,
    updated_since: UpdatedSinceDep,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[TopicPublic]:
    items, next_cursor = list_topics(session=session, cursor=cursor, limit=limit,
                                     updated_since=updated_since)
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{slug}",
    summary="Get one topic",
    description="The topic's definition (name, description, keywords) and its counts.",
    responses=problem_responses(404, 422),
)
def read_topic(session: SessionDep, slug: TopicSlugPath) -> TopicPublic:
    return TopicPublic.model_validate(get_topic_by_slug(session=session, slug=slug).model_dump())


@router.get(
    "/{slug}/quotes",
    summary="List a topic's quotes",
    description="Quotes about the topic from every outlet, newest article first.",
    responses=problem_responses(404, 422) | EXPORT_RESPONSES,
)
def read_topic_quotes(
    session: SessionDep,
    request: Request,
    response: Response,
    slug: TopicSlugPath,
    updated_since: UpdatedSinceDep,
    speaker: SpeakerQuery = None,
    outlet: OutletQuery = None,
    kind: KindQuery = None,
    sort: TimeSortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
) -> Page[QuotePublic] | Page[QuoteFields]:
    topic = get_topic_by_slug(session=session, slug=slug)
    filters = QuoteFilters(topics=(topic.slug,), speaker=speaker, outlet=outlet, kind=kind,
                           updated_since=updated_since)
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
    "/{slug}/speakers",
    summary="List a topic's speakers",
    description="Speakers quoted on the topic, with how many of their quotes are about it.",
    responses=problem_responses(404, 422),
)
def read_topic_speakers(
    session: SessionDep,
    request: Request,
    response: Response,
    slug: TopicSlugPath,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[TopicSpeaker]:
    topic = get_topic_by_slug(session=session, slug=slug)
    items, next_cursor = list_topic_speakers(
        session=session, topic_id=topic.id, cursor=cursor, limit=limit
    )
    return build_page(items, next_cursor, request=request, response=response)


@router.put(
    "/{slug}",
    summary="Create or edit a topic",
    description="Create the topic, or replace its name, description and keywords, then re-tag "
    "every stored article and quote with it (counts follow). The edit is kept when the topics "
    "file changes. Answers 201 when the topic is new, 200 when it was edited. "
    "Needs `Authorization: Bearer <API_KEY>`.",
    dependencies=[ApiKeyDep],
    responses={201: {"description": "The topic was created.", "model": TopicPublic}}
    | problem_responses(400, 401, 403, 413, 422),
)
def put_topic_route(session: SessionDep, response: Response, slug: NewTopicSlugPath,
                    update: TopicUpdate) -> TopicPublic:
    topic, created = put_topic(session=session, slug=slug, update=update,
                               file_definitions=load_topic_definitions())
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/topics/{topic.slug}"
    return TopicPublic.model_validate(topic.model_dump())
