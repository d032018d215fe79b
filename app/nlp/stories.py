"""Group articles that cover the same event into stories.

Two articles are *linked* when
- they share two utterances, or one utterance and some vocabulary (so that an old quote re-used
  later, like "experiencing brain death", does not link two unrelated articles by itself), and
  were published within WINDOW of each other (or a date is unknown);
- or, both dated within WINDOW, they quote a speaker in common, their vocabularies overlap
  (Jaccard of content words >= SPEAKER_JACCARD) and so do the people, organisations and places
  they name (Jaccard of the entities each names at least twice >= ENTITY_JACCARD: in a campaign
  every article quotes the same few candidates);
- or, both dated within WINDOW and quoting a speaker in common, their vocabularies nearly
  coincide (>= COPY_JACCARD: wire copy, updated versions).
An utterance carried by more than BUSY_UTTERANCE articles (a slogan, a stock phrase) is no
evidence. Linking depends on the two articles only, never on the order they came in.

Stories are built inside each connected group of linked articles by average linkage: starting
from single articles, the two groups with the largest share of linked pairs between them are
merged, while more than half of those pairs are linked (MAJORITY). An article therefore joins a
story only when it is linked to most of it: a chain A-B-C where A and C are unrelated is not one
story through B. Ties are broken by each article's `key` (e.g. its content hash), so the result
does not depend on ids or order.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

WINDOW = timedelta(days=3)
SPEAKER_JACCARD = 0.1
ENTITY_JACCARD = 0.25
UTTERANCE_JACCARD = 0.05
COPY_JACCARD = 0.5
MAJORITY = 0.5  # a merge needs more than this share of linked pairs
BUSY_UTTERANCE = 200  # articles; an utterance carried by more is no evidence of one event
_WORD = re.compile(r"[^\W\d_][\w’'-]*[^\W_]|[^\W\d_]")
STOPWORDS = frozenset("""a about after again against all also an and any are as at be because
    been before being between both but by can could did do does doing down during each few for
    from further had has have having he her here hers him his how i if in into is it its just
    me more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    said says say told tells according new one two would could mr ms mrs""".split())


@dataclass(frozen=True, slots=True)
class ArticleForGrouping:
    id: int
    published_at: datetime | None
    speakers: frozenset[str]
    utterance_ids: frozenset[int]  # busy utterances left out
    words: frozenset[str]  # content vocabulary, e.g. content_words(text)
    entities: frozenset[str] = frozenset()  # named at least twice
    key: str = ""  # order-independent tie-breaker (content hash); the id when empty


def content_words(text: str) -> frozenset[str]:
    """Lowercase words of text without stopwords and one-letter words."""
    lowered = text.lower()
    if len(lowered) == len(text):  # the same words, lowercased: one pass over the text
        words = _WORD.findall(lowered.replace("’", "'"))
    else:  # a letter that lowercases to two ("İ") would split a word
        words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return frozenset(w for w in words if len(w) > 1 and w not in STOPWORDS)


def same_story(a: ArticleForGrouping, b: ArticleForGrouping) -> bool:
    """Whether two articles are linked (see the module docstring)."""
    dated = a.published_at is not None and b.published_at is not None
    if dated and abs(a.published_at - b.published_at) > WINDOW:  # type: ignore[operator]
        return False
    shared = len(a.utterance_ids & b.utterance_ids)
    if shared >= 2:
        return True
    if shared == 1:
        needed = UTTERANCE_JACCARD
    elif dated and a.speakers & b.speakers:
        named_alike = jaccard(a.entities, b.entities) >= ENTITY_JACCARD
        needed = SPEAKER_JACCARD if named_alike else COPY_JACCARD
    else:
        return False
    # the least similarity that links them; the vocabularies' sizes bound what it can be
    smaller, larger = sorted((len(a.words), len(b.words)))
    return larger > 0 and smaller >= needed * larger and jaccard(a.words, b.words) >= needed


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def group_stories(articles: Iterable[ArticleForGrouping]) -> list[tuple[int, ...]]:
    """Stories as sorted tuples of article ids, every article in one, by smallest id.

    Candidate pairs are the articles sharing an utterance or, within WINDOW, a speaker (the
    same ones app.ingest finds in the database)."""
    articles = without_busy_utterances(list(articles))
    by_id = {a.id: a for a in articles}
    links: dict[int, set[int]] = {a.id: set() for a in articles}
    for a, b in _candidate_pairs(articles):
        if b.id not in links[a.id] and same_story(a, b):
            links[a.id].add(b.id)
            links[b.id].add(a.id)
    stories = []
    for component in connected(links):
        stories.extend(cluster([by_id[i] for i in component], links))
    return sorted(stories)


def without_busy_utterances(articles: list[ArticleForGrouping]) -> list[ArticleForGrouping]:
    carried: dict[int, int] = {}
    for article in articles:
        for utterance in article.utterance_ids:
            carried[utterance] = carried.get(utterance, 0) + 1
    busy = {u for u, n in carried.items() if n > BUSY_UTTERANCE}
    if not busy:
        return articles
    return [replace(a, utterance_ids=a.utterance_ids - busy) for a in articles]


def connected(links: Mapping[int, set[int]]) -> list[list[int]]:
    """The connected components of a graph {node: neighbours}."""
    seen: set[int] = set()
    components = []
    for start in sorted(links):
        if start in seen:
            continue
        seen.add(start)
        component, frontier = [start], [start]
        while frontier:
            node = frontier.pop()
            for other in links[node] - seen:
                seen.add(other)
                component.append(other)
                frontier.append(other)
        components.append(sorted(component))
    return components


def cluster(articles: Sequence[ArticleForGrouping], links: Mapping[int, set[int]]
            ) -> list[tuple[int, ...]]:
    """Average-linkage stories of a connected group of articles (see the module docstring).

    The candidate merges wait in a heap, best first: the largest share of linked pairs, then
    the most pairs, then the smallest keys. A merge changes only the pairs of the merged group,
    which are pushed again; an entry that no longer matches its groups is skipped."""
    # unique: two articles can carry one text (the same words under two urls)
    keys = {a.id: f"{a.key}/{a.id:020d}" for a in articles}
    groups: dict[str, list[int]] = {keys[a.id]: [a.id] for a in articles}  # by smallest key
    between: dict[str, dict[str, int]] = {k: {} for k in groups}  # linked pairs between groups
    for a in articles:
        for b in links[a.id]:
            if b in keys:
                between[keys[a.id]][keys[b]] = 1
    heap = [_entry(1, 1, 1, x, y) for x, others in between.items() for y in others if x < y]
    heapq.heapify(heap)
    while heap:
        _, _, left, right = entry = heapq.heappop(heap)
        if left not in groups or right not in groups:
            continue
        count, size = between[left][right], len(groups[left]) * len(groups[right])
        if entry != _entry(count, len(groups[left]), len(groups[right]), left, right):
            continue  # stale: a fresher entry for this pair is in the heap
        if count <= MAJORITY * size:
            break  # the best share left is not a majority
        groups[left].extend(groups.pop(right))  # left < right: a group keeps its smallest key
        for other, n in between.pop(right).items():
            del between[other][right]
            if other != left:
                between[left][other] = between[other][left] = between[left].get(other, 0) + n
        for other, n in between[left].items():
            x, y = min(left, other), max(left, other)
            heapq.heappush(heap, _entry(n, len(groups[x]), len(groups[y]), x, y))
    return [tuple(sorted(ids)) for ids in groups.values()]


def _entry(count: int, size_x: int, size_y: int, x: str, y: str) -> tuple[float, int, str, str]:
    return (-count / (size_x * size_y), -count, x, y)


def _candidate_pairs(articles: Sequence[ArticleForGrouping]
                     ) -> Iterable[tuple[ArticleForGrouping, ArticleForGrouping]]:
    """Pairs sharing an utterance; pairs sharing a speaker, both dated within WINDOW."""
    by_utterance: dict[int, list[ArticleForGrouping]] = {}
    by_speaker: dict[str, list[ArticleForGrouping]] = {}
    for article in articles:
        for utterance in article.utterance_ids:
            by_utterance.setdefault(utterance, []).append(article)
        if article.published_at is not None:
            for speaker in article.speakers:
                by_speaker.setdefault(speaker, []).append(article)
    for block in by_utterance.values():
        for i, a in enumerate(block):
            yield from ((a, b) for b in block[i + 1:])
    for block in by_speaker.values():
        block.sort(key=lambda a: a.published_at)  # type: ignore[arg-type,return-value]
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if b.published_at - a.published_at > WINDOW:  # type: ignore[operator]
                    break
                yield a, b
