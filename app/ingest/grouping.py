"""Utterances and stories kept up to date as articles come and go, and rebuilt on demand.

Speakers are keyed by their id, so quotes of different speakers never share an utterance.
"""
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from app.models import Article, Quote, Story, Utterance, utcnow
from app.nlp.stories import ArticleForGrouping, content_words, group_stories, same_story
from app.nlp.utterances import (
    QuoteForGrouping,
    UtteranceIndex,
    assign_to_utterances,
    group_utterances,
)
from app.nlp.utterances import Utterance as FoundUtterance

STORY_WINDOW = timedelta(days=3)
STORY_CANDIDATES = 100
SPEAKER_QUOTES_SCANNED = 2_000  # newest quotes of the speakers read (a busy one has many)
WORDS_CACHE_SIZE = 20_000


def _quotes_for_grouping(session: Session, where: object) -> list[QuoteForGrouping]:
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

    def candidates(self, session: Session, quotes: Sequence[QuoteForGrouping]) -> UtteranceIndex:
        newest = session.exec(select(func.max(Utterance.id))).one() or 0
        if newest < self.last_id:  # the table was emptied (ids restarted): start over
            self.__init__()  # type: ignore[misc]
        for utterance_id, speaker_id, text in session.execute(
                select(Utterance.id, Utterance.speaker_id, Utterance.text)
                .where(col(Utterance.id) > self.last_id).order_by(col(Utterance.id))).all():
            self.index.add(utterance_id, str(speaker_id) if speaker_id else None, text)
            self.last_id = utterance_id
        ids = {u for quote in quotes for u in self.index.candidates(quote)}
        rows = session.execute(select(Utterance.id, Utterance.speaker_id, Utterance.text)
                               .where(col(Utterance.id).in_(ids))).all() if ids else []
        return UtteranceIndex.from_utterances(
            (u, FoundUtterance((), text, str(s) if s else None)) for u, s, text in rows)


_known: dict[str, _KnownUtterances] = {}


def group_article_quotes(*, session: Session, article_ids: Sequence[int]) -> None:
    """Join the articles' attributed quotes to existing utterances, or start new ones."""
    if not article_ids:
        return
    new = _quotes_for_grouping(session, col(Quote.article_id).in_(article_ids))
    if not new:
        return
    database = str(session.get_bind().url)
    known = _known.setdefault(database, _KnownUtterances())
    assignment = assign_to_utterances(new, known.candidates(session, new))
    for quote_id, utterance_id in assignment.joined.items():
        _set_utterance(session, [quote_id], utterance_id)
    for utterance_id, text in assignment.fuller_text.items():
        session.execute(update(Utterance).where(col(Utterance.id) == utterance_id)
                        .values(text=text))
        known.index.add(utterance_id, known.index.text(utterance_id)[0], text)
    touched = set(assignment.joined.values())
    touched |= _store_new_utterances(session, assignment.new)
    refresh_utterances(session=session, utterance_ids=touched)


def _store_new_utterances(session: Session, found: Sequence[FoundUtterance]) -> set[int]:
    """Insert the utterances and point their quotes at them, a few statements in all."""
    if not found:
        return set()
    table = Utterance.__table__  # type: ignore[attr-defined]
    now = utcnow()
    ids = [row[0] for row in session.connection().execute(
        table.insert().returning(table.c.id, sort_by_parameter_order=True),
        [dict(speaker_id=int(u.speaker) if u.speaker else None, text=u.text, quote_count=0,
              outlet_count=0, updated_at=now) for u in found])]
    quote_table = Quote.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        quote_table.update().where(quote_table.c.id == bindparam("quote_id"))
        .values(utterance_id=bindparam("utterance_id")),
        [dict(quote_id=quote_id, utterance_id=utterance_id)
         for utterance, utterance_id in zip(found, ids, strict=True)
         for quote_id in utterance.quote_ids])
    return set(ids)


def _set_utterance(session: Session, quote_ids: Sequence[int], utterance_id: int | None) -> None:
    session.execute(update(Quote).where(col(Quote.id).in_(quote_ids))
                    .values(utterance_id=utterance_id))


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


_words_cache: OrderedDict[tuple[int, str], frozenset[str]] = OrderedDict()


