"""GET /entities and /entities/{id}."""
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import problem_responses
from app.models import EntityPublic, Page
from app.pagination import CursorQuery, LimitQuery, build_page
from app.routes.params import (
    MAX_ID,
    PLAIN_TEXT,
    UpdatedSinceDep,
)
from app.services.entities import get_entity, list_entities

router = APIRouter(prefix="/entities", tags=["entities"])

EntityIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Entity id.", examples=[1])]
TypeQuery = Annotated[
    Literal["person", "organization", "place"] | None,
    Query(description="Only entities of this type.", examples=["organization"]),
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


@router.get(
    "",
    summary="List entities",
    description="People, organisations and places named in the articles, most mentioned first.",
    responses=problem_responses(422),
)
def read_entities(
    session: SessionDep,
    request: Request,
    response: Response,
    updated_since: UpdatedSinceDep,
    type: TypeQuery = None,  # noqa: A002 - the public parameter name
    q: NameQuery = None,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Page[EntityPublic]:
    items, next_cursor = list_entities(
        session=session, type_=type, q=q, cursor=cursor, limit=limit,
        updated_since=updated_since,
    )
    return build_page(items, next_cursor, request=request, response=response)


@router.get(
    "/{entity_id}",
    summary="Get one entity",
    description="The entity with its mention and article counts; list its articles with "
    "`GET /articles?entity={id}` and the quotes near it with `GET /quotes?entity={id}`.",
    responses=problem_responses(404, 422),
)
def read_entity(session: SessionDep, entity_id: EntityIdPath) -> EntityPublic:
    return get_entity(session=session, entity_id=entity_id)
