"""Speakers: the listing (by quote count, name or name match), lookup by id or slug, and their
topics and outlets."""
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Row, case, exists, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.errors import NotFound
from app.models import (
    Outlet,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    SpeakerPublic,
    SpeakerRedirect,
    Topic,
)
from app.services.framing import Framing, frame_speaker
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import get_by_key, resolve_filters

SUMMARY_COLUMNS = (col(Speaker.id), col(Speaker.slug), col(Speaker.name), col(Speaker.role),
                   col(Speaker.is_organization), col(Speaker.quote_count),
                   col(Speaker.updated_at))
MOST_QUOTED = (SortKey(col(Speaker.quote_count), descending=True), SortKey(col(Speaker.id)))
SORTS: dict[str, tuple[tuple[SortKey, ...], tuple[type, ...]]] = {
    "-quote_count": (MOST_QUOTED, (int, int)),
    "quote_count": ((SortKey(col(Speaker.quote_count)), SortKey(col(Speaker.id))), (int, int)),
    "name": ((SortKey(func.lower(col(Speaker.name))), SortKey(col(Speaker.id))), (str, int)),
}


def aliases_of(*, session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """The aliases of each speaker, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return found
    for owner, alias in session.execute(
        sa_select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .where(col(SpeakerAlias.speaker_id).in_(ids))
        .order_by(col(SpeakerAlias.alias))
    ).all():
        found[owner].append(alias)
    return found


def build_summaries(session: Session, rows: Sequence[Row[Any]]) -> list[Item]:
    """SpeakerSummary items, their aliases fetched in one query."""
    aliases = aliases_of(session=session, ids=[row.id for row in rows])
    return [{"id": row.id, "slug": row.slug, "name": row.name, "role": row.role,
             "is_organization": row.is_organization, "quote_count": row.quote_count,
             "aliases": aliases[row.id], "updated_at": row.updated_at} for row in rows]


def _name_match(q: str) -> tuple[list[ColumnElement[bool]], ColumnElement[int]]:
    """Conditions (every word of `q` in the name or an alias) and the relevance rank of a
    match: 0 the name itself, 1 a word of the name starting with `q`, 2 an alias, 3 others."""
    needle = " ".join(q.lower().split())
    name = func.lower(col(Speaker.name))

    def aliased(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(SpeakerAlias.speaker_id == Speaker.id, condition)

    alias = func.lower(col(SpeakerAlias.alias))
    conditions = [or_(name.contains(word, autoescape=True),
                      aliased(alias.contains(word, autoescape=True)))
                  for word in needle.split()]
    rank = case(
        (name == needle, 0),
        (or_(name.startswith(needle, autoescape=True),
             name.contains(" " + needle, autoescape=True)), 1),
        (aliased(alias == needle), 2),
        else_=3,
    )
    return conditions, rank


def speaker_listing(
    *, session: Session, topics: Sequence[str] = (), q: str | None = None,
    sort: str = "-quote_count", updated_since: datetime | None = None,
) -> Listing:
    """Speakers, optionally only those quoted on `topics` or whose names match `q`."""
    statement = sa_select(*SUMMARY_COLUMNS)
    if updated_since is not None:
        statement = statement.where(col(Speaker.updated_at) >= updated_since)
    if topics:
        topic_ids = [found.id for found in resolve_filters(session=session, topic=topics)["topic"]]
        statement = statement.where(exists().where(
            Quote.speaker_id == Speaker.id, QuoteTopic.quote_id == Quote.id,
            col(QuoteTopic.topic_id).in_(topic_ids)))
    rank = None
    if q is not None:
        conditions, rank = _name_match(q)
        statement = statement.where(*conditions)
    if sort == "relevance" and rank is not None:
        keys: tuple[SortKey, ...] = (SortKey(rank), *MOST_QUOTED)
        return Listing(statement, keys, "speakers-relevance", (int, int, int), build_summaries)
    keys, types = SORTS.get(sort, SORTS["-quote_count"])
    return Listing(statement, keys, f"speakers{sort}", types, build_summaries)


class SpeakerMoved(Exception):
    """The key is the slug a speaker had before it was merged into another or renamed."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


def get_speaker(*, session: Session, key: str) -> Speaker:
    """The speaker whose slug or id is `key`; SpeakerMoved when `key` is a former slug of one,
    else NotFound."""
    try:
        return get_by_key(session=session, model=Speaker, key=key, label="speaker")
    except NotFound:
        moved = session.execute(sa_select(Speaker.slug).join(
            SpeakerRedirect, col(SpeakerRedirect.speaker_id) == Speaker.id).where(
            SpeakerRedirect.slug == key)).scalar()
        if moved is None:
            raise
        raise SpeakerMoved(moved) from None


class SpeakerDetail(SpeakerPublic):
    """A speaker with their topics, outlets, and how each outlet attributes them."""

    framing: list[Framing] = Field(
        description="Per outlet: the cue verbs it used for this speaker (one writes `said`, "
        "another `claimed`) and its share of direct quotes (the rest is reported speech)."
    )


def describe_speaker(*, session: Session, key: str) -> Item:
    """The detail view of the speaker whose slug or id is `key`; or NotFound."""
    speaker = get_speaker(session=session, key=key)
    row = session.execute(sa_select(*SUMMARY_COLUMNS).where(col(Speaker.id) == speaker.id)).one()
    item = build_summaries(session, [row])[0]
    topics = session.execute(
        sa_select(Topic.slug).distinct()
        .join(QuoteTopic, col(QuoteTopic.topic_id) == Topic.id)
        .join(Quote, col(Quote.id) == QuoteTopic.quote_id)
        .where(Quote.speaker_id == speaker.id).order_by(col(Topic.slug))).scalars().all()
    outlets = session.execute(
        sa_select(Outlet.slug).distinct().join(Quote, col(Quote.outlet_id) == Outlet.id)
        .where(Quote.speaker_id == speaker.id).order_by(col(Outlet.slug))).scalars().all()
    framing = frame_speaker(session=session, speaker_id=speaker.id or 0)
    return item | {"topics": list(topics), "outlets": list(outlets),
                   "framing": [f.model_dump(exclude={"speaker"}) for f in framing]}


class SpeakerTopic(BaseModel):
    """A topic a speaker was quoted on, with how many of their quotes are about it."""

    slug: str = Field(description="Topic slug.", examples=["turkey"])
    name: str = Field(description="Topic name.", examples=["Turkey"])
    quote_count: int = Field(description="The speaker's quotes about it.", examples=[12])


def speaker_topic_listing(*, session: Session, speaker_id: int,
                          updated_since: datetime | None = None) -> Listing:
    """Topics the speaker was quoted on, most quotes first; with `updated_since`, only those
    that gained a quote since."""
    quotes = func.count(col(Quote.id))
    statement = (
        sa_select(col(Topic.slug), col(Topic.name), quotes.label("quote_count"))
        .join(QuoteTopic, col(QuoteTopic.topic_id) == Topic.id)
        .join(Quote, col(Quote.id) == QuoteTopic.quote_id)
        .where(Quote.speaker_id == speaker_id)
        .group_by(col(Topic.slug), col(Topic.name))
    )
    if updated_since is not None:
        statement = statement.having(func.max(col(Quote.updated_at)) >= updated_since)
    keys = (SortKey(quotes, descending=True), SortKey(col(Topic.slug)))
    return Listing(statement, keys, "speaker-topics", (int, str), grouped=True)
