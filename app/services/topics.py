"""Topics: pages by slug, lookup by slug, who is quoted on a topic, and edits."""
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.ingest.inserts import begin_writing
from app.ingest.retag import retag_topic
from app.models import (
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerRef,
    Topic,
    TopicUpdate,
    utcnow,
)
from app.nlp.records import TopicDefinition
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import get_by_key
from app.topics_file import effective_topic_definitions

TOPIC_KEYS = (SortKey(col(Topic.slug)),)
TOPIC_COLUMNS = (col(Topic.id), col(Topic.slug), col(Topic.name), col(Topic.description),
                 col(Topic.keywords), col(Topic.article_count), col(Topic.quote_count),
                 col(Topic.edited_at), col(Topic.updated_at))


def topic_item(row: Any) -> Item:
    """The TopicPublic item of a row of TOPIC_COLUMNS (or a Topic)."""
    return {"id": row.id, "slug": row.slug, "name": row.name, "description": row.description,
            "keywords": row.keywords, "article_count": row.article_count,
            "quote_count": row.quote_count, "edited_at": row.edited_at,
            "updated_at": row.updated_at}


def topic_listing(*, updated_since: datetime | None = None) -> Listing:
    """Topics in slug order, with their article and quote counts."""
    statement = sa_select(*TOPIC_COLUMNS)
    if updated_since is not None:
        statement = statement.where(col(Topic.updated_at) >= updated_since)
    return Listing(statement, TOPIC_KEYS, "topics", (str,),
                   lambda _session, rows: [topic_item(row) for row in rows])


def get_topic(*, session: Session, key: str) -> Topic:
    """The topic whose slug or id is `key`, or NotFound."""
    return get_by_key(session=session, model=Topic, key=key, label="topic")


class TopicSpeaker(BaseModel):
    """A speaker quoted on a topic, with how many of their quotes are about it."""

    speaker: SpeakerRef = Field(description="The speaker.")
    quote_count: int = Field(description="Their quotes about the topic.", examples=[12])


def topic_speaker_listing(*, topic_id: int, updated_since: datetime | None = None) -> Listing:
    """Speakers quoted on the topic, most quotes on it first; with `updated_since`, only those
    with a quote on it added since."""
    quotes = func.count(col(Quote.id))
    statement = (
        sa_select(Speaker.id, Speaker.slug, Speaker.name, quotes.label("quote_count"))
        .join(Quote, col(Quote.speaker_id) == Speaker.id)
        .join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
        .where(QuoteTopic.topic_id == topic_id)
        .group_by(col(Speaker.id), col(Speaker.slug), col(Speaker.name))
    )
    if updated_since is not None:
        statement = statement.having(func.max(col(Quote.updated_at)) >= updated_since)
    keys = (SortKey(quotes, descending=True), SortKey(col(Speaker.id)))

    def build(_session: Session, rows: Sequence[Any]) -> list[Item]:
        return [{"speaker": {"id": row.id, "slug": row.slug, "name": row.name},
                 "quote_count": row.quote_count} for row in rows]

    return Listing(statement, keys, "topic-speakers", (int, int), build, grouped=True)


def put_topic(*, session: Session, slug: str, update: TopicUpdate,
              file_definitions: Sequence[TopicDefinition]) -> tuple[Topic, bool]:
    """Create or replace the topic's definition and re-tag every stored article and quote;
    returns the topic and whether it is new. The edit outlives changes to the topics file."""
    begin_writing(session)
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
