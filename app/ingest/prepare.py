"""The CPU-bound half of ingestion: clean, extract and tag one article, no database needed."""
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.ingest.cleaning import CleanArticle, clean_article
from app.models import ArticleCreate
from app.nlp.entities import extract_entities
from app.nlp.extract import extract
from app.nlp.records import Entity, Extraction, TopicDefinition, TopicMatch
from app.nlp.stories import content_words
from app.nlp.text import sentence_spans
from app.nlp.topic_rules import central_topics, quote_topics
from app.nlp.topics import TopicOccurrence, topic_occurrences


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """Everything an article yields before it touches the database (picklable, for workers)."""

    record: ArticleCreate  # without its text: the cleaned body is what is stored
    clean: CleanArticle
    digest: str  # content_hash of the body: the same article, however it is spaced
    text_digest: str  # content_hash without the headline: the same text under another title
    extraction: Extraction
    entities: tuple[Entity, ...]
    topics: tuple[TopicMatch, ...]
    quote_topics: tuple[tuple[TopicMatch, ...], ...]
    words: frozenset[str]  # content vocabulary, for grouping articles into stories

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the words as one string: unpickling hundreds of strings into a set costs more
        return _unpickle, (self.record, self.clean, self.digest, self.text_digest,
                           self.extraction, self.entities, self.topics, self.quote_topics,
                           " ".join(self.words))


def _unpickle(*fields: Any) -> PreparedArticle:
    return PreparedArticle(*fields[:-1], words=frozenset(fields[-1].split()))


def content_hash(body: str) -> str:
    """Hash of the body's words, so whitespace or case changes don't make a new article."""
    return _hash_words(body.lower().split())


def _hash_words(words: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _body_hashes(body: str, *, headlined: bool) -> tuple[str, str]:
    """content_hash of the body, and of the body without its headline paragraph (the words
    split once: the headline's are the first ones)."""
    words = body.lower().split()
    digest = _hash_words(words)
    if not headlined or "\n\n" not in body:
        return digest, digest
    headline_words = len(body.split("\n\n", 1)[0].split())
    return digest, _hash_words(words[headline_words:])


def prepare_article(record: ArticleCreate, *,
                    topics: Sequence[TopicDefinition]) -> PreparedArticle:
    """Clean, extract and tag one article."""
    clean = clean_article(record)
    body = clean.body
    extraction = extract(body, headline=bool(clean.title))
    occurrences = topic_occurrences(body, topics)
    digest, text_digest = _body_hashes(body, headlined=bool(clean.title))
    return PreparedArticle(
        record=ArticleCreate.model_construct(**record.model_dump(exclude={"text"}), text=""),
        clean=clean, digest=digest, text_digest=text_digest,
        extraction=extraction, entities=extract_entities(body),
        topics=central_topics(body, paragraphs=extraction.paragraphs,
                              headlined=bool(clean.title), occurrences=occurrences,
                              definitions=topics),
        quote_topics=quote_topic_matches(body=body, paragraphs=extraction.paragraphs,
                                         quotes=extraction.quotes, definitions=topics,
                                         occurrences=occurrences),
        words=content_words(body))


class QuoteSpan(Protocol):
    paragraph: int
    start: int
    end: int
    speaker_mention: str | None
    cue: str | None


def quote_topic_matches(
    *, body: str, paragraphs: Sequence[tuple[int, int]], quotes: Iterable[QuoteSpan],
    definitions: Sequence[TopicDefinition], occurrences: Sequence[TopicOccurrence] | None = None,
) -> tuple[tuple[TopicMatch, ...], ...]:
    """Topics of each quote, from the quote, its attribution and, when the topic is the
    paragraph's subject, its paragraph (app.nlp.topic_rules; the body's keywords found once, or
    given as its `occurrences`)."""
    if occurrences is None:
        occurrences = topic_occurrences(body, definitions)
    sentences: dict[int, list[tuple[int, int]]] = {}
    results = []
    for found in quotes:
        number = found.paragraph if 0 <= found.paragraph < len(paragraphs) else -1
        paragraph = paragraphs[number] if number >= 0 else (found.start, found.end)
        if number >= 0 and number not in sentences:
            sentences[number] = sentence_spans(body, *paragraph)
        results.append(quote_topics(
            body, quote=(found.start, found.end), paragraph=paragraph, occurrences=occurrences,
            definitions=definitions, speaker_mention=found.speaker_mention, cue=found.cue,
            sentences=sentences[number] if number >= 0 else None))
    return tuple(results)
