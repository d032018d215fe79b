from datetime import UTC, datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, field_validator
from pydantic import Field as ApiField
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import column_doc, utcnow


class Outlet(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True, index=True)
    name: str = Field(max_length=200)
    article_count: int = 0
    quote_count: int = 0
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class OutletPublic(BaseModel):
    """A news outlet."""

    id: int = ApiField(description="Outlet id.", examples=[1])
    slug: str = ApiField(description="Outlet slug, usable wherever an id is.",
                         examples=["euractiv"])
    name: str = ApiField(description="Display name.", examples=["EURACTIV"])
    article_count: int = ApiField(description="Articles stored from it (duplicates left out).",
                                  examples=[412])
    quote_count: int = ApiField(description="Quotes in those articles.", examples=[3120])
    updated_at: datetime = ApiField(description="Last time it or its counts changed.",
                                    examples=["2021-03-24T08:00:00Z"])


class ArticleBase(SQLModel):
    title: str | None = Field(default=None, max_length=1000, **column_doc(
        "Headline (also paragraph 0 of the body).", "Blinken says US wants to 'revitalize' NATO"))
    url: str | None = Field(default=None, max_length=2000, **column_doc(
        "Where the article was published; one article per URL.",
        "https://www.example.org/news/blinken-nato"))
    published_at: datetime | None = Field(default=None, **column_doc(
        "Publication time as the article gives it; null when it gives none.",
        "2021-03-23T09:30:00Z"))
    byline: str | None = Field(default=None, max_length=500, **column_doc(
        "Author(s) as printed.", "Jane Doe"))


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

    text: str = Field(min_length=1, **column_doc(
        "The article: headline as the first paragraph, paragraphs separated by blank lines.",
        "Blinken says US wants to 'revitalize' NATO\n\n\"We will act,\" said Antony Blinken."))
    outlet: str | None = Field(default=None, max_length=200, **column_doc(
        "The outlet's name.", "EURACTIV"))

    @field_validator("text", "title", "url", "byline", "outlet")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:  # PostgreSQL cannot store it in text
            raise ValueError("must not contain NUL characters")
        return value

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is not None and urlsplit(value).scheme.lower() not in ("http", "https"):
            raise ValueError("must be an http or https URL")
        return value

    @field_validator("published_at")
    @classmethod
    def _storable_time(cls, value: datetime | None) -> datetime | None:
        """A time that is no time in UTC (year 9999 at -14:00) is refused; a time without an
        offset is stored as UTC."""
        if value is None or value.tzinfo is None:
            return value
        try:
            value.astimezone(UTC)
            return value
        except OverflowError:
            raise ValueError("out of range once converted to UTC") from None


class ArticlePublic(ArticleBase):
    """An article, without its text."""

    id: int = ApiField(description="Article id.", examples=[1])
    outlet: str | None = ApiField(default=None, description="Outlet slug.",
                                  examples=["euractiv"])
    topics: list[str] = ApiField(default=[], description="Slugs of the topics it is about.",
                                 examples=[["nato", "turkey"]])
    quote_count: int = ApiField(default=0, description="Quotes extracted from it.",
                                examples=[12])
    duplicate_of: int | None = ApiField(
        default=None, description="The id of the article it copies (wire copy, mirror): its "
        "quotes are counted there. Null for an original.", examples=[None])
    ingested_at: datetime | None = ApiField(
        default=None, description="When it was first stored (never its publication time: "
        "`published_at` is null when the article gives none).",
        examples=["2026-12-04T18:30:00Z"])


class ArticleDetail(ArticlePublic):
    """An article with its cleaned text, quotes and entities."""

    body: str = ApiField(description="The cleaned text: paragraphs separated by blank lines, "
                         "the headline first. Quote offsets point into it.",
                         examples=["Blinken says US wants to 'revitalize' NATO\n\n..."])
    paragraphs: list[str] = ApiField(description="`body` split into paragraphs.",
                                     examples=[["Blinken says US wants to 'revitalize' NATO"]])
    quotes: list["QuotePublic"] = ApiField(default=[], description="Every quote, in reading "
                                           "order.")
    entities: list["EntityMention"] = ApiField(default=[], description="People, organisations "
                                               "and places it names, most mentioned first.")


from app.models.entities import EntityMention  # noqa: E402
from app.models.quotes import QuotePublic  # noqa: E402

ArticleDetail.model_rebuild()