@dataclass(frozen=True, slots=True)
class _StoredArticle:
    """The columns story grouping reads: never the body, unless its words are not cached."""
    id: int
    published_at: datetime | None
    story_id: int | None
    content_hash: str


def _stored(row: Any) -> _StoredArticle:
    return _StoredArticle(row.id, row.published_at, row.story_id, row.content_hash)


_ARTICLE_COLUMNS = (Article.id, Article.published_at, Article.story_id, Article.content_hash)


def remember_content_words(article: Article, words: frozenset[str]) -> None:
    """Cache the article's content words (computed where the body was extracted)."""
    _words_cache[(article.id or 0, article.content_hash)] = words


def _content_words(session: Session, articles: Sequence[_StoredArticle]
                   ) -> dict[int, frozenset[str]]:
    """content_words of each body, cached by (id, content hash): bodies never change in place."""
    words = {a.id: _words_cache.get((a.id, a.content_hash)) for a in articles}
    missing = [a for a in articles if words[a.id] is None]
    if missing:
        bodies = dict(session.execute(select(Article.id, Article.body).where(
            col(Article.id).in_([a.id for a in missing]))).all())
        for article in missing:
            words[article.id] = _words_cache[(article.id, article.content_hash)] = content_words(
                bodies.get(article.id, ""))
        while len(_words_cache) > WORDS_CACHE_SIZE:
            _words_cache.popitem(last=False)
    return words  # type: ignore[return-value]


def _articles_for_grouping(session: Session,
                           articles: Sequence[_StoredArticle]) -> list[ArticleForGrouping]:
    rows = session.execute(select(Quote.article_id, Quote.speaker_id, Quote.utterance_id).where(
        col(Quote.article_id).in_([a.id for a in articles]))).all()
    quotes: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in rows:
        quotes[article_id].append((speaker_id, utterance_id))
    words = _content_words(session, articles)
    return [ArticleForGrouping(
        id=a.id, published_at=a.published_at,
        speakers=frozenset(str(s) for s, _ in quotes[a.id] if s is not None),
        utterance_ids=frozenset(u for _, u in quotes[a.id] if u is not None),
        words=words[a.id]) for a in articles]


def assign_stories(*, session: Session, articles: Sequence[Article]) -> None:
    """Put each article, in turn, in the story of the articles it covers the same event with."""
    touched = {_assign_story(session, article) for article in articles}
    refresh_stories(session=session, story_ids=touched)  # a story merged away is just dropped


def _assign_story(session: Session, article: Article) -> int:
    """The story the article joins (merging the stories it bridges); not yet recounted."""
    stored = _StoredArticle(article.id or 0, article.published_at, article.story_id,
                            article.content_hash)
    if (stored.id, stored.content_hash) not in _words_cache:
        remember_content_words(article, content_words(article.body))
    me = _articles_for_grouping(session, [stored])[0]
    candidates = _story_candidates(session, stored, me)
    grouped = _articles_for_grouping(session, candidates)
    matches = [other for other, summary in zip(candidates, grouped, strict=True)
               if same_story(me, summary)]
    story_ids = sorted({a.story_id for a in matches if a.story_id is not None})
    if story_ids:
        home = story_ids[0]
        if len(story_ids) > 1:  # the article bridges stories: they were one event all along
            session.execute(update(Article).where(col(Article.story_id).in_(story_ids[1:]))
                            .values(story_id=home))
            session.execute(Story.__table__.delete().where(  # type: ignore[attr-defined]
                Story.__table__.c.id.in_(story_ids[1:])))  # type: ignore[attr-defined]
    else:
        story = Story(title=article.title)
        session.add(story)
        session.flush()
        home = story.id  # type: ignore[assignment]
    unassigned = [a.id for a in matches if a.story_id is None]
    session.execute(update(Article).where(col(Article.id).in_([article.id, *unassigned]))
                    .values(story_id=home))
    return home


