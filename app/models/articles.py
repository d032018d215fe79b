from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class Outlet(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True, index=True)
    name: str = Field(max_length=200)
    article_count: int = 0
    quote_count: int = 0
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class OutletPublic(BaseModel):
    slug: str
    name: str
    article_count: int
    quote_count: int
    updated_at: datetime


class ArticleBase(SQLModel):
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published_at: datetime | None = None
    byline: str | None = Field(default=None, max_length=500)


class Article(ArticleBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, max_length=2000, unique=True)
    content_hash: str = Field(max_length=64, index=True)
    text_hash: str = Field(
        default="", max_length=64, index=True,
        description="Hash of the body without its headline: the same story under another title "
        "or URL (wire copy, mirror) is a duplicate.",
    )
    duplicate_of_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="SET NULL"
    )
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id", index=True)
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True,
                                 ondelete="SET NULL")
    published_at: datetime | None = Field(default=None, index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class ArticleCreate(ArticleBase):
    """An article record as ingested: `text` is required, everything else optional."""

    text: str = Field(min_length=1)
    outlet: str | None = Field(default=None, max_length=200)


class ArticlePublic(ArticleBase):
    id: int
    outlet: str | None = None
    topics: list[str] = []
    quote_count: int = 0


class ArticleDetail(ArticlePublic):
    body: str
    paragraphs: list[str]
    quotes: list["QuotePublic"] = []
    entities: list["EntityMention"] = []


from app.models.entities import EntityMention  # noqa: E402
from app.models.quotes import QuotePublic  # noqa: E402

ArticleDetail.model_rebuild()
