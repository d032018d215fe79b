"""Entry point: article text -> direct and reported quotes with resolved speakers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from app.nlp.attribution import (
    Attribution,
    attribution_after,
    attribution_before,
    attribution_of_sentence,
    credit_line,
    first_subject,
    reported_speech,
)
from app.nlp.lexicons import PERSON_PRONOUNS, PRONOUNS, REPORTING_VERBS
from app.nlp.people import ArticlePeople, clean_alias, gender_of, looks_like_organization
from app.nlp.quotes import DOUBLE_MARKS, QuoteSpan, quote_spans
from app.nlp.records import Extraction, Person, Quote
from app.nlp.text import Span, is_abbreviation, paragraph_spans, sentence_spans

_LETTER = re.compile(r"[A-Za-z]")
_WORDS = re.compile(r"[\w’'-]+")
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b)")
_CLAUSE_LEAD = re.compile(r"(?:[ \t,:]|\b(?:that|reporters|journalists)\b)*")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "is"}


@dataclass(slots=True)
class _Candidate:
    span: QuoteSpan
    sentence: Span
    attribution: Attribution | None
    full: bool
    content: Span | None = None


def trim_trailing_punctuation(text: str, start: int, end: int, *, period: bool) -> int:
    """End of text[start:end] without trailing spaces, commas, colons and semicolons, and without
    a final period when `period` (never an abbreviation's: "the U.S.", "Mr.")."""
    while end > start:
        char = text[end - 1]
        if char in " ,;:" or (
            period
            and char == "."
            and text[end - 2 : end] != ".."
            and not is_abbreviation(text, end, start)
        ):
            end -= 1
        else:
            break
    return end


def _is_title_like(words: list[str]) -> bool:
    """ "America First", "Stealing America": capitalised short names, not speech."""
    return (
        0 < len(words) <= 5
        and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
        and any(w[0].isupper() for w in words)
    )


def _is_reply(text: str, span: QuoteSpan, sentence: Span) -> bool:
    """`Poilievre said: “No.”`, `he replied, “Never!”`: a short answer, not a quoted name."""
    if text[span.end - 1 : span.end] in (".", "!", "?"):
        return True
    lead = text[max(sentence[0], span.open_mark - 20) : span.open_mark].rstrip()
    words = lead[:-1].split() if lead.endswith((":", ",")) else []
    return bool(words) and words[-1].lower() in REPORTING_VERBS


def _is_scare_quote(text: str, span: QuoteSpan, sentence: Span, attributed: bool) -> bool:
    words = _WORDS.findall(text[span.start : span.end])
    if _is_title_like(words):
        return not (attributed and _is_reply(text, span, sentence))
    if len(words) <= 3 and span.close_mark is not None:
        before = text[max(sentence[0], span.open_mark - 12) : span.open_mark]
        after = text[span.close_mark + 1 : min(sentence[1], span.close_mark + 12)]
        if _LIST_BEFORE.search(before) and _LIST_AFTER.match(after):
            return True
    return not attributed


class _Extractor:
    def __init__(self, text: str, *, headline: bool) -> None:
        self.text = text
        self.headline = headline
        self.paragraphs = paragraph_spans(text)
        self._sentences: dict[int, list[Span]] = {}
        self._sentence_starts: dict[int, list[int]] = {}
        self._people: ArticlePeople | None = None

    @property
    def people(self) -> ArticlePeople:
        if self._people is None:
            self._people = ArticlePeople(self.text)
        return self._people

    def sentences(self, paragraph: int) -> list[Span]:
        if paragraph not in self._sentences:
            self._sentences[paragraph] = sentence_spans(self.text, *self.paragraphs[paragraph])
        return self._sentences[paragraph]

    def sentence_of(self, paragraph: int, position: int) -> Span:
        spans = self.sentences(paragraph)
        if paragraph not in self._sentence_starts:
            self._sentence_starts[paragraph] = [s for s, _ in spans]
        index = max(0, bisect_right(self._sentence_starts[paragraph], position) - 1)
        return spans[index] if spans else self.paragraphs[paragraph]

    def single_quote_paragraphs(self) -> set[int]:
        body_start = self.paragraphs[1][0] if self.headline and len(self.paragraphs) > 1 else 0
        if not any(mark in self.text[body_start:] for mark in DOUBLE_MARKS):
            return set(range(len(self.paragraphs)))
        return {0} if self.headline and self.paragraphs else set()

    def candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        spans = quote_spans(
            self.text, self.paragraphs, single_quote_paragraphs=self.single_quote_paragraphs()
        )
        for span in spans:
            sentence = self.sentence_of(span.paragraph, span.open_mark)
            # a quote may run past the sentence splitter's idea of a sentence: extend to cover it
            sentence_end = max(
                sentence[1], span.close_mark + 1 if span.close_mark is not None else span.end
            )
            sentence = (sentence[0], self.sentence_of(span.paragraph, sentence_end - 1)[1])
            attribution = None
            if span.close_mark is not None:
                closes = self.text[span.end - 1] == "."
                attribution = attribution_after(
                    self.text,
                    span.close_mark + 1,
                    self.paragraphs[span.paragraph][1],
                    closes_sentence=closes,
                )
            if attribution is None:
                attribution = attribution_before(self.text, sentence[0], span.open_mark)
            if attribution is None and span.open_mark == self.paragraphs[span.paragraph][0]:
                attribution = self.attribution_from_colon_paragraph(span.paragraph)
            if (
                attribution is None
                and span.open_mark == sentence[0]
                and sentence[0] > self.paragraphs[span.paragraph][0]
            ):
                previous = self.sentence_of(span.paragraph, sentence[0] - 1)
                if not any(mark in self.text[previous[0] : previous[1]] for mark in DOUBLE_MARKS):
                    attribution = attribution_of_sentence(self.text, previous[0], previous[1])
            if (
                attribution is None
                and span.paragraph + 1 < len(self.paragraphs)
                and span.close_mark is not None
                and span.close_mark + 3 >= self.paragraphs[span.paragraph][1]
            ):
                attribution = credit_line(self.text, *self.paragraphs[span.paragraph + 1])
            if (
                attribution is None
                and span.open_mark == self.paragraphs[span.paragraph][0]
                and not span.continued_from_previous
            ):
                attribution = self.attribution_from_previous_paragraph(span.paragraph)
            full = (
                not _LETTER.search(self.text, sentence[0], span.open_mark)
                or span.continued_from_previous
            )
            if not full and _is_scare_quote(self.text, span, sentence, attribution is not None):
                continue
            if (
                span.close_mark is None
                and not span.continues_next
                and not span.continued_from_previous
            ):
                if len(_WORDS.findall(self.text[span.start : span.end])) < 4:
                    continue
            content = (
                None if full or attribution is None else self.clause_of(span, sentence, attribution)
            )
            found.append(_Candidate(span, sentence, attribution, full, content))
        self._share_attributions(found)
        return found

    def continues_speech(self, candidate: _Candidate) -> bool:
        """`he said, “and we will do it soon.”`: the quote goes on right after its cue."""
        attribution = candidate.attribution
        if attribution is None or not 0 <= attribution.cue_end <= candidate.span.open_mark:
            return False
        return not self.text[attribution.cue_end : candidate.span.open_mark].strip(" ,:")

    def attribution_from_previous_paragraph(self, paragraph: int) -> Attribution | None:
        """`Ash argued in his email that ...` and then a paragraph that is only a quote: the
        quote is the speech the paragraph before reports (when that one quotes nothing)."""
        if paragraph == 0 or (self.headline and paragraph == 1):
            return None
        start, end = self.paragraphs[paragraph - 1]
        if any(mark in self.text[start:end] for mark in DOUBLE_MARKS):
            return None
        last = self.sentences(paragraph - 1)[-1]
        found = attribution_before(self.text, last[0], last[1])
        if found is None or not found.mention or found.cue == "according":
            return None
        return Attribution(found.cue, found.mention, found.mention_start, 0.5)

    def attribution_from_colon_paragraph(self, paragraph: int) -> Attribution | None:
        """`Caddell continued:` / `The Times reports:` on its own line before a quote paragraph."""
        if paragraph == 0 or (self.headline and paragraph == 1):
            return None
        start, end = self.paragraphs[paragraph - 1]
        if self.text[end - 1] != ":":
            return None
        sentence = self.sentence_of(paragraph - 1, end - 1)
        return attribution_before(self.text, sentence[0], end)

    def clause_of(self, span: QuoteSpan, sentence: Span, attribution: Attribution) -> Span | None:
        """The reported clause around a partial quote: after an earlier cue, before a later one."""
        if attribution.cue_end >= 0 and attribution.cue_end <= span.open_mark:
            start = attribution.cue_end
            lead = _CLAUSE_LEAD.match(self.text, start, span.open_mark)
            start = lead.end() if lead else start
            end = sentence[1]
        else:
            start, end = (
                sentence[0],
                (span.close_mark + 1 if span.close_mark is not None else span.end),
            )
        end = trim_trailing_punctuation(self.text, start, end, period=True)
        return (start, end) if end > start else None

    def _share_attributions(self, found: list[_Candidate]) -> None:
        """Pieces of one paragraph share a speaker; a paragraph of quotes with no attribution of its
        own continues the speaker of the quotes just before it."""
        by_paragraph: dict[int, list[_Candidate]] = {}
        for candidate in found:
            by_paragraph.setdefault(candidate.span.paragraph, []).append(candidate)
        previous: Attribution | None = None
        previous_paragraph = -9
        for paragraph in sorted(by_paragraph):
            group = by_paragraph[paragraph]
            attributed = [c.attribution for c in group if c.attribution and c.attribution.mention]
            continues = group[0].span.continued_from_previous
            named = [
                c.attribution if c.attribution and c.attribution.mention else None for c in group
            ]
            later_of: list[Attribution | None] = [None] * len(group)
            following: Attribution | None = None
            for i in range(len(group) - 1, -1, -1):
                later_of[i] = following
                following = named[i] or following
            earlier: Attribution | None = None
            for i, candidate in enumerate(group):
                if named[i] is not None:
                    earlier = named[i]
                    continue
                inherited = later_of[i] or earlier
                if (
                    inherited is None
                    and previous is not None
                    and candidate.full
                    and (continues or paragraph - previous_paragraph <= 1)
                ):
                    inherited = previous
                if inherited is not None:
                    candidate.attribution = Attribution(
                        inherited.cue,
                        inherited.mention,
                        inherited.mention_start,
                        inherited.confidence * 0.8,
                    )
            if attributed or continues:
                previous = attributed[-1] if attributed else previous
                previous_paragraph = paragraph
            elif not group[0].full:
                previous = None

    def resolve(
        self, mention: str | None, position: int, paragraph: int, last: tuple[str, int] | None
    ) -> str | None:
        if not mention:
            return None
        low = mention.lower()
        if low in PRONOUNS:
            if low not in PERSON_PRONOUNS:
                return None
            floor = self.paragraphs[max(0, paragraph - 1)][0]
            gender = _PRONOUN_GENDER.get(low)
            subject = self.people.last_subject_before(position, floor, gender)
            if (
                last
                and (subject is None or subject.position < last[1])
                and gender_of(last[0]) in (gender, None)
            ):
                return last[0]
            if subject is not None:
                return self.people.canonical(subject.written, position, gender)
            return None
        if low.split()[0] in ("the", "a", "an", "one", "another"):
            return self.people.by_description(mention, position)
        return self.people.canonical(mention, position)

    def run(self) -> Extraction:
        quotes: list[Quote] = []
        last: tuple[str, int] | None = None
        direct_ranges: list[Span] = []
        for candidate in self.candidates():
            span, attribution = candidate.span, candidate.attribution
            mention = attribution.mention if attribution else None
            position = attribution.mention_start if attribution else span.start
            speaker = self.resolve(mention, min(position, span.open_mark), span.paragraph, last)
            if speaker:
                last = (speaker, span.end)
            confidence = attribution.confidence if attribution else 0.3
            # the comma of `"...," he said` and the period of a fragment (`called it "a
            # disgrace."`) belong to the reporter's sentence, not to the speaker's words
            fragment = (
                not candidate.full
                and self.text[span.start].islower()
                and not self.continues_speech(candidate)
            )
            end = trim_trailing_punctuation(self.text, span.start, span.end, period=fragment)
            quotes.append(
                Quote(
                    self.text[span.start : end],
                    span.start,
                    end,
                    "direct",
                    span.paragraph,
                    attribution.cue if attribution else None,
                    mention,
                    speaker,
                    round(confidence if speaker else confidence * 0.6, 3),
                    self.headline and span.paragraph == 0,
                    candidate.content,
                )
            )
            direct_ranges.append(
                (span.open_mark, span.close_mark if span.close_mark is not None else span.end)
            )
        quotes.extend(self.indirect_quotes(direct_ranges, quotes))
        quotes.sort(key=lambda q: q.start)
        return Extraction(tuple(quotes), self.speakers(quotes), (), tuple(self.paragraphs))

    def indirect_quotes(self, direct_ranges: list[Span], direct: list[Quote]) -> list[Quote]:
        found: list[Quote] = []
        first = 1 if self.headline else 0
        for paragraph in range(first, len(self.paragraphs)):
            for sentence in self.sentences(paragraph):
                for reported in reported_speech(self.text, *sentence):
                    start, end = reported.start, reported.end
                    if end < sentence[1] and self.text[end] in DOUBLE_MARKS:
                        continue  # the clause leads into a direct quote, which carries the words
                    while end > start and self.text[end - 1] in " ,;:—–-":
                        end -= 1
                    if len(_WORDS.findall(self.text[start:end])) < 4:
                        continue
                    if end < sentence[1] and self.text[end] in DOUBLE_MARKS:
                        continue  # the clause leads into a direct quote, which carries the words
                    if any(a < end and start < b for a, b in direct_ranges):
                        continue
                    mention = reported.mention
                    speaker = None
                    if mention:
                        speaker = self.resolve(mention, reported.mention_start, paragraph, None)
                    else:  # ", saying ...": the speaker of the sentence
                        mention, speaker = self.sentence_speaker(sentence, reported.start, direct)
                    found.append(
                        Quote(
                            self.text[start:end],
                            start,
                            end,
                            "indirect",
                            paragraph,
                            reported.cue,
                            mention,
                            speaker,
                            0.6 if speaker else 0.3,
                            False,
                        )
                    )
        return found

    def sentence_speaker(
        self, sentence: Span, position: int, direct: list[Quote]
    ) -> tuple[str | None, str | None]:
        """Who speaks in a sentence: the speaker of a direct quote in it, else its first subject."""
        start = sentence[0]
        # a quote in the sentence, which may begin sentences earlier: `"... ." X said, adding`
        spoken = [q for q in direct if q.start < sentence[1] and q.end > sentence[0]]
        before = [q for q in spoken if q.start < position]
        quote = before[-1] if before else spoken[0] if spoken else None
        if quote is not None and quote.speaker:
            return quote.speaker_mention, quote.speaker
        if before:
            start = max(start, before[-1].end)
        subject = first_subject(self.text, start, position)
        if subject is None:
            return None, None
        return subject[0], self.resolve(subject[0], subject[1], self.paragraph_of(subject[1]), None)

    def paragraph_of(self, position: int) -> int:
        return max(0, bisect_right([s for s, _ in self.paragraphs], position) - 1)

    def speakers(self, quotes: list[Quote]) -> tuple[Person, ...]:
        people: dict[str, Person] = {}
        for quote in quotes:
            if not quote.speaker or quote.speaker in people:
                continue
            aliases = self.people.aliases_of(quote.speaker)
            mentions = [
                q.speaker_mention
                for q in quotes
                if q.speaker == quote.speaker
                and q.speaker_mention
                and q.speaker_mention.lower() not in PRONOUNS
            ]
            for form in map(clean_alias, mentions):
                if form not in aliases:
                    aliases.append(form)
            people[quote.speaker] = Person(
                quote.speaker,
                tuple(aliases),
                self.people.role_of(quote.speaker),
                looks_like_organization(quote.speaker),
            )
        return tuple(people.values())


def extract(text: str, *, headline: bool = True) -> Extraction:
    """Quotes (direct and reported), speakers and paragraph offsets of one article body."""
    if not text or not isinstance(text, str):
        return Extraction()
    return _Extractor(text, headline=headline).run()
