"""Utterances (the same spoken words across outlets) and stories (articles about one event)."""
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class Utterance(SQLModel, table=True):
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
    added: list[str] = []
    missing: list[str] = []
    changed: list[tuple[str, str]] = []
