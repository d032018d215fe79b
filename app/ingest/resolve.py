"""Speaker identity rebuilt from scratch (`python -m app resolve`, and `regroup`).

The people each article quotes (article_speaker) are resolved again, article after article in
the order they were stored, by the same steps as ingestion (app.ingest.speakers, then
app.ingest.speaker_merges after every batch), so the records equal those incremental ingestion
gives; then each quote is given the record of its article's person. A slug that no longer names
a record becomes a redirect to the record holding most of its quotes."""
from collections import Counter, defaultdict

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlmodel import Session, col

from app.ingest.inserts import insert_ignoring_duplicates
from app.ingest.speaker_merges import recount_speakers, settle_speakers
from app.ingest.speakers import RESOLUTION_LOCK, KnownSpeakers, resolve_speakers
from app.models import (
    Article,
    ArticleSpeaker,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerRedirect,
    Utterance,
)
from app.nlp.records import Person

BATCH = 512  # articles resolved before their records are settled, as an ingest batch is

ArticlePeople = tuple[int, tuple[Person, ...], dict[str, int]]
"""(article id, its people, the old record id of each by name)."""


def resolve_all(*, session: Session) -> int:
    """Rebuild every speaker record from the articles' people; returns the number of records."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RESOLUTION_LOCK})
    articles = _article_people(session)
    old_slugs = [*session.execute(select(Speaker.slug, Speaker.id)).all(),
                 *session.execute(select(SpeakerRedirect.slug, SpeakerRedirect.speaker_id))
                 .all()]
    quotes = [(quote_id, article_id, speaker_id) for quote_id, article_id, speaker_id in
              session.execute(select(Quote.id, Quote.article_id, Quote.speaker_id).where(
                  col(Quote.speaker_id).is_not(None))).all()]
    session.execute(update(Quote).values(speaker_id=None))
    session.execute(update(Utterance).values(speaker_id=None))
    for table in (ArticleSpeaker, SpeakerAlias, SpeakerRedirect, Speaker):
        session.execute(delete(table))
    for start in range(0, len(articles), BATCH):
        chunk = articles[start:start + BATCH]
        known = KnownSpeakers()
        resolve_speakers(session=session, people=[people for _, people, _ in chunk],
                         article_ids=[article_id for article_id, _, _ in chunk], known=known)
        settle_speakers(session=session, merges=known.merges, speaker_ids=known.touched_speakers)
    new_of = _new_records(session, articles)
    moves = [dict(quote_id=quote_id, new=new_of.get((article_id, speaker_id)))
             for quote_id, article_id, speaker_id in quotes]
    _set_quote_speakers(session, moves)
    _count_and_redirect(session, quotes, new_of, old_slugs)
    session.commit()
    return session.execute(select(func.count()).select_from(Speaker)).scalar_one()


def _article_people(session: Session) -> list[ArticlePeople]:
    """Every article's people, oldest article first; an article stored before people were kept
    (no article_speaker rows) gets one per record its quotes have, named as the record is."""
    rows = session.execute(select(
        ArticleSpeaker.article_id, ArticleSpeaker.speaker_id, ArticleSpeaker.name,
        ArticleSpeaker.role, ArticleSpeaker.is_organization, ArticleSpeaker.aliases)
        .order_by(ArticleSpeaker.article_id, ArticleSpeaker.id)).all()
    found: dict[int, list[tuple[int, Person]]] = defaultdict(list)
    for article_id, speaker_id, name, role, is_organization, aliases in rows:
        found[article_id].append((speaker_id, Person(
            name, tuple(a for a in aliases.split("\n") if a), role, is_organization)))
    for article_id, speaker_id, name, role, is_organization in session.execute(
            select(Quote.article_id, Speaker.id, Speaker.name, Speaker.role,
                   Speaker.is_organization).distinct().join(Speaker, col(Quote.speaker_id)
                                                            == Speaker.id)
            .where(col(Quote.article_id).not_in(select(ArticleSpeaker.article_id)))).all():
        found[article_id].append((speaker_id, Person(name, (), role, is_organization)))
    stored = session.execute(select(Article.id).order_by(Article.id)).scalars().all()
    return [(article_id, tuple(person for _, person in found[article_id]),
             {person.name: speaker_id for speaker_id, person in found[article_id]})
            for article_id in stored if article_id in found]


def _new_records(session: Session, articles: list[ArticlePeople]) -> dict[tuple[int, int], int]:
    """(article id, old record id) -> the new record of that article's person."""
    new_by_name = {(article_id, name): speaker_id for article_id, name, speaker_id in
                   session.execute(select(ArticleSpeaker.article_id, ArticleSpeaker.name,
                                          ArticleSpeaker.speaker_id)).all()}
    new_of: dict[tuple[int, int], int] = {}
    for article_id, _, old_ids in articles:
        for name, old_id in old_ids.items():
            if (article_id, name) in new_by_name:
                new_of.setdefault((article_id, old_id), new_by_name[article_id, name])
    return new_of


def _set_quote_speakers(session: Session, moves: list[dict[str, int | None]]) -> None:
    if moves:
        session.connection().execute(update(Quote).where(
            Quote.id == bindparam("quote_id")).values(speaker_id=bindparam("new")), moves)  # type: ignore[arg-type]
    session.execute(update(Utterance).values(speaker_id=select(Quote.speaker_id).where(
        Quote.utterance_id == Utterance.id).order_by(Quote.id).limit(1).scalar_subquery()))


def _count_and_redirect(session: Session, quotes: list[tuple[int, int, int]],
                        new_of: dict[tuple[int, int], int],
                        old_slugs: list[tuple[str, int]]) -> None:
    """Recount the records' quotes; point each slug that named a record before (or already
    redirected) and names none now at the record holding most of its quotes."""
    recount_speakers(session=session)
    went: dict[int, Counter[int]] = defaultdict(Counter)
    for _, article_id, old_id in quotes:
        if (new := new_of.get((article_id, old_id))) is not None:
            went[old_id][new] += 1
    target = {old_id: counter.most_common(1)[0][0] for old_id, counter in went.items()}
    live = set(session.execute(select(Speaker.slug)).scalars().all())
    rows = {slug: target[old_id] for slug, old_id in old_slugs
            if old_id in target and slug not in live}
    if rows:
        insert_ignoring_duplicates(session, SpeakerRedirect, [
            dict(slug=slug, speaker_id=speaker_id) for slug, speaker_id in sorted(rows.items())])
