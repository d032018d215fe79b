"""Which topics a quote and an article are about, from the keyword occurrences of app.nlp.topics.

A quote is about a topic when a keyword of it is in what the speaker said (the quote itself: a
partial quote's reported clause is left out, as it often runs on to other matters) or in its
attribution (up to the speaker's mention and the cue nearest to it in its sentence), or when the
topic is the subject of the quote's paragraph: a sentence of the paragraph starts with one of
its keywords ("Turkey had briefly blocked...") or its keywords are dense there (at least
PARAGRAPH_MIN_MENTIONS, one per PARAGRAPH_WORDS_PER_MENTION words, in more than one sentence).
One passing mention elsewhere in the paragraph is not enough: Trump calling Obama "a
cheerleader for this country" in a paragraph that mentions a press conference in Turkey is not
about Turkey. Words that say who speaks are not what the quote is about: the speaker's own name,
a title before a name ("NATO Secretary General Jens Stoltenberg"), an appositive ("Cruz, the
winner of the Iowa caucuses,"), an origin ("Afghan-American"), an institution's name ("Georgia
Institute of Technology").

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

PARAGRAPH_MIN_MENTIONS = 3
PARAGRAPH_WORDS_PER_MENTION = 40
LEAD_PARAGRAPHS = 2
ARTICLE_MIN_MENTIONS = 3
# What may stand before the subject of a sentence: an article, opening quotes or brackets.
_SUBJECT_LEAD = re.compile(r"[\"“‘'(\[]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
# A keyword right before a capitalised word outside the quote is part of someone's title or
# name ("NATO Secretary General Jens Stoltenberg said", "Afghan President Ashraf Ghani"): it
# says who speaks, not what about.
_TITLE_AFTER = re.compile(r"[\s\-]+[A-Z]")
# An appositive after a name ("Cruz, the senator from Texas and winner of the Iowa caucuses,")
# says who someone is.
_APPOSITIVE = re.compile(r"(?<=[A-Za-z]), (?:the|a|an|who|whose) [^,;:.“”\"]{1,100},")
# A demonym joined to another ("Afghan-American", "Chinese-Canadian") names a person's origin.
_HYPHENATED_ORIGIN = re.compile(r"-[A-Z][a-z]+an\b")


def quote_topics(body: str, *, quote: Span, paragraph: Span,
                 occurrences: Sequence[TopicOccurrence], definitions: Sequence[TopicDefinition],
                 speaker_mention: str | None = None, cue: str | None = None,
                 sentences: Sequence[Span] | None = None) -> tuple[TopicMatch, ...]:
    """The topics of the quote body[quote[0]:quote[1]], found in `paragraph` (its `sentences`,
    when already split; see the module docstring); each match keeps the words that triggered
    it, the quote's own first."""
    p_start, p_end = paragraph
    if not p_start <= quote[0] < p_end:
        sentences = []
    elif sentences is None:
        sentences = sentence_spans(body, p_start, p_end)
    window = _attribution(body, quote, sentences, (speaker_mention, cue))
    mention = _nearest(body, speaker_mention, quote, window) if speaker_mention else None
    described = [m.span() for m in _APPOSITIVE.finditer(body, *window)]
    near = [o for o in _between(occurrences, *window)
            if (quote[0] <= o.start < quote[1]) or not (
                _names_the_speaker(body, o, mention)
                or any(start <= o.start < end for start, end in described))]
    own = tally_topics(_meaningful(body, near), definitions)
    found = {match.slug for match in own}
    around = _meaningful(body, [o for o in _between(occurrences, p_start, p_end)
                                if o.end <= window[0] or o.start >= window[1]])
    subjects = _paragraph_subjects(body, sentences, paragraph, around)
    extra = [match for match in tally_topics(around, definitions)
             if match.slug in subjects and match.slug not in found]
    return own + tuple(extra)


def _attribution(body: str, said: Span, sentences: Sequence[Span],
                 words: tuple[str | None, ...]) -> Span:
    """The quote with its attribution: the speaker's mention and the cue as written nearest to
    it within its sentences ("... ," Trump said | said Steve Ward, "...")."""
    inside = [(start, end) for start, end in sentences if start < said[1] and said[0] < end]
    if not inside:
        return said
    bounds = (inside[0][0], inside[-1][1])
    start, end = said
    for word in words:
        if word and word.strip(" :") and (found := _nearest(body, word, said, bounds)):
            start, end = min(start, found[0]), max(end, found[1])
    return start, end


def _nearest(body: str, word: str, said: Span, bounds: Span) -> Span | None:
    """Where `word` (as a whole word) is written nearest to the quote within `bounds`."""
    best: tuple[int, int, int] | None = None
    word = word.strip()
    position = body.find(word, bounds[0], bounds[1])
    while position >= 0:
        end = position + len(word)
        whole = not (position and _is_word_char(body[position - 1])) and not (
            end < len(body) and _is_word_char(body[end]))
        if whole and not said[0] <= position < said[1]:
            distance = said[0] - end if end <= said[0] else position - said[1]
            if best is None or distance < best[0]:
                best = (distance, position, end)
        position = body.find(word, position + 1, bounds[1])
    return (best[1], best[2]) if best else None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _names_the_speaker(body: str, occurrence: TopicOccurrence, mention: Span | None) -> bool:
    """The occurrence is the speaker's name or a title before it, not what the quote is about."""
    if mention is not None and mention[0] <= occurrence.start < mention[1]:
        return True
    return bool(_TITLE_AFTER.match(body, occurrence.end))


def _meaningful(body: str, occurrences: Sequence[TopicOccurrence]) -> list[TopicOccurrence]:
    """Occurrences that say what the text is about: not a person's origin ("Afghan-American"),
    not a common word inside an institution's name ("Georgia Institute of Technology")."""
    return [o for o in occurrences if not _HYPHENATED_ORIGIN.match(body, o.end)
            and not (body[o.start].isupper() and body.endswith(" of ", 0, o.start)
                     and all(keyword.islower() for _, keyword in o.owners))]


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
    occurrences = _meaningful(body, occurrences)
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
    """Topics that are a subject of the paragraph (outside the quote and its attribution): a
    sentence starts with one of their keywords, or they are mentioned densely, in more than one
    sentence."""
    counts: dict[str, int] = {}
    in_sentences: dict[str, set[int]] = {}
    subjects: set[str] = set()
    starts = [start for start, _ in sentences]
    sentence_starts = {start + len(_SUBJECT_LEAD.match(body, start, end).group())  # type: ignore[union-attr]
                       for start, end in sentences}
    for occurrence in around:
        for slug, _ in occurrence.owners:
            counts[slug] = counts.get(slug, 0) + 1
            in_sentences.setdefault(slug, set()).add(bisect.bisect_right(starts, occurrence.start))
            if occurrence.start in sentence_starts:
                subjects.add(slug)
    words = len(body[paragraph[0]:paragraph[1]].split())
    needed = max(PARAGRAPH_MIN_MENTIONS, -(-words // PARAGRAPH_WORDS_PER_MENTION))
    return subjects | {slug for slug, count in counts.items()
                       if count >= needed and len(in_sentences[slug]) > 1}
