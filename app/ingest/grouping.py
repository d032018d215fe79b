"""Utterances and stories kept up to date as articles come and go, and rebuilt on demand.

Speakers are keyed by their id, so quotes of different speakers never share an utterance.
"""
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from datetime import timedelta

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


def group_article_quotes(*, session: Session, article_id: int) -> None:
    """Join the article's attributed quotes to existing utterances, or start new ones."""
    new = _quotes_for_grouping(session, Quote.article_id == article_id)
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
    counted = col(Quote.article_id).in_(
        select(Article.id).where(col(Article.duplicate_of_id).is_(None)))
    stats = session.execute(
        select(Quote.utterance_id, func.count(), func.count(func.distinct(Quote.outlet_id)),
               func.min(Quote.reported_at))
        .where(col(Quote.utterance_id).in_(utterance_ids), counted)
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


def _content_words(article: Article) -> frozenset[str]:
    """content_words of the body, cached by (id, content hash): bodies never change in place."""
    key = (article.id or 0, article.content_hash)
    words = _words_cache.get(key)
    if words is None:
        words = _words_cache[key] = content_words(article.body)
        if len(_words_cache) > WORDS_CACHE_SIZE:
            _words_cache.popitem(last=False)
    return words


def _articles_for_grouping(session: Session,
                           articles: Sequence[Article]) -> list[ArticleForGrouping]:
    rows = session.execute(select(Quote.article_id, Quote.speaker_id, Quote.utterance_id).where(
        col(Quote.article_id).in_([a.id for a in articles]))).all()
    quotes: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in rows:
        quotes[article_id].append((speaker_id, utterance_id))
    return [ArticleForGrouping(
        id=a.id or 0, published_at=a.published_at,
        speakers=frozenset(str(s) for s, _ in quotes[a.id or 0] if s is not None),
        utterance_ids=frozenset(u for _, u in quotes[a.id or 0] if u is not None),
        words=_content_words(a)) for a in articles]


def assign_story(*, session: Session, article: Article) -> None:
    """Put the article in the story of the articles it covers the same event with."""
    me = _articles_for_grouping(session, [article])[0]
    candidates = _story_candidates(session, article, me)
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
    refresh_stories(session=session, story_ids={home})


def _story_candidates(session: Session, article: Article,
                      me: ArticleForGrouping) -> Sequence[Article]:
    """Articles that share an utterance or a speaker with this one, the closest in time first."""
    by_utterance = select(Quote.article_id).where(col(Quote.utterance_id).in_(me.utterance_ids))
    shared_speaker = select(Quote.article_id).where(
        col(Quote.speaker_id).in_([int(s) for s in me.speakers]))
    query = select(Article).where(Article.id != article.id,
                                  col(Article.duplicate_of_id).is_(None))
    query = query.where(col(Article.id).in_(by_utterance) | col(Article.id).in_(shared_speaker))
    if article.published_at is not None:
        query = query.where(col(Article.published_at).between(
            article.published_at - STORY_WINDOW, article.published_at + STORY_WINDOW))
        query = query.order_by(func.abs(func.julianday(Article.published_at)
                                        - func.julianday(article.published_at))
                               if session.get_bind().dialect.name == "sqlite" else
                               func.abs(func.extract("epoch", Article.published_at
                                                     - article.published_at)))
    return session.exec(query.limit(STORY_CANDIDATES)).all()  # type: ignore[call-overload]


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
    articles = session.exec(select(Article).where(col(Article.duplicate_of_id).is_(None))).all()
    by_article: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in session.execute(
            select(Quote.article_id, Quote.speaker_id, Quote.utterance_id)).all():
        by_article[article_id].append((speaker_id, utterance_id))
    stories = group_stories(ArticleForGrouping(
        id=a.id or 0, published_at=a.published_at,
        speakers=frozenset(str(s) for s, _ in by_article[a.id or 0] if s is not None),
        utterance_ids=frozenset(u for _, u in by_article[a.id or 0] if u is not None),
        words=_content_words(a)) for a in articles)
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
