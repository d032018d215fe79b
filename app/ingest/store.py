"""Storage of a batch of cleaned, extracted articles: every row they yield, in the caller's
transaction, a few statements per table for the whole batch (never one per article)."""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.ingest.inserts import (
    allocate_ids,
    insert_ignoring_duplicates,
    insert_rows,
    insert_searchable_rows,
)
from app.ingest.prepare import PreparedArticle
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
from app.nlp.records import TopicMatch

CONTEXT_CHARS = 160


@dataclass
class KnownRows:
    """Rows already looked up in this transaction, so that a batch asks for each only once.

    Outlets and entities are never deleted while ingesting; speakers are (orphans of a replaced
    article), so `forget_speakers` must follow any deletion."""

    speakers: KnownSpeakers = field(default_factory=KnownSpeakers)
    entities: dict[tuple[str, str], int] = field(default_factory=dict)  # (type, slug) -> id
    outlets: dict[str, Outlet] = field(default_factory=dict)  # by slug

    def forget_speakers(self) -> None:
        self.speakers.families.clear()


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article just inserted, with what the rest of its batch (counts, grouping) needs."""

    id: int
    title: str | None
    content_hash: str
    published_at: datetime | None
    body: str
    outlet_id: int | None
    duplicate_of_id: int | None
    quotes: tuple[tuple[int, int | None], ...]  # (quote id, speaker id)
    entities: dict[int, int]  # entity id -> mentions


def store_articles(*, session: Session, batch: Sequence[PreparedArticle],
                   topics: dict[str, Topic], known: KnownRows) -> list[NewArticle]:
    """Insert the articles (none of them stored yet) and their quotes, speakers, topics and
    entities. A copy of a stored article, or of an earlier one of the batch, is stored as its
    duplicate (see Article.text_hash)."""
    if not batch:
        return []
    now = utcnow()
    ids = allocate_ids(session, Article.__table__, len(batch))  # type: ignore[attr-defined]
    # `duplicate_of_id IS NULL` is tested here, not in SQL: SQLite would read every original
    originals = {text_hash: article_id for text_hash, article_id, duplicate_of in session.execute(
        select(Article.text_hash, Article.id, Article.duplicate_of_id).where(
            col(Article.text_hash).in_({p.text_digest for p in batch}))).all()
        if duplicate_of is None}
    rows = []
    for prepared, article_id in zip(batch, ids, strict=True):
        record, clean = prepared.record, prepared.clean
        outlet = _outlet(session, record.outlet, record.url, known)
        published = record.published_at or clean.published_at
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        original = originals.setdefault(prepared.text_digest, article_id)
        rows.append(dict(
            id=article_id, title=(record.title or clean.title or None), url=record.url,
            content_hash=prepared.digest, text_hash=prepared.text_digest,
            duplicate_of_id=original if original != article_id else None, story_id=None,
            outlet_id=outlet.id if outlet else None, published_at=published,
            byline=record.byline or clean.byline, body=clean.body, created_at=now,
            updated_at=now))
    insert_searchable_rows(session, Article.__table__, rows)  # type: ignore[attr-defined]
    quotes = _store_quotes(session, batch, rows, topics, known, now)
    link_article_topics(session=session, article_ids=ids, matches=[p.topics for p in batch],
                        topics=topics)
    entities = _store_entities(session, batch, ids, known, now)
    return [NewArticle(row["id"], row["title"], row["content_hash"], row["published_at"],  # type: ignore[arg-type]
                       row["body"], row["outlet_id"], row["duplicate_of_id"], article_quotes,  # type: ignore[arg-type]
                       article_entities)
            for row, article_quotes, article_entities in zip(rows, quotes, entities, strict=True)]


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


def _outlet(session: Session, outlet: str | None, url: str | None,
            known: KnownRows) -> Outlet | None:
    if (names := outlet_slug_and_name(outlet, url)) is None:
        return None
    slug, name = names
    if slug not in known.outlets:
        known.outlets[slug] = get_or_create_outlet(session=session, slug=slug, name=name)
    return known.outlets[slug]


def _store_quotes(session: Session, batch: Sequence[PreparedArticle],
                  articles: Sequence[dict[str, object]], topics: dict[str, Topic],
                  known: KnownRows, now: datetime) -> list[tuple[tuple[int, int | None], ...]]:
    """Insert every quote of the batch with its speaker and topics (utterances are grouped once
    the batch is stored); (id, speaker id) per quote, per article."""
    speakers = resolve_speakers(session=session, known=known.speakers,
                                people=[p.extraction.speakers for p in batch],
                                article_ids=[a["id"] for a in articles])  # type: ignore[misc]
    rows, links = [], []
    for prepared, article, found_speakers in zip(batch, articles, speakers, strict=True):
        body = prepared.clean.body
        reported_at = article["published_at"] or article["created_at"]
        for found in prepared.extraction.quotes:
            speaker = found_speakers.get(found.speaker) if found.speaker else None
            rows.append(dict(
                article_id=article["id"], speaker_id=speaker.id if speaker else None,
                text=found.text, kind=found.kind, cue=(found.cue or None) and found.cue[:100],
                speaker_mention=(found.speaker_mention or None) and found.speaker_mention[:300],
                paragraph=found.paragraph, start=found.start, end=found.end,
                confidence=found.confidence, headline=found.headline,
                outlet_id=article["outlet_id"], reported_at=reported_at,
                context_before=_context_before(body, found.start),
                context_after=_context_after(body, found.end),
                content_text=body[found.content[0]:found.content[1]] if found.content else None,
                content_start=found.content[0] if found.content else None,
                content_end=found.content[1] if found.content else None,
                created_at=now, updated_at=now))
        links.extend(prepared.quote_topics)
    ids = allocate_ids(session, Quote.__table__, len(rows))  # type: ignore[attr-defined]
    for row, quote_id in zip(rows, ids, strict=True):
        row["id"] = quote_id
    insert_searchable_rows(session, Quote.__table__, rows)  # type: ignore[attr-defined]
    insert_rows(session, QuoteTopic.__table__, [  # type: ignore[attr-defined]
        dict(quote_id=quote_id, topic_id=topics[m.slug].id, triggers=list(m.triggers))
        for quote_id, matches in zip(ids, links, strict=True) for m in matches])
    by_article: dict[object, list[tuple[int, int | None]]] = {a["id"]: [] for a in articles}
    for row in rows:
        by_article[row["article_id"]].append((row["id"], row["speaker_id"]))  # type: ignore[arg-type]
    return [tuple(by_article[a["id"]]) for a in articles]


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


def link_article_topics(*, session: Session, article_ids: Sequence[int],
                        matches: Sequence[Sequence[TopicMatch]], topics: dict[str, Topic]) -> None:
    """Tag each article with its topic matches."""
    rows = [dict(article_id=article_id, topic_id=topics[m.slug].id, triggers=list(m.triggers),
                 count=m.count)
            for article_id, article_matches in zip(article_ids, matches, strict=True)
            for m in article_matches]
    insert_rows(session, ArticleTopic.__table__, rows)  # type: ignore[attr-defined]


def _store_entities(session: Session, batch: Sequence[PreparedArticle], article_ids: Sequence[int],
                    known: KnownRows, now: datetime) -> list[dict[int, int]]:
    """Link each article to its entities, creating the new ones; {entity id: mentions} each."""
    per_article: list[dict[tuple[str, str], int]] = []
    names: dict[tuple[str, str], str] = {}
    for prepared in batch:
        counts: dict[tuple[str, str], int] = {}
        for found in prepared.entities:
            key = (found.type, slugify(found.name)[:300])
            if key[1]:
                counts[key] = counts.get(key, 0) + found.count
                names.setdefault(key, found.name[:300])
        per_article.append(counts)
    ids = known.entities
    if unknown := names.keys() - ids.keys():
        ids.update(_entity_ids(session, unknown))
    if missing := names.keys() - ids.keys():
        inserted = insert_ignoring_duplicates(session, Entity, [
            dict(name=names[key], type=key[0], slug=key[1], mention_count=0, article_count=0,
                 updated_at=now) for key in sorted(missing)],
            returning=("type", "slug", "id"))
        ids.update({(type_, slug): entity_id for type_, slug, entity_id in inserted})
    if missing := names.keys() - ids.keys():  # inserted meanwhile by another writer
        ids.update(_entity_ids(session, missing))
    links = [dict(article_id=article_id, entity_id=ids[key], count=count)
             for article_id, counts in zip(article_ids, per_article, strict=True)
             for key, count in counts.items()]
    insert_rows(session, ArticleEntity.__table__, links)  # type: ignore[attr-defined]
    return [{ids[key]: count for key, count in counts.items()} for counts in per_article]


def _entity_ids(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    keys = list(keys)
    rows = session.exec(select(Entity.type, Entity.slug, Entity.id).where(
        col(Entity.slug).in_([slug for _, slug in keys]))).all()
    wanted = set(keys)
    return {(t, s): i for t, s, i in rows if (t, s) in wanted}  # type: ignore[misc]
