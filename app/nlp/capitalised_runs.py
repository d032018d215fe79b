"""Runs of capitalised words cut out of a text, with how much their capitals say: little at
the start of a sentence (INITIAL) and in title-cased headlines (HEADLINE), much mid-sentence.

A run is a list of tokens (word, start, end), joined by single spaces, hyphens or the ". " of an
abbreviation ("Mr. Blinken"), and may hold connectors ("Secretary of State").
"""
from __future__ import annotations

import bisect
import re

from app.nlp.gazetteer import ABBREVIATED_TITLES
from app.nlp.patterns import word_alternation

MID, INITIAL, HEADLINE = 0, 1, 2
CONNECTORS = frozenset("of the von van der den de al bin da du la le di dos del".split())

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?![A-Za-z])|[^\W_](?:\w|[’'](?=\w))*")
# A stretch of words that start in lower-case ASCII or a digit, the first no connector: it
# ends any run, and of its words only the last matters to what follows (capitalised_runs).
_LOWER_WORD = r"[a-z0-9](?:\w|[’'](?=\w))*+"
_LOWER_STRETCH = (rf"(?=[a-z0-9])(?!{word_alternation(CONNECTORS)}(?!\w|[’'](?=\w)))"
                  rf"{_LOWER_WORD}(?:[\W_]+{_LOWER_WORD})*")
_WORDS = re.compile(f"(?P<lower>{_LOWER_STRETCH})|{_TOKEN.pattern}")
_CONTRACTION = re.compile(r"[’'](?:t|ve|re|ll|d|m)$", re.IGNORECASE)
POSSESSIVE = re.compile(r"[’']s$")  # "Blinken's": the end of a name
_SENTENCE_PUNCT = re.compile(r"[.!?:;“\"‘—–]|(?<!\w)'")


def capitalised_runs(text: str):
    """Yield (tokens, context, text after the run); a token is (word, start, end)."""
    headlines = _headline_spans(text)
    headline_starts = [lo for lo, _ in headlines]
    run: list[tuple[str, int, int]] = []
    context = MID
    previous: tuple[str, int] | None = None  # the token before: (word, end)
    for match in _WORDS.finditer(text):
        word = match.group()
        start, end = match.span()
        if match.lastgroup == "lower" or not word[0].isupper() and word not in CONNECTORS:
            if run:  # most words: they end any run
                yield _trim(run), context, text[run[-1][2]:run[-1][2] + 60]
                run = []
            previous = word, end  # for a stretch, its last word is found when needed
            continue
        gap = text[previous[1]:start] if previous else "\n"
        capital = word[0].isupper() and not (
            ("'" in word or "’" in word) and _CONTRACTION.search(word))
        if gap == "-" and previous and _TOKEN.findall(previous[0])[-1].islower():
            capital = False  # "trans-Atlantic", "non-NATO": an adjective, not a mention
        previous = word, end
        joins = run and (gap == " " or (gap == "-" and capital)
                         or (gap == ". " and _is_abbreviation(run[-1][0])))
        if joins and (capital or word in CONNECTORS) and not POSSESSIVE.search(run[-1][0]):
            run.append((word, start, end))
            continue
        if run:
            yield _trim(run), context, text[run[-1][2]:run[-1][2] + 60]
            run = []
        if capital:
            run = [(word, start, end)]
            line = bisect.bisect_right(headline_starts, start) - 1
            if line >= 0 and start < headlines[line][1]:
                context = HEADLINE
            elif "\n" in gap or _SENTENCE_PUNCT.search(gap):
                context = INITIAL
            else:
                context = MID
    if run:
        yield _trim(run), context, ""


def _is_abbreviation(word: str) -> bool:
    return word in ABBREVIATED_TITLES or (len(word) == 1 and word.isupper())


def _trim(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    while run and run[-1][0] in CONNECTORS:
        run = run[:-1]
    return run


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short paragraphs without sentence punctuation: headlines, bylines, menus."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if line and len(line.split()) <= 20 and not re.search(r"[.!?:][\"”’')]*(\s|$)", line):
            spans.append((m.start(), m.end()))
    return spans
