"""GET /topics, /topics/{key}, /topics/{key}/quotes and /speakers; PUT /topics/{slug}."""
from dataclasses import replace
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import TopicPublic, TopicUpdate
from app.routes.auth import ApiKeyDep
from app.routes.compiled_route import CompiledQueryRoute
from app.routes.output import (
    EXPORT_RESPONSES,
    ListDep,
    ListParams,
    answer_list,
    is_page,
    json_response,
    page_of,
)
from app.routes.params import NewTopicSlugPath, SortQuery, TopicKeyPath, UpdatedSinceDep
from app.routes.quotes import (
    QUOTE_PAGE,
    IncludeQuery,
    QuoteFiltersDep,
    answer_quotes,
)
from app.services.lookup import Found
from app.services.quotes import QuoteFilters
from app.services.topics import (
    TopicSpeaker,
    get_topic,
    put_topic,
    topic_item,
    topic_listing,
    topic_speaker_listing,
)
from app.topics_file import load_topic_definitions

router = APIRouter(prefix="/topics", tags=["topics"], route_class=CompiledQueryRoute)




def answer_topics(*, session: Session, request: Request, params: ListParams,
                  updated_since: datetime | None) -> Response:
    return answer_list(session=session, request=request, params=params, model=TopicPublic,
                       name="topics",
                       listing=lambda _: topic_listing(updated_since=updated_since))


@router.get(
    "",
    operation_id="listTopics",
    summary="List topics",
    description="Topics in slug order, with how many articles and quotes each has.",
    response_model=page_of(TopicPublic, "Topic"),
    responses=problem_responses(400) | EXPORT_RESPONSES,
)
async def list_topics(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
) -> Response:
    return await run_db(answer_topics, session=session, request=request, params=params,
                        updated_since=updated_since, bounded=is_page(request, params))


@router.get(
    "/{key}",
    operation_id="getTopic",
    summary="Get one topic",
    description="The topic's definition (name, description, keywords) and its counts.",
    response_model=TopicPublic,
    responses=problem_responses(404),
)
async def get_one_topic(session: SessionDep, key: TopicKeyPath) -> Response:
    topic = await run_db(get_topic, session=session, key=key, bounded=True)
    return json_response(topic_item(topic))


def _topic_quotes(*, session: Session, key: str, filters: QuoteFilters, **answer: Any
                  ) -> Response:
    topic = get_topic(session=session, key=key)
    narrowed = replace(filters, of_topic=Found(topic.id, topic.quote_count))
    return answer_quotes(session=session, filters=narrowed, **answer)


@router.get(
    "/{key}/quotes",
    operation_id="listTopicQuotes",
    summary="List a topic's quotes",
    description="Quotes about the topic from every outlet, newest article first; takes every "
    "filter of `GET /quotes`.",
    response_model=QUOTE_PAGE,
    responses=problem_responses(400, 404) | EXPORT_RESPONSES,
)
async def list_topic_quotes(
    session: SessionDep, request: Request, key: TopicKeyPath, params: ListDep,
    filters: QuoteFiltersDep, sort: SortQuery = "-published_at",  # type: ignore[assignment]
    include: IncludeQuery = None,
) -> Response:
    return await run_db(_topic_quotes, session=session, key=key, filters=filters,
                        request=request, params=params, sort=sort, include=include,
                        bounded=is_page(request, params) and filters.q is None)


def _topic_speakers(*, session: Session, request: Request, params: ListParams, key: str,
                    updated_since: datetime | None) -> Response:
    topic = get_topic(session=session, key=key)
    return answer_list(session=session, request=request, params=params, model=TopicSpeaker,
                       name="topic-speakers",
                       listing=lambda _: topic_speaker_listing(topic_id=topic.id or 0,
                                                               updated_since=updated_since))


@router.get(
    "/{key}/speakers",
    operation_id="listTopicSpeakers",
    summary="List a topic's speakers",
    description="Speakers quoted on the topic, with how many of their quotes are about it.",
    response_model=page_of(TopicSpeaker, "TopicSpeaker"),
    responses=problem_responses(400, 404) | EXPORT_RESPONSES,
)
async def list_topic_speakers(
    session: SessionDep, request: Request, key: TopicKeyPath, params: ListDep,
    updated_since: UpdatedSinceDep,
) -> Response:
    return await run_db(_topic_speakers, session=session, request=request, params=params,
                        key=key, updated_since=updated_since)


@router.put(
    "/{slug}",
    operation_id="putTopic",
    summary="Create or edit a topic",
    description="Create the topic, or replace its name, description and keywords, then re-tag "
    "every stored article and quote with it (counts follow). The edit is kept when the topics "
    "file changes. Answers 201 when the topic is new, 200 when it was edited. "
    "Needs `Authorization: Bearer <API_KEY>`.",
    dependencies=[ApiKeyDep],
    response_model=TopicPublic,
    responses={201: {"description": "The topic was created.", "model": TopicPublic}}
    | problem_responses(400, 401, 403, 413),
)
async def put_one_topic(session: SessionDep, slug: NewTopicSlugPath,
                        update: TopicUpdate) -> Response:
    topic, created = await run_db(put_topic, session=session, slug=slug, update=update,
                                  file_definitions=load_topic_definitions())
    return json_response(topic_item(topic), status_code=201 if created else 200,
                         headers={"Location": f"/topics/{topic.slug}"})
