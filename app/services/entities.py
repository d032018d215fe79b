"""Entities (people, organisations, places named in articles): pages and lookup by id."""
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.errors import NotFound
from app.models import Entity, EntityPublic
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page

ENTITY_KEYS = (SortKey(col(Entity.mention_count), descending=True), SortKey(col(Entity.id)))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_entities(
    *, session: Session, type_: str | None, q: str | None, cursor: str | None, limit: int,
    updated_since: datetime | None = None,
) -> tuple[list[EntityPublic], str | None]:
    """One page of entities, the most mentioned first, by type and name substring."""
    statement = sa_select(Entity)
    if updated_since is not None:
        statement = statement.where(col(Entity.updated_at) >= updated_since)
    if type_ is not None:
        statement = statement.where(col(Entity.type) == type_)
    if q:
        pattern = f"%{_escape_like(q.lower())}%"
        statement = statement.where(func.lower(col(Entity.name)).like(pattern, escape="\\"))
    after = decode_cursor(cursor, sort="entities", types=(int, int))
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=ENTITY_KEYS, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort="entities", key=next_key) if next_key else None
    return [EntityPublic.model_validate(row[0].model_dump()) for row in rows], next_cursor


def get_entity(*, session: Session, entity_id: int) -> EntityPublic:
    """The entity with this id, or NotFound."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise NotFound(f"No entity with id {entity_id}.")
    return EntityPublic.model_validate(entity.model_dump())
