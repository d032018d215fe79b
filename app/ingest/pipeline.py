"""Articles from record to rows: prepare (clean -> extract -> tag), then store a batch of them
in a single transaction, every row or none."""
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select as core_select
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from app.ingest.counts import CountChanges, apply_count_changes, article_contribution
from app.ingest.grouping import refresh_utterances, regroup_speakers
from app.ingest.inserts import begin_writing, is_transient
from app.ingest.prepare import PreparedArticle, content_hash, prepare_article
from app.ingest.speaker_merges import settle_speakers
from app.ingest.store import KnownRows, NewArticle, store_articles
from app.ingest.stories import linked_articles, regroup_stories, remember_content_words
from app.ingest.story_counts import refresh_stories
from app.models import Article, ArticleCreate, Quote, Speaker, Topic
from app.nlp.records import TopicDefinition
from app.topics_file import sync_topics

__all__ = ["PreparedArticle", "content_hash", "prepare_article"]  # the CPU-bound half

IngestStatus = Literal["stored", "updated", "unchanged"]
WRITE_ATTEMPTS = 5  # a batch chosen as a deadlock's victim, or failing serialisation, is retried


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: int
    status: IngestStatus
    quotes: int


def ingest_record(*, session: Session, record: ArticleCreate,
                  topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store one article and everything derived from it, committing once, or not at all."""
    return store_prepared(session=session, prepared=prepare_article(record, topics=topics),
                          topics=topics)


def store_prepared(*, session: Session, prepared: PreparedArticle,
                   topics: Sequence[TopicDefinition]) -> IngestResult:
    """Store a prepared article in one transaction: all its rows, or none."""
    return store_prepared_batch(session=session, batch=[prepared], topics=topics)[0]


def store_prepared_batch(*, session: Session, batch: Sequence[PreparedArticle],
                         topics: Sequence[TopicDefinition]) -> list[IngestResult]:
    """Store prepared articles in one transaction: all their rows, or none.

    Rows are inserted a table at a time for the whole batch, and counts, utterances and stories
    brought up to date once, which is what makes a bulk ingest fast; a caller that must not
    lose the good articles of a failing batch retries them one by one.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            begin_writing(session)
            results = _store_batch(session=session, batch=batch, definitions=tuple(topics))
            session.commit()
            return results
        except OperationalError as error:
            session.rollback()
            if attempt == WRITE_ATTEMPTS or not is_transient(error):
                raise
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def _store_batch(*, session: Session, batch: Sequence[PreparedArticle],
                 definitions: tuple[TopicDefinition, ...]) -> list[IngestResult]:
    topics = sync_topics(session=session, definitions=definitions)
    changes, known = CountChanges(), KnownRows()
    results: list[IngestResult] = []
    inserted: list[NewArticle] = []
    deleted: set[int] = set()
    for run in _runs_without_repeats(batch):
        results += _store_run(session=session, run=run, topics=topics, pending=changes,
                              known=known, inserted=inserted, deleted=deleted)
    apply_count_changes(session=session, changes=changes)
    settle_speakers(session=session, merges=known.speakers.merges,
                    speaker_ids=known.speakers.touched_speakers)
    kept = [article for article in inserted if article.id not in deleted]  # not replaced since
    originals = [article for article in kept if article.duplicate_of_id is None]
    regrouped = regroup_speakers(session=session, speaker_ids={  # merged records: theirs too
        speaker for article in originals for _, speaker in article.quotes if speaker} | {
        into.id for _, into in known.speakers.merges})
    regroup_stories(session=session, article_ids={a.id for a in originals} | regrouped)
    if duplicates := [article.id for article in kept if article.duplicate_of_id is not None]:
        original = aliased(Article)  # a copy joins the story of its original
        session.execute(update(Article).where(col(Article.id).in_(duplicates)).values(
            story_id=core_select(original.story_id).where(
                original.id == Article.duplicate_of_id).scalar_subquery()))
    return results


def _runs_without_repeats(batch: Sequence[PreparedArticle]) -> Iterator[list[PreparedArticle]]:
    """The batch cut where an article repeats an earlier one's url (or url-less text), so that
    each run is stored set-based and a repeat finds, and replaces, the stored earlier one."""
    run: list[PreparedArticle] = []
    keys: set[str | tuple[str, str]] = set()
    for prepared in batch:
        key = prepared.record.url or ("", prepared.digest)
        if key in keys:
            yield run
            run, keys = [], set()
        run.append(prepared)
        keys.add(key)
    if run:
        yield run


def _store_run(*, session: Session, run: Sequence[PreparedArticle], topics: dict[str, Topic],
               pending: CountChanges, known: KnownRows, inserted: list[NewArticle],
               deleted: set[int]) -> list[IngestResult]:
    """Store the run's new and changed articles; add what they count to `pending`.

    `pending`: counts added by the batch so far, applied before an article is replaced so that
    the replaced article's speakers are counted right when orphans are looked for."""
    existing = _find_existing(session, run)
    same = {i for i, (prepared, found) in enumerate(zip(run, existing, strict=True))
            if found is not None and found[1] == prepared.digest}
    quote_counts = dict(session.execute(
        select(Quote.article_id, func.count()).where(col(Quote.article_id).in_(
            [existing[i][0] for i in same])).group_by(Quote.article_id)).all()) if same else {}  # type: ignore[index]
    replaced = [found[0] for i, found in enumerate(existing) if found and i not in same]
    if replaced:
        apply_count_changes(session=session, changes=pending)
        pending.clear()
        for article_id in replaced:
            delete_article_rows(session=session, article=session.get_one(Article, article_id))
        deleted.update(replaced)
        known.forget_speakers()
    stored = iter(store_articles(session=session, topics=topics, known=known,
                                 batch=[p for i, p in enumerate(run) if i not in same]))
    results = []
    for i, (prepared, found) in enumerate(zip(run, existing, strict=True)):
        if i in same:
            results.append(IngestResult(found[0], "unchanged", quote_counts.get(found[0], 0)))  # type: ignore[index]
            continue
        article = next(stored)
        inserted.append(article)
        remember_content_words(article.id, article.content_hash, prepared.words)
        results.append(IngestResult(article.id, "updated" if found else "stored",
                                    len(article.quotes)))
        if article.duplicate_of_id is None:  # a duplicate's quotes are stored, never counted
            pending.add(_counted(article, prepared, topics))
    return results


def _counted(article: NewArticle, prepared: PreparedArticle,
             topics: dict[str, Topic]) -> CountChanges:
    outlet = article.outlet_id
    return CountChanges(
        speaker_quotes=Counter(speaker_id for _, speaker_id in article.quotes if speaker_id),
        topic_quotes=Counter(topics[m.slug].id for ms in prepared.quote_topics for m in ms),
        topic_articles=Counter(topics[m.slug].id for m in prepared.topics),
        outlet_quotes=Counter({outlet: len(article.quotes)} if outlet else {}),
        outlet_articles=Counter({outlet: 1} if outlet else {}),
        entity_mentions=Counter(article.entities),
        entity_articles=Counter(dict.fromkeys(article.entities, 1)))


def _find_existing(session: Session, run: Sequence[PreparedArticle]
                   ) -> list[tuple[int, str] | None]:
    """(id, content hash) of the stored article each one is: same url, or same text when it
    has no url."""
    urls = [p.record.url for p in run if p.record.url]
    by_url = {url: (i, h) for url, i, h in session.execute(
        select(Article.url, Article.id, Article.content_hash)
        .where(col(Article.url).in_(urls))).all()} if urls else {}
    digests = [p.digest for p in run if not p.record.url]
    # `url IS NULL` is tested here, not in SQL: SQLite would scan every url-less row for it;
    # newest first, so that the oldest of several url-less copies wins
    by_digest = {h: (i, h) for url, i, h in session.execute(
        select(Article.url, Article.id, Article.content_hash)
        .where(col(Article.content_hash).in_(digests)).order_by(col(Article.id).desc())).all()
        if url is None} if digests else {}
    return [by_url.get(p.record.url) if p.record.url else by_digest.get(p.digest) for p in run]


def delete_article_rows(*, session: Session, article: Article) -> None:
    """Remove an article and everything derived from it, then fix the counts it fed."""
    changes = article_contribution(session=session, article=article, sign=-1)
    speaker_ids = set(changes.speaker_quotes)
    utterance_ids = set(session.exec(select(Quote.utterance_id).where(
        Quote.article_id == article.id, col(Quote.utterance_id).is_not(None))).all())
    story_ids = {article.story_id} if article.story_id else set()
    neighbours = linked_articles(session=session, article_ids=[article.id])
    session.delete(article)
    session.flush()
    apply_count_changes(session=session, changes=changes)
    refresh_utterances(session=session, utterance_ids=utterance_ids)  # type: ignore[arg-type]
    regrouped = regroup_speakers(session=session, speaker_ids=speaker_ids)
    regroup_stories(session=session, article_ids=neighbours | regrouped)
    refresh_stories(session=session, story_ids=story_ids)
    orphans = session.exec(select(Speaker).where(col(Speaker.id).in_(speaker_ids),
                                                 Speaker.quote_count == 0)).all()
    for speaker in orphans:
        session.delete(speaker)
    session.flush()


def delete_article(*, session: Session, article_id: int) -> bool:
    """Delete the article with this id and everything derived from it; False when unknown."""
    begin_writing(session)
    article = session.get(Article, article_id)
    if article is None:
        session.rollback()
        return False
    delete_article_rows(session=session, article=article)
    session.commit()
    return True
