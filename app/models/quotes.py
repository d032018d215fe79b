from datetime import datetime

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class QuoteBase(SQLModel):
    text: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(
        max_length=10,
        index=True,
        description="`direct`: the speaker's own words, inside quotation marks. "
        "`indirect`: reported speech, the reporter's paraphrase of what the speaker said "
        "(`Blinken said that ...`); treat its wording as the outlet's, not the speaker's.",
    )
    cue: str | None = Field(default=None, max_length=100, description="The attribution as written.")
    speaker_mention: str | None = Field(default=None, max_length=300)
    paragraph: int
    start: int = Field(description="Offset into the article body: body[start:end] == text.")
    end: int
    confidence: float = 0.0
    headline: bool = False


class Quote(QuoteBase, table=True):
    # ix_quote_utterance_outlet: is an outlet already among an utterance's quotes, one probe.
    # The others give story candidates: the articles of an utterance's or a speaker's newest
    # quotes, or of a speaker's quotes near a date. Each is a bounded index range that holds
    # the article id too, so no quote row is read.
    __table_args__ = (
        Index("ix_quote_utterance_outlet", "utterance_id", "outlet_id"),
        Index("ix_quote_utterance_id", "utterance_id", "id", "article_id"),
        Index("ix_quote_speaker_id", "speaker_id", "id", "article_id"),
        Index("ix_quote_speaker_reported", "speaker_id", "reported_at", "article_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id", ondelete="SET NULL")
    utterance_id: int | None = Field(default=None, foreign_key="utterance.id",
                                     ondelete="SET NULL")
    # Copied from the article so that filtering and keyset paging never need a join.
    outlet_id: int | None = Field(default=None, foreign_key="outlet.id", index=True)
    reported_at: datetime = Field(
        default_factory=utcnow,
        index=True,
        description="The article's publication time, or its ingestion time when it gives none.",
    )
    context_before: str = Field(default="", max_length=400)
    context_after: str = Field(default="", max_length=400)
    # The reported clause around a partial quote (QuotePublic.content); null for whole quotes.
    content_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    content_start: int | None = None
    content_end: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class QuoteContent(BaseModel):
    """The reported clause a partial quote sits in: what the speaker is reported to have said."""

    text: str = PydanticField(
        description="The clause as printed: body[start:end] == text.",
        examples=["it would be \u201ctough\u201d for Turkey to stay in the alliance"])
    start: int = PydanticField(description="Offset of the clause into the article body.",
                               examples=[812])
    end: int = PydanticField(description="End offset of the clause into the article body.",
                             examples=[877])


class SpeakerRef(BaseModel):
    id: int
    slug: str
    name: str


class QuotePublic(QuoteBase):
    id: int
    text: str
    article_id: int
    reported_at: datetime
    speaker: SpeakerRef | None = None
    outlet: str | None = None
    utterance_id: int | None = Field(
        default=None, description="The utterance: every rendering of these words, any outlet.")
    topics: list[str] = []
    content: QuoteContent | None = Field(
        default=None,
        description="For a partial quote (a few quoted words inside the reporter's sentence: "
        "`Blinken said it would be \u201ctough\u201d for ...`), the reported clause around them, "
        "the span an annotator marks as what was said; null when the quote is whole (`text` is "
        "the statement) and for reported speech. Cite `content` when you need the full claim, "
        "`text` when you need the speaker's exact words.")
    context_before: str = ""
    context_after: str = ""