def _story_candidates(session: Session, article: _StoredArticle,
                      me: ArticleForGrouping) -> list[_StoredArticle]:
    """Articles that share an utterance or a speaker with this one, the closest in time first.

    Each way is looked up from the quote indexes and bounded, and the originals are picked in
    Python: a `duplicate_of_id IS NULL` test in SQL makes SQLite scan every original article.
    """
    ids = set(session.exec(select(Quote.article_id).where(
        col(Quote.utterance_id).in_(me.utterance_ids))).all()) if me.utterance_ids else set()
    if me.speakers:
        by_speaker = select(Quote.article_id).where(
            col(Quote.speaker_id).in_([int(s) for s in me.speakers]))
        if article.published_at is not None:
            by_speaker = by_speaker.where(col(Quote.reported_at).between(
                article.published_at - STORY_WINDOW, article.published_at + STORY_WINDOW))
        ids |= set(session.exec(by_speaker.order_by(col(Quote.article_id).desc())
                                .limit(SPEAKER_QUOTES_SCANNED)).all())
    ids.discard(article.id)
    if not ids:
        return []
    rows = session.execute(select(*_ARTICLE_COLUMNS, Article.duplicate_of_id)
                           .where(col(Article.id).in_(ids))).all()
    found = [_stored(row) for row in rows if row.duplicate_of_id is None and (
        article.published_at is None or row.published_at is None
        or abs(row.published_at - article.published_at) <= STORY_WINDOW)]
    if article.published_at is not None:
        when = article.published_at
        found.sort(key=lambda a: (a.published_at is None,
                                  abs(a.published_at - when) if a.published_at else 0, a.id))
    else:
        found.sort(key=lambda a: -a.id)
    return found[:STORY_CANDIDATES]


def refresh_stories(*, session: Session, story_ids: set[int]) -> None:
    """Recount the articles and outlets of these stories; drop the empty ones."""
    for story_id in story_ids:
        count, outlets, first, last = session.execute(
            select(func.count(), func.count(func.distinct(Article.outlet_id)),
                   func.min(Article.published_at), func.max(Article.published_at))
            .where(Article.story_id == story_id, col(Article.duplicate_of_id).is_(None))).one()
        if count == 0:
            session.execute(update(Article).where(Article.story_id == story_id)
                            .values(story_id=None))
            session.execute(Story.__table__.delete().where(  # type: ignore[attr-defined]
                Story.__table__.c.id == story_id))  # type: ignore[attr-defined]
            continue
        title = session.exec(select(Article.title).where(Article.story_id == story_id)
                             .order_by(col(Article.published_at), col(Article.id))).first()
        session.execute(update(Story).where(col(Story.id) == story_id).values(
            article_count=count, outlet_count=outlets, first_published_at=first,
            last_published_at=last, title=title, updated_at=utcnow()))


def regroup_all(*, session: Session) -> tuple[int, int]:
    """Rebuild every utterance and story from scratch; returns their numbers."""
    session.execute(update(Quote).values(utterance_id=None))
    session.execute(update(Article).values(story_id=None))
    session.execute(Utterance.__table__.delete())  # type: ignore[attr-defined]
    session.execute(Story.__table__.delete())  # type: ignore[attr-defined]
    found = group_utterances(_quotes_for_grouping(session, True))
    session.flush()
    utterance_ids = _store_new_utterances(session, found)
    refresh_utterances(session=session, utterance_ids=utterance_ids)
    articles = [_stored(row) for row in session.execute(
        select(*_ARTICLE_COLUMNS).where(col(Article.duplicate_of_id).is_(None))).all()]
    words = _content_words(session, articles)
    by_article: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in session.execute(
            select(Quote.article_id, Quote.speaker_id, Quote.utterance_id)).all():
        by_article[article_id].append((speaker_id, utterance_id))
    stories = group_stories(ArticleForGrouping(
        id=a.id, published_at=a.published_at,
        speakers=frozenset(str(s) for s, _ in by_article[a.id] if s is not None),
        utterance_ids=frozenset(u for _, u in by_article[a.id] if u is not None),
        words=words[a.id]) for a in articles)
    story_ids = set()
    for members in stories:
        story = Story()
        session.add(story)
        session.flush()
        session.execute(update(Article).where(col(Article.id).in_(members))
                        .values(story_id=story.id))
        story_ids.add(story.id)
    refresh_stories(session=session, story_ids=story_ids)  # type: ignore[arg-type]
    session.commit()
    return len(utterance_ids), len(story_ids)
