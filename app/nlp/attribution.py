"""Who said it: the cue ("said", "told reporters", ":") and speaker mention next to a quote, and
reported speech ("Blinken said that ...") as indirect quotes. Regexes are bounded, never nested."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.nlp.lexicons import (
    CLAUSE_VERBS,
    CUE_ADVERBS,
    DESCRIPTION_HEADS,
    FUNCTION_WORDS,
    REPORTING_VERBS,
)
from app.nlp.names import split_written_name
from app.nlp.patterns import word_alternation
from app.nlp.text import is_abbreviation

_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Sgt|Lt|Col|Capt|Rev|St)\.?[^\S\n]+)?"
_PARTICLE = r"(?:de|van|von|der|den|al|bin|la|le|du|da|di|dos|del|of|of[^\S\n]+the)"
_CAPWORD = rf"(?:[A-Z][\w’'.-]*|{_PARTICLE}(?=[^\S\n]+[A-Z]))"
_ROLE_WORD = (
    r"(?:press|police|chief|economist|secretary|spokesman|spokeswoman|spokesperson|campaign|"
    r"manager|director|chairman|senator|governor|leader|minister|president|official|adviser|aide|"
    r"lawyer|attorney|widow|host|strategist|member|candidate|nominee|executive|founder|analyst|mayor|"
    r"coach|captain|premier|ceo)"
)
_NAME = (
    rf"{_HONORIFIC}(?:[A-Z][\w’'.-]*)(?:[^\S\n]+(?:{_ROLE_WORD}[^\S\n]+){{0,3}}{_CAPWORD}){{0,6}}+"
    r"(?:[^\S\n]*\([A-Z][^()\n]{0,24}\))?"
)
_PRONOUN = r"(?:he|she|they|He|She|They|I|we|We)\b"
_DESCRIPTION = (
    r"(?:the|The|an?|An?|one|One|another|Another)[^\S\n]+(?:[\w’'.-]+[^\S\n]+){0,5}?[\w’'-]+"
)
MENTION = rf"(?<![\w’'-])(?:{_PRONOUN}|{_DESCRIPTION}|{_NAME})"
_VERB_ALTERNATION = word_alternation(v for v in REPORTING_VERBS if " " not in v)
_ADVERBS = rf"(?:{word_alternation(CUE_ADVERBS)}[^\S\n]+){{0,3}}?"
_CUE_OBJECT = r"(?:reporters|journalists|the[^\S\n]+press|CNN|the[^\S\n]+BBC)"
_CUE = rf"(?:{_VERB_ALTERNATION})\b(?:[^\S\n]+{_CUE_OBJECT})?"
_TIME = r"(?:[^\S\n]+(?:on|last|this|in|at|during|late|early)[^\S\n]+[\w ]{1,30}?)?"

_APPOSITION = r"(?:(?:[^\S\n]*,[^,\"“”\n]{1,90}?){1,2},)?"
# "Trump lawyer Marc Kasowitz", "9/11 widow Terry Strada", "Obama's former campaign strategist"
_LOOSE_MENTION = r"(?:[\w/’'.()-]+[^\S\n]+){1,5}?[\w/’'.()-]+"
_LOOSE_STOPS = {
    "with",
    "that",
    "which",
    "when",
    "while",
    "after",
    "before",
    "because",
    "as",
    "if",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "not",
    "to",
    "for",
    "in",
    "on",
    "it",
    "this",
}
_AFTER_QUOTE = re.compile(
    rf"[^\S\n]*[,.!?…;]?[^\S\n]*[—–-]*[^\S\n]*(?:(?P<cue1>{_CUE})[^\S\n]+(?P<m1>(?:[a-z0-9][\w/-]*[^\S\n]+){{0,4}}?{_NAME}|{MENTION})"
    rf"|(?P<m2>{MENTION}){_APPOSITION}[^\S\n]+{_ADVERBS}(?P<cue2>{_CUE})"
    rf"|(?P<m4>{_LOOSE_MENTION}){_APPOSITION}[^\S\n]+{_ADVERBS}(?P<cue4>{_CUE})"
    rf"|(?P<cue3>[Aa]ccording[^\S\n]+to)[^\S\n]+(?P<m3>{MENTION}))"
)
_DASH_CREDIT = re.compile(
    rf"[^\S\n]*[,.]?[^\S\n]*(?P<dash>[―—])[^\S\n]*(?P<m>{_NAME})[^\S\n]*[.,]?(?=[^\S\n]*(?:\n|$|[“\"”]))"
)
_MENTION_AT_END = re.compile(
    rf"(?P<m>{MENTION})(?:[^\S\n]*,[^,\"“”\n]{{1,90}}?,)?[^\S\n]+{_ADVERBS}$"
)
_NOT_DESCRIPTORS = (
    r"that|which|with|the|an?|of|in|on|to|for|and|or|but|as|at|by|from|is|was|were|are|it|this"
)
_DESCRIPTOR = rf"(?!(?:{_NOT_DESCRIPTORS})\b)[a-z0-9][\w/-]*"
_MENTION_AT = re.compile(rf"[^\S\n]+(?P<m>(?:{_DESCRIPTOR}[^\S\n]+){{0,4}}?{_NAME}|{MENTION})")
_CLAUSE_END_AHEAD = re.compile(r"[^\S\n]*(?:[,.:;“\"]|$)", re.MULTILINE)
_NAME_OR_PRONOUN = re.compile(rf"(?<![\w’'-])(?:{_PRONOUN}|{_NAME})")
_PREPOSITIONS = {
    "of",
    "about",
    "to",
    "in",
    "with",
    "from",
    "for",
    "on",
    "at",
    "by",
    "against",
    "than",
    "during",
    "after",
    "before",
    "like",
    "as",
    "over",
    "into",
    "toward",
    "towards",
}
_CUE_AT_END = re.compile(
    rf"(?P<m>{MENTION}){_APPOSITION}[^\S\n]+{_ADVERBS}(?P<cue>{_CUE})"
    r"(?:[^\S\n]+(?:on|in|at|last|this|during|late|early)[^\S\n]+[^.,\n]{1,40})?[^\S\n]*[.:]$"
)
_SUBJECT_AT_START = re.compile(
    r"(?:(?:But|And|So|Yet|As|Then|Still|However|Meanwhile|Later|Instead|Now)[ \t,]+)?"
    rf"(?P<m>{MENTION})"
)
_WORD = re.compile(r"[A-Za-z’'-]+")
_ACCORDING_TO = re.compile(r"\baccording to\b")


@dataclass(slots=True)
class Attribution:
    cue: str | None
    mention: str | None
    mention_start: int
    confidence: float
    cue_end: int = -1
    """End of the cue when it comes before the quote (-1 when the attribution follows the quote)."""


_DETERMINERS = {"the", "a", "an", "one", "another"}


def _valid_mention(mention: str) -> bool:
    words = mention.split()
    if not words:
        return False
    if words[0].lower() in _DETERMINERS:
        last = words[-1].lower().strip(",")
        return (
            len(words) > 1
            and last not in FUNCTION_WORDS
            and last not in REPORTING_VERBS
            and (not last.endswith("ly") or last in DESCRIPTION_HEADS)
        )
    if len(words) == 1 and (
        words[0].lower() in FUNCTION_WORDS or words[0].endswith(("ly", "ing", "’m", "'m"))
    ):
        return False
    return words[0] not in {"The", "This", "That", "It", "In", "On", "At", "A", "An", "But", "And"}


_LEADING_FILLERS = {
    "but",
    "and",
    "so",
    "yet",
    "as",
    "then",
    "still",
    "however",
    "meanwhile",
    "later",
    "despite",
    "neither",
    "nor",
    "amid",
    "although",
    "though",
    "because",
    "since",
    "after",
    "instead",
    "now",
    "when",
    "while",
    "if",
    "in",
    "on",
    "at",
    "before",
}


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TRAILING_NON_NAMES = REPORTING_VERBS | CUE_ADVERBS | _WEEKDAYS


def _trim_mention(mention: str) -> str:
    """Drop a trailing cue or adverb a greedy name run may have caught ("Biden Tuesday"), and a
    leading conjunction ("But Mr. Blinken")."""
    words = mention.split()
    while len(words) > 1 and words[0].lower().strip(",") in _LEADING_FILLERS:
        words.pop(0)
    if words and len(words[-1]) > 3 and words[-1].endswith("."):
        words[-1] = words[-1][:-1]
    while len(words) > 1 and words[-1].lower().strip(".,") in _TRAILING_NON_NAMES:
        words.pop()
    return " ".join(words)


def _mention_of(match: re.Match[str], group: str) -> tuple[str, int]:
    raw = match.group(group)
    mention = _trim_mention(raw)
    return mention, match.start(group) + max(0, raw.find(mention))  # type: ignore[arg-type]


_ENDS_CLAUSE = re.compile(r"[^\S\n]*(?:[.,;]|$)", re.MULTILINE)


def _valid_loose_mention(mention: str) -> bool:
    words = mention.split()
    if any(w.lower().strip(",") in _LOOSE_STOPS for w in words):
        return False
    return any(w[:1].isupper() for w in words) or words[-1].lower() in DESCRIPTION_HEADS


def _cue_text(cue: str) -> str | None:
    head = cue.split()[0]
    if head in REPORTING_VERBS:
        return cue
    return None


def attribution_after(
    text: str, position: int, limit: int, *, closes_sentence: bool
) -> Attribution | None:
    """`," he said` / `," said Blinken` / `, according to X` / `” ― Name` after a closing mark."""
    credit = _DASH_CREDIT.match(text, position, min(len(text), position + 80))
    if credit and _valid_mention(_trim_mention(credit.group("m"))):
        return Attribution(credit.group("dash"), *_mention_of(credit, "m"), 0.7)
    match = _AFTER_QUOTE.match(text, position, min(limit, position + 160))
    if match is None:
        return None
    for cue_group, mention_group in (
        ("cue1", "m1"),
        ("cue2", "m2"),
        ("cue3", "m3"),
        ("cue4", "m4"),
    ):
        cue = match.group(cue_group)
        if cue is None:
            continue
        mention, start = _mention_of(match, mention_group)
        if mention_group == "m4" and not _valid_loose_mention(mention):
            return None
        if _cue_text(cue) is None and cue_group != "cue3" or not _valid_mention(mention):
            return None
        first = text[match.start(mention_group if cue_group in ("cue2", "cue4") else cue_group)]
        if closes_sentence and not first.islower() and not _ENDS_CLAUSE.match(text, match.end()):
            # `"... ." Smith said.` is fine; `"... ." Smith said the plan ...` starts a new sentence
            return None
        return Attribution(cue, mention, start, 0.9)
    return None


_CREDIT_LINE = re.compile(rf"[-―—–][^\S\n]*(?P<m>{_NAME})")


def credit_line(text: str, start: int, end: int) -> Attribution | None:
    """A short paragraph like "- Bernie Sanders." crediting the quote just above it."""
    if end - start > 120:
        return None
    match = _CREDIT_LINE.match(text, start, end)
    if match is None or not _valid_mention(_trim_mention(match.group("m"))):
        return None
    return Attribution(text[start], *_mention_of(match, "m"), 0.7)


_LOOKBACK = 300


def attribution_before(text: str, sentence_start: int, position: int) -> Attribution | None:
    """The last cue in the sentence before the quote, with the mention next to it."""
    sentence_start = max(
        sentence_start, position - _LOOKBACK
    )  # cues sit near their quote; keeps it linear
    prefix = text[sentence_start:position]
    if prefix.rstrip().endswith(":") and not any(
        w.group().lower() in REPORTING_VERBS for w in _WORD.finditer(prefix)
    ):
        subject = _SUBJECT_AT_START.match(text, sentence_start, position)
        mention, start = _mention_of(subject, "m") if subject else (None, 0)
        if mention and _valid_mention(mention) and split_written_name(mention) is not None:
            return Attribution(":", mention, start, 0.7, cue_end=position)
        # "With Democratic leaders worried, President Obama is rolling out a message: ..."
        found = first_subject(text, sentence_start, position)
        return Attribution(":", *found, 0.6, cue_end=position) if found else None
    cue_match = None
    for word in _WORD.finditer(prefix):
        low = word.group().lower()
        if low in REPORTING_VERBS and (
            word.group()[0].islower() or low == "according" or word.start() == 0
        ):
            cue_match = word
    if cue_match is None:
        return None
    cue = cue_match.group()
    cue_start, cue_end = sentence_start + cue_match.start(), sentence_start + cue_match.end()
    if cue.lower() == "according":
        after = (
            _MENTION_AT.match(text, cue_end + 3, position)
            if text.startswith(" to", cue_end)
            else None
        )
        if after:
            return Attribution("according to", *_mention_of(after, "m"), 0.8, cue_end=cue_end + 3)
        return None
    if cue.endswith("ing") and text[max(sentence_start, cue_start - 2) : cue_start] == ", ":
        # `Trump attacked Clinton in Iraq and Libya, saying, "..."`: the sentence's subject
        subject = first_subject(text, sentence_start, cue_start)
        if subject is not None:
            return Attribution(cue, subject[0], subject[1], 0.7, cue_end=cue_end)
    before = _MENTION_AT_END.search(text, max(sentence_start, cue_start - 140), cue_start)
    if before and _valid_mention(_trim_mention(before.group("m"))):
        return Attribution(cue, *_mention_of(before, "m"), 0.85, cue_end=cue_end)
    after = _MENTION_AT.match(text, cue_end, position)
    if (
        after
        and _valid_mention(_trim_mention(after.group("m")))
        and _CLAUSE_END_AHEAD.match(text, after.end())
        and after.group("m").split()[0].lower() not in {"a", "an", "one", "another"}
    ):
        return Attribution(cue, *_mention_of(after, "m"), 0.85, cue_end=cue_end)
    subject = first_subject(text, sentence_start, cue_start)
    if subject is not None:
        return Attribution(cue, subject[0], subject[1], 0.6, cue_end=cue_end)
    return Attribution(cue, None, cue_start, 0.4, cue_end=cue_end)


def _inside_quote(text: str, start: int, position: int) -> bool:
    segment = text[start:position]
    return segment.count("“") > segment.count("”") or segment.count('"') % 2 == 1


def first_subject(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The first name or pronoun of a sentence that is not the object of a preposition."""
    for match in _NAME_OR_PRONOUN.finditer(text, start, min(end, start + _LOOKBACK)):
        mention, at = _mention_of(match, 0)
        previous = text[max(start, match.start() - 12) : match.start()].split()
        if previous and previous[-1].lower().strip(",") in _PREPOSITIONS:
            continue
        if mention.lower() in {"i", "we"} or _inside_quote(text, start, match.start()):
            continue
        if (
            _valid_mention(mention)
            and not mention.endswith(("’s", "'s"))
            and split_written_name(mention) is not None
        ):
            return mention, at
    return None


