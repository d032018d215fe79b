"""Re-tag every stored article and quote with a topic's current definition (after an edit)."""
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlmodel import Session, col

from app.ingest.counts import recount_topics
from app.ingest.prepare import quote_topic_matches
from app.models import Article, ArticleTopic, Quote, QuoteTopic, Topic
from app.nlp.records import TopicDefinition
from app.nlp.text import paragraph_spans
from app.nlp.topic_rules import central_topics
from app.nlp.topics import topic_occurrences

ARTICLES_PER_ROUND = 500


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """What the topic rules read of a stored quote (app.ingest.prepare.QuoteSpan)."""

    id: int
    paragraph: int
    start: int
    end: int
    speaker_mention: str | None
    cue: str | None


def retag_topic(*, session: Session, topic: Topic,
                definitions: Sequence[TopicDefinition]) -> None:
    """Replace the topic's article and quote tags, matching with every definition (so that
    overlapping keywords are resolved as at ingest) and keeping this topic's matches only."""
    definitions = tuple(definitions)
    session.execute(delete(QuoteTopic).where(col(QuoteTopic.topic_id) == topic.id))
    session.execute(delete(ArticleTopic).where(col(ArticleTopic.topic_id) == topic.id))
    last_id = 0
    while articles := session.execute(
            select(Article.id, Article.body, Article.title).where(col(Article.id) > last_id)
            .order_by(col(Article.id)).limit(ARTICLES_PER_ROUND)).all():
        last_id = articles[-1].id
        _tag_articles(session, topic, definitions, articles)
    recount_topics(session=session, topic_ids=[topic.id or 0])


def _tag_articles(session: Session, topic: Topic, definitions: tuple[TopicDefinition, ...],
                  articles: Sequence[tuple[int, str, str | None]]) -> None:
    article_rows, quote_rows = [], []
    bodies = {article_id: body for article_id, body, _ in articles}
    for article_id, body, title in articles:
        for match in central_topics(body, paragraphs=paragraph_spans(body), headlined=bool(title),
                                    occurrences=topic_occurrences(body, definitions),
                                    definitions=definitions):
            if match.slug == topic.slug:
                article_rows.append(dict(article_id=article_id, topic_id=topic.id,
                                         triggers=list(match.triggers), count=match.count))
    by_article: dict[int, list[StoredQuote]] = defaultdict(list)
    for row in session.execute(select(Quote.id, Quote.article_id, Quote.paragraph, Quote.start,
                                      Quote.end, Quote.speaker_mention, Quote.cue)
                               .where(col(Quote.article_id).in_(list(bodies)))).all():
        by_article[row.article_id].append(StoredQuote(
            row.id, row.paragraph, row.start, row.end, row.speaker_mention, row.cue))
    for article_id, quotes in by_article.items():
        body = bodies[article_id]
        matches = quote_topic_matches(body=body, paragraphs=paragraph_spans(body), quotes=quotes,
                                      definitions=definitions)
        quote_rows += [dict(quote_id=quote.id, topic_id=topic.id, triggers=list(match.triggers))
                       for quote, found in zip(quotes, matches, strict=True)
                       for match in found if match.slug == topic.slug]
    if article_rows:
        session.execute(ArticleTopic.__table__.insert(), article_rows)  # type: ignore[attr-defined]
    if quote_rows:
        session.execute(QuoteTopic.__table__.insert(), quote_rows)  # type: ignore[attr-defined]

