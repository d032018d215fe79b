"""Speakers: pages by quote count, lookup by id or slug, and their topics and outlets."""
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import exists, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import (
    Outlet,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    SpeakerPublic,
    Topic,
)
from app.pagination import decode_cursor, encode_cursor
from app.services.framing import Framing, frame_speaker
from app.services.keyset import SortKey, fetch_page, order_by_keys
from app.services.quotes import resolve_topic_ids, speaker_condition
from app.services.search import SearchQuery

SPEAKER_KEYS = (SortKey(col(Speaker.quote_count), descending=True), SortKey(col(Speaker.id)))
SPEAKER_KEY_TYPES = (int, int)


class SpeakerSummary(BaseModel):
    """A speaker in a list: who, how often quoted, and the names used for them."""

    id: int
    slug: str
    name: str
    role: str | None
    is_organization: bool
    quote_count: int
    aliases: list[str] = []


def _quoted_on(topic_ids: Sequence[int]) -> Any:
    """The speaker has a quote on one of `topic_ids` (stops at the first one found)."""
    return exists().where(
        Quote.speaker_id == Speaker.id,
        QuoteTopic.quote_id == Quote.id,
        col(QuoteTopic.topic_id).in_(topic_ids),
    )


def _aliases(*, session: Session, ids: Sequence[int | None]) -> dict[int, list[str]]:
    return _grouped(session.exec(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .where(col(SpeakerAlias.speaker_id).in_(ids))
        .order_by(col(SpeakerAlias.alias))
    ).all())


def _grouped(rows: Sequence[tuple[int, str]]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for owner, value in rows:
        found[owner].append(value)
    return found


def build_speaker_publics(*, session: Session, speakers: Sequence[Speaker]) -> list[SpeakerPublic]:
    """SpeakerPublic objects with aliases, topics and outlets: three queries for any number.

    Topics and outlets aggregate every quote of the speakers: for detail views, not lists."""
    ids = [speaker.id for speaker in speakers]
    aliases = _aliases(session=session, ids=ids)
    topics = _grouped(session.exec(
        select(Quote.speaker_id, Topic.slug).distinct()
        .join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
        .join(Topic, col(Topic.id) == QuoteTopic.topic_id)
        .where(col(Quote.speaker_id).in_(ids))
        .order_by(col(Quote.speaker_id), col(Topic.slug))
    ).all())
    outlets = _grouped(session.exec(
        select(Quote.speaker_id, Outlet.slug).distinct()
        .join(Outlet, col(Outlet.id) == Quote.outlet_id)
        .where(col(Quote.speaker_id).in_(ids))
        .order_by(col(Quote.speaker_id), col(Outlet.slug))
    ).all())
    return [
        SpeakerPublic.model_validate(
            speaker.model_dump(),
            update={
                "aliases": aliases[speaker.id],
                "topics": topics[speaker.id],
                "outlets": outlets[speaker.id],
            },
        )
        for speaker in speakers
    ]


def list_speakers(
    *, session: Session, topics: Sequence[str], cursor: str | None, limit: int,
    updated_since: datetime | None = None,
) -> tuple[list[SpeakerSummary], str | None]:
    """One page of speakers, most quoted first, optionally only those quoted on `topics`."""
    statement = sa_select(Speaker)
    if updated_since is not None:
        statement = statement.where(col(Speaker.updated_at) >= updated_since)
    if topics:
        if not (topic_ids := resolve_topic_ids(session=session, slugs=topics)):
            return [], None
        statement = statement.where(_quoted_on(topic_ids))
    after = decode_cursor(cursor, sort="speakers", types=SPEAKER_KEY_TYPES)
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=SPEAKER_KEYS, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort="speakers", key=next_key) if next_key else None
    speakers = [row[0] for row in rows]
    aliases = _aliases(session=session, ids=[speaker.id for speaker in speakers])
    items = [
        SpeakerSummary.model_validate(speaker.model_dump() | {"aliases": aliases[speaker.id]})
        for speaker in speakers
    ]
    return items, next_cursor


def get_speaker_by_id_or_slug(*, session: Session, key: str) -> Speaker:
    """The speaker whose id or slug is `key`, or NotFound."""
    speaker = session.exec(select(Speaker).where(speaker_condition(key))).first()
    if speaker is None:
        raise NotFound(f"No speaker with id or slug {key!r}.")
    return speaker


class SpeakerDetail(SpeakerPublic):
    framing: list[Framing] = Field(
        description="Per outlet: the cue verbs it used for this speaker (one writes `said`, "
        "another `claimed`) and its share of direct quotes (the rest is reported speech)."
    )


def describe_speaker(*, session: Session, key: str) -> SpeakerDetail:
    """The public view of the speaker whose id or slug is `key`, with its framing; or NotFound."""
    speaker = get_speaker_by_id_or_slug(session=session, key=key)
    public = build_speaker_publics(session=session, speakers=[speaker])[0]
    return SpeakerDetail(**public.model_dump(),
                         framing=frame_speaker(session=session, speaker_id=speaker.id or 0))


class SpeakerTopic(BaseModel):
    """A topic a speaker was quoted on, with how many of their quotes are about it."""

    slug: str
    name: str
    quotes: int


def list_speaker_topics(
    *, session: Session, speaker_id: int, cursor: str | None, limit: int
) -> tuple[list[SpeakerTopic], str | None]:
    """Topics the speaker was quoted on, most quotes first."""
    quotes = func.count(col(Quote.id))
    statement = (
        sa_select(Topic.slug, Topic.name, quotes)
        .join(QuoteTopic, col(QuoteTopic.topic_id) == Topic.id)
        .join(Quote, col(Quote.id) == QuoteTopic.quote_id)
        .where(Quote.speaker_id == speaker_id)
        .group_by(col(Topic.slug), col(Topic.name))
    )
    keys = (SortKey(quotes, descending=True), SortKey(col(Topic.slug)))
    after = decode_cursor(cursor, sort="speaker-topics", types=(int, str))
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=keys, after=after, limit=limit, grouped=True
    )
    next_cursor = encode_cursor(sort="speaker-topics", key=next_key) if next_key else None
    return [SpeakerTopic(slug=s, name=n, quotes=q) for s, n, q in rows], next_cursor


def find_speakers(*, session: Session, query: SearchQuery, limit: int) -> list[SpeakerSummary]:
    """Speakers whose name or an alias contains every positive word group of `query`."""
    conditions = []
    for group in query.groups:
        either = []
        for term in group:
            needle = " ".join(term.words).lower()
            aliased = select(SpeakerAlias.speaker_id).where(
                func.lower(col(SpeakerAlias.alias)).contains(needle, autoescape=True)
            )
            either += [
                func.lower(col(Speaker.name)).contains(needle, autoescape=True),
                col(Speaker.id).in_(aliased),
            ]
        conditions.append(or_(*either))
    statement = order_by_keys(select(Speaker).where(*conditions), SPEAKER_KEYS)
    speakers = session.exec(statement.limit(limit)).all()
    aliases = _aliases(session=session, ids=[speaker.id for speaker in speakers])
    return [
        SpeakerSummary.model_validate(speaker.model_dump() | {"aliases": aliases[speaker.id]})
        for speaker in speakers
    ]
