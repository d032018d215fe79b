"""Keep the article, drop the page around it: captions, credits, widgets, teasers and footers
(what a lone paragraph gives away is in app.ingest.boilerplate; here, headers, teasers, footers).

The rules are general shapes of boilerplate, not strings copied from particular outlets, and each
one is specified by the one-line cases in tests/ingest/test_cleaning.py. Quote marks and
apostrophes are never altered, so quotes survive cleaning verbatim.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Field

from app.ingest.boilerplate import PAGE_FURNITURE_RULES, QUOTE_MARKS, TERMINAL, is_breadcrumb
from app.ingest.header_lines import byline, header_line, is_date_line
from app.models.articles import ArticleCreate

HEADLINE_MAX_CHARS = 250
SHORT_LINE_MAX_WORDS = 15
FOOTER_MAX_WORDS = 25
# Subheadings are a few words; headlines of related articles are longer.
TEASER_HEADLINE_MIN_WORDS = 7
TEASER_BLURB_MAX_WORDS = 60
# Only the first paragraphs after the headline can be byline, date or standfirst.
HEADER_ZONE_PARAGRAPHS = 6

# Non-breaking and typographic spaces become a plain space; zero-width characters and soft
# hyphens vanish.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_INVISIBLES = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Extra blank lines often mark where a scraper dropped an embedded widget.
_WIDE_GAP = re.compile(r"\n[ \t]*\n[ \t]*\n")

_FOOTER_START = re.compile(
    r"can (?:also )?be accessed at|alternate address|all rights reserved|^copyright\b|^©",
    re.IGNORECASE)


@dataclass(frozen=True)
class CleanArticle:
    title: str | None
    body: str
    byline: str | None
    published_at: datetime | None


@dataclass
class _Paragraph:
    text: str
    wide_gap_after: bool = False


def clean_text(text: str) -> tuple[str | None, str]:
    """(title, body) of a raw text whose first line is the headline."""
    article = clean_headlined_text(text)
    return article.title, article.body


def clean_headlined_text(text: str) -> CleanArticle:
    """Clean a raw text whose first line (after any breadcrumb) is the headline."""
    return _clean(_paragraphs(text), title=None, first_is_headline=True)


class HeadlinedRecord(ArticleCreate):
    """A record read from a text whose first line is the headline, with that text's cleaning
    (clean_headlined_text), so that it is cleaned once, not again by clean_article."""

    cleaned: CleanArticle = Field(exclude=True)


def clean_article(record: ArticleCreate) -> CleanArticle:
    """Clean one record; its title (given, or a headline-like first line) opens the body."""
    if isinstance(record, HeadlinedRecord):
        return record.cleaned
    title = normalize_text(record.title).strip() if record.title else None
    return _clean(_paragraphs(record.text), title=title or None, first_is_headline=False)


def normalize_text(text: str) -> str:
    """NFC, plain spaces and newlines; quote marks and apostrophes are left as they are."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_RUN.sub(" ", _INVISIBLES.sub("", _ODD_SPACES.sub(" ", text)))
    return "\n".join(line.strip() for line in text.split("\n"))


def _paragraphs(text: str) -> list[_Paragraph]:
    text = normalize_text(text).strip()
    paragraphs: list[_Paragraph] = []
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    position = 0
    for block in blocks:
        position = text.find(block, position) + len(block)
        for line in _split_block(block):
            paragraphs.append(_Paragraph(line))
        if paragraphs and _WIDE_GAP.match(text, position):
            paragraphs[-1].wide_gap_after = True
    return paragraphs


def _split_block(block: str) -> list[str]:
    """Join hard-wrapped lines; keep short unpunctuated lines (menus, headings) apart."""
    lines = [line for line in block.split("\n") if line]
    merged: list[str] = []
    for line in lines:
        previous = merged[-1] if merged else ""
        wrapped = previous and not previous.endswith(TERMINAL) and (
            len(previous) >= 50 or line[:1].islower())
        if wrapped:
            merged[-1] = f"{previous} {line}"
        else:
            merged.append(line)
    return merged


