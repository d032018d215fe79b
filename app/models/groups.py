"""Utterances (the same spoken words across outlets) and stories (articles about one event)."""
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import utcnow
from app.models.quotes import SpeakerRef


class Utterance(SQLModel, table=True):
    # Ids are never reused (even after `regroup`), so a process's cache of utterances can be
    # topped up by id (app/ingest/grouping.py).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id", index=True,
                                   ondelete="CASCADE")
    text: str = Field(sa_column=Column(Text, nullable=False))
    first_reported_at: datetime | None = Field(default=None, index=True)
    quote_count: int = 0
    outlet_count: int = Field(default=0, index=True)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class Story(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = Field(default=None, max_length=1000)
    first_published_at: datetime | None = Field(default=None, index=True)
    last_published_at: datetime | None = None
    article_count: int = 0
    outlet_count: int = Field(default=0, index=True)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class RenderingDiffPublic(BaseModel):
    """How a rendering differs from the utterance's fullest text, word by word."""

    added: list[str] = []
    missing: list[str] = []
    changed: list[tuple[str, str]] = []


class UtterancePublic(BaseModel):
    id: int
    text: str
    speaker: SpeakerRef | None
    first_reported_at: datetime | None
    quote_count: int
    outlet_count: int
    outlets: list[str] = []


class Rendering(BaseModel):
    quote_id: int
    article_id: int
    article_title: str | None
    outlet: str | None
    reported_at: datetime
    text: str
    cue: str | None
    kind: str
    duplicate: bool = False
    differences: RenderingDiffPublic


class UtteranceDetail(UtterancePublic):
    renderings: list[Rendering]


class StoryPublic(BaseModel):
    id: int
    title: str | None
    first_published_at: datetime | None
    last_published_at: datetime | None
    article_count: int
    outlet_count: int


class StoryArticle(BaseModel):
    id: int
    title: str | None
    url: str | None
    outlet: str | None
    published_at: datetime | None
    duplicate_of: int | None = None


class StoryUtterance(BaseModel):
    id: int
    text: str
    speaker: SpeakerRef | None
    outlets: list[str]


class OutletCoverage(BaseModel):
    outlet: str
    carried: list[int]
    left_out: list[int]


class StoryDetail(StoryPublic):
    articles: list[StoryArticle]
    outlets: list[str]
    speakers: list[SpeakerRef]
    topics: list[str]
    utterances: list[StoryUtterance]
    coverage: list[OutletCoverage]
