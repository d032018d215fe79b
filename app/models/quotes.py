from datetime import datetime

from pydantic import BaseModel, create_model
from pydantic import Field as ApiField
from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from app.models.common import column_doc, utcnow
from app.models.enums import QuoteKind


class QuoteBase(SQLModel):
    text: str = Field(sa_column=Column(Text, nullable=False), **column_doc(
        "The quoted words as printed (for reported speech, the reported clause).",
        "The last thing we can afford to do is take this alliance for granted."))
    kind: str = Field(max_length=10, index=True, **column_doc(QuoteKind.__doc__ or "", "direct"))
    cue: str | None = Field(default=None, max_length=100, **column_doc(
        "The attribution as written: a verb (`said`, `told reporters`), or `:` for a quote "
        "introduced by a colon; null when there is none.", "said"))
    speaker_mention: str | None = Field(default=None, max_length=300, **column_doc(
        "How the article names the speaker at the quote (`he`, `Mr. Blinken`); null when it "
        "does not.", "Mr. Blinken"))
    paragraph: int = Field(**column_doc("Index of the paragraph in the article's `paragraphs` "
                                  "(0 is the headline).", 4))
    start: int = Field(**column_doc(
        "Offset of the first character in the article's `body`: `body[start:end] == text`.",
        812))
    end: int = Field(**column_doc(
        "Offset just past the last character in the article's `body`.", 881))
    confidence: float = Field(default=0.0, **column_doc(
        "How sure the extractor is of the attribution, from 0 to 1: highest for a cue right "
        "beside the quote, lower for weaker patterns, for an attribution carried over from "
        "the previous quote, and without a speaker.", 0.9))
    headline: bool = Field(default=False, **column_doc(
        "The quote is in the headline (left out of speaker and outlet statistics).", False))


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
    # The order of publication: the article's publication time, or its ingestion time when it
    # gives none (only for ordering and paging; `published_at` is served from the article).
    reported_at: datetime = Field(default_factory=utcnow, index=True)
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

    text: str = ApiField(
        description="The clause as printed: body[start:end] == text.",
        examples=["it would be \u201ctough\u201d for Turkey to stay in the alliance"])
    start: int = ApiField(description="Offset of the clause into the article body.",
                               examples=[812])
    end: int = ApiField(description="End offset of the clause into the article body.",
                             examples=[877])


class QuoteTopicMatch(BaseModel):
    """A topic of a quote and the words that tagged it."""

    topic: str = ApiField(description="Topic slug.", examples=["turkey"])
    matched: list[str] = ApiField(
        description="The topic's keywords (as the topic lists them) found in the quote, its "
        "attribution sentence, or its paragraph when the topic is that paragraph's subject.",
        examples=[["Ankara", "S-400"]])


class SpeakerRef(BaseModel):
    """A speaker, named."""

    id: int = ApiField(description="Speaker id.", examples=[1])
    slug: str = ApiField(description="Speaker slug, usable wherever an id is.",
                         examples=["antony-blinken"])
    name: str = ApiField(description="Canonical name.", examples=["Antony Blinken"])


class ArticleSummary(BaseModel):
    """The article a quote comes from, in brief."""

    id: int = ApiField(description="Article id.", examples=[1])
    title: str | None = ApiField(description="Headline.",
                                 examples=["Blinken says US wants to 'revitalize' NATO"])
    url: str | None = ApiField(description="Where the article was published.",
                               examples=["https://www.example.org/news/blinken-nato"])
    outlet: str | None = ApiField(description="Outlet slug.", examples=["euractiv"])
    published_at: datetime | None = ApiField(
        description="Publication time; null when the article gives none.",
        examples=["2021-03-23T09:30:00Z"])


class QuotePublic(QuoteBase):
    """A quotation: who said what, where and when."""

    id: int = ApiField(description="Quote id.", examples=[1])
    kind: QuoteKind = ApiField(description=QuoteKind.__doc__, examples=["direct"])
    speaker: SpeakerRef | None = ApiField(
        default=None, description="Who said it; null when the article does not make it clear.")
    article_id: int = ApiField(description="The article it comes from.", examples=[1])
    outlet: str | None = ApiField(default=None, description="Outlet slug.",
                                  examples=["euractiv"])
    published_at: datetime | None = ApiField(
        description="The article's publication time; null when it gives none (such quotes "
        "sort by when they were ingested, and `since`/`until` leave them out).",
        examples=["2021-03-23T09:30:00Z"])
    topics: list[str] = ApiField(default=[], description="Slugs of the topics it is about.",
                                 examples=[["nato", "turkey"]])
    topic_matches: list[QuoteTopicMatch] = ApiField(
        default=[], description="Each of its topics with the words that tagged it (`topics` "
        "in detail; not in CSV exports).")
    content: QuoteContent | None = ApiField(
        default=None,
        description="For a partial quote (a few quoted words inside the reporter's sentence: "
        "`Blinken said it would be \u201ctough\u201d for ...`), the reported clause around them, "
        "the span an annotator marks as what was said; null when the quote is whole (`text` is "
        "the statement) and for reported speech. Cite `content` when you need the full claim, "
        "`text` when you need the speaker's exact words.")
    utterance_id: int | None = ApiField(
        default=None, description="The utterance: every outlet's rendering of these words.",
        examples=[7])
    context_before: str = ApiField(
        default="", description="Up to 160 characters before the quote, within its paragraph.",
        examples=["Blinken said: \u201c"])
    context_after: str = ApiField(
        default="", description="Up to 160 characters after the quote, within its paragraph.",
        examples=["\u201d he told reporters."])
    article: ArticleSummary | None = ApiField(
        default=None, description="The article in brief; only with `include=article`.")


QuoteRow = create_model(
    "QuoteRow",
    __doc__="A quote as exported (CSV, NDJSON): its article's headline and URL beside it.",
    **{name: (info.annotation, info) for name, info in QuotePublic.model_fields.items()
       if name not in ("article", "topic_matches")},  # type: ignore[call-overload]
    article_title=(str | None, ApiField(description="Its article's headline.",
                                        examples=["Blinken says US wants to 'revitalize' NATO"])),
    article_url=(str | None, ApiField(description="Its article's URL.",
                                      examples=["https://www.example.org/news/blinken-nato"])),
)
