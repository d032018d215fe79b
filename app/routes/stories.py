"""GET /stories, /stories/{id}: the articles that cover one event, outlet by outlet."""
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import StoryDetail, StoryPublic
from app.routes.output import (
    EXPORT_RESPONSES,
    ListDep,
    ListParams,
    answer_list,
    is_page,
    json_response,
    page_of,
)
from app.routes.params import MAX_ID, UpdatedSinceDep
from app.services.stories import describe_story, story_listing

router = APIRouter(prefix="/stories", tags=["stories"])



def answer_stories(*, session: Session, request: Request, params: ListParams,
                   min_articles: int, min_outlets: int,
                   updated_since: datetime | None) -> Response:
    return answer_list(session=session, request=request, params=params, model=StoryPublic,
                       name="stories",
                       listing=lambda _: story_listing(min_articles=min_articles,
                                                       min_outlets=min_outlets,
                                                       updated_since=updated_since))


@router.get(
    "",
    operation_id="listStories",
    summary="List stories",
    description="Groups of articles covering the same event, covered by the most outlets "
    "first. Two articles are linked when they share a statement (an utterance), or quote a "
    "speaker in common with much the same vocabulary and names, published within three days "
    "of each other; a story is a group of articles linked in more than half of their pairs. Every "
    "article is in one story: stories of a single article are listed with `min_articles=1`.",
    response_model=page_of(StoryPublic, "Story"),
    responses=problem_responses(400) | EXPORT_RESPONSES,
)
async def list_stories(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
    min_articles: Annotated[int, Query(ge=1, le=1000, description=(
        "Only stories of at least this many articles (duplicates not counted); 1 lists every "
        "story, single articles included."), examples=[2])] = 2,
    min_outlets: Annotated[int, Query(ge=1, le=1000, description=(
        "Only stories covered by at least this many outlets."), examples=[2])] = 1,
) -> Response:
    return await run_db(answer_stories, session=session, request=request, params=params,
                        min_articles=min_articles, min_outlets=min_outlets,
                        updated_since=updated_since,
                        bounded=is_page(request, params))


@router.get(
    "/{story_id}",
    operation_id="getStory",
    summary="Get one story",
    description="Its articles, outlets, speakers, topics and utterances; `coverage` shows, per "
    "outlet, which shared utterances it carried and which it left out.",
    response_model=StoryDetail,
    responses=problem_responses(404),
)
async def get_story(
    session: SessionDep,
    story_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Story id.", examples=[1])],
) -> Response:
    return json_response(await run_db(describe_story, session=session, story_id=story_id))
