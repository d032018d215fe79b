"""Stories kept up to date as articles come: each new article joins the story of the stored
articles it covers the same event with (see app.nlp.stories for what "the same event" means).

A batch of articles is assigned in turn, so an article can join the story of one stored just
before it; what is read about stored articles is read once per batch.
"""
import sys
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from app.ingest.inserts import allocate_ids, column_processor, insert_rows, select_union_all
from app.ingest.store import NewArticle
from app.ingest.story_counts import add_to_stories, refresh_stories
from app.models import Article, Quote, Story, utcnow
from app.nlp.stories import ArticleForGrouping, content_words, same_story

STORY_WINDOW = timedelta(days=3)
STORY_CANDIDATES = 100
SPEAKER_QUOTES_SCANNED = 200  # a speaker's quotes read each side of the date (or newest)
UTTERANCE_QUOTES_SCANNED = 20  # newest quotes read of each utterance
WORDS_CACHE_SIZE = 10_000  # articles; about 16 KB each

_words_cache: OrderedDict[tuple[int, str], frozenset[str]] = OrderedDict()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """The columns story grouping reads: never the body, unless its words are not cached."""
    id: int
    published_at: datetime | None
    content_hash: str


def stored_article(row: Any) -> StoredArticle:
    return StoredArticle(row.id, row.published_at, row.content_hash)


ARTICLE_COLUMNS = (Article.id, Article.published_at, Article.content_hash)


def remember_content_words(article_id: int, content_hash: str, words: frozenset[str]) -> None:
    """Cache an article's content words (computed where the body was extracted)."""
    _remember(article_id, content_hash, words)


def _remember(article_id: int, content_hash: str, words: frozenset[str]) -> frozenset[str]:
    """Cache the words, each string shared with the other articles' (they come unpickled from
    the workers, a copy per article), the oldest entries dropped past WORDS_CACHE_SIZE."""
    words = _words_cache[(article_id, content_hash)] = frozenset(map(sys.intern, words))
    while len(_words_cache) > WORDS_CACHE_SIZE:
        _words_cache.popitem(last=False)
    return words


def content_words_of(session: Session, articles: Sequence[StoredArticle]
                     ) -> dict[int, frozenset[str]]:
    """content_words of each body, cached by (id, content hash): bodies never change in place."""
    words = {a.id: _words_cache.get((a.id, a.content_hash)) for a in articles}
    missing = [a for a in articles if words[a.id] is None]
    if missing:
        bodies = dict(session.execute(select(Article.id, Article.body).where(
            col(Article.id).in_([a.id for a in missing]))).all())
        for article in missing:
            words[article.id] = _remember(article.id, article.content_hash,
                                          content_words(bodies.get(article.id, "")))
    return words  # type: ignore[return-value]


def _summarise(session: Session, articles: Sequence[StoredArticle],
               into: dict[int, ArticleForGrouping]) -> None:
    """Add what same_story compares of each article (speakers, utterances, words) to `into`."""
    articles = [a for a in articles if a.id not in into]
    if not articles:
        return
    rows = session.execute(select(Quote.article_id, Quote.speaker_id, Quote.utterance_id).where(
        col(Quote.article_id).in_([a.id for a in articles]))).all()
    quotes: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for article_id, speaker_id, utterance_id in rows:
        quotes[article_id].append((speaker_id, utterance_id))
    words = content_words_of(session, articles)
    for a in articles:
        into[a.id] = summary_of(a, quotes[a.id], words[a.id])


def summary_of(article: StoredArticle, quotes: Sequence[tuple[int | None, int | None]],
               words: frozenset[str]) -> ArticleForGrouping:
    """What same_story compares of an article, from its quotes' (speaker id, utterance id)."""
    return ArticleForGrouping(
        id=article.id, published_at=article.published_at,
        speakers=frozenset(str(s) for s, _ in quotes if s is not None),
        utterance_ids=frozenset(u for _, u in quotes if u is not None), words=words)


