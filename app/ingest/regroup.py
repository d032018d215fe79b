"""Utterances and stories rebuilt from scratch (`python -m app regroup`): the same functions
that ingest runs after each batch, over every speaker and every article."""
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from app.ingest.grouping import regroup_speakers
from app.ingest.inserts import begin_writing
from app.ingest.stories import regroup_stories
from app.models import Article, Quote, Story, Utterance


def regroup_all(*, session: Session) -> tuple[int, int]:
    """Rebuild every utterance and story from scratch; returns their numbers."""
    begin_writing(session)
    session.execute(update(Quote).values(utterance_id=None))
    session.execute(update(Article).values(story_id=None))
    session.execute(Utterance.__table__.delete())  # type: ignore[attr-defined]
    session.execute(Story.__table__.delete())  # type: ignore[attr-defined]
    speakers = session.exec(select(Quote.speaker_id).where(
        col(Quote.speaker_id).is_not(None)).distinct()).all()
    regroup_speakers(session=session, speaker_ids=speakers)  # type: ignore[arg-type]
    regroup_stories(session=session, article_ids=session.exec(select(Article.id)).all())  # type: ignore[arg-type]
    counts = (session.exec(select(func.count()).select_from(Utterance)).one(),
              session.exec(select(func.count()).select_from(Story)).one())
    session.commit()
    return counts
