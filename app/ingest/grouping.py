"""Utterances and stories kept up to date as articles come and go, and rebuilt on demand.

Speakers are keyed by their id, so quotes of different speakers never share an utterance.
"""
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta

from sqlalchemy import func, update
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
STORY_CANDIDATES = 200


def _quotes_for_grouping(session: Session, where: object) -> list[QuoteForGrouping]:
    rows = session.execute(select(Quote.id, Quote.speaker_id, Quote.text, Quote.kind,
                                  Quote.article_id, Quote.outlet_id)
                           .where(col(Quote.speaker_id).is_not(None)).where(where)).all()
    return [QuoteForGrouping(i, str(s), t, k, a, str(o) if o else None)
            for i, s, t, k, a, o in rows]


def group_article_quotes(*, session: Session, article_id: int) -> None:
    """Join the article's attributed quotes to existing utterances, or start new ones."""
    new = _quotes_for_grouping(session, Quote.article_id == article_id)
    if not new:
        return
    speakers = {int(q.speaker) for q in new if q.speaker}
    existing = session.execute(select(Utterance.id, Utterance.speaker_id, Utterance.text).where(
        col(Utterance.speaker_id).in_(speakers))).all()
    index = UtteranceIndex.from_utterances(
        (u, FoundUtterance((), text, str(s))) for u, s, text in existing)
    assignment = assign_to_utterances(new, index)
    for quote_id, utterance_id in assignment.joined.items():
        _set_utterance(session, [quote_id], utterance_id)
    for utterance_id, text in assignment.fuller_text.items():
        session.execute(update(Utterance).where(col(Utterance.id) == utterance_id)
                        .values(text=text))
    touched = set(assignment.joined.values())
    touched |= _store_new_utterances(session, assignment.new)
    refresh_utterances(session=session, utterance_ids=touched)


def _store_new_utterances(session: Session, found: Iterable[FoundUtterance]) -> set[int]:
    ids = set()
    for utterance in found:
        row = Utterance(speaker_id=int(utterance.speaker) if utterance.speaker else None,
                        text=utterance.text)
        session.add(row)
        session.flush()
        _set_utterance(session, utterance.quote_ids, row.id)
        ids.add(row.id)
    return ids  # type: ignore[return-value]


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
    seen = set()
    now = utcnow()
    for utterance_id, quotes, outlets, first in stats:
        seen.add(utterance_id)
        session.execute(update(Utterance).where(col(Utterance.id) == utterance_id).values(
            quote_count=quotes, outlet_count=outlets, first_reported_at=first, updated_at=now))
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


def _article_for_grouping(session: Session, article: Article) -> ArticleForGrouping:
    rows = session.execute(select(Quote.speaker_id, Quote.utterance_id).where(
        Quote.article_id == article.id)).all()
    return ArticleForGrouping(
        id=article.id or 0, published_at=article.published_at,
        speakers=frozenset(str(s) for s, _ in rows if s is not None),
        utterance_ids=frozenset(u for _, u in rows if u is not None),
        words=content_words(article.body))


def assign_story(*, session: Session, article: Article) -> None:
    """Put the article in the story of the articles it covers the same event with."""
    me = _article_for_grouping(session, article)
    candidates = _story_candidates(session, article, me)
    matches = [other for other in candidates
               if same_story(me, _article_for_grouping(session, other))]
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
    by_utterance = select(Quote.article_id).where(col(Quote.utterance_id).in_(me.utterance_ids))
    shared_speaker = select(Quote.article_id).where(
        col(Quote.speaker_id).in_([int(s) for s in me.speakers]))
    query = select(Article).where(Article.id != article.id,
                                  col(Article.duplicate_of_id).is_(None))
    if article.published_at is not None:
        query = query.where(col(Article.published_at).between(
            article.published_at - STORY_WINDOW, article.published_at + STORY_WINDOW))
    query = query.where(col(Article.id).in_(by_utterance) | col(Article.id).in_(shared_speaker))
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
        words=content_words(a.body)) for a in articles)
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
