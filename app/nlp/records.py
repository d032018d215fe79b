"""Frozen result records. Offsets are character offsets into the text given to the extractor."""
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "indirect"]
EntityType = Literal["person", "organization", "place"]


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation (or one piece of a split quotation) and who it is attributed to."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    paragraph: int
    cue: str | None = None
    speaker_mention: str | None = None
    speaker: str | None = None
    """Canonical name of the speaker within the article (full name), or None when unclear."""
    confidence: float = 0.0
    headline: bool = False
    clause: tuple[int, int] | None = None
    """For a partial quote (it would be "tough" for ...): offsets of the reported clause around it,
    the span annotators mark as the quote's content; None for whole quotes and reported speech."""


@dataclass(frozen=True, slots=True)
class Person:
    """A person (or organisation) the article quotes, with every way it refers to them."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    is_organization: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: EntityType
    count: int


@dataclass(frozen=True, slots=True)
class TopicDefinition:
    slug: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicMatch:
    slug: str
    triggers: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Extraction:
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Person, ...] = ()
    entities: tuple[Entity, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = field(default=())
