"""GET /utterances, /utterances/{id}: one statement, every outlet that carried it."""
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import UtteranceDetail, UtterancePublic
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
    MAX_ID,
    OutletsQuery,
    SpeakersQuery,
    TopicsQuery,
    UpdatedSinceDep,
)
from app.services.utterances import describe_utterance, utterance_listing

router = APIRouter(prefix="/utterances", tags=["utterances"])



MinOutletsQuery = Annotated[int, Query(ge=1, le=1000, description=(
    "Only utterances carried by at least this many outlets."), examples=[2])]


def answer_utterances(*, session: Session, request: Request, params: ListParams,
                      speakers: Sequence[str], topics: Sequence[str], outlets: Sequence[str],
                      min_outlets: int, updated_since: datetime | None) -> Response:
    return answer_list(session=session, request=request, params=params, model=UtterancePublic,
                       name="utterances",
                       listing=lambda _: utterance_listing(
                           session=session, speakers=speakers, topics=topics, outlets=outlets,
                           min_outlets=min_outlets, updated_since=updated_since))


@router.get(
    "",
    operation_id="listUtterances",
    summary="List utterances",
    description="Statements grouped across articles and outlets (identical words, spelling "
    "variants, partial quotes of a longer one, different splits), carried by the most outlets "
    "first. A speaker's utterances never mix with another speaker's.",
    response_model=page_of(UtterancePublic, "Utterance"),
    responses=problem_responses(400, 404) | EXPORT_RESPONSES,
)
async def list_utterances(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
    speaker: SpeakersQuery = None, topic: TopicsQuery = None, outlet: OutletsQuery = None,
    min_outlets: MinOutletsQuery = 1,
) -> Response:
    return await run_db(answer_utterances, session=session, request=request, params=params,
                        speakers=tuple(speaker or ()), topics=tuple(topic or ()),
                        outlets=tuple(outlet or ()), min_outlets=min_outlets,
                        updated_since=updated_since, bounded=is_page(request, params))


@router.get(
    "/{utterance_id}",
    operation_id="getUtterance",
    summary="Get one utterance and every rendering of it",
    description="The fullest text, the speaker, when it was first published, and each "
    "rendering: its article, outlet, exact words, cue verb, kind, and how it differs from the "
    "fullest text.",
    response_model=UtteranceDetail,
    responses=problem_responses(404),
)
async def get_utterance(
    session: SessionDep,
    utterance_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Utterance id.",
                                      examples=[7])],
) -> Response:
    return json_response(await run_db(describe_utterance, session=session,
                                      utterance_id=utterance_id))
