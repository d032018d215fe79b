"""Which topics a quote and an article are about, from the keyword occurrences of app.nlp.topics.

A quote is about a topic when a keyword of it is in the quote or in its attribution sentence
(the sentences the quote is in, where its speaker and cue are), or when the topic is the
subject of the quote's paragraph: a sentence of the paragraph starts with one of its keywords
("Turkey had briefly blocked...") or its keywords are dense there (at least
PARAGRAPH_MIN_MENTIONS, and one per PARAGRAPH_WORDS_PER_MENTION words). One passing mention
elsewhere in the paragraph is not enough: Trump calling Obama "a cheerleader for this country"
in a paragraph that mentions a press conference in Turkey is not about Turkey.

An article is about a topic when the topic is central to it: named in the headline or the lead
(the first LEAD_PARAGRAPHS paragraphs of the body), or repeated (ARTICLE_MIN_MENTIONS times, in
at least two paragraphs).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from app.nlp.records import TopicDefinition, TopicMatch
from app.nlp.text import Span, sentence_spans
from app.nlp.topics import TopicOccurrence, tally_topics

PARAGRAPH_MIN_MENTIONS = 2
PARAGRAPH_WORDS_PER_MENTION = 40
LEAD_PARAGRAPHS = 2
ARTICLE_MIN_MENTIONS = 3
# What may stand before the subject of a sentence: an article, opening quotes or brackets.
_SUBJECT_LEAD = re.compile(r"[\"“‘'(\[]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)


def quote_topics(body: str, *, quote: Span, paragraph: Span,
                 occurrences: Sequence[TopicOccurrence],
                 definitions: Sequence[TopicDefinition]) -> tuple[TopicMatch, ...]:
    """The topics of the quote body[quote[0]:quote[1]], found in `paragraph` (see the module
    docstring); each match keeps the words that triggered it, the quote's own first."""
    p_start, p_end = paragraph
    sentences = sentence_spans(body, p_start, p_end) if p_start <= quote[0] < p_end else []
    window_start, window_end = quote
    for start, end in sentences:
        if start < quote[1] and quote[0] < end:
            window_start, window_end = min(window_start, start), max(window_end, end)
    near = _between(occurrences, window_start, window_end)
    own = tally_topics(near, definitions)
    found = {match.slug for match in own}
    around = [o for o in _between(occurrences, p_start, p_end)
              if o.end <= window_start or o.start >= window_end]
    subjects = _paragraph_subjects(body, sentences, paragraph, around)
    extra = [match for match in tally_topics(around, definitions)
             if match.slug in subjects and match.slug not in found]
    return own + tuple(extra)


def central_topics(body: str, *, paragraphs: Sequence[Span], headlined: bool,
                   occurrences: Sequence[TopicOccurrence],
                   definitions: Sequence[TopicDefinition]) -> tuple[TopicMatch, ...]:
    """The topics central to an article (see the module docstring), most mentioned first."""
    lead_end = paragraphs[min(len(paragraphs), LEAD_PARAGRAPHS + headlined) - 1][1] \
        if paragraphs else 0
    starts = [start for start, _ in paragraphs]
    in_lead: set[str] = set()
    where: dict[str, set[int]] = {}
    for occurrence in occurrences:
        number = bisect.bisect_right(starts, occurrence.start) - 1
        for slug, _ in occurrence.owners:
            where.setdefault(slug, set()).add(number)
            if occurrence.start < lead_end:
                in_lead.add(slug)
    return tuple(match for match in tally_topics(occurrences, definitions)
                 if match.slug in in_lead or (match.count >= ARTICLE_MIN_MENTIONS
                                              and len(where[match.slug]) >= 2))


def _between(occurrences: Sequence[TopicOccurrence], start: int, end: int
             ) -> Sequence[TopicOccurrence]:
    lo = bisect.bisect_left(occurrences, start, key=lambda o: o.start)
    hi = bisect.bisect_left(occurrences, end, key=lambda o: o.start)
    return [o for o in occurrences[lo:hi] if o.end <= end]


def _paragraph_subjects(body: str, sentences: Sequence[Span], paragraph: Span,
                        around: Sequence[TopicOccurrence]) -> set[str]:
    """Topics that are a subject of the paragraph (outside the quote's own sentences)."""
    counts: dict[str, int] = {}
    subjects: set[str] = set()
    sentence_starts = {start + len(_SUBJECT_LEAD.match(body, start, end).group())  # type: ignore[union-attr]
                       for start, end in sentences}
    for occurrence in around:
        for slug, _ in occurrence.owners:
            counts[slug] = counts.get(slug, 0) + 1
            if occurrence.start in sentence_starts:
                subjects.add(slug)
    words = len(body[paragraph[0]:paragraph[1]].split())
    needed = max(PARAGRAPH_MIN_MENTIONS, -(-words // PARAGRAPH_WORDS_PER_MENTION))
    return subjects | {slug for slug, count in counts.items() if count >= needed}
