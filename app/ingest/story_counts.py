"""Story counts (articles, outlets, first and last dates) and titles, recounted for the stories
whose articles changed."""
from collections.abc import Collection

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from app.models import Article, Story, utcnow

CHUNK = 500  # values in one IN (...) list


def refresh_stories(*, session: Session, story_ids: Collection[int]) -> None:
    """Recount the articles and outlets of these stories and retitle them; drop the empty ones."""
    if not story_ids:
        return
    members: dict[int, list[tuple[object, ...]]] = {}
    ids = sorted(story_ids)
    for start in range(0, len(ids), CHUNK):
        # originals picked here: a `duplicate_of_id IS NULL` test makes SQLite read them all
        for story_id, article_id, outlet_id, published_at, title, copy_of in session.execute(
                select(Article.story_id, Article.id, Article.outlet_id, Article.published_at,
                       Article.title, Article.duplicate_of_id)
                .where(col(Article.story_id).in_(ids[start:start + CHUNK]))).all():
            if copy_of is None:
                members.setdefault(story_id, []).append(
                    (article_id, outlet_id, published_at, title))
    stats, titles = {}, {}
    for story_id, rows in members.items():
        dates = [d for _, _, d, _ in rows if d is not None]
        stats[story_id] = (len(rows), len({o for _, o, _, _ in rows if o is not None}),
                           min(dates, default=None), max(dates, default=None))
        # the title is the first dated article's, so an article added later never changes it
        titles[story_id] = min(rows, key=lambda r: (r[2] is None, r[2] or 0, r[0]))[3]
    if stats:
        table = Story.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id")).values(
                article_count=bindparam("articles"), outlet_count=bindparam("outlets"),
                first_published_at=bindparam("first"), last_published_at=bindparam("last"),
                title=bindparam("story_title"), updated_at=utcnow()),
            [dict(row_id=story_id, articles=n, outlets=outlets, first=first_at, last=last_at,
                  story_title=titles.get(story_id))
             for story_id, (n, outlets, first_at, last_at) in sorted(stats.items())])
    empty = sorted(set(story_ids) - stats.keys())
    if empty:  # only duplicates (or nothing) left in them
        session.execute(update(Article).where(col(Article.story_id).in_(empty))
                        .values(story_id=None))
        session.execute(Story.__table__.delete().where(  # type: ignore[attr-defined]
            Story.__table__.c.id.in_(empty)))  # type: ignore[attr-defined]
