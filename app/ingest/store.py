"""Storage of one cleaned, extracted article: every row it yields, in the caller's transaction."""
from collections.abc import Iterable, Sequence
from typing import Protocol
from urllib.parse import urlsplit

from sqlalchemy import and_, or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.models import (
    Article,
    ArticleEntity,
    ArticleTopic,
    Entity,
    Outlet,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    Topic,
    utcnow,
)
from app.nlp.people import match_person, slugify
from app.nlp.records import Entity as FoundEntity
from app.nlp.records import Extraction, Person, TopicDefinition, TopicMatch
from app.nlp.topics import match_topics

CONTEXT_CHARS = 160


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


def family_key(name: str) -> str:
    """The last word of a name's slug: where speakers who may be the same person are looked up."""
    return slugify(name).rsplit("-", 1)[-1][:100]


def resolve_speakers(*, session: Session, people: Sequence[Person]) -> dict[str, Speaker]:
    """The stored speaker each person is (the same person across articles), creating new ones."""
    if not people:
        return {}
    candidates = list(session.exec(select(Speaker).where(
        col(Speaker.family_key).in_({family_key(p.name) for p in people}))).all())
    resolved: dict[str, Speaker] = {}
    new: list[Speaker] = []
    for person in people:
        same_kind = {s.name: s for s in candidates if s.is_organization == person.is_organization
                     and s.family_key == family_key(person.name)}
        matched = match_person(person.name, same_kind)
        speaker = same_kind[matched] if matched else None
        if speaker is None:  # stored below, all at once; a later person may still match it
            speaker = Speaker(name=person.name, slug=slugify(person.name) or "speaker",
                              family_key=family_key(person.name), role=person.role,
                              is_organization=person.is_organization)
            new.append(speaker)
            candidates.append(speaker)
        elif person.role and not speaker.role:
            speaker.role = person.role[:300]
            session.add(speaker)
        resolved[person.name] = speaker
    if new:
        _give_free_slugs(session, new)
        session.add_all(new)
        session.flush()
    aliases = {(speaker.id, alias[:300]) for person in people
               for speaker in [resolved[person.name]]
               for alias in (person.name, *person.aliases) if alias != speaker.name}
    if aliases:
        insert_ignoring_duplicates(session, SpeakerAlias, [
            dict(speaker_id=speaker_id, alias=alias) for speaker_id, alias in sorted(aliases)])
    return resolved


def _give_free_slugs(session: Session, speakers: Sequence[Speaker]) -> None:
    """Turn each new speaker's wanted slug into a free one (`name`, `name-2`, ...)."""
    wanted = {speaker.slug for speaker in speakers}
    # ranges, not LIKE: SQLite's case-blind LIKE can't use the slug index (slugs are ASCII)
    taken = set(session.exec(select(Speaker.slug).where(or_(*(
        and_(col(Speaker.slug) >= slug, col(Speaker.slug) < slug + "\x7f")
        for slug in wanted)))).all())
    for speaker in speakers:
        slug, n = speaker.slug, 2
        while speaker.slug in taken:
            speaker.slug, n = f"{slug}-{n}", n + 1
        taken.add(speaker.slug)


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
                 topics: dict[str, Topic],
                 quote_topics: Sequence[Sequence[TopicMatch]]) -> list[tuple[int, int | None]]:
    """Insert the article's quotes with their speakers and topics; returns (id, speaker_id)s."""
    speakers = resolve_speakers(session=session, people=extraction.speakers)
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
    quote_table = Quote.__table__  # type: ignore[attr-defined]
    inserted = session.connection().execute(
        quote_table.insert().returning(quote_table.c.id, quote_table.c.speaker_id,
                                       sort_by_parameter_order=True), rows).all()
    links = [dict(quote_id=quote_id, topic_id=topics[m.slug].id, triggers=list(m.triggers))
             for (quote_id, _), matches in zip(inserted, quote_topics, strict=True)
             for m in matches]
    if links:
        session.connection().execute(QuoteTopic.__table__.insert(), links)  # type: ignore[attr-defined]
    return [(quote_id, speaker_id) for quote_id, speaker_id in inserted]


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


def store_entities(*, session: Session, article: Article,
                   entities: Iterable[FoundEntity]) -> dict[int, int]:
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
    ids = _entity_ids(session, counts)
    if missing := counts.keys() - ids.keys():
        insert_ignoring_duplicates(session, Entity, [
            dict(name=names[key], type=key[0], slug=key[1], mention_count=0, article_count=0)
            for key in sorted(missing)])
        ids = _entity_ids(session, counts)
    session.connection().execute(ArticleEntity.__table__.insert(), [  # type: ignore[attr-defined]
        dict(article_id=article.id, entity_id=ids[key], count=count)
        for key, count in counts.items()])
    return {ids[key]: count for key, count in counts.items()}


def insert_ignoring_duplicates(session: Session, model: type, rows: list[dict[str, object]]
                               ) -> None:
    """Insert rows, skipping those a unique constraint says exist (e.g. made by another writer)."""
    dialect = session.get_bind().dialect.name
    insert_for = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = model.__table__  # type: ignore[attr-defined]
    session.connection().execute(insert_for(table).on_conflict_do_nothing(), rows)


def _entity_ids(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    keys = list(keys)
    rows = session.exec(select(Entity.type, Entity.slug, Entity.id).where(
        col(Entity.slug).in_([slug for _, slug in keys]))).all()
    wanted = set(keys)
    return {(t, s): i for t, s, i in rows if (t, s) in wanted}  # type: ignore[misc]
