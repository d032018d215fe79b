"""Group articles that cover the same event into stories.

Two articles are linked when they were published within WINDOW of each other (or a date is
unknown) and
- they share two utterances, or one utterance and some vocabulary (so an old quote re-used years
  later, like "experiencing brain death", does not link two unrelated articles by itself);
- or they share a speaker and much vocabulary (Jaccard of content words >= SPEAKER_JACCARD);
- or their vocabulary is nearly the same (>= COPY_JACCARD: wire copy, updated versions).
Stories are the connected components (union-find). Candidate pairs come only from blocks: the
articles that share an utterance, or one of each article's RARE_KEYS rarest words; inside a block
sorted by date, an article is compared with at most NEIGHBOURS later ones within the window, and
blocks larger than MAX_BLOCK (common words) are not used. So the work is near-linear.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(days=3)
SPEAKER_JACCARD = 0.1
UTTERANCE_JACCARD = 0.05
COPY_JACCARD = 0.5
RARE_KEYS = 8
NEIGHBOURS = 50
MAX_BLOCK = 2_000
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
    utterance_ids: frozenset[int]
    words: frozenset[str]  # content vocabulary, e.g. content_words(text)


def content_words(text: str) -> frozenset[str]:
    """Lowercase words of text without stopwords and one-letter words."""
    lowered = text.lower()
    if len(lowered) == len(text):  # the same words, lowercased: one pass over the text
        words = _WORD.findall(lowered.replace("’", "'"))
    else:  # a letter that lowercases to two ("İ") would split a word
        words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return frozenset(w for w in words if len(w) > 1 and w not in STOPWORDS)


def group_stories(articles: Iterable[ArticleForGrouping]) -> list[tuple[int, ...]]:
    """Stories as sorted tuples of article ids, every article in one, by smallest id."""
    articles = list(articles)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for block in _blocks(articles):
        for a, b in _pairs_in_block(block, articles):
            if find(a) != find(b) and same_story(articles[a], articles[b]):
                parent[find(a)] = find(b)
    stories: dict[int, list[int]] = {}
    for index, article in enumerate(articles):
        stories.setdefault(find(index), []).append(article.id)
    return sorted((tuple(sorted(ids)) for ids in stories.values()), key=lambda s: s[0])


def same_story(a: ArticleForGrouping, b: ArticleForGrouping) -> bool:
    """Whether two articles are linked (see the module docstring)."""
    dated = a.published_at is not None and b.published_at is not None
    if dated and abs(a.published_at - b.published_at) > WINDOW:
        return False
    shared = len(a.utterance_ids & b.utterance_ids)
    if shared >= 2:
        return True
    # the least similarity that links them; the vocabularies' sizes bound what it can be
    needed = (UTTERANCE_JACCARD if shared == 1 else SPEAKER_JACCARD if a.speakers & b.speakers
              else COPY_JACCARD)
    smaller, larger = sorted((len(a.words), len(b.words)))
    return larger > 0 and smaller >= needed * larger and jaccard(a.words, b.words) >= needed


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _blocks(articles: Sequence[ArticleForGrouping]) -> Iterable[list[int]]:
    """Article positions sharing an utterance, or one of their rarest words."""
    by_utterance: dict[int, list[int]] = {}
    frequency: dict[str, int] = {}
    for index, article in enumerate(articles):
        for utterance in article.utterance_ids:
            by_utterance.setdefault(utterance, []).append(index)
        for word in article.words:
            frequency[word] = frequency.get(word, 0) + 1
    yield from (block for block in by_utterance.values() if len(block) > 1)
    del by_utterance
    by_word: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        shared = [w for w in article.words if 1 < frequency[w] <= MAX_BLOCK]
        shared.sort(key=lambda w: (frequency[w], w))
        for word in shared[:RARE_KEYS]:
            by_word.setdefault(word, []).append(index)
    yield from (block for block in by_word.values() if len(block) > 1)


def _pairs_in_block(block: list[int], articles: Sequence[ArticleForGrouping]):
    """Pairs of a block worth checking: by date, each with its next NEIGHBOURS in the window."""
    dated = sorted((i for i in block if articles[i].published_at is not None),
                   key=lambda i: articles[i].published_at)
    undated = [i for i in block if articles[i].published_at is None]
    for position, a in enumerate(dated):
        limit = articles[a].published_at + WINDOW
        for b in dated[position + 1:position + 1 + NEIGHBOURS]:
            if articles[b].published_at > limit:
                break
            yield a, b
    # An undated article may belong anywhere: compare it with a bounded slice of the block.
    for position, a in enumerate(undated):
        for b in (undated[position + 1:] + dated)[:NEIGHBOURS]:
            yield a, b
