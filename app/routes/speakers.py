"""GET /speakers, /speakers/{key}, /speakers/{key}/quotes, /speakers/{key}/topics."""
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import SpeakerSort, SpeakerSummary
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
from app.routes.params import (
    PLAIN_TEXT,
    SortQuery,
    SpeakerKeyPath,
    TopicsQuery,
    UpdatedSinceDep,
)
from app.routes.quotes import (
    QUOTE_PAGE,
    IncludeQuery,
    QuoteFiltersDep,
    answer_quotes,
)
from app.services.lookup import Found
from app.services.quotes import QuoteFilters
from app.services.speakers import (
    SpeakerDetail,
    SpeakerMoved,
    SpeakerTopic,
    describe_speaker,
    get_speaker,
    speaker_listing,
    speaker_topic_listing,
)

router = APIRouter(prefix="/speakers", tags=["speakers"], route_class=CompiledQueryRoute)
MOVED = {301: {"description": "The key is the slug of a speaker since merged into another (or "
               "renamed): `Location` names the speaker that holds the quotes now."}}


def moved_to(request: Request, key: str, moved: SpeakerMoved) -> Response:
    """301 to the same path and query with the speaker's current slug in place of `key`."""
    prefix = f"{router.prefix}/{key}"
    path = request.url.path
    location = f"{router.prefix}/{moved.slug}{path[len(prefix):]}" if path.startswith(prefix) \
        else path
    if request.url.query:
        location += f"?{request.url.query}"
    return Response(status_code=301, headers={"Location": location})



NameQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=200, pattern=PLAIN_TEXT,
          description="Only speakers with every word of this in their name or an alias, any "
          "case (`blinken`, `tony blinken`); sorted by `relevance` unless `sort` says "
          "otherwise.", examples=["blinken"]),
]
SpeakerSortQuery = Annotated[
    SpeakerSort | None,
    Query(description=f"{SpeakerSort.__doc__} Default: `relevance` with `q`, else "
          "`-quote_count`.", examples=["-quote_count"]),
]


def answer_speakers(*, session: Session, request: Request, params: ListParams,
                    topics: tuple[str, ...], q: str | None, sort: str,
                    updated_since: object) -> Response:
    return answer_list(session=session, request=request, params=params, model=SpeakerSummary,
                       name="speakers",
                       listing=lambda _: speaker_listing(session=session, topics=topics, q=q,
                                                         sort=sort,
                                                         updated_since=updated_since))


@router.get(
    "",
    operation_id="listSpeakers",
    summary="List speakers",
    description="Speakers, most quoted first; each person appears once however many outlets "
    "quote them. `q` finds them by name or alias. `GET /speakers/{key}` adds their topics, "
    "outlets and framing.",
    response_model=page_of(SpeakerSummary, "Speaker"),
    responses=problem_responses(400, 404) | EXPORT_RESPONSES,
)
async def list_speakers(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
    topic: TopicsQuery = None, q: NameQuery = None, sort: SpeakerSortQuery = None,
) -> Response:
    if sort is SpeakerSort.RELEVANCE and q is None:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "sort"),
                                       "msg": "sort=relevance needs a name query `q`."}])
    chosen = sort or (SpeakerSort.RELEVANCE if q is not None else SpeakerSort.MOST_QUOTED)
    return await run_db(answer_speakers, session=session, request=request, params=params,
                        topics=tuple(topic or ()), q=q, sort=chosen,
                        updated_since=updated_since, bounded=is_page(request, params))


@router.get(
    "/{key}",
    operation_id="getSpeaker",
    summary="Get one speaker",
    description="Role, aliases, quote count, the topics and outlets the speaker is quoted on, "
    "and how each outlet attributes them.",
    response_model=SpeakerDetail,
    responses=problem_responses(404) | MOVED,
)
async def get_one_speaker(session: SessionDep, request: Request, key: SpeakerKeyPath
                          ) -> Response:
    try:
        return json_response(await run_db(describe_speaker, session=session, key=key))
    except SpeakerMoved as moved:
        return moved_to(request, key, moved)


def _speaker_quotes(*, session: Session, key: str, filters: QuoteFilters, **answer: Any
                    ) -> Response:
    speaker = get_speaker(session=session, key=key)
    narrowed = replace(filters, of_speaker=Found(speaker.id, speaker.quote_count))
    return answer_quotes(session=session, filters=narrowed, **answer)


@router.get(
    "/{key}/quotes",
    operation_id="listSpeakerQuotes",
    summary="List a speaker's quotes",
    description="The speaker's quotes, newest first; takes every filter of `GET /quotes`.",
    response_model=QUOTE_PAGE,
    responses=problem_responses(400, 404) | EXPORT_RESPONSES | MOVED,
)
async def list_speaker_quotes(
    session: SessionDep, request: Request, key: SpeakerKeyPath, params: ListDep,
    filters: QuoteFiltersDep, sort: SortQuery = "-published_at",  # type: ignore[assignment]
    include: IncludeQuery = None,
) -> Response:
    try:
        return await run_db(_speaker_quotes, session=session, key=key, filters=filters,
                            request=request, params=params, sort=sort, include=include,
                            bounded=is_page(request, params) and filters.q is None)
    except SpeakerMoved as moved:
        return moved_to(request, key, moved)


def _speaker_topics(*, session: Session, request: Request, params: ListParams, key: str,
                    updated_since: object) -> Response:
    speaker = get_speaker(session=session, key=key)
    return answer_list(session=session, request=request, params=params, model=SpeakerTopic,
                       name="speaker-topics",
                       listing=lambda _: speaker_topic_listing(
                           session=session, speaker_id=speaker.id or 0,
                           updated_since=updated_since))  # type: ignore[arg-type]


@router.get(
    "/{key}/topics",
    operation_id="listSpeakerTopics",
    summary="List a speaker's topics",
    description="Topics the speaker was quoted on, with how many of their quotes each has.",
    response_model=page_of(SpeakerTopic, "SpeakerTopic"),
    responses=problem_responses(400, 404) | EXPORT_RESPONSES | MOVED,
)
async def list_speaker_topics(
    session: SessionDep, request: Request, key: SpeakerKeyPath, params: ListDep,
    updated_since: UpdatedSinceDep,
) -> Response:
    try:
        return await run_db(_speaker_topics, session=session, request=request, params=params,
                            key=key, updated_since=updated_since)
    except SpeakerMoved as moved:
        return moved_to(request, key, moved)