def attribution_of_sentence(text: str, start: int, end: int) -> Attribution | None:
    """A sentence that ends in its attribution ("..., Schiff said."), for the quote after it."""
    match = _CUE_AT_END.search(text, max(start, end - 200), end)
    if match is None:
        return None
    mention, at = _mention_of(match, "m")
    if not _valid_mention(mention):
        return None
    return Attribution(match.group("cue"), mention, at, 0.6)


# ---------------------------------------------------------------- reported speech
_REPORTED = re.compile(
    rf"(?P<m>{MENTION})[^\S\n]+(?:{_ADVERBS})(?P<cue>[a-z]+)(?P<object>[^\S\n]+(?:reporters|journalists|[A-Z][\w.]*|him|her|them|the[^\S\n]+\w+))?"
    rf"(?:[^\S\n]+(?:on|last|this)[^\S\n]+[A-Z]?[a-z]+)?(?P<that>[^\S\n]+that)?[^\S\n]*,?[^\S\n]*"
)
_SAYING = re.compile(
    r",[^\S\n]+(?P<cue>saying|adding|arguing|insisting|noting|warning|claiming)(?:[^\S\n]+that)?[^\S\n]+"
)
_CLAUSE_VERB_WORD = re.compile(
    rf"\b{word_alternation(v for v in CLAUSE_VERBS if v[-3:] != 'ing')}\b")
