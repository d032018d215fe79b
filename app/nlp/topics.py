"""Topic definitions (TOML) and keyword matching of a text against them.

Matching rules for a keyword:
- whole words only; plural -s/-es and possessive 's/’s/' variants also match;
- a space inside a keyword matches any run of spaces or hyphens, a hyphen matches a space,
  a hyphen or nothing ("S-400" matches "S400", "Nord Stream 2" matches "Nord Stream-2");
- an all-lowercase keyword matches in any case; a keyword with a capital letter is a proper noun:
  a capital that starts one of its words must be a capital in the text, every other letter may be
  in any case. "Turkey" matches "Turkey" and "TURKEY" but not "turkey" (the bird); "NATO" also
  matches "Nato" (Guardian style) but not "nato".
When keywords overlap, the leftmost, then longest, occurrence wins ("Nord Stream 2" over "Nord
Stream"); an occurrence counts once, for every topic that lists that keyword.
"""
from __future__ import annotations

import bisect
import heapq
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.nlp.records import TopicDefinition, TopicMatch

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SUFFIX = r"(?:['’]s|s|es|['’])?"


def parse_topic_definitions(toml_text: str) -> tuple[TopicDefinition, ...]:
    """Topic definitions from the text of a topics TOML file; ValueError says what is wrong."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"topics file is not valid TOML: {error}") from error
    tables = data.get("topic")
    if not isinstance(tables, list) or not tables:
        raise ValueError("topics file needs at least one [[topic]] table")
    definitions: list[TopicDefinition] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        where = f"[[topic]] #{number}"
        if not isinstance(table, dict):
            raise ValueError(f"{where} is not a table")
        unknown = set(table) - {"slug", "name", "description", "keywords"}
        if unknown:
            raise ValueError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
        slug = table.get("slug")
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            raise ValueError(f"{where}: slug must be lowercase words joined by '-', got {slug!r}")
        where = f"topic {slug!r}"
        if slug in seen:
            raise ValueError(f"{where} is defined twice")
        seen.add(slug)
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: name must be a non-empty string")
        description = table.get("description", "")
        if not isinstance(description, str):
            raise ValueError(f"{where}: description must be a string")
        keywords = table.get("keywords")
        if (not isinstance(keywords, list) or not keywords
                or not all(isinstance(k, str) and k.strip() for k in keywords)):
            raise ValueError(f"{where}: keywords must be a non-empty list of non-empty strings")
        unique = tuple(dict.fromkeys(" ".join(k.split()) for k in keywords))
        definitions.append(TopicDefinition(slug, name.strip(), description.strip(), unique))
    return tuple(definitions)


def read_topic_definitions(path: str | Path) -> tuple[TopicDefinition, ...]:
    """Topic definitions from a topics TOML file."""
    return parse_topic_definitions(Path(path).read_text(encoding="utf-8"))


def match_topics(text: str, definitions: Sequence[TopicDefinition]) -> tuple[TopicMatch, ...]:
    """Topics whose keywords occur in text, most mentioned first (ties in definition order).

    Each match lists its distinct triggers as written in the definition, in order of first
    occurrence, and the total number of occurrences.
    """
    definitions = tuple(definitions)
    return tally_topics(topic_occurrences(text, definitions), definitions)


def match_topics_in_spans(text: str, definitions: Sequence[TopicDefinition],
                          spans: Sequence[tuple[int, int]],
                          occurrences: Sequence[TopicOccurrence] | None = None,
                          ) -> list[tuple[TopicMatch, ...]]:
    """match_topics of each span text[start:end], from one pass over the text (or from its
    `occurrences`, when already found). Spans are paragraphs: no keyword runs across them."""
    definitions = tuple(definitions)
    if occurrences is None:
        occurrences = topic_occurrences(text, definitions)
    starts = [occurrence.start for occurrence in occurrences]
    results = []
    for lo, hi in spans:
        inside = occurrences[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        results.append(tally_topics([o for o in inside if o.end <= hi], definitions))
    return results


@dataclass(frozen=True, slots=True)
class TopicOccurrence:
    start: int
    end: int
    owners: tuple[tuple[str, str], ...]  # (topic slug, keyword as defined) it counts for


def topic_occurrences(text: str, definitions: Sequence[TopicDefinition]
                      ) -> list[TopicOccurrence]:
    """Every keyword occurrence in text, in order (see the module docstring for the rules)."""
    definitions = tuple(definitions)
    cores, glued = _keyword_cores(definitions)
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    words.update([word[:-1] for word in words if word.endswith("s")]
                 + [word[:-2] for word in words if word.endswith("es")])
    present = tuple(i for i, core in enumerate(cores)
                    if core in words or (i in glued and core in lowered))
    if not present:
        return []
    patterns = _patterns_by_priority(definitions, present)
    if len(lowered) != len(text):  # lowercasing moved offsets (rare letters): no fast search
        patterns = tuple(KeywordPatterns(p.exact, p.exact, p.owners) for p in patterns)
        lowered = text
    return _occurrences(text, lowered, patterns)


def tally_topics(occurrences: Iterable[TopicOccurrence],
                 definitions: Sequence[TopicDefinition]) -> tuple[TopicMatch, ...]:
    """The topic matches these occurrences make, most mentioned first (see match_topics)."""
    triggers: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for occurrence in occurrences:
        for slug, keyword in occurrence.owners:
            triggers.setdefault(slug, {})[keyword] = None
            counts[slug] = counts.get(slug, 0) + 1
    if not counts:
        return ()
    order = {d.slug: i for i, d in enumerate(definitions)}
    ranked = sorted(counts, key=lambda slug: (-counts[slug], order[slug]))
    return tuple(TopicMatch(slug, tuple(triggers[slug]), counts[slug]) for slug in ranked)


@lru_cache(maxsize=4096)  # each article's set of present keywords asks again
def keyword_pattern(keyword: str, *, lowered: bool = False) -> str:
    """Regular expression (without word boundaries) for one keyword, following the rules above.

    `lowered`: a looser one, with lowercase letters only, for finding where the keyword may be
    in the lowercased text (literal letters let the regex engine skip ahead fast)."""
    proper = any(ch.isupper() for ch in keyword)
    parts: list[str] = []
    for index, ch in enumerate(keyword):
        word_start = index == 0 or not keyword[index - 1].isalnum()
        if ch == " ":
            parts.append(r"[\s\-‐–]+")
        elif ch in "-‐–":
            parts.append(r"[\s\-‐–]?")
        elif ch in "'’":
            parts.append("['’]")
        elif lowered:
            parts.append(re.escape(ch.lower()))
        elif ch.lower() != ch.upper() and not (proper and word_start and ch.isupper()):
            parts.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _all_keywords(definitions: tuple[TopicDefinition, ...]) -> list[tuple[str, str]]:
    return [(d.slug, keyword) for d in definitions for keyword in d.keywords]


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=32)
def _keyword_cores(definitions: tuple[TopicDefinition, ...]
                   ) -> tuple[tuple[str, ...], frozenset[int]]:
    """For each keyword, its longest run of letters or digits, lower-cased, and the keywords
    whose core may be glued to other letters in a text (those with a hyphen, which may match
    nothing: "S-400" matches "S400"). A keyword can only occur in a text where its core is a word
    (less a plural -s or -es), or for a glued one, a part of a word: set and `in` look-ups are far
    cheaper than the full pattern."""
    keywords = [keyword for _, keyword in _all_keywords(definitions)]
    cores = tuple(max(_WORD.findall(keyword.lower()) or [keyword.lower()], key=len)
                  for keyword in keywords)
    glued = frozenset(i for i, keyword in enumerate(keywords)
                      if any(ch in keyword for ch in "-‐–") or not _WORD.fullmatch(cores[i]))
    return cores, glued


@dataclass(frozen=True, slots=True)
class KeywordPatterns:
    exact: re.Pattern[str]  # the keyword as a whole word, by the rules above
    loose: re.Pattern[str]  # matches (in the lowercased text) wherever `exact` may match
    owners: tuple[tuple[str, str], ...]  # (topic slug, keyword) of every keyword it stands for


@lru_cache(maxsize=1024)
def _patterns_by_priority(
    definitions: tuple[TopicDefinition, ...], present: tuple[int, ...],
) -> tuple[KeywordPatterns, ...]:
    """The present keywords' patterns, longest keyword first."""
    keywords = _all_keywords(definitions)
    by_pattern: dict[str, list[tuple[str, str]]] = {}
    for slug, keyword in (keywords[i] for i in present):
        owners = by_pattern.setdefault(keyword_pattern(keyword), [])
        if all(owner != slug for owner, _ in owners):
            owners.append((slug, keyword))
    # Longest keyword first, so "Nord Stream 2" is preferred to "Nord Stream".
    ordered = sorted(by_pattern, key=lambda p: -max(len(k) for _, k in by_pattern[p]))
    return tuple(KeywordPatterns(_compiled(rf"(?<!\w)(?:{p}){_SUFFIX}(?!\w)"), _compiled(
        rf"(?:{keyword_pattern(by_pattern[p][0][1], lowered=True)}){_SUFFIX}(?!\w)"),
        tuple(by_pattern[p])) for p in ordered)


