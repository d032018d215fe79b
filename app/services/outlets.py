"""Outlets: the listing by article count, lookup by slug or id, and the cue verbs used for each
speaker."""
from datetime import datetime
from typing import Any

from pydantic import Field
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.models import Outlet, OutletPublic
from app.services.framing import Framing, frame_outlet
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import get_by_key

OUTLET_KEYS = (SortKey(col(Outlet.article_count), descending=True), SortKey(col(Outlet.id)))
OUTLET_COLUMNS = (col(Outlet.id), col(Outlet.slug), col(Outlet.name), col(Outlet.article_count),
                  col(Outlet.quote_count), col(Outlet.updated_at))


def outlet_item(row: Any) -> Item:
    """The OutletPublic item of a row of OUTLET_COLUMNS (or an Outlet)."""
    return {"id": row.id, "slug": row.slug, "name": row.name,
            "article_count": row.article_count, "quote_count": row.quote_count,
            "updated_at": row.updated_at}


def outlet_listing(*, updated_since: datetime | None = None) -> Listing:
    """Outlets, the most articles first."""
    statement = sa_select(*OUTLET_COLUMNS)
    if updated_since is not None:
        statement = statement.where(col(Outlet.updated_at) >= updated_since)
    return Listing(statement, OUTLET_KEYS, "outlets", (int, int),
                   lambda _session, rows: [outlet_item(row) for row in rows])


class OutletDetail(OutletPublic):
    """An outlet and how it attributes the speakers it quotes."""

    speakers: list[Framing] = Field(
        description="Speakers the outlet quotes, busiest first (at most 50): the cue verbs it "
        "used for each and its share of direct quotes (the rest is reported speech)."
    )


def describe_outlet(*, session: Session, key: str) -> Item:
    """The outlet whose slug or id is `key`, its counts and its cue verbs per speaker."""
    outlet = get_by_key(session=session, model=Outlet, key=key, label="outlet")
    framing = frame_outlet(session=session, outlet_id=outlet.id)
    return outlet_item(outlet) | {
        "speakers": [f.model_dump(exclude={"outlet"}) for f in framing]}
