"""Frozen result records. Offsets are character offsets into the text given to the extractor."""
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect"]
EntityType = Literal["person", "organization", "place"]


class _Record:
    """A frozen record pickled as its constructor's arguments: about twice as fast both ways as
    the slot state dataclasses pickle, and results cross from extraction workers by the
    thousand."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), tuple([getattr(self, name) for name in self.__slots__])


@dataclass(frozen=True, slots=True)
class Quote(_Record):
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
    content: tuple[int, int] | None = None
    """For a partial quote (it would be "tough" for ...): offsets of the reported clause around it,
    the span annotators mark as the quote's content; None for whole quotes and reported speech."""


@dataclass(frozen=True, slots=True)
class Person(_Record):
    """A person (or organisation) the article quotes, with every way it refers to them."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    is_organization: bool = False


@dataclass(frozen=True, slots=True)
class Entity(_Record):
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
class TopicMatch(_Record):
    slug: str
    triggers: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Extraction(_Record):
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Person, ...] = ()
    entities: tuple[Entity, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = field(default=())
