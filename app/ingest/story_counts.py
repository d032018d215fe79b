"""Story counts (articles, outlets, first and last dates) and titles, recounted for the stories
whose articles changed."""
from collections.abc import Collection

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from app.models import Article, Story, utcnow


def refresh_stories(*, session: Session, story_ids: Collection[int]) -> None:
    """Recount the articles and outlets of these stories and retitle them; drop the empty ones."""
    if not story_ids:
        return
    counted = col(Article.duplicate_of_id).is_(None)
    stats = {row[0]: row[1:] for row in session.execute(
        select(Article.story_id, func.count(), func.count(func.distinct(Article.outlet_id)),
               func.min(Article.published_at), func.max(Article.published_at))
        .where(col(Article.story_id).in_(story_ids), counted).group_by(Article.story_id)).all()}
    # the title is the first dated counted article's, the same on every backend (NULLs sort
    # first on SQLite, last on PostgreSQL), so an article added later never changes it
    first = func.row_number().over(partition_by=Article.story_id, order_by=(
        col(Article.published_at).is_(None), col(Article.published_at), col(Article.id)))
    ranked = select(Article.story_id, Article.title, first.label("rank")).where(
        col(Article.story_id).in_(stats), counted).subquery()
    titles = dict(session.execute(select(ranked.c.story_id, ranked.c.title)
                                  .where(ranked.c.rank == 1)).all()) if stats else {}
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
