"""Utterances and stories rebuilt from scratch (`python -m app regroup`)."""
from collections import defaultdict

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.ingest.grouping import (
    insert_utterances,
    quotes_for_grouping,
    refresh_utterances,
    set_utterances,
)
from app.ingest.inserts import begin_writing
from app.ingest.stories import ARTICLE_COLUMNS, content_words_of, stored_article, summary_of
from app.ingest.story_counts import refresh_stories
from app.models import Article, Quote, Story, Utterance
from app.nlp.stories import group_stories
from app.nlp.utterances import group_utterances


def regroup_all(*, session: Session) -> tuple[int, int]:
    """Rebuild every utterance and story from scratch; returns their numbers."""
    begin_writing(session)
    session.execute(update(Quote).values(utterance_id=None))
    session.execute(update(Article).values(story_id=None))
    session.execute(Utterance.__table__.delete())  # type: ignore[attr-defined]
    session.execute(Story.__table__.delete())  # type: ignore[attr-defined]
    found = group_utterances(quotes_for_grouping(session, True))
    session.flush()
    ids = insert_utterances(session, found)
    set_utterances(session, {quote_id: utterance_id
                             for utterance, utterance_id in zip(found, ids, strict=True)
                             for quote_id in utterance.quote_ids})
    utterance_ids = set(ids)
    refresh_utterances(session=session, utterance_ids=utterance_ids)
    articles = [stored_article(row) for row in session.execute(
        select(*ARTICLE_COLUMNS).where(col(Article.duplicate_of_id).is_(None))).all()]
    words = content_words_of(session, articles)
    by_article: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in session.execute(
            select(Quote.article_id, Quote.speaker_id, Quote.utterance_id)).all():
        by_article[article_id].append((speaker_id, utterance_id))
    stories = group_stories(summary_of(a, by_article[a.id], words[a.id]) for a in articles)
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
