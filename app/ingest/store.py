"""Storage of one cleaned, extracted article: every row it yields, in the caller's transaction."""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.ingest.inserts import insert_ignoring_duplicates, insert_returning_ids
from app.ingest.speakers import KnownSpeakers, resolve_speakers
from app.models import (
    Article,
    ArticleEntity,
    ArticleTopic,
    Entity,
    Outlet,
    Quote,
    QuoteTopic,
    Topic,
    utcnow,
)
from app.nlp.people import slugify
from app.nlp.records import Entity as FoundEntity
from app.nlp.records import Extraction, TopicDefinition, TopicMatch
from app.nlp.topics import match_topics

CONTEXT_CHARS = 160


@dataclass
class KnownRows:
    """Rows already looked up in this transaction, so that a batch asks for each only once.

    Outlets and entities are never deleted while ingesting; speakers are (orphans of a replaced
    article), so `forget_speakers` must follow any deletion."""

    speakers: KnownSpeakers = field(default_factory=dict)
    entities: dict[tuple[str, str], int] = field(default_factory=dict)  # (type, slug) -> id
    outlets: dict[str, Outlet] = field(default_factory=dict)  # by slug

    def forget_speakers(self) -> None:
        self.speakers.clear()


def outlet_slug_and_name(outlet: str | None, url: str | None) -> tuple[str, str] | None:
    """The outlet named in the record, else the url's domain without `www.`."""
    name = (outlet or "").strip()
    if not name and url:
        name = urlsplit(url).hostname or ""
        name = name.removeprefix("www.")
    if not name:
        return None
    return slugify(name) or "unknown", name


