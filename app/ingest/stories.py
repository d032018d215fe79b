"""Stories kept up to date as articles come and go (see app.nlp.stories for the rule).

Whether two articles are linked depends on those two articles only, and a story on the connected
group of linked articles it is part of. So after a change, the groups around the changed
articles are found in the database (the articles sharing an utterance with them, or a speaker
within the window, then theirs in turn) and clustered anew: stories come out the same whatever
the order or size of the batches, and the same as `python -m app regroup`.
"""
import sys
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from app.ingest.inserts import insert_returning_ids
from app.ingest.story_counts import refresh_stories
from app.models import Article, ArticleEntity, Quote, Story, Utterance, utcnow
from app.nlp.stories import (
    BUSY_UTTERANCE,
    WINDOW,
    ArticleForGrouping,
    cluster,
    connected,
    content_words,
    same_story,
)

WORDS_CACHE_SIZE = 10_000  # articles; about 16 KB each
CHUNK = 500  # values in one IN (...) list

_words_cache: OrderedDict[tuple[int, str], frozenset[str]] = OrderedDict()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """The columns story grouping reads: never the body, unless its words are not cached."""
    id: int
    published_at: datetime | None
    content_hash: str
    story_id: int | None


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
    missing = [a.id for a in articles if words[a.id] is None]
    hashes = {a.id: a.content_hash for a in articles}
    for chunk in _chunks(missing):
        for article_id, body in session.execute(select(Article.id, Article.body).where(
                col(Article.id).in_(chunk))).all():
            words[article_id] = _remember(article_id, hashes[article_id], content_words(body))
    return {i: w or frozenset() for i, w in words.items()}


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    values = sorted(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


class _Graph:
    """The articles read so far, what same_story compares of them, and their links."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.articles: dict[int, StoredArticle] = {}
        self.summaries: dict[int, ArticleForGrouping] = {}
        self.quotes: dict[int, list[tuple[int | None, int | None, Any]]] = {}
        self.links: dict[int, set[int]] = {}
        self.not_original: set[int] = set()

    def read(self, ids: Collection[int]) -> list[int]:
        """Read the unread articles among ids; the originals among them."""
        unread = [i for i in ids if i not in self.articles and i not in self.not_original]
        for chunk in _chunks(unread):
            for row in self.session.execute(select(
                    Article.id, Article.published_at, Article.content_hash, Article.story_id,
                    Article.duplicate_of_id).where(col(Article.id).in_(chunk))).all():
                if row.duplicate_of_id is None:
                    self.articles[row.id] = StoredArticle(row.id, row.published_at,
                                                          row.content_hash, row.story_id)
                else:
                    self.not_original.add(row.id)
        fresh = [i for i in unread if i in self.articles]
        self._summarise(fresh)
        return [i for i in ids if i in self.articles]

    def _summarise(self, ids: Sequence[int]) -> None:
        quotes: dict[int, list[tuple[int | None, int | None, Any]]] = defaultdict(list)
        for chunk in _chunks(ids):
            for article_id, speaker, utterance, reported in self.session.execute(
                    select(Quote.article_id, Quote.speaker_id, Quote.utterance_id,
                           Quote.reported_at).where(col(Quote.article_id).in_(chunk))).all():
                quotes[article_id].append((speaker, utterance, reported))
        entities: dict[int, set[str]] = defaultdict(set)
        for chunk in _chunks(ids):
            for article_id, entity_id in self.session.execute(
                    select(ArticleEntity.article_id, ArticleEntity.entity_id).where(
                        col(ArticleEntity.article_id).in_(chunk), ArticleEntity.count >= 2)):
                entities[article_id].add(str(entity_id))
        utterances = {u for i in ids for _, u, _ in quotes[i] if u is not None}
        busy = _busy_utterances(self.session, utterances)
        words = content_words_of(self.session, [self.articles[i] for i in ids])
        for i in ids:
            article = self.articles[i]
            self.quotes[i] = quotes[i]
            self.links[i] = set()
            self.summaries[i] = ArticleForGrouping(
                id=i, published_at=article.published_at,
                speakers=frozenset(str(s) for s, _, _ in quotes[i] if s is not None),
                utterance_ids=frozenset(u for _, u, _ in quotes[i]
                                        if u is not None and u not in busy),
                words=words[i], entities=frozenset(entities[i]), key=article.content_hash)

    def expand(self, frontier: Sequence[int]) -> list[int]:
        """Link the frontier's articles to every article they are linked to; the new ones."""
        found = self._candidates(frontier)
        self.read({c for ids in found.values() for c in ids})
        new: set[int] = set()
        for article_id, candidates in found.items():
            me = self.summaries[article_id]
            for other in candidates - self.links[article_id] - {article_id}:
                if other in self.summaries and same_story(me, self.summaries[other]):
                    self.links[article_id].add(other)
                    self.links[other].add(article_id)
                    new.add(other)
        return sorted(new - set(frontier))

    def _candidates(self, frontier: Sequence[int]) -> dict[int, set[int]]:
        """Per article, the articles sharing one of its utterances, or a speaker within the
        window (both dated): a superset of the articles it is linked to."""
        found: dict[int, set[int]] = {i: set() for i in frontier}
        by_utterance: dict[int, list[int]] = defaultdict(list)
        by_speaker: dict[int, list[int]] = defaultdict(list)
        for i in frontier:
            for utterance in self.summaries[i].utterance_ids:
                by_utterance[utterance].append(i)
            if self.articles[i].published_at is not None:
                for speaker in {int(s) for s in self.summaries[i].speakers}:
                    by_speaker[speaker].append(i)
        for chunk in _chunks(list(by_utterance)):
            for utterance, article_id in self.session.execute(
                    select(Quote.utterance_id, Quote.article_id)
                    .where(col(Quote.utterance_id).in_(chunk))).all():
                for i in by_utterance[utterance]:
                    found[i].add(article_id)
        for speaker, articles in sorted(by_speaker.items()):
            dates = [self.articles[i].published_at for i in articles]
            rows = self.session.execute(_SPEAKER_QUOTES, dict(
                speaker=speaker, first=min(dates) - WINDOW,  # type: ignore[type-var,operator]
                last=max(dates) + WINDOW)).all()  # type: ignore[type-var,operator]
            times = [reported for _, reported in rows]  # in order: the index's
            for i in articles:
                when = self.articles[i].published_at
                found[i].update(a for a, _ in rows[bisect_left(times, when - WINDOW):  # type: ignore[operator]
                                                   bisect_right(times, when + WINDOW)])  # type: ignore[operator]
        return found


_SPEAKER_QUOTES = select(Quote.article_id, Quote.reported_at).where(
    Quote.speaker_id == bindparam("speaker"),
    col(Quote.reported_at).between(bindparam("first"), bindparam("last"))
).order_by(col(Quote.reported_at))


def _busy_utterances(session: Session, utterance_ids: set[int]) -> set[int]:
    busy: set[int] = set()
    for chunk in _chunks(list(utterance_ids)):
        busy.update(session.exec(select(Utterance.id).where(
            col(Utterance.id).in_(chunk),
            col(Utterance.quote_count) > BUSY_UTTERANCE)).all())
    return busy


def linked_articles(*, session: Session, article_ids: Collection[int]) -> set[int]:
    """The articles these ones are linked to (e.g. to regroup them once these are deleted)."""
    graph = _Graph(session)
    originals = graph.read(sorted(set(article_ids)))
    graph.expand(originals)
    return {other for i in originals for other in graph.links[i]} - set(article_ids)


def regroup_stories(*, session: Session, article_ids: Collection[int]) -> None:
    """Cluster anew the connected groups of linked articles around these articles, and store
    the stories that changed; every original article is in a story."""
    graph = _Graph(session)
    frontier = graph.read(sorted(set(article_ids)))
    visited = set(frontier)
    while frontier:
        frontier = [i for i in graph.expand(frontier) if i not in visited]
        visited.update(frontier)
    stories = [ids for component in connected({i: graph.links[i] for i in visited})
               for ids in cluster([graph.summaries[i] for i in component], graph.links)]
    _write_stories(session, graph, visited, stories)


def _write_stories(session: Session, graph: _Graph, visited: set[int],
                   stories: list[tuple[int, ...]]) -> None:
    """Each story keeps the stored story most of its articles are in (the smallest id among
    equals) unless a larger story took it first; the others are new. Stories left empty are
    dropped, and the duplicates of moved articles follow them."""
    old = {i: graph.articles[i].story_id for i in visited}
    kept: dict[int, tuple[int, ...]] = {}
    fresh: list[tuple[int, ...]] = []
    for members in sorted(stories, key=lambda s: (-len(s), s)):
        held: dict[int, int] = {}
        for article_id in members:
            if (story := old[article_id]) is not None and story not in kept:
                held[story] = held.get(story, 0) + 1
        if held:
            kept[min(held, key=lambda s: (-held[s], s))] = members
        else:
            fresh.append(members)
    now = utcnow()
    ids = insert_returning_ids(session, Story.__table__, [  # type: ignore[attr-defined]
        dict(title=None, article_count=0, outlet_count=0, updated_at=now) for _ in fresh])
    story_of = {a: s for s, members in kept.items() for a in members}
    story_of.update((a, s) for members, s in zip(fresh, ids, strict=True) for a in members)
    moved = {a: s for a, s in story_of.items() if old[a] != s}
    if moved:
        table = Article.__table__  # type: ignore[attr-defined]
        rows = [dict(row_id=a, story=s) for a, s in sorted(moved.items())]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id"))
            .values(story_id=bindparam("story")), rows)
        session.connection().execute(  # a copy is in the story of its original
            table.update().where(table.c.duplicate_of_id == bindparam("row_id"))
            .values(story_id=bindparam("story")), rows)
    refresh_stories(session=session, story_ids={
        s for s in (*moved.values(), *(old[a] for a in moved)) if s is not None})