@dataclass
class _Seen:
    """What this batch has read of stored articles. Only story ids change while a batch is
    assigned, and every change is made here as well as in the database."""
    summaries: dict[int, ArticleForGrouping] = field(default_factory=dict)
    originals: dict[int, StoredArticle] = field(default_factory=dict)
    duplicates: set[int] = field(default_factory=set)
    story_of: dict[int, int | None] = field(default_factory=dict)
    joined: dict[int, list[int]] = field(default_factory=dict)  # story -> articles it gained
    recount: set[int] = field(default_factory=set)  # stories made or merged into: count anew
    merged_away: set[int] = field(default_factory=set)
    assigned: dict[int, int] = field(default_factory=dict)  # article -> story, to be written
    new_stories: dict[int, str | None] = field(default_factory=dict)  # id -> title, to insert
    free_ids: list[int] = field(default_factory=list)  # allocated for new stories


def assign_stories(*, session: Session, articles: Sequence[NewArticle]) -> None:
    """Put each article, in turn, in the story of the articles it covers the same event with.

    The articles' quotes must already be in their utterances (they are stored so)."""
    seen = _Seen()
    for article in articles:
        if (article.id, article.content_hash) not in _words_cache:
            remember_content_words(article.id, article.content_hash, content_words(article.body))
    stored = [_as_stored(article) for article in articles]
    _summarise(session, stored, into=seen.summaries)
    candidates = _story_candidates(session, [
        (a, seen.summaries[a.id], min((quote_id for quote_id, _ in new.quotes), default=0))
        for a, new in zip(stored, articles, strict=True)], seen)
    _summarise(session, list({a.id: a for found in candidates for a in found}.values()),
               into=seen.summaries)
    seen.free_ids = allocate_ids(session, Story.__table__, len(articles))[::-1]  # type: ignore[attr-defined]
    for article, found in zip(articles, candidates, strict=True):
        _assign_story(session, article, found, seen)
    _write_assignments(session, seen)
    grown = {story: ids for story, ids in seen.joined.items()
             if story not in seen.recount | seen.merged_away}
    refresh_stories(session=session, story_ids=seen.recount | add_to_stories(session=session,
                                                                          grown=grown))


def _as_stored(article: NewArticle) -> StoredArticle:
    return StoredArticle(article.id, article.published_at, article.content_hash)


def _assign_story(session: Session, article: NewArticle, candidates: Sequence[StoredArticle],
                  seen: _Seen) -> None:
    """Put the article in a story (merging the stories it bridges); not yet recounted."""
    me = seen.summaries[article.id]
    matches = [other.id for other in candidates if same_story(me, seen.summaries[other.id])]
    # the article may be in a story already: an earlier one of its batch found it (by date)
    story_ids = sorted({story for a in (article.id, *matches)
                        if (story := seen.story_of.get(a)) is not None})
    if story_ids:
        home = story_ids[0]
        if len(story_ids) > 1:  # the article bridges stories: they were one event all along
            _merge(session, home, set(story_ids[1:]), seen)
    else:
        home = seen.free_ids.pop()
        seen.new_stories[home] = article.title
        seen.recount.add(home)
    joining = [a for a in dict.fromkeys((article.id, *matches)) if seen.story_of.get(a) is None]
    seen.assigned.update(dict.fromkeys(joining, home))
    seen.story_of.update(dict.fromkeys(joining, home))
    seen.joined.setdefault(home, []).extend(joining)


def _merge(session: Session, home: int, merged: set[int], seen: _Seen) -> None:
    """Merge stories into `home` (the smallest id: a stored story if any of them is)."""
    stored = sorted(merged - seen.new_stories.keys())
    if stored:
        session.execute(update(Article).where(col(Article.story_id).in_(stored))
                        .values(story_id=home))
        session.execute(Story.__table__.delete().where(  # type: ignore[attr-defined]
            Story.__table__.c.id.in_(stored)))  # type: ignore[attr-defined]
    for story in merged & seen.new_stories.keys():
        del seen.new_stories[story]
    for known in (seen.story_of, seen.assigned):
        for other, story in known.items():
            if story in merged:
                known[other] = home
    seen.merged_away |= merged
    seen.recount.add(home)


def _write_assignments(session: Session, seen: _Seen) -> None:
    """Insert the batch's new stories, then point their articles at them: a statement each."""
    now = utcnow()
    insert_rows(session, Story.__table__, [  # type: ignore[attr-defined]
        dict(id=story_id, title=title, article_count=0, outlet_count=0, updated_at=now)
        for story_id, title in sorted(seen.new_stories.items())])
    if seen.assigned:
        table = Article.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id"))
            .values(story_id=bindparam("story")),
            [dict(row_id=a, story=s) for a, s in sorted(seen.assigned.items())])


