"""GET /outlets and /outlets/{key}."""
from datetime import datetime

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import OutletPublic
from app.routes.output import (
    EXPORT_RESPONSES,
    ListDep,
    ListParams,
    answer_list,
    is_page,
    json_response,
    page_of,
)
from app.routes.params import OutletKeyPath, UpdatedSinceDep
from app.services.outlets import OutletDetail, describe_outlet, outlet_listing

router = APIRouter(prefix="/outlets", tags=["outlets"])



def answer_outlets(*, session: Session, request: Request, params: ListParams,
                   updated_since: datetime | None) -> Response:
    return answer_list(session=session, request=request, params=params, model=OutletPublic,
                       name="outlets",
                       listing=lambda _: outlet_listing(updated_since=updated_since))


@router.get(
    "",
    operation_id="listOutlets",
    summary="List outlets",
    description="News outlets, the most articles first, with article and quote counts.",
    response_model=page_of(OutletPublic, "Outlet"),
    responses=problem_responses(400) | EXPORT_RESPONSES,
)
async def list_outlets(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
) -> Response:
    return await run_db(answer_outlets, session=session, request=request, params=params,
                        updated_since=updated_since, bounded=is_page(request, params))


@router.get(
    "/{key}",
    operation_id="getOutlet",
    summary="Get one outlet",
    description="Article and quote counts, and for each speaker the outlet quotes, the cue verbs "
    "it attributes them with (`said`, `told`, `warned`...).",
    response_model=OutletDetail,
    responses=problem_responses(404),
)
async def get_one_outlet(session: SessionDep, key: OutletKeyPath) -> Response:
    return json_response(await run_db(describe_outlet, session=session, key=key))
