"""Utterances kept up to date as quotes come and go (the new ones grouped before they are stored).

Speakers are keyed by their id, so quotes of different speakers never share an utterance.
"""
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from app.ingest.inserts import (
    column_processor,
    execute_many,
    insert_returning_ids,
    select_union_all,
)
from app.models import Article, Quote, Utterance, utcnow
from app.nlp.utterance_index import UtteranceIndex, join_utterances
from app.nlp.utterances import QuoteForGrouping, group_utterances
from app.nlp.utterances import Utterance as FoundUtterance


def quotes_for_grouping(session: Session, where: object) -> list[QuoteForGrouping]:
    rows = session.execute(select(Quote.id, Quote.speaker_id, Quote.text, Quote.kind,
                                  Quote.article_id, Quote.outlet_id)
                           .where(col(Quote.speaker_id).is_not(None)).where(where)).all()
    return [QuoteForGrouping(i, str(s), t, k, a, str(o) if o else None)
            for i, s, t, k, a, o in rows]


class _KnownUtterances:
    """Every stored utterance, indexed in this process and topped up by id on each use.

    Only a source of candidates: the candidates are re-read from the database before anything
    joins them, so an utterance deleted or extended by another process is never used stale.
    """

    def __init__(self) -> None:
        self.index = UtteranceIndex()
        self.last_id = 0
        self.added: dict[int, tuple[str, str]] = {}  # indexed here before the top-up reads them

    def add(self, utterance_id: int, speaker: str, text: str) -> None:
        """Index an utterance this process is storing (the top-up then need not encode it)."""
        self.index.add(utterance_id, speaker, text)
        self.added[utterance_id] = (speaker, text)

    def candidates(self, session: Session, quotes: Sequence[QuoteForGrouping]
                   ) -> dict[int, tuple[str, str]]:
        """{id: (speaker, text)} of the stored utterances the quotes may join, as stored now."""
        newest = session.exec(select(func.max(Utterance.id))).one() or 0
        if newest < self.last_id:  # the table was emptied (ids restarted): start over
            self.__init__()  # type: ignore[misc]
        for utterance_id, speaker_id, text in session.execute(
                select(Utterance.id, Utterance.speaker_id, Utterance.text)
                .where(col(Utterance.id) > self.last_id).order_by(col(Utterance.id))).all():
            speaker = str(speaker_id) if speaker_id else None
            if self.added.pop(utterance_id, None) != (speaker, text):  # e.g. another writer's
                self.index.add(utterance_id, speaker, text)
            self.last_id = utterance_id
        self.added.clear()  # what was not read back was rolled back
        ids = {u for quote in quotes for u in self.index.candidates(quote)}
        rows = session.execute(select(Utterance.id, Utterance.speaker_id, Utterance.text)
                               .where(col(Utterance.id).in_(ids))).all() if ids else []
        return {u: (str(s), text) for u, s, text in rows if s is not None}


KNOWN_DATABASES = 2  # indexes kept: a process rarely writes to more (the benchmark: one a run)
_known: dict[str, _KnownUtterances] = {}  # by database URL, the most recently used last


def known_utterances(database: str) -> _KnownUtterances:
    """The utterance index of this database, the least recently used others dropped."""
    known = _known.pop(database, None) or _KnownUtterances()
    _known[database] = known
    while len(_known) > KNOWN_DATABASES:
        del _known[next(iter(_known))]
    return known


def reindex_utterances(*, session: Session, utterance_ids: Sequence[int]) -> None:
    """Index these utterances again under the speaker they have now (after a merge of
    speakers), so that this process finds them for the new quotes of that speaker."""
    if not utterance_ids:
        return
    known = known_utterances(str(session.get_bind().url))
    for utterance_id, speaker_id, text in session.execute(
            select(Utterance.id, Utterance.speaker_id, Utterance.text)
            .where(col(Utterance.id).in_(utterance_ids))).all():
        known.index.add(utterance_id, str(speaker_id) if speaker_id else None, text)


def join_speaker_utterances(*, session: Session, speaker_ids: Collection[int]) -> None:
    """Join the utterances of each of these speakers that render the same words (two speaker
    records merged into one each had their own): quotes move to the fullest, the others go."""
    if not speaker_ids:
        return
    rows = session.execute(select(Utterance.id, Utterance.speaker_id, Utterance.text).where(
        col(Utterance.speaker_id).in_(speaker_ids))).all()
    texts = {utterance_id: text for utterance_id, _, text in rows}
    moves, emptied = [], set()
    for group in group_utterances([QuoteForGrouping(u, str(s), t, "direct", -1, None)
                                   for u, s, t in rows]):
        if len(group.quote_ids) < 2:
            continue
        home = max(group.quote_ids, key=lambda u: (len(texts[u]), -u))
        moves += [dict(old=u, new=home) for u in group.quote_ids if u != home]
        emptied.update(group.quote_ids)
    if moves:
        session.connection().execute(update(Quote).where(  # type: ignore[arg-type]
            Quote.utterance_id == bindparam("old")).values(utterance_id=bindparam("new")), moves)
        refresh_utterances(session=session, utterance_ids=emptied)