_TAKES_OBJECT = {
    "told",
    "tells",
    "tell",
    "telling",
    "warned",
    "warns",
    "assured",
    "assures",
    "reminded",
}
_CLAUSE_STOP = re.compile(r",[^\S\n]+(?:[a-z]+ing|according)\b|[\"“”]|[.;!?](?=\s|$)")


@dataclass(slots=True)
class ReportedSpeech:
    start: int
    end: int
    cue: str
    mention: str | None
    mention_start: int


def _clause_end(text: str, start: int, end: int) -> int:
    for stop in _CLAUSE_STOP.finditer(text, start, end):
        if stop.group() == "." and is_abbreviation(text, stop.end(), start):
            continue  # "under Mr. Obama", "the U.S. economy"
        return stop.start()
    return end


def reported_speech(text: str, sentence_start: int, sentence_end: int) -> list[ReportedSpeech]:
    """Clauses reported with a speech verb: "X said (that) CLAUSE", ", saying CLAUSE"."""
    found: list[ReportedSpeech] = []
    has_clause_verb = _CLAUSE_VERB_WORD.search(text, sentence_start, sentence_end) is not None
    for match in _REPORTED.finditer(text, sentence_start, sentence_end) if has_clause_verb else ():
        cue = match.group("cue")
        if cue not in CLAUSE_VERBS or cue.endswith("ing"):
            continue
        mention, mention_start = _mention_of(match, "m")
        if not _valid_mention(mention):
            continue
        if cue in {"told", "tells", "tell"} and not match.group("that"):
            continue
        start = match.end()
        if match.group("object") and cue not in _TAKES_OBJECT:
            start = match.start("object") + 1
        if (
            text[max(sentence_start, match.start() - 3) : match.start()].strip(" ,")[-1:] in '”"'
            and match.start() > sentence_start
        ):
            continue  # `"...," Blinken said`: the attribution of a direct quote
        if text[start : start + 12].split(" ", 1)[0].endswith("ing"):
            continue
        end = _clause_end(text, start, sentence_end)
        found.append(ReportedSpeech(start, end, cue, mention, mention_start))
        break
    saying = _SAYING.search(text, sentence_start, sentence_end)
    if saying:
        end = _clause_end(text, saying.end(), sentence_end)
        found.append(ReportedSpeech(saying.end(), end, saying.group("cue"), None, saying.start()))
    return found
