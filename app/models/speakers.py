from datetime import datetime

from pydantic import Field as ApiField
from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class SpeakerBase(SQLModel):
    name: str = Field(max_length=300, description="Canonical name: the fullest form the "
                      "articles use.", schema_extra={"examples": ["Antony Blinken"]})
    role: str | None = Field(default=None, max_length=300, description="Title or role as the "
                             "articles give it; null when they give none.",
                             schema_extra={"examples": ["US Secretary of State"]})
    is_organization: bool = Field(default=False, description="An organisation or government "
                                  "speaking as one (`the Kremlin said`), not a person.",
                                  schema_extra={"examples": [False]})


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


class SpeakerRedirect(SQLModel, table=True):
    """A slug a speaker record had before it was merged into another or renamed: its URLs
    answer 301 to the speaker that holds its quotes now."""
    __tablename__ = "speaker_redirect"

    slug: str = Field(max_length=300, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", index=True, ondelete="CASCADE")


class ArticleSpeaker(SQLModel, table=True):
    """A person an article quotes, as the article names them: what speaker identity is decided
    from, again by `python -m app resolve`."""
    __tablename__ = "article_speaker"
    __table_args__ = (UniqueConstraint("article_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    speaker_id: int = Field(foreign_key="speaker.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=300)
    role: str | None = Field(default=None, max_length=300)
    is_organization: bool = Field(default=False)
    aliases: str = Field(default="", sa_type=Text)  # the article's other names, one a line


class SpeakerSummary(SpeakerBase):
    """A speaker in a list: who, how often quoted, and the names used for them."""

    id: int = ApiField(description="Speaker id.", examples=[1])
    slug: str = ApiField(description="Speaker slug, usable wherever an id is.",
                         examples=["antony-blinken"])
    quote_count: int = ApiField(description="Quotes attributed to them (duplicate articles "
                                "left out).", examples=[31])
    aliases: list[str] = ApiField(default=[], description="Other names the articles use for "
                                  "them.", examples=[["Blinken", "Tony Blinken"]])
    updated_at: datetime = ApiField(description="Last time they or their counts changed.",
                                    examples=["2021-03-24T08:00:00Z"])


class SpeakerPublic(SpeakerSummary):
    """A speaker with the topics and outlets they are quoted on."""

    topics: list[str] = ApiField(default=[], description="Slugs of the topics they are quoted "
                                 "on.", examples=[["nato", "turkey"]])
    outlets: list[str] = ApiField(default=[], description="Slugs of the outlets quoting them.",
                                  examples=[["euractiv", "press-tv"]])
