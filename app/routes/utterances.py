"""GET /utterances, /utterances/{id}: one statement, every outlet that carried it."""
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, UtteranceDetail, UtterancePublic
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import (
    MAX_ID,
    PLAIN_TEXT,
    OutletQuery,
    SpeakerQuery,
    UpdatedSinceDep,
)
from app.services.utterances import describe_utterance, list_utterances

router = APIRouter(prefix="/utterances", tags=["utterances"])

MinOutletsQuery = Annotated[int, Query(ge=1, le=1000, description=(
    "Only utterances carried by at least this many outlets."), examples=[2])]
TopicQuery = Annotated[str | None, Query(max_length=100, pattern=PLAIN_TEXT, description=(
    "Only utterances with a rendering about this topic (slug)."), examples=["turkey"])]


@router.get(
    "",
    summary="List utterances",
    description="Statements grouped across articles and outlets (identical words, spelling "
    "variants, partial quotes of a longer one, different splits), carried by the most outlets "
    "first. A speaker's utterances never mix with another speaker's.",
    responses=problem_responses(422),
)
def read_utterances(
    session: SessionDep, request: Request, response: Response, updated_since: UpdatedSinceDep,
    speaker: SpeakerQuery = None, topic: TopicQuery = None, outlet: OutletQuery = None,
    min_outlets: MinOutletsQuery = 1, limit: LimitQuery = 20, cursor: CursorQuery = None,
) -> Page[UtterancePublic]:
    items, next_cursor = list_utterances(session=session, speaker=speaker, topic=topic,
                                         outlet=outlet, min_outlets=min_outlets, cursor=cursor,
                                         limit=limit, updated_since=updated_since)
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{utterance_id}",
    summary="Get one utterance and every rendering of it",
    description="The fullest text, the speaker, when it was first reported, and each rendering: "
    "its article, outlet, exact words, cue verb, kind, and how it differs from the fullest text.",
    responses=problem_responses(404, 422),
)
def read_utterance(
    session: SessionDep,
    utterance_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Utterance id.")],
) -> UtteranceDetail:
    return describe_utterance(session=session, utterance_id=utterance_id)
