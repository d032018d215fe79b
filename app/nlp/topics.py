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

import re
import tomllib
from collections.abc import Sequence
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
    cores = _keyword_cores(definitions)
    lowered = text.lower()
    present = tuple(i for i, core in enumerate(cores) if core in lowered)
    if not present:
        return ()
    pattern, owners = _compile(definitions, present)
    if pattern is None:
        return ()
    triggers: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for found in pattern.finditer(text):
        for slug, keyword in owners[found.lastgroup]:
            triggers.setdefault(slug, {})[keyword] = None
            counts[slug] = counts.get(slug, 0) + 1
    order = {d.slug: i for i, d in enumerate(definitions)}
    ranked = sorted(counts, key=lambda slug: (-counts[slug], order[slug]))
    return tuple(TopicMatch(slug, tuple(triggers[slug]), counts[slug]) for slug in ranked)


def keyword_pattern(keyword: str) -> str:
    """Regular expression (without word boundaries) for one keyword, following the rules above."""
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
        elif ch.lower() != ch.upper() and not (proper and word_start and ch.isupper()):
            parts.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _all_keywords(definitions: tuple[TopicDefinition, ...]) -> list[tuple[str, str]]:
    return [(d.slug, keyword) for d in definitions for keyword in d.keywords]


@lru_cache(maxsize=32)
def _keyword_cores(definitions: tuple[TopicDefinition, ...]) -> tuple[str, ...]:
    """For each keyword, its longest run of letters or digits, lower-cased: a keyword can only
    occur in a text that contains its core, and `in` is far cheaper than the full pattern."""
    return tuple(max(re.findall(r"[^\W_]+", keyword.lower()) or [keyword.lower()], key=len)
                 for _, keyword in _all_keywords(definitions))


@lru_cache(maxsize=1024)
def _compile(
    definitions: tuple[TopicDefinition, ...], present: tuple[int, ...],
) -> tuple[re.Pattern[str] | None, dict[str, list[tuple[str, str]]]]:
    """One alternation for the keywords whose cores are present; group name -> [(slug, keyword)]."""
    keywords = _all_keywords(definitions)
    by_pattern: dict[str, list[tuple[str, str]]] = {}
    for slug, keyword in (keywords[i] for i in present):
        owners = by_pattern.setdefault(keyword_pattern(keyword), [])
        if all(owner != slug for owner, _ in owners):
            owners.append((slug, keyword))
    if not by_pattern:
        return None, {}
    # Longest keyword first, so alternation prefers "Nord Stream 2" to "Nord Stream".
    ordered = sorted(by_pattern, key=lambda p: -max(len(k) for _, k in by_pattern[p]))
    groups = {f"k{i}": by_pattern[p] for i, p in enumerate(ordered)}
    alternation = "|".join(f"(?P<k{i}>{p})" for i, p in enumerate(ordered))
    return re.compile(rf"(?<!\w)(?:{alternation}){_SUFFIX}(?!\w)"), groups