def _story_candidates(session: Session,
                      articles: Sequence[tuple[StoredArticle, ArticleForGrouping, int]],
                      seen: _Seen) -> list[list[StoredArticle]]:
    """For each (article, summary, id of its first quote), the articles that share an
    utterance or a speaker with it, the closest in time first.

    Where "closest" means newest (an utterance's quotes, an undated article's speakers), only
    quotes stored before the article's first one are read, as if it were stored alone: else
    the rest of its batch would crowd out the articles stored before it, and stories would
    depend on the batch size. A later article finds it in turn.

    Every way is a bounded index range (an utterance's newest quotes, a speaker's quotes nearest
    the date), all of the batch's read by a few statements; the originals are picked in Python:
    a `duplicate_of_id IS NULL` test in SQL makes SQLite scan every original article.
    """
    ids: list[set[int]] = [set() for _ in articles]
    to_time = column_processor(session, Quote.__table__.c.reported_at)  # type: ignore[attr-defined]
    terms = [(f"SELECT CAST(? AS INTEGER), article_id FROM quote WHERE {_CANDIDATE_TERMS[kind]}",
              (position, *values))
             for position, (article, me, first_quote) in enumerate(articles)
             for kind, values in _candidate_terms(article, me, to_time, first_quote)]
    for position, article_id in select_union_all(session, terms):
        ids[position].add(article_id)
    for (article, _, _), found in zip(articles, ids, strict=True):
        found.discard(article.id)
    _read_originals(session, set().union(*ids) - seen.originals.keys() - seen.duplicates, seen)
    return [_closest(article, found, seen)
            for (article, _, _), found in zip(articles, ids, strict=True)]


def _candidate_terms(article: StoredArticle, me: ArticleForGrouping,
                     to_time: Callable[[datetime], object], first_quote: int
                     ) -> Iterator[tuple[str, tuple[object, ...]]]:
    """(kind, parameters) of each way to find the article's candidates."""
    for utterance in sorted(me.utterance_ids):
        yield "utterance", (utterance, first_quote)
    when = article.published_at
    for speaker in sorted(int(s) for s in me.speakers):
        if when is None:
            yield "speaker", (speaker, first_quote)
        else:
            yield "before", (speaker, to_time(when - STORY_WINDOW), to_time(when))
            yield "after", (speaker, to_time(when), to_time(when + STORY_WINDOW))


_CANDIDATE_TERMS = {  # each kind one bounded index range
    "utterance": "utterance_id = ? AND id < ? "
                 f"ORDER BY id DESC LIMIT {UTTERANCE_QUOTES_SCANNED}",
    "speaker": f"speaker_id = ? AND id < ? ORDER BY id DESC LIMIT {SPEAKER_QUOTES_SCANNED}",
    "before": "speaker_id = ? AND reported_at BETWEEN ? AND ? "
              f"ORDER BY reported_at DESC LIMIT {SPEAKER_QUOTES_SCANNED}",
    "after": "speaker_id = ? AND reported_at BETWEEN ? AND ? "
             f"ORDER BY reported_at LIMIT {SPEAKER_QUOTES_SCANNED}",
}


def _read_originals(session: Session, unread: set[int], seen: _Seen) -> None:
    if not unread:
        return
    for row in session.execute(select(*ARTICLE_COLUMNS, Article.story_id,
                                      Article.duplicate_of_id)
                               .where(col(Article.id).in_(unread))).all():
        if row.duplicate_of_id is None:
            seen.originals[row.id] = stored_article(row)
            seen.story_of.setdefault(row.id, row.story_id)
        else:
            seen.duplicates.add(row.id)


def _closest(article: StoredArticle, ids: set[int], seen: _Seen) -> list[StoredArticle]:
    found = [seen.originals[i] for i in ids if i in seen.originals and (
        article.published_at is None or seen.originals[i].published_at is None
        or abs(seen.originals[i].published_at - article.published_at) <= STORY_WINDOW)]
    if article.published_at is not None:
        when = article.published_at
        found.sort(key=lambda a: (a.published_at is None,
                                  abs(a.published_at - when) if a.published_at else 0, a.id))
    else:
        found.sort(key=lambda a: -a.id)
    return found[:STORY_CANDIDATES]
