"""Outlets: pages by article count, lookup by slug, and the cue verbs used for each speaker."""
from datetime import datetime

from pydantic import Field
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import Outlet, OutletPublic
from app.pagination import decode_cursor, encode_cursor
from app.services.framing import Framing, frame_outlet
from app.services.keyset import SortKey, fetch_page

OUTLET_KEYS = (SortKey(col(Outlet.article_count), descending=True), SortKey(col(Outlet.id)))


def list_outlets(
    *, session: Session, cursor: str | None, limit: int, updated_since: datetime | None = None
) -> tuple[list[OutletPublic], str | None]:
    """One page of outlets, the most articles first."""
    after = decode_cursor(cursor, sort="outlets", types=(int, int))
    statement = sa_select(Outlet)
    if updated_since is not None:
        statement = statement.where(col(Outlet.updated_at) >= updated_since)
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=OUTLET_KEYS, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort="outlets", key=next_key) if next_key else None
    return [OutletPublic.model_validate(row[0].model_dump()) for row in rows], next_cursor


def get_outlet_by_slug(*, session: Session, slug: str) -> Outlet:
    """The outlet with this slug, or NotFound."""
    outlet = session.exec(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet is None:
        raise NotFound(f"No outlet {slug!r}.")
    return outlet


class OutletDetail(OutletPublic):
    speakers: list[Framing] = Field(
        description="Speakers the outlet quotes, busiest first: the cue verbs it used for each "
        "and its share of direct quotes (the rest is reported speech)."
    )


def describe_outlet(*, session: Session, slug: str) -> OutletDetail:
    """The outlet with this slug, its counts and its cue verbs per speaker; or NotFound."""
    outlet = get_outlet_by_slug(session=session, slug=slug)
    return OutletDetail(
        **OutletPublic.model_validate(outlet.model_dump()).model_dump(),
        speakers=frame_outlet(session=session, outlet_id=outlet.id),
    )
