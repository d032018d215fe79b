"""Entities (people, organisations, places named in articles): the listing and lookup."""
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.models import Entity
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import get_by_key

ENTITY_KEYS = (SortKey(col(Entity.mention_count), descending=True), SortKey(col(Entity.id)))
ENTITY_COLUMNS = (col(Entity.id), col(Entity.slug), col(Entity.name), col(Entity.type),
                  col(Entity.mention_count), col(Entity.article_count), col(Entity.updated_at))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entity_item(row: Any) -> Item:
    """The EntityPublic item of a row of ENTITY_COLUMNS (or an Entity)."""
    return {"id": row.id, "slug": row.slug, "name": row.name, "type": row.type,
            "mention_count": row.mention_count, "article_count": row.article_count,
            "updated_at": row.updated_at}


def entity_listing(*, types: Sequence[str] = (), q: str | None = None,
                   updated_since: datetime | None = None) -> Listing:
    """Entities, the most mentioned first, by type and name substring."""
    statement = sa_select(*ENTITY_COLUMNS)
    if updated_since is not None:
        statement = statement.where(col(Entity.updated_at) >= updated_since)
    if types:
        statement = statement.where(col(Entity.type).in_(types))
    if q:
        pattern = f"%{_escape_like(q.lower())}%"
        statement = statement.where(func.lower(col(Entity.name)).like(pattern, escape="\\"))
    return Listing(statement, ENTITY_KEYS, "entities", (int, int),
                   lambda _session, rows: [entity_item(row) for row in rows])


def get_entity(*, session: Session, key: str) -> Item:
    """The entity whose slug or id is `key` (the most mentioned of those sharing a slug), or
    NotFound."""
    return entity_item(get_by_key(session=session, model=Entity, key=key, label="entity"))