def get_or_create_outlet(*, session: Session, slug: str, name: str) -> Outlet:
    """The outlet with this slug, created when new (safe against a concurrent writer)."""
    outlet = session.exec(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet:
        return outlet
    try:
        with session.begin_nested():
            outlet = Outlet(slug=slug, name=name)
            session.add(outlet)
        return outlet
    except IntegrityError:
        return session.exec(select(Outlet).where(Outlet.slug == slug)).one()


class QuoteSpan(Protocol):
    paragraph: int
    start: int
    end: int
    text: str


def quote_topic_matches(
    *, body: str, paragraphs: Sequence[tuple[int, int]], quotes: Iterable[QuoteSpan],
    definitions: Sequence[TopicDefinition],
) -> tuple[tuple[TopicMatch, ...], ...]:
    """Topics of each quote, from the quote and its paragraph (each paragraph matched once)."""
    by_paragraph: dict[int, tuple[TopicMatch, ...]] = {}
    results = []
    for found in quotes:
        in_range = 0 <= found.paragraph < len(paragraphs)
        if found.paragraph not in by_paragraph and in_range:
            start, end = paragraphs[found.paragraph]
            by_paragraph[found.paragraph] = match_topics(body[start:end], definitions)
        matches = {m.slug: m for m in by_paragraph.get(found.paragraph, ())}
        start, end = paragraphs[found.paragraph] if found.paragraph in by_paragraph else (0, 0)
        if not (start <= found.start and found.end <= end):  # runs beyond its first paragraph
            for match in match_topics(found.text, definitions):
                matches.setdefault(match.slug, match)
        results.append(tuple(matches.values()))
    return tuple(results)


def store_quotes(*, session: Session, article: Article, extraction: Extraction,
                 topics: dict[str, Topic], quote_topics: Sequence[Sequence[TopicMatch]],
                 known: KnownRows | None = None) -> list[tuple[int, int | None]]:
    """Insert the article's quotes with their speakers and topics; returns (id, speaker_id)s."""
    speakers = resolve_speakers(session=session, people=extraction.speakers,
                                known=known.speakers if known else None)
    body, now = article.body, utcnow()
    reported_at = article.published_at or article.created_at
    rows = []
    for found in extraction.quotes:
        speaker = speakers.get(found.speaker) if found.speaker else None
        rows.append(dict(
            article_id=article.id, speaker_id=speaker.id if speaker else None, text=found.text,
            kind=found.kind, cue=(found.cue or None) and found.cue[:100],
            speaker_mention=(found.speaker_mention or None) and found.speaker_mention[:300],
            paragraph=found.paragraph, start=found.start, end=found.end,
            confidence=found.confidence, headline=found.headline,
            outlet_id=article.outlet_id, reported_at=reported_at,
            context_before=_context_before(body, found.start),
            context_after=_context_after(body, found.end), created_at=now, updated_at=now,
        ))
    if not rows:
        return []
    ids = insert_returning_ids(session, Quote.__table__, rows)  # type: ignore[attr-defined]
    links = [dict(quote_id=quote_id, topic_id=topics[m.slug].id, triggers=list(m.triggers))
             for quote_id, matches in zip(ids, quote_topics, strict=True) for m in matches]
    if links:
        session.connection().execute(QuoteTopic.__table__.insert(), links)  # type: ignore[attr-defined]
    return [(quote_id, row["speaker_id"]) for quote_id, row in zip(ids, rows, strict=True)]  # type: ignore[misc]


def _context_before(body: str, start: int) -> str:
    piece = body[max(0, start - CONTEXT_CHARS):start]
    if start > CONTEXT_CHARS and " " in piece:
        piece = piece.split(" ", 1)[1]
    return piece.split("\n\n")[-1][-CONTEXT_CHARS:]


def _context_after(body: str, end: int) -> str:
    piece = body[end:end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(body) and " " in piece:
        piece = piece.rsplit(" ", 1)[0]
    return piece.split("\n\n")[0][:CONTEXT_CHARS]


def store_article_topics(*, session: Session, article: Article, topics: dict[str, Topic],
                         matches: Sequence[TopicMatch]) -> None:
    if matches:
        session.connection().execute(ArticleTopic.__table__.insert(), [  # type: ignore[attr-defined]
            dict(article_id=article.id, topic_id=topics[m.slug].id, triggers=list(m.triggers),
                 count=m.count) for m in matches])


def store_entities(*, session: Session, article: Article, entities: Iterable[FoundEntity],
                   known: KnownRows | None = None) -> dict[int, int]:
    """Link the article to its entities, creating the new ones; returns {entity id: mentions}."""
    counts: dict[tuple[str, str], int] = {}
    names: dict[tuple[str, str], str] = {}
    for found in entities:
        key = (found.type, slugify(found.name)[:300])
        if key[1]:
            counts[key] = counts.get(key, 0) + found.count
            names.setdefault(key, found.name[:300])
    if not counts:
        return {}
    ids = (known if known is not None else KnownRows()).entities
    if unknown := counts.keys() - ids.keys():
        ids.update(_entity_ids(session, unknown))
    if missing := counts.keys() - ids.keys():
        inserted = insert_ignoring_duplicates(session, Entity, [
            dict(name=names[key], type=key[0], slug=key[1], mention_count=0, article_count=0,
                 updated_at=utcnow()) for key in sorted(missing)],
            returning=("type", "slug", "id"))
        ids.update({(type_, slug): entity_id for type_, slug, entity_id in inserted})
    if missing := counts.keys() - ids.keys():  # inserted meanwhile by another writer
        ids.update(_entity_ids(session, missing))
    session.connection().execute(ArticleEntity.__table__.insert(), [  # type: ignore[attr-defined]
        dict(article_id=article.id, entity_id=ids[key], count=count)
        for key, count in counts.items()])
    return {ids[key]: count for key, count in counts.items()}


def _entity_ids(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    keys = list(keys)
    rows = session.exec(select(Entity.type, Entity.slug, Entity.id).where(
        col(Entity.slug).in_([slug for _, slug in keys]))).all()
    wanted = set(keys)
    return {(t, s): i for t, s, i in rows if (t, s) in wanted}  # type: ignore[misc]
