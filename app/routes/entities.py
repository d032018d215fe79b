"""GET /entities and /entities/{key}."""
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import EntityPublic, EntityType
from app.routes.output import (
    EXPORT_RESPONSES,
    ListDep,
    ListParams,
    answer_list,
    is_page,
    json_response,
    page_of,
)
from app.routes.params import PLAIN_TEXT, EntityKeyPath, UpdatedSinceDep
from app.services.entities import entity_listing, get_entity

router = APIRouter(prefix="/entities", tags=["entities"])



TypesQuery = Annotated[
    list[EntityType] | None,
    Query(max_length=3, description="Only entities of this type; repeat for any of several.",
          examples=[["organization"]]),
]
NameQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        pattern=PLAIN_TEXT,
        description="Only entities whose name contains this text (case-insensitive).",
        examples=["NATO"],
    ),
]


def answer_entities(*, session: Session, request: Request, params: ListParams,
                    types: Sequence[str], q: str | None, updated_since: datetime | None
                    ) -> Response:
    return answer_list(session=session, request=request, params=params, model=EntityPublic,
                       name="entities",
                       listing=lambda _: entity_listing(types=types, q=q,
                                                        updated_since=updated_since))


@router.get(
    "",
    operation_id="listEntities",
    summary="List entities",
    description="People, organisations and places named in the articles, most mentioned first.",
    response_model=page_of(EntityPublic, "Entity"),
    responses=problem_responses(400) | EXPORT_RESPONSES,
)
async def list_entities(
    session: SessionDep, request: Request, params: ListDep, updated_since: UpdatedSinceDep,
    type: TypesQuery = None,  # noqa: A002 - the public parameter name
    q: NameQuery = None,
) -> Response:
    return await run_db(answer_entities, session=session, request=request, params=params,
                        types=tuple(type or ()), q=q, updated_since=updated_since,
                        bounded=is_page(request, params))


@router.get(
    "/{key}",
    operation_id="getEntity",
    summary="Get one entity",
    description="The entity with its mention and article counts; list its articles with "
    "`GET /articles?entity={key}` and the quotes near it with `GET /quotes?entity={key}`.",
    response_model=EntityPublic,
    responses=problem_responses(404),
)
async def get_one_entity(session: SessionDep, key: EntityKeyPath) -> Response:
    return json_response(await run_db(get_entity, session=session, key=key, bounded=True))