def _clean(paragraphs: list[_Paragraph], *, title: str | None,
           first_is_headline: bool) -> CleanArticle:
    while paragraphs and is_breadcrumb(paragraphs[0].text):
        paragraphs.pop(0)
    if paragraphs and title is not None and _same_text(paragraphs[0].text, title):
        paragraphs.pop(0)
    elif paragraphs and title is None and (first_is_headline or _looks_like_headline(
            paragraphs[0].text)) and len(paragraphs[0].text) <= HEADLINE_MAX_CHARS * 2:
        title = paragraphs.pop(0).text
    byline, published_at, paragraphs = _take_header_lines(paragraphs)
    kept = [p.text for p in _drop_boilerplate(paragraphs)]
    if title:
        kept.insert(0, title)
    return CleanArticle(title=title, body="\n\n".join(kept), byline=byline,
                        published_at=published_at)


def _take_header_lines(
        paragraphs: list[_Paragraph]) -> tuple[str | None, datetime | None, list[_Paragraph]]:
    """Move byline and date lines near the top out of the body."""
    name: str | None = None
    published_at: datetime | None = None
    kept: list[_Paragraph] = []
    for index, paragraph in enumerate(paragraphs):
        found = header_line(paragraph.text) if index < HEADER_ZONE_PARAGRAPHS else None
        if found is None:
            kept.append(paragraph)
            continue
        name, published_at = name or found[0], published_at or found[1]
    return name, published_at, kept


def _drop_boilerplate(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    kept: list[_Paragraph] = []
    skip_next = False
    short_from = len(paragraphs)  # the paragraphs from here on are all short enough for a footer
    while short_from and len(paragraphs[short_from - 1].text.split()) <= FOOTER_MAX_WORDS:
        short_from -= 1
    for index, paragraph in enumerate(paragraphs):
        if skip_next:
            skip_next = False
            continue
        # a short "all rights reserved"-style line, followed only by short lines, ends the article
        if index >= max(short_from, 1) and _FOOTER_START.search(paragraph.text):
            break
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is not None and _is_related_teaser(paragraph, following):
            skip_next = True
            continue
        if not any(rule(paragraph.text) for rule in BOILERPLATE_RULES):
            kept.append(paragraph)
    while kept and _is_trailing_menu(kept[-1].text):
        kept.pop()
    return kept


def _is_standalone_byline_or_date(text: str) -> bool:
    return bool(byline(text)) or (len(text) <= 60 and is_date_line(text))


BOILERPLATE_RULES: tuple[Callable[[str], bool], ...] = (
    *PAGE_FURNITURE_RULES, _is_standalone_byline_or_date)


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= SHORT_LINE_MAX_WORDS and not text.endswith((".", ",", ";", ":"))
            and text[:1].isupper() and len(text) <= HEADLINE_MAX_CHARS)


def _is_related_teaser(paragraph: _Paragraph, following: _Paragraph) -> bool:
    """A headline-like line plus a blurb cut off with '…', or set apart by extra blank lines."""
    if not _looks_like_headline(paragraph.text) or paragraph.text.endswith(("?", "!")):
        return False
    blurb = following.text
    # Without the '…' the gap is weaker evidence: ask for a full headline, not a subheading.
    return blurb.endswith(("…", "...")) or (
        following.wide_gap_after and not paragraph.wide_gap_after
        and len(paragraph.text.split()) >= TEASER_HEADLINE_MIN_WORDS
        and len(blurb.split()) <= TEASER_BLURB_MAX_WORDS and not QUOTE_MARKS.search(blurb))


def _is_trailing_menu(text: str) -> bool:
    """Short unpunctuated lines at the very end: menus, app links, sign-offs of the page."""
    return (len(text.split()) <= 6 and not text.endswith(TERMINAL)
            and not QUOTE_MARKS.search(text))


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
