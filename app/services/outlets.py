"""Outlets: pages by article count, lookup by slug, and the cue verbs used for each speaker."""
from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import Outlet, OutletPublic, Quote, Speaker, SpeakerRef
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page

OUTLET_KEYS = (SortKey(col(Outlet.article_count), descending=True), SortKey(col(Outlet.id)))


def list_outlets(
    *, session: Session, cursor: str | None, limit: int
) -> tuple[list[OutletPublic], str | None]:
    """One page of outlets, the most articles first."""
    after = decode_cursor(cursor, sort="outlets", types=(int, int))
    rows, next_key = fetch_page(
        session=session, statement=sa_select(Outlet), keys=OUTLET_KEYS, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort="outlets", key=next_key) if next_key else None
    return [OutletPublic.model_validate(row[0].model_dump()) for row in rows], next_cursor


def get_outlet_by_slug(*, session: Session, slug: str) -> Outlet:
    """The outlet with this slug, or NotFound."""
    outlet = session.exec(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet is None:
        raise NotFound(f"No outlet {slug!r}.")
    return outlet


class SpeakerCues(BaseModel):
    """How an outlet attributes one speaker's quotes: cue verb -> number of quotes."""

    speaker: SpeakerRef
    quotes: int
    cues: dict[str, int]


class OutletDetail(OutletPublic):
    speakers: list[SpeakerCues] = Field(
        description="Speakers the outlet quotes, busiest first, with the cue verbs it used."
    )


def count_cues_by_speaker(*, session: Session, outlet_id: int) -> list[SpeakerCues]:
    """For each speaker the outlet quotes: the cue verbs it used and how often, busiest first."""
    uses = func.count(col(Quote.id))
    rows = session.exec(
        select(Speaker.id, Speaker.slug, Speaker.name, Quote.cue, uses)
        .join(Quote, col(Quote.speaker_id) == Speaker.id)
        .where(Quote.outlet_id == outlet_id, col(Quote.cue).is_not(None))
        .group_by(col(Speaker.id), col(Speaker.slug), col(Speaker.name), col(Quote.cue))
    ).all()
    found: dict[int, SpeakerCues] = {}
    for speaker_id, slug, name, cue, count in rows:
        entry = found.setdefault(
            speaker_id,
            SpeakerCues(speaker=SpeakerRef(id=speaker_id, slug=slug, name=name), quotes=0, cues={}),
        )
        entry.cues[cue.lower()] = entry.cues.get(cue.lower(), 0) + count
        entry.quotes += count
    for entry in found.values():
        entry.cues = dict(sorted(entry.cues.items(), key=lambda item: (-item[1], item[0])))
    return sorted(found.values(), key=lambda entry: (-entry.quotes, entry.speaker.id))


def describe_outlet(*, session: Session, slug: str) -> OutletDetail:
    """The outlet with this slug, its counts and its cue verbs per speaker; or NotFound."""
    outlet = get_outlet_by_slug(session=session, slug=slug)
    return OutletDetail(
        **OutletPublic.model_validate(outlet.model_dump()).model_dump(),
        speakers=count_cues_by_speaker(session=session, outlet_id=outlet.id),
    )
