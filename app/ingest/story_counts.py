"""Story counts (articles, outlets, first and last dates) and titles, kept up to date as
articles join stories, without recounting a story thousands of articles long."""
from collections.abc import Collection

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from app.models import Article, Story, utcnow

_OUTLET_IN_STORY = select(Article.id).where(
    Article.story_id == bindparam("story"), Article.outlet_id == bindparam("outlet"),
    col(Article.duplicate_of_id).is_(None),
    col(Article.id).not_in(bindparam("joining", expanding=True))).limit(1)  # compiled once


def add_to_stories(*, session: Session, grown: dict[int, list[int]]) -> set[int]:
    """Add the articles each stored story gained to its counts, without recounting it (a story
    can hold thousands). Returns the stories this can't do: an article older than the story's
    first changes its title, so those are recounted."""
    if not grown:
        return set()
    stories = {row.id: row for row in session.execute(select(
        Story.id, Story.first_published_at, Story.last_published_at).where(
        col(Story.id).in_(grown))).all()}
    joining = {row.id: row for row in session.execute(select(
        Article.id, Article.outlet_id, Article.published_at).where(
        col(Article.id).in_([i for ids in grown.values() for i in ids]))).all()}
    recount, changes = set(), []
    for story_id, ids in sorted(grown.items()):
        story, dates = stories.get(story_id), [joining[i].published_at for i in ids]
        if story is None or story.first_published_at is None or None in dates \
                or min(dates) <= story.first_published_at:  # type: ignore[type-var]
            recount.add(story_id)
            continue
        outlets = {joining[i].outlet_id for i in ids} - {None}
        new_outlets = [o for o in outlets if session.connection().execute(
            _OUTLET_IN_STORY, {"story": story_id, "outlet": o, "joining": ids}).first() is None]
        changes.append(dict(row_id=story_id, articles=len(ids), outlets=len(new_outlets),
                            last=max(d for d in (story.last_published_at, *dates) if d)))
    if changes:
        table = Story.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id")).values(
                article_count=table.c.article_count + bindparam("articles"),
                outlet_count=table.c.outlet_count + bindparam("outlets"),
                last_published_at=bindparam("last"), updated_at=utcnow()), changes)
    return recount


def refresh_stories(*, session: Session, story_ids: Collection[int]) -> None:
    """Recount the articles and outlets of these stories and retitle them; drop the empty ones."""
    if not story_ids:
        return
    # not `duplicate_of_id IS NULL`: SQLite would read every original through that index entry
    # instead of the stories' articles through ix_article_story_id when many stories are asked
    counted = func.coalesce(Article.duplicate_of_id, 0) == 0
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
