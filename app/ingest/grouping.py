"""Utterances kept up to date as quotes come and go: after each batch, the quotes of every
speaker it quoted are regrouped from scratch (app.nlp.utterances) and what changed is stored.

Speakers are keyed by their id, so quotes of different speakers never share an utterance. Quotes
without a speaker, and a duplicate article's quotes, have none.
"""
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from app.ingest.inserts import insert_returning_ids
from app.models import Article, Quote, Utterance, utcnow
from app.nlp.utterances import QuoteForGrouping, group_utterances
from app.nlp.utterances import Utterance as FoundUtterance


def quotes_for_grouping(session: Session, where: object) -> list[QuoteForGrouping]:
    rows = session.execute(select(Quote.id, Quote.speaker_id, Quote.text, Quote.kind,
                                  Quote.article_id, Quote.outlet_id)
                           .where(col(Quote.speaker_id).is_not(None)).where(where)).all()
    return [QuoteForGrouping(i, str(s), t, k, a, str(o) if o else None)
            for i, s, t, k, a, o in rows]


def regroup_speakers(*, session: Session, speaker_ids: Collection[int]) -> set[int]:
    """Regroup every counted quote of these speakers into utterances from scratch, and store
    what changed: an utterance depends on all of its speaker's quotes and on nothing else, so
    the result is the same whatever order or batches the quotes came in. Returns the articles
    whose utterances changed (each of their quotes' utterance gained or lost a quote)."""
    quotes, current = [], {}
    for chunk in _chunks(sorted(speaker_ids)):
        for row in session.execute(
                select(Quote.id, Quote.speaker_id, Quote.text, Quote.kind, Quote.article_id,
                       Quote.outlet_id, Quote.utterance_id, Article.duplicate_of_id)
                .join(Article, col(Article.id) == Quote.article_id)
                .where(col(Quote.speaker_id).in_(chunk))).all():
            if row[7] is not None:  # tested here: in SQL, SQLite would read every original
                continue
            quotes.append(QuoteForGrouping(row[0], str(row[1]), row[2], row[3], row[4],
                                           str(row[5]) if row[5] else None))
            current[row[0]] = row[6]
    found = group_utterances(quotes)
    kept, fresh = _match_utterances(found, current)
    texts = dict(session.execute(select(Utterance.id, Utterance.text).where(
        col(Utterance.id).in_(kept))).all()) if kept else {}
    for utterance_id, utterance in kept.items():
        if texts.get(utterance_id) != utterance.text:
            session.execute(update(Utterance).where(col(Utterance.id) == utterance_id)
                            .values(text=utterance.text))
    ids = insert_utterances(session, fresh)
    utterance_of = {q: u for u, found_one in kept.items() for q in found_one.quote_ids}
    utterance_of.update((q, u) for found_one, u in zip(fresh, ids, strict=True)
                        for q in found_one.quote_ids)
    moved = {q: u for q, u in utterance_of.items() if current[q] != u}
    set_utterances(session, moved)
    changed = {current[q] for q in moved} | set(moved.values())
    changed.discard(None)
    refresh_utterances(session=session, utterance_ids=changed)  # type: ignore[arg-type]
    return {q.article_id for q in quotes if utterance_of[q.id] in changed}


def _match_utterances(found: Sequence[FoundUtterance], current: dict[int, int | None]
                      ) -> tuple[dict[int, FoundUtterance], list[FoundUtterance]]:
    """Which groups keep a stored utterance ({id: group}; each keeps the id most of its quotes
    have, the smallest among equals, unless a larger group took it first) and which are new."""
    kept: dict[int, FoundUtterance] = {}
    fresh: list[FoundUtterance] = []
    for group in sorted(found, key=lambda u: (-len(u.quote_ids), u.quote_ids)):
        held: dict[int, int] = {}
        for quote_id in group.quote_ids:
            if (u := current[quote_id]) is not None and u not in kept:
                held[u] = held.get(u, 0) + 1
        if held:
            kept[min(held, key=lambda u: (-held[u], u))] = group
        else:
            fresh.append(group)
    return kept, fresh


