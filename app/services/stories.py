"""Stories: the articles that cover one event, and which utterances each outlet carried."""
from collections import defaultdict
from datetime import datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import (
    Article,
    ArticleTopic,
    Outlet,
    Quote,
    Story,
    Topic,
    Utterance,
)
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.utterances import speaker_refs

SORT = "-first_published_at"
KEYS = (SortKey(col(Story.outlet_count), descending=True),
        SortKey(col(Story.article_count), descending=True),
        SortKey(col(Story.id), descending=True))
COLUMNS = (col(Story.id), col(Story.title), col(Story.first_published_at),
           col(Story.last_published_at), col(Story.article_count), col(Story.outlet_count))


def story_listing(*, min_articles: int = 2, min_outlets: int = 1,
                  updated_since: datetime | None = None) -> Listing:
    """Stories of at least min_articles articles, covered by the most outlets first."""
    statement = sa_select(*COLUMNS).where(col(Story.article_count) >= min_articles,
                                          col(Story.outlet_count) >= min_outlets)
    if updated_since is not None:
        statement = statement.where(col(Story.updated_at) >= updated_since)
    return Listing(statement, KEYS, SORT, (int, int, int))


def describe_story(*, session: Session, story_id: int) -> Item:
    """The story's articles, outlets, speakers, topics and who carried which utterance."""
    story = session.get(Story, story_id)
    if story is None:
        raise NotFound(f"No story with id {story_id}.")
    articles = session.exec(
        select(Article.id, Article.title, Article.url, Outlet.slug, Article.published_at,
               Article.duplicate_of_id)
        .join(Outlet, col(Outlet.id) == Article.outlet_id, isouter=True)
        .where(Article.story_id == story_id)
        .order_by(col(Article.published_at), col(Article.id))).all()
    article_ids = [a[0] for a in articles]
    outlet_of = {a[0]: a[3] for a in articles if a[5] is None}
    quotes = session.exec(select(Quote.article_id, Quote.speaker_id, Quote.utterance_id)
                          .where(col(Quote.article_id).in_(article_ids))).all()
    carried: dict[int, set[str]] = defaultdict(set)
    for article_id, _, utterance_id in quotes:
        if utterance_id is not None and outlet_of.get(article_id):
            carried[utterance_id].add(outlet_of[article_id])  # type: ignore[arg-type]
    utterances = session.exec(select(Utterance).where(col(Utterance.id).in_(carried))
                              .order_by(col(Utterance.outlet_count).desc(),
                                        col(Utterance.id))).all()
    speakers = speaker_refs(session, {s for _, s, _ in quotes})
    outlets = sorted({o for o in outlet_of.values() if o})
    topics = session.exec(select(Topic.slug).join(ArticleTopic).where(
        col(ArticleTopic.article_id).in_(article_ids)).distinct().order_by(Topic.slug)).all()
    shared = [u.id for u in utterances if len(carried[u.id or 0]) > 1 or len(outlets) == 1]
    return {
        "id": story.id, "title": story.title, "first_published_at": story.first_published_at,
        "last_published_at": story.last_published_at, "article_count": story.article_count,
        "outlet_count": story.outlet_count,
        "articles": [{"id": i, "title": t, "url": u, "outlet": o, "published_at": p,
                      "duplicate_of": d} for i, t, u, o, p, d in articles],
        "outlets": outlets,
        "speakers": sorted(speakers.values(), key=lambda s: s["name"]),
        "topics": list(topics),
        "utterances": [{"id": u.id, "text": u.text, "speaker": speakers.get(u.speaker_id or 0),
                        "outlets": sorted(carried[u.id or 0])} for u in utterances],
        "coverage": [{
            "outlet": outlet,
            "carried": [u.id for u in utterances if outlet in carried[u.id or 0]],
            "left_out": [i for i in shared if i is not None and outlet not in carried[i]],
        } for outlet in outlets],
    }
