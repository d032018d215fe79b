"""GET /outlets and /outlets/{slug}."""
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import OutletPublic, Page
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import (
    PLAIN_TEXT,
    UpdatedSinceDep,
)
from app.services.outlets import OutletDetail, describe_outlet, list_outlets

router = APIRouter(prefix="/outlets", tags=["outlets"])

OutletSlugPath = Annotated[
    str, Path(max_length=200, pattern=PLAIN_TEXT, description="Outlet slug.", examples=["euractiv"])
]


@router.get(
    "",
    summary="List outlets",
    description="News outlets, the most articles first, with article and quote counts.",
    responses=problem_responses(422),
)
def read_outlets(
    session: SessionDep,
    request: Request,
    response: Response,
    updated_since: UpdatedSinceDep,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[OutletPublic]:
    items, next_cursor = list_outlets(session=session, cursor=cursor, limit=limit,
                                      updated_since=updated_since)
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{slug}",
    summary="Get one outlet",
    description="Article and quote counts, and for each speaker the outlet quotes, the cue verbs "
    "it attributes them with (`said`, `told`, `warned`...).",
    responses=problem_responses(404, 422),
)
def read_outlet(session: SessionDep, slug: OutletSlugPath) -> OutletDetail:
    return describe_outlet(session=session, slug=slug)