@lru_cache(maxsize=8192)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _search(text: str, lowered: str, patterns: KeywordPatterns, pos: int) -> re.Match[str] | None:
    """The leftmost exact match from pos on, tried only where the loose pattern matches (a
    leading look-behind would make the engine try every position)."""
    while (loose := patterns.loose.search(lowered, pos)) is not None:
        if (exact := patterns.exact.match(text, loose.start())) is not None:
            return exact
        pos = loose.start() + 1
    return None


def _occurrences(text: str, lowered: str, patterns: Sequence[KeywordPatterns]
                 ) -> list[TopicOccurrence]:
    """The occurrences as one alternation of the patterns (in priority order) would find them:
    leftmost first, the first pattern on a tie, never overlapping.

    Searching pattern by pattern lets each be compiled once; a combined alternation would have
    to be compiled for every set of present keywords. Each pattern's next match waits in a heap
    by (start, priority)."""
    found = []
    upcoming = [(match.start(), index, match) for index, pattern in enumerate(patterns)
                if (match := _search(text, lowered, pattern, 0)) is not None]
    heapq.heapify(upcoming)
    while upcoming:
        start, index, match = heapq.heappop(upcoming)
        end = match.end()
        found.append(TopicOccurrence(start, end, patterns[index].owners))
        overlapped = [index]
        while upcoming and upcoming[0][0] < end:
            overlapped.append(heapq.heappop(upcoming)[1])
        for index in overlapped:
            if (match := _search(text, lowered, patterns[index], end)) is not None:
                heapq.heappush(upcoming, (match.start(), index, match))
    return found
