"""Storage of one cleaned, extracted article: every row it yields, in the caller's transaction."""
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from sqlalchemy import func, select as sa_select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.models import (
    Article, ArticleEntity, ArticleTopic, Entity, Outlet, Quote, QuoteTopic, Speaker,
    SpeakerAlias, Topic,
)
from app.nlp.people import match_person, slugify
from app.nlp.records import Entity as FoundEntity, Extraction, Person, TopicDefinition
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


def resolve_speaker(*, session: Session, person: Person) -> Speaker:
    """The stored speaker this person is (same person across articles), created when new."""
    surname = slugify(person.name).rsplit("-", 1)[-1]
    candidates = session.exec(
        select(Speaker)
        .where((col(Speaker.slug) == surname) | col(Speaker.slug).endswith(f"-{surname}"))
        .where(Speaker.is_organization == person.is_organization)
    ).all()
    by_name = {speaker.name: speaker for speaker in candidates}
    matched = match_person(person.name, by_name)
    speaker = by_name[matched] if matched else None
    if speaker is None:
        speaker = Speaker(name=person.name, slug=_free_slug(session, slugify(person.name)),
                          role=person.role, is_organization=person.is_organization)
        session.add(speaker)
        session.flush()
    elif person.role and not speaker.role:
        speaker.role = person.role
        session.add(speaker)
    known = set(session.exec(select(SpeakerAlias.alias)
                             .where(SpeakerAlias.speaker_id == speaker.id)).all())
    for alias in {person.name, *person.aliases} - known - {speaker.name}:
        session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias[:300]))
    return speaker


def _free_slug(session: Session, slug: str) -> str:
    slug = slug or "speaker"
    taken = set(session.exec(select(Speaker.slug).where(col(Speaker.slug).startswith(slug))).all())
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def store_quotes(*, session: Session, article: Article, extraction: Extraction,
                 topics: dict[str, Topic], definitions: Sequence[TopicDefinition]) -> list[Quote]:
    """Insert the article's quotes with their speakers and topics."""
    speakers = {p.name: resolve_speaker(session=session, person=p) for p in extraction.speakers}
    body, paragraphs = article.body, extraction.paragraphs
    rows = []
    for found in extraction.quotes:
        speaker = speakers.get(found.speaker) if found.speaker else None
        quote = Quote(
            article_id=article.id, speaker_id=speaker.id if speaker else None, text=found.text,
            kind=found.kind, cue=(found.cue or None) and found.cue[:100],
            speaker_mention=(found.speaker_mention or None) and found.speaker_mention[:300],
            paragraph=found.paragraph, start=found.start, end=found.end,
            confidence=found.confidence, headline=found.headline,
            outlet_id=article.outlet_id, reported_at=article.published_at or article.created_at,
            context_before=_context_before(body, found.start),
            context_after=_context_after(body, found.end),
        )
        session.add(quote)
        rows.append(quote)
    session.flush()
    for quote, found in zip(rows, extraction.quotes, strict=True):
        if 0 <= found.paragraph < len(paragraphs):
            start, end = paragraphs[found.paragraph]
            scope = body[start:end] if found.headline else f"{found.text}\n{body[start:end]}"
        else:
            scope = found.text
        for match in match_topics(scope, definitions):
            session.add(QuoteTopic(quote_id=quote.id, topic_id=topics[match.slug].id,
                                   triggers=list(match.triggers)))
    return rows


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
                         definitions: Sequence[TopicDefinition]) -> None:
    for match in match_topics(article.body, definitions):
        session.add(ArticleTopic(article_id=article.id, topic_id=topics[match.slug].id,
                                 triggers=list(match.triggers), count=match.count))


def store_entities(*, session: Session, article: Article, entities: Iterable[FoundEntity]) -> None:
    for found in entities:
        slug = slugify(found.name)[:300]
        if not slug:
            continue
        entity = session.exec(select(Entity).where(Entity.type == found.type,
                                                   Entity.slug == slug)).first()
        if entity is None:
            try:
                with session.begin_nested():
                    entity = Entity(name=found.name[:300], slug=slug, type=found.type)
                    session.add(entity)
            except IntegrityError:
                entity = session.exec(select(Entity).where(Entity.type == found.type,
                                                           Entity.slug == slug)).one()
        session.add(ArticleEntity(article_id=article.id, entity_id=entity.id, count=found.count))


def refresh_counts(*, session: Session, speaker_ids: set[int], topic_ids: set[int],
                   outlet_ids: set[int], entity_ids: set[int]) -> None:
    """Recompute the denormalised counts of the rows an ingest or a deletion touched."""
    session.flush()
    if speaker_ids:
        count = sa_select(func.count()).where(Quote.speaker_id == Speaker.id).scalar_subquery()
        session.execute(update(Speaker).where(col(Speaker.id).in_(speaker_ids))
                        .values(quote_count=count))
    if topic_ids:
        quotes = sa_select(func.count()).where(QuoteTopic.topic_id == Topic.id).scalar_subquery()
        articles = (sa_select(func.count()).where(ArticleTopic.topic_id == Topic.id)
                    .where(_not_duplicate(ArticleTopic.article_id)).scalar_subquery())
        session.execute(update(Topic).where(col(Topic.id).in_(topic_ids))
                        .values(quote_count=quotes, article_count=articles))
    if outlet_ids:
        articles = (sa_select(func.count()).where(Article.outlet_id == Outlet.id)
                    .where(col(Article.duplicate_of_id).is_(None)).scalar_subquery())
        quotes = (sa_select(func.count()).select_from(Quote)
                  .join(Article, col(Article.id) == Quote.article_id)
                  .where(Article.outlet_id == Outlet.id).scalar_subquery())
        session.execute(update(Outlet).where(col(Outlet.id).in_(outlet_ids))
                        .values(article_count=articles, quote_count=quotes))
    if entity_ids:
        mentions = (sa_select(func.coalesce(func.sum(ArticleEntity.count), 0))
                    .where(ArticleEntity.entity_id == Entity.id).scalar_subquery())
        articles = (sa_select(func.count()).where(ArticleEntity.entity_id == Entity.id)
                    .scalar_subquery())
        session.execute(update(Entity).where(col(Entity.id).in_(entity_ids))
                        .values(mention_count=mentions, article_count=articles))


def _not_duplicate(article_id):  # type: ignore[no-untyped-def]
    return article_id.in_(sa_select(Article.id).where(col(Article.duplicate_of_id).is_(None)))
