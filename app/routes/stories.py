"""GET /stories, /stories/{id}: the articles that cover one event, outlet by outlet."""
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import Page, StoryDetail, StoryPublic
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import (
    MAX_ID,
    UpdatedSinceDep,
)
from app.services.stories import describe_story, list_stories

router = APIRouter(prefix="/stories", tags=["stories"])


@router.get(
    "",
    summary="List stories",
    description="Groups of articles covering the same event (shared speakers and utterances, "
    "close dates, similar vocabulary), covered by the most outlets first.",
    responses=problem_responses(422),
)
def read_stories(
    session: SessionDep, request: Request, response: Response, updated_since: UpdatedSinceDep,
    min_outlets: Annotated[int, Query(ge=1, le=1000, description=(
        "Only stories covered by at least this many outlets."))] = 1,
    limit: LimitQuery = 20, cursor: CursorQuery = None,
) -> Page[StoryPublic]:
    items, next_cursor = list_stories(session=session, min_outlets=min_outlets, cursor=cursor,
                                      limit=limit, updated_since=updated_since)
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{story_id}",
    summary="Get one story",
    description="Its articles, outlets, speakers, topics and utterances; `coverage` shows, per "
    "outlet, which shared utterances it carried and which it left out.",
    responses=problem_responses(404, 422),
)
def read_story(
    session: SessionDep,
    story_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Story id.")],
) -> StoryDetail:
    return describe_story(session=session, story_id=story_id)
