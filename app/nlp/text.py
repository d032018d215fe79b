"""Paragraph and sentence splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re

from app.nlp.lexicons import ABBREVIATIONS

Span = tuple[int, int]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def paragraph_spans(text: str) -> list[Span]:
    """(start, end) of each paragraph: text separated by blank lines, outer whitespace trimmed."""
    spans: list[Span] = []
    position = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _append_trimmed(text, position, brk.start(), spans)
        position = brk.end()
    _append_trimmed(text, position, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end]; abbreviations like "Mr." or "U.S." do not end a sentence."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group().startswith(".") and is_abbreviation(text, match.start() + 1, start):
            continue
        _append_trimmed(text, position, match.end(), spans)
        position = match.end()
    _append_trimmed(text, position, end, spans)
    return spans


def is_abbreviation(text: str, dot_end: int, floor: int = 0) -> bool:
    """Whether the period ending at dot_end closes an abbreviation ("Mr.", "U.S.", "J.")."""
    word = _WORD_BEFORE.search(text, max(floor, dot_end - 12), dot_end)
    if word is None:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or (
        len(token) <= 2
        and token[0].isalpha()
        and "." not in token
        and text[word.start(1)].isupper()
        and len(token) == 1
    )
