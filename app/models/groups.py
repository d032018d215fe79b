"""Utterances (the same spoken words across outlets) and stories (articles about one event)."""
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel
from pydantic import Field as ApiField
from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import utcnow
from app.models.enums import QuoteKind
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


WordPair = Annotated[list[str], ApiField(min_length=2, max_length=2)]


class RenderingDiffPublic(BaseModel):
    """How a rendering differs from the utterance's fullest text, word by word."""

    added: list[str] = ApiField(default=[], description="Words of the rendering that the "
                                "fullest text does not have.", examples=[["today"]])
    missing: list[str] = ApiField(default=[], description="Words of the fullest text that the "
                                  "rendering leaves out.", examples=[["strongly"]])
    changed: list[WordPair] = ApiField(
        default=[], description="Words replaced one for one: `[word in the fullest text, word "
        "in the rendering]` (spelling variants, translations of one word).",
        examples=[[["revitalize", "revitalise"]]])


class UtterancePublic(BaseModel):
    """One statement, however many outlets carried it."""

    id: int = ApiField(description="Utterance id.", examples=[7])
    text: str = ApiField(description="The fullest rendering of the words.",
                         examples=["We want to revitalize the alliance."])
    speaker: SpeakerRef | None = ApiField(description="Who said it; null when unknown.")
    first_published_at: datetime | None = ApiField(
        description="When the first article carrying it was published.",
        examples=["2021-03-23T09:30:00Z"])
    quote_count: int = ApiField(description="Quotes rendering it.",
                                examples=[4])
    outlet_count: int = ApiField(description="Outlets that carried it.", examples=[3])
    outlets: list[str] = ApiField(default=[], description="Slugs of those outlets.",
                                  examples=[["euractiv", "press-tv"]])


class Rendering(BaseModel):
    """One outlet's rendering of an utterance: a quote."""

    quote_id: int = ApiField(description="The quote.", examples=[12])
    article_id: int = ApiField(description="Its article.", examples=[2])
    article_title: str | None = ApiField(description="Its article's headline.",
                                         examples=["Blinken in Brussels"])
    outlet: str | None = ApiField(description="Outlet slug.", examples=["euractiv"])
    published_at: datetime | None = ApiField(description="Its article's publication time "
                                             "(null when it gives none).",
                                      examples=["2021-03-23T09:30:00Z"])
    text: str = ApiField(description="The words as this outlet printed them.",
                         examples=["We want to revitalise the alliance."])
    cue: str | None = ApiField(description="The attribution as written.", examples=["said"])
    kind: QuoteKind = ApiField(description=QuoteKind.__doc__, examples=["direct"])
    duplicate: bool = ApiField(default=False, description="Its article is a duplicate (wire "
                               "copy, mirror) of another.", examples=[False])
    differences: RenderingDiffPublic = ApiField(description="How it differs from the fullest "
                                                "text.")


class UtteranceDetail(UtterancePublic):
    """An utterance with every rendering of it."""

    renderings: list[Rendering] = ApiField(description="Every quote of it, oldest first.")


class StoryPublic(BaseModel):
    """Articles about one event."""

    id: int = ApiField(description="Story id.", examples=[1])
    title: str | None = ApiField(description="Headline of its first article.",
                                 examples=["Blinken visits NATO"])
    first_published_at: datetime | None = ApiField(
        description="Publication time of its first article.",
        examples=["2021-03-23T09:30:00Z"])
    last_published_at: datetime | None = ApiField(
        description="Publication time of its latest article.",
        examples=["2021-03-25T17:00:00Z"])
    article_count: int = ApiField(description="Its articles (duplicates left out).",
                                  examples=[3])
    outlet_count: int = ApiField(description="Outlets that covered it.", examples=[3])


class StoryArticle(BaseModel):
    """An article of a story."""

    id: int = ApiField(description="Article id.", examples=[2])
    title: str | None = ApiField(description="Headline.", examples=["Blinken in Brussels"])
    url: str | None = ApiField(description="Where it was published.",
                               examples=["https://www.example.org/news/blinken-brussels"])
    outlet: str | None = ApiField(description="Outlet slug.", examples=["euractiv"])
    published_at: datetime | None = ApiField(description="Publication time.",
                                             examples=["2021-03-23T09:30:00Z"])
    duplicate_of: int | None = ApiField(default=None, description="The article it copies, if "
                                        "any.", examples=[None])


class StoryUtterance(BaseModel):
    """An utterance quoted in a story's articles."""

    id: int = ApiField(description="Utterance id.", examples=[7])
    text: str = ApiField(description="Its fullest text.",
                         examples=["We want to revitalize the alliance."])
    speaker: SpeakerRef | None = ApiField(description="Who said it; null when unknown.")
    outlets: list[str] = ApiField(description="Outlets of the story that carried it.",
                                  examples=[["euractiv"]])


class OutletCoverage(BaseModel):
    """What one outlet of a story carried."""

    outlet: str = ApiField(description="Outlet slug.", examples=["euractiv"])
    carried: list[int] = ApiField(description="Ids of the story's utterances it quoted.",
                                  examples=[[7, 9]])
    left_out: list[int] = ApiField(description="Ids of utterances other outlets of the story "
                                   "quoted and it did not.", examples=[[11]])


class StoryDetail(StoryPublic):
    """A story: its articles, and who carried which statement."""

    articles: list[StoryArticle] = ApiField(description="Its articles, oldest first.")
    outlets: list[str] = ApiField(description="Slugs of the outlets that covered it.",
                                  examples=[["euractiv", "press-tv"]])
    speakers: list[SpeakerRef] = ApiField(description="People quoted in it, by name.")
    topics: list[str] = ApiField(description="Slugs of its topics.", examples=[["nato"]])
    utterances: list[StoryUtterance] = ApiField(description="Statements quoted in it, the most "
                                                "widely carried first.")
    coverage: list[OutletCoverage] = ApiField(description="Per outlet, the shared statements "
                                              "it carried and left out.")
