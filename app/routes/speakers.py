"""GET /speakers, /speakers/{id or slug}, /speakers/{id or slug}/quotes."""
from fastapi import APIRouter, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, QuotePublic
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.output import EXPORT_RESPONSES, FieldsQuery, FormatQuery
from app.routes.params import (
    KindQuery,
    SpeakerKeyPath,
    TimeSortQuery,
    TopicsQuery,
    UpdatedSinceDep,
)
from app.routes.quotes import QuoteFields, answer_quotes
from app.services.quotes import QuoteFilters
from app.services.speakers import (
    SpeakerDetail,
    SpeakerSummary,
    SpeakerTopic,
    describe_speaker,
    get_speaker_by_id_or_slug,
    list_speaker_topics,
    list_speakers,
)

router = APIRouter(prefix="/speakers", tags=["speakers"])


@router.get(
    "",
    summary="List speakers",
    description="Speakers, most quoted first; each person appears once however many outlets "
    "quote them. `GET /speakers/{id or slug}` adds their topics and outlets.",
    responses=problem_responses(422),
)
def read_speakers(
    session: SessionDep,
    request: Request,
    response: Response,
    updated_since: UpdatedSinceDep,
    topic: TopicsQuery = None,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[SpeakerSummary]:
    items, next_cursor = list_speakers(
        session=session, topics=tuple(topic or ()), cursor=cursor, limit=limit,
        updated_since=updated_since,
    )
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{key}",
    summary="Get one speaker",
    description="Role, aliases, quote count, and the topics and outlets the speaker is quoted on.",
    responses=problem_responses(404, 422),
)
def read_speaker(session: SessionDep, key: SpeakerKeyPath) -> SpeakerDetail:
    return describe_speaker(session=session, key=key)


@router.get(
    "/{key}/quotes",
    summary="List a speaker's quotes",
    responses=problem_responses(404, 422) | EXPORT_RESPONSES,
)
def read_speaker_quotes(
    session: SessionDep,
    request: Request,
    response: Response,
    key: SpeakerKeyPath,
    updated_since: UpdatedSinceDep,
    topic: TopicsQuery = None,
    kind: KindQuery = None,
    sort: TimeSortQuery = "-published_at",
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
) -> Page[QuotePublic] | Page[QuoteFields]:
    speaker = get_speaker_by_id_or_slug(session=session, key=key)
    filters = QuoteFilters(speaker=str(speaker.id), topics=tuple(topic or ()), kind=kind,
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
    "/{key}/topics",
    summary="List a speaker's topics",
    description="Topics the speaker was quoted on, with how many of their quotes each has.",
    responses=problem_responses(404, 422),
)
def read_speaker_topics(
    session: SessionDep,
    request: Request,
    response: Response,
    key: SpeakerKeyPath,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[SpeakerTopic]:
    speaker = get_speaker_by_id_or_slug(session=session, key=key)
    items, next_cursor = list_speaker_topics(
        session=session, speaker_id=speaker.id, cursor=cursor, limit=limit
    )
    return build_page(items, next_cursor, request=request, response=response)
