from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class SpeakerBase(SQLModel):
    name: str = Field(max_length=300)
    role: str | None = Field(default=None, max_length=300)
    is_organization: bool = False


class Speaker(SpeakerBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=300, unique=True, index=True)
    family_key: str = Field(default="", max_length=100, index=True)
    quote_count: int = Field(default=0, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class SpeakerAlias(SQLModel, table=True):
    __tablename__ = "speaker_alias"
    __table_args__ = (UniqueConstraint("speaker_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", index=True, ondelete="CASCADE")
    alias: str = Field(max_length=300, index=True)


class SpeakerPublic(SpeakerBase):
    id: int
    slug: str
    quote_count: int
    aliases: list[str] = []
    topics: list[str] = []
    outlets: list[str] = []