def regroup_quotes(*, session: Session, quote_ids: Collection[int]) -> set[int]:
    """Regroup the utterances of these quotes' speakers, and of the speakers of the utterances
    they are in (e.g. after quotes moved to another speaker record), then the stories around
    every article whose utterances changed. Returns those articles."""
    speakers: set[int] = set()
    for chunk in _chunks(sorted(quote_ids)):
        rows = session.execute(select(Quote.speaker_id, Quote.utterance_id)
                               .where(col(Quote.id).in_(chunk))).all()
        speakers.update(s for s, _ in rows if s is not None)
        utterances = {u for _, u in rows if u is not None}
        if utterances:
            speakers.update(s for s in session.exec(select(Utterance.speaker_id).where(
                col(Utterance.id).in_(utterances))).all() if s is not None)
    articles = regroup_speakers(session=session, speaker_ids=speakers)
    from app.ingest.stories import regroup_stories  # stories read utterances, not the reverse
    regroup_stories(session=session, article_ids=articles)
    return articles


CHUNK = 500  # values in one IN (...) list


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def insert_utterances(session: Session, found: Sequence[FoundUtterance]) -> list[int]:
    """Insert the utterances in one statement, uncounted (see refresh_utterances); their ids."""
    if not found:
        return []
    now = utcnow()
    rows = [dict(speaker_id=int(u.speaker) if u.speaker else None, text=u.text, quote_count=0,
                 outlet_count=0, first_reported_at=None, updated_at=now) for u in found]
    return insert_returning_ids(session, Utterance.__table__, rows)  # type: ignore[attr-defined]


def set_utterances(session: Session, utterance_of: dict[int, int]) -> None:
    """Point each quote at its utterance: {quote id: utterance id}, one executemany."""
    if not utterance_of:
        return
    table = Quote.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        table.update().where(table.c.id == bindparam("quote_id"))
        .values(utterance_id=bindparam("utterance_id")),
        [dict(quote_id=q, utterance_id=u) for q, u in sorted(utterance_of.items())])


def refresh_utterances(*, session: Session, utterance_ids: set[int]) -> None:
    """Recount quotes and outlets of these utterances; drop the ones left without quotes."""
    if not utterance_ids:
        return
    found: dict[int, list[tuple[int | None, datetime]]] = {}
    for chunk in _chunks(sorted(utterance_ids)):
        # originals picked here: a `duplicate_of_id IS NULL` test makes SQLite read them all
        for utterance_id, outlet_id, reported_at, copy_of in session.execute(
                select(Quote.utterance_id, Quote.outlet_id, Quote.reported_at,
                       Article.duplicate_of_id)
                .join(Article, col(Article.id) == Quote.article_id)
                .where(col(Quote.utterance_id).in_(chunk))).all():
            if copy_of is None:
                found.setdefault(utterance_id, []).append((outlet_id, reported_at))
    stats = [(u, len(quotes), len({o for o, _ in quotes if o is not None}),
              min(r for _, r in quotes)) for u, quotes in sorted(found.items())]
    seen = {row[0] for row in stats}
    now = utcnow()
    if stats:
        table = Utterance.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id")).values(
                quote_count=bindparam("quotes"), outlet_count=bindparam("outlets"),
                first_reported_at=bindparam("first"), updated_at=now),
            [dict(row_id=u, quotes=q, outlets=o, first=f) for u, q, o, f in stats])
    empty = utterance_ids - seen
    if empty:
        still_used = set(session.exec(select(Quote.utterance_id).where(
            col(Quote.utterance_id).in_(empty))).all())
        for utterance_id in empty - still_used:
            session.execute(Utterance.__table__.delete().where(  # type: ignore[attr-defined]
                Utterance.__table__.c.id == utterance_id))  # type: ignore[attr-defined]
        for utterance_id in empty & still_used:  # only duplicates' quotes left: count nothing
            session.execute(update(Utterance).where(col(Utterance.id) == utterance_id).values(
                quote_count=0, outlet_count=0, updated_at=now))
