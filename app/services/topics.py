"""Topics: pages by slug, lookup by slug, who is quoted on a topic, and edits."""
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.ingest.retag import retag_topic
from app.models import (
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerRef,
    Topic,
    TopicPublic,
    TopicUpdate,
    utcnow,
)
from app.nlp.records import TopicDefinition
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page
from app.topics_file import effective_topic_definitions

TOPIC_KEYS = (SortKey(col(Topic.slug)),)


def list_topics(
    *, session: Session, cursor: str | None, limit: int, updated_since: datetime | None = None
) -> tuple[list[TopicPublic], str | None]:
    """One page of topics in slug order, with their article and quote counts."""
    after = decode_cursor(cursor, sort="topics", types=(str,))
    statement = sa_select(Topic)
    if updated_since is not None:
        statement = statement.where(col(Topic.updated_at) >= updated_since)
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=TOPIC_KEYS, after=after, limit=limit
    )
    next_cursor = encode_cursor(sort="topics", key=next_key) if next_key else None
    return [TopicPublic.model_validate(row[0].model_dump()) for row in rows], next_cursor


def get_topic_by_slug(*, session: Session, slug: str) -> Topic:
    """The topic with this slug, or NotFound."""
    topic = session.exec(select(Topic).where(Topic.slug == slug)).first()
    if topic is None:
        raise NotFound(f"No topic {slug!r}.")
    return topic


class TopicSpeaker(BaseModel):
    """A speaker quoted on a topic, with how many of their quotes are about it."""

    speaker: SpeakerRef
    quotes: int


def list_topic_speakers(
    *, session: Session, topic_id: int, cursor: str | None, limit: int
) -> tuple[list[TopicSpeaker], str | None]:
    """Speakers quoted on the topic, most quotes on it first."""
    quotes = func.count(col(Quote.id))
    statement = (
        sa_select(Speaker.id, Speaker.slug, Speaker.name, quotes)
        .join(Quote, col(Quote.speaker_id) == Speaker.id)
        .join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
        .where(QuoteTopic.topic_id == topic_id)
        .group_by(col(Speaker.id), col(Speaker.slug), col(Speaker.name))
    )
    keys = (SortKey(quotes, descending=True), SortKey(col(Speaker.id)))
    after = decode_cursor(cursor, sort="topic-speakers", types=(int, int))
    rows, next_key = fetch_page(
        session=session, statement=statement, keys=keys, after=after, limit=limit, grouped=True
    )
    next_cursor = encode_cursor(sort="topic-speakers", key=next_key) if next_key else None
    items = [
        TopicSpeaker(speaker=SpeakerRef(id=id_, slug=slug, name=name), quotes=count)
        for id_, slug, name, count in rows
    ]
    return items, next_cursor


def put_topic(*, session: Session, slug: str, update: TopicUpdate,
              file_definitions: Sequence[TopicDefinition]) -> tuple[Topic, bool]:
    """Create or replace the topic's definition and re-tag every stored article and quote;
    returns the topic and whether it is new. The edit outlives changes to the topics file."""
    topic = session.exec(select(Topic).where(Topic.slug == slug)).first()
    created = topic is None
    now = utcnow()
    keywords = list(dict.fromkeys(" ".join(keyword.split()) for keyword in update.keywords))
    topic = topic or Topic(slug=slug, name=update.name)
    topic.sqlmodel_update(dict(name=update.name, description=update.description,
                               keywords=keywords, edited_at=now, updated_at=now))
    session.add(topic)
    session.flush()
    definitions = effective_topic_definitions(session=session, file_definitions=file_definitions)
    retag_topic(session=session, topic=topic, definitions=definitions)
    session.commit()
    session.refresh(topic)
    return topic, created
