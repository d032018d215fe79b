"""Direct quotation spans: pairs quote marks within paragraphs, linear time, never raises.

Double marks (straight or curly) always count; single marks count only where the caller allows
them (headlines, or articles that use no double marks), and then never when they look like
apostrophes ("Trump’s", "shouldn‘t", "'90s", "rock ’n’ roll").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.nlp.text import Span

OPENING_DOUBLE = "“„«‟"
CLOSING_DOUBLE = "”»"
DOUBLE_MARKS = '"' + OPENING_DOUBLE + CLOSING_DOUBLE
SINGLE_MARKS = "'‘’‚‛"
_DOUBLE_RE = re.compile(r"[\"“”„«»‟]")
_SINGLE_RE = re.compile(r"['‘’‚‛]")
_N_CONTRACTION = re.compile(r"['’]n['’]")
_OPEN_CONTEXT = " \t\n([{—–-/:;,…"


@dataclass(slots=True)
class QuoteSpan:
    """Offsets of the quoted words (without the marks) and of the marks themselves."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int
    continues_next: bool = False
    continued_from_previous: bool = False
    single: bool = False


def _double_role(text: str, i: int, lo: int, hi: int) -> str:
    mark = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if mark in OPENING_DOUBLE:
        return "open"
    if mark in CLOSING_DOUBLE:
        # some outlets write ” for both marks: a ” after a space before a word opens
        return "open" if before.isspace() and after.isalnum() else "close"
    can_open = (
        before in _OPEN_CONTEXT or before in DOUBLE_MARKS + SINGLE_MARKS
    ) and not after.isspace()
    can_close = not before.isspace()
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _single_role(text: str, i: int, lo: int, hi: int) -> str:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return "apostrophe"  # Trump’s, shouldn‘t, don't
    if _N_CONTRACTION.match(text, i) or _N_CONTRACTION.match(text, max(lo, i - 2), i + 1):
        return "apostrophe"  # rock ’n’ roll
    if (before.isspace() or i == lo) and after.isdigit():
        return "apostrophe"  # '90s
    if (before in _OPEN_CONTEXT or i == lo or before in DOUBLE_MARKS) and (
        after.isalnum() or after in DOUBLE_MARKS
    ):
        return "open"
    if not before.isspace() and not after.isalnum():
        return "close"
    return "apostrophe"


def _pair_marks(text: str, lo: int, hi: int, *, single: bool) -> list[tuple[int, int | None]]:
    """(open, close) mark positions in text[lo:hi]; close None when the quote runs to the end.

    A curly opener inside an open quote nests (“... calls “hell” than ...”) when enough closers
    follow and it does not start a new sentence; otherwise the earlier mark was a stray and we
    start again from the newer one."""
    pattern = _SINGLE_RE if single else _DOUBLE_RE
    role_of = _single_role if single else _double_role
    marks = [(m.start(), role_of(text, m.start(), lo, hi)) for m in pattern.finditer(text, lo, hi)]
    marks = [(i, role) for i, role in marks if role != "apostrophe"]
    closers_after = [0] * (len(marks) + 1)
    for k in range(len(marks) - 1, -1, -1):
        closers_after[k] = closers_after[k + 1] + (marks[k][1] in ("close", "either"))
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    depth = 0
    for k, (i, role) in enumerate(marks):
        if open_at is None:
            if role != "close":
                open_at, depth = i, 0
        elif role == "open" and not single:
            before = text[lo:i].rstrip()[-1:]
            if (
                text[i] in OPENING_DOUBLE
                and closers_after[k + 1] >= depth + 2
                and before not in (".", "!", "?")
            ):
                depth += 1
            else:
                open_at, depth = i, 0  # an unclosed mark before: start again from the newer one
        elif role in ("close", "either") and i > open_at + 1:
            if depth:
                depth -= 1
                continue
            pairs.append((open_at, i))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _starts_with_opening(text: str, span: Span, *, single: bool) -> bool:
    start, end = span
    if start >= end:
        return False
    marks = SINGLE_MARKS if single else DOUBLE_MARKS
    return text[start] in marks and (
        single
        and _single_role(text, start, start, end) == "open"
        or not single
        and _double_role(text, start, start, end) != "close"
    )


def quote_spans(
    text: str, paragraphs: list[Span], *, single_quote_paragraphs: set[int] = frozenset()
) -> list[QuoteSpan]:
    """Every quotation span, paragraph by paragraph, with multi-paragraph quotes as pieces."""
    found: list[QuoteSpan] = []
    carried = False  # the previous paragraph ended inside an open quote continued here
    for index, (lo, hi) in enumerate(paragraphs):
        single = index in single_quote_paragraphs
        pairs = _pair_marks(text, lo, hi, single=single)
        next_opens = index + 1 < len(paragraphs) and _starts_with_opening(
            text, paragraphs[index + 1], single=single
        )
        for open_at, close_at in pairs:
            end = close_at if close_at is not None else hi
            start = open_at + 1
            while start < end and text[start].isspace():
                start += 1
            stop = end
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if stop <= start or not any(
                ch.isalnum() for ch in text[start : min(stop, start + 200)]
            ):
                continue
            piece = QuoteSpan(start, stop, open_at, close_at, index, single=single)
            if close_at is None:
                piece.continues_next = next_opens
            piece.continued_from_previous = carried and open_at == lo
            found.append(piece)
        carried = bool(pairs) and pairs[-1][1] is None and next_opens
    return found
