"""Paragraphs that are page furniture, not article: breadcrumbs, captions and photo credits,
newsletter prompts, share widgets, bare domains. Each rule is a general shape, specified by the
one-line cases in tests/ingest/test_cleaning.py; app.ingest.cleaning applies them.
"""
import re
from collections.abc import Callable

TERMINAL = tuple(".!?:;\"”’»)…]")  # what a sentence (or a quote closing one) ends with
QUOTE_MARKS = re.compile("[\"“”«»]")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+(?:/|>|»|›)\s+")
# A credit closing a caption: "(By AFP)", "(Photo: Reuters)", "[EPA-EFE/YVES HERMAN / POOL]".
_NAMED_CREDIT = re.compile(r"[\[(](?:by|photo|photos|image|credit)\b[^\])]{0,60}[\])]$",
                           re.IGNORECASE)
_CLOSING_BRACKET = re.compile(r"[\[(]([^\])]{2,60})[\])]$")
_CLOSING_BRACKETS = (")", "]", ")\n", "]\n")  # what those two patterns end with ($: before a \n)
# "Turkish Defense Ministry, via Shutterstock", "Jim Huylebroek for The New York Times",
# "Kevin Lamarque/Reuters", "Photo: AP".
_NAME = r"[A-Z][\w.'’&-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w.'’&-]*){0,5}"
_TRAILING_CREDIT = re.compile(
    rf"(?:^|[.!?]\s+)(?:{_NAME},?\s+(?:via|for)\s+(?:the\s+)?{_NAME}"
    rf"|{_NAME}\s*/\s*{_NAME}|(?:photo|image|credit|photograph)s?:\s*{_NAME})$")
_CAPTION_OPENING = re.compile(
    r"^(?:(?:this|a|the|in this)\s+)?(?:file\s+)?(?:photo|picture|image|photograph)"
    r"(?:,|\s+(?:taken|shows|showing|dated|released|provided|made|from))", re.IGNORECASE)

_NEWSLETTER = re.compile(r"\b(?:subscribe|sign up|signup|register)\b.{0,60}\b(?:newsletters?|"
                         r"updates|alerts|digest|inbox)\b|\bnewsletters?\b.{0,30}\bsign up\b",
                         re.IGNORECASE)
_WIDGET = re.compile(
    r"^(?:share(?: this)?(?: article| story| page| post)?(?: on \w+)?|tweet|email|print"
    r"|follow us(?: on .{1,40})?|advertisement|sponsored(?: content)?|read more|related"
    r"(?: articles?| stories| news)?|most (?:read|popular)|comments?|click here.{0,60}"
    r"|(?:read more|also read|read also|related|see also|more on this)(?: stor(?:y|ies))?:"
    r".{0,200})$",
    re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$",
                          re.IGNORECASE)


def is_breadcrumb(text: str) -> bool:
    """'News / Foreign Policy / Afghanistan': a few short capitalised items and separators."""
    if len(text) > 120:
        return False
    items = _BREADCRUMB_SEPARATOR.split(text)
    return (len(items) >= 2 and not QUOTE_MARKS.search(text)
            and all(0 < len(item.split()) <= 4 and item[:1].isupper()
                    and not item.endswith(TERMINAL) for item in items))


def _is_caption(text: str) -> bool:
    if _CAPTION_OPENING.match(text):
        return True
    bracketed = text.endswith(_CLOSING_BRACKETS)  # both patterns end so: skip the long searches
    if bracketed and _NAMED_CREDIT.search(text):
        return True
    bracket = _CLOSING_BRACKET.search(text) if bracketed else None
    if bracket and _mostly_uppercase(bracket.group(1)) and (
            "/" in bracket.group(1) or " " in bracket.group(1).strip()):
        return True
    # A credit after a caption sentence, with no closing punctuation: "... in 2019. X, via Y".
    return not text.endswith(TERMINAL) and bool(_TRAILING_CREDIT.search(text)) and (
        bool(re.search(r"[.!?]\s", text)) or bool(re.search(r"\b(?:via|/)", text)))


def _mostly_uppercase(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.8


def _is_newsletter_prompt(text: str) -> bool:
    return len(text.split()) <= 25 and bool(_NEWSLETTER.search(text))


def _is_widget(text: str) -> bool:
    return len(text) <= 200 and bool(_WIDGET.match(text.rstrip(" :»>")))


def _is_bare_domain(text: str) -> bool:
    return bool(_BARE_DOMAIN.match(text))


PAGE_FURNITURE_RULES: tuple[Callable[[str], bool], ...] = (
    is_breadcrumb, _is_caption, _is_newsletter_prompt, _is_widget, _is_bare_domain)