def group_new_quotes(*, session: Session, quotes: Sequence[QuoteForGrouping],
                     counted: dict[int, tuple[int | None, datetime | None]]) -> dict[int, int]:
    """The utterance of each new attributed quote, before the quotes are stored (so that they
    are inserted pointing at it): an existing one it joins, counts added, or a new one stored
    now. `counted`: every quote's (outlet id, reported_at); all of them count (no duplicate's)."""
    if not quotes:
        return {}
    database = str(session.get_bind().url)
    known = known_utterances(database)
    assignment = join_utterances(quotes, known.candidates(session, quotes),
                                 vocabulary=known.index.vocabulary)
    _count_joining_quotes(session, assignment.joined, counted)
    for utterance_id, text in assignment.fuller_text.items():
        session.execute(update(Utterance).where(col(Utterance.id) == utterance_id)
                        .values(text=text))
        known.index.add(utterance_id, known.index.text(utterance_id)[0], text)
    ids = insert_utterances(session, assignment.new, counted=counted)
    utterance_of = dict(assignment.joined)
    for utterance, utterance_id in zip(assignment.new, ids, strict=True):
        known.add(utterance_id, utterance.speaker or "", utterance.text)
        utterance_of.update(dict.fromkeys(utterance.quote_ids, utterance_id))
    return utterance_of


def _count_joining_quotes(session: Session, joined: dict[int, int],
                          counted: dict[int, tuple[int | None, datetime | None]]) -> None:
    """Add new quotes joining existing utterances ({quote id: utterance id}) to their counts,
    without recounting them: a much-quoted utterance has thousands of quotes."""
    if not joined:
        return
    added: dict[int, list[tuple[int | None, datetime | None]]] = {u: [] for u in joined.values()}
    for quote_id, utterance_id in joined.items():
        added[utterance_id].append(counted[quote_id])
    present = _outlets_present(session, sorted(
        {(u, o) for u, quotes in added.items() for o, _ in quotes if o is not None}))
    table = Utterance.__table__  # type: ignore[attr-defined]
    to_time = column_processor(session, table.c.first_reported_at)
    now = column_processor(session, table.c.updated_at)(utcnow())
    firsts = {u: to_time(min((r for _, r in quotes if r is not None), default=None))
              for u, quotes in added.items()}
    execute_many(session, _COUNT_JOINING, [
        (len(quotes), len({o for o, _ in quotes if o is not None and (u, o) not in present}),
         firsts[u], firsts[u], now, u) for u, quotes in sorted(added.items())])


# the stored first report, or the new quotes' first when earlier: no need to read it first
_COUNT_JOINING = (
    "UPDATE utterance SET quote_count = quote_count + ?, outlet_count = outlet_count + ?, "
    "first_reported_at = CASE WHEN first_reported_at IS NULL OR first_reported_at > ? "
    "THEN ? ELSE first_reported_at END, updated_at = ? WHERE id = ?")


def _outlets_present(session: Session, pairs: Sequence[tuple[int, int]]
                     ) -> set[tuple[int, int]]:
    """The (utterance, outlet) pairs that already have a counted quote: one index probe each."""
    return {(u, o) for u, o in select_union_all(session, [(
        "SELECT quote.utterance_id, quote.outlet_id FROM quote "
        "JOIN article ON article.id = quote.article_id "
        "WHERE quote.utterance_id = ? AND quote.outlet_id = ? "
        "AND article.duplicate_of_id IS NULL LIMIT 1", (u, o)) for u, o in pairs])}


def insert_utterances(
        session: Session, found: Sequence[FoundUtterance], *,
        counted: dict[int, tuple[int | None, datetime | None]] | None = None) -> list[int]:
    """Insert the utterances in one statement; their ids. With `counted` ({quote id: (outlet
    id, reported_at)} of quotes that all count, none of a duplicate) their counts are stored
    too, else they are left to refresh_utterances."""
    if not found:
        return []
    now = utcnow()
    rows = []
    for u in found:
        row = dict(speaker_id=int(u.speaker) if u.speaker else None, text=u.text,
                   quote_count=0, outlet_count=0, first_reported_at=None, updated_at=now)
        if counted is not None:
            quotes = [counted[q] for q in u.quote_ids]
            row.update(quote_count=len(quotes),
                       outlet_count=len({o for o, _ in quotes if o is not None}),
                       first_reported_at=min((d for _, d in quotes if d is not None),
                                             default=None))
        rows.append(row)
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
    stats = session.execute(
        select(Quote.utterance_id, func.count(), func.count(func.distinct(Quote.outlet_id)),
               func.min(Quote.reported_at))
        .join(Article, col(Article.id) == Quote.article_id)
        .where(col(Quote.utterance_id).in_(utterance_ids),
               col(Article.duplicate_of_id).is_(None))
        .group_by(Quote.utterance_id)).all()
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
