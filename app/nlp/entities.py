"""People, organisations and places mentioned in an article, by capitalisation heuristics.

Runs of capitalised words are cut out of the text, titles are peeled off ("US Secretary of State
Antony Blinken" -> place "United States", person "Antony Blinken"), and each run is typed by a
gazetteer (places, known organisations), organisation cue words ("Ministry", "Times"), first
names and reporting verbs. Capitalisation is weak evidence at the start of a sentence and in
title-cased headlines, so there a run must be confirmed by a word list or by the same name
appearing mid-sentence elsewhere in the article. Short forms are merged into full names
("Mr. Blinken", "Blinken" -> "Antony Blinken"; "Antony J. Blinken" -> "Antony Blinken").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.nlp.capitalised_runs import (
    CONNECTORS,
    HEADLINE,
    INITIAL,
    MID,
    POSSESSIVE,
    capitalised_runs,
)
from app.nlp.gazetteer import (
    COMMON_WORDS,
    COUNTRIES,
    DEMONYMS,
    FIRST_NAMES,
    MONTHS,
    NOT_ENTITIES,
    ORG_CUES,
    ORGANIZATIONS,
    PLACE_ALIASES,
    PLACES,
    TITLES,
    WEEKDAYS,
)
from app.nlp.records import Entity, EntityType

_BRACKETED = re.compile(r"\[[^\]\n]*\]")
_CORE_TITLES = frozenset("""Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady President Premier Chancellor
    Minister Ministers Secretary Secretary-General Senator Sen Rep Representative Governor Gov
    Mayor General Gen Admiral Colonel Col Lieutenant Captain Capt Commander Ambassador Envoy King
    Queen Prince Princess Pope Cardinal Bishop Archbishop Rabbi Imam Sheikh Judge Justice Chairman
    Chairwoman Speaker Spokesman Spokeswoman Spokesperson Chief Emir Sultan Ayatollah""".split())
_SPEECH = frozenset("""said says say told tells added adds asked noted notes stated wrote warned
    argued insisted acknowledged claimed explained urged conceded replied tweeted""".split())
_FOLLOWING = re.compile(r"(?:\s+(\w+)|,\s+([A-Z]\w+(?: [A-Z]\w+)*))")


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity: the canonical name and where the mention is in the text."""

    name: str
    type: EntityType
    start: int
    end: int


def extract_entities(text: str) -> tuple[Entity, ...]:
    """Entities in text with mention counts, most mentioned first (ties: first mentioned first)."""
    counts: dict[tuple[str, EntityType], int] = {}
    for mention in extract_entity_mentions(text):
        key = (mention.name, mention.type)
        counts[key] = counts.get(key, 0) + 1
    return tuple(Entity(name, kind, n) for (name, kind), n in
                 sorted(counts.items(), key=lambda item: -item[1]))


def extract_entity_mentions(text: str) -> tuple[EntityMention, ...]:
    """Every entity mention in text, in order, with short forms resolved to full names."""
    text = _BRACKETED.sub(lambda m: " " * len(m.group()), text)  # photo credits
    runs = list(capitalised_runs(text))
    mid_words = {t for run, context, _ in runs if context == MID for t, _, _ in run}
    raw: list[tuple[str, EntityType | None, int, int, int]] = []
    for run, context, after in runs:
        raw.extend(_classify_run(run, context, after, mid_words))
    return _resolve(raw)


def _classify_run(run, context: int, after: str, mid_words: set[str]):
    """Split one capitalised run into (name, type or None, context, start, end) pieces."""
    if len(run) == 1:  # from here on, a run of several words
        yield from _classify_word(run[0], context, after, mid_words)
        return
    words = [POSSESSIVE.sub("", w) for w, _, _ in run]
    following = _FOLLOWING.match(after)
    speech_follows = bool(following and following.group(1) in _SPEECH)
    # Split at "of" unless it belongs to a title or an organisation ("Secretary of State").
    for i, word in enumerate(words):
        if word == "of" and i and words[i - 1] not in ORG_CUES and words[i - 1] not in TITLES:
            yield from _classify_run(run[:i], context, "", mid_words)
            rest = run[i + 1:]
            while rest and rest[0][0] in CONNECTORS:
                rest = rest[1:]
            yield from _classify_run(rest, MID, after, mid_words)
            return
    # Drop leading sentence words ("The", "However"); they, months and weekdays break the run.
    # An acronym is not a common word ("US"), unless the whole run is in capitals ("SHARE THIS").
    shouting = len(words) > 1 and all(w.isupper() for w in words if w not in CONNECTORS)
    for i, word in enumerate(words):
        if word in CONNECTORS:
            continue
        if (word.lower() in COMMON_WORDS and (shouting or len(word) == 1 or not word.isupper())
                or word in MONTHS or word in WEEKDAYS):
            if i:
                yield from _classify_run(run[:i], context, "", mid_words)
            yield from _classify_run(run[i + 1:], MID if i == 0 and context == INITIAL
                                     else context, after, mid_words)
            return
    if not words:
        return
    start, end = run[0][1], run[-1][2]
    whole = " ".join(words).replace(" - ", "-")
    known = _known(whole)
    if known:
        yield known[0], known[1], context, start, end
        return
    org_cue = words[-1] in ORG_CUES or ("of" in words and any(w in ORG_CUES for w in words))
    if org_cue and context != HEADLINE:
        yield whole, "organization", context, start, end
        return
    title = _title_span(words)
    if title:
        lo, hi = title
        if lo:
            yield from _classify_run(run[:lo], context, "", mid_words)
        if hi < len(words) and words[hi] not in DEMONYMS:
            yield _person_name(words[hi:]), "person", MID, run[hi][1], end
        return
    if words[0] in DEMONYMS:
        yield from _classify_run(run[1:], MID, after, mid_words)
        return
    if words[0] in FIRST_NAMES or (speech_follows and context == MID and len(words) <= 4):
        yield _person_name(words), "person", context, start, end


def _classify_word(token: tuple[str, int, int], context: int, after: str, mid_words: set[str]):
    """_classify_run of a one-word run (most runs are), what the word alone decides cached."""
    _, start, end = token
    word, verdict = _word_verdict(token[0])
    if verdict is not _OPEN:
        if verdict is not None:
            yield verdict[0], verdict[1], context, start, end
        return
    if word.isalpha() and word.isupper() and 2 <= len(word) <= 8 and context != HEADLINE \
            and word not in NOT_ENTITIES:
        yield word, "organization", context, start, end
        return
    following = _FOLLOWING.match(after)
    if following and following.group(2) in COUNTRIES and context == MID:  # "in Sassnitz, Germany"
        yield word, "place", context, start, end
    elif context == MID or word in mid_words:
        speech_follows = bool(following and following.group(1) in _SPEECH)
        yield word, "person" if speech_follows else None, context, start, end
    else:  # counts only if it is the surname of someone named in full elsewhere
        yield word, None, context, start, end


_OPEN = ("", "")  # a word that _classify_word types from its context


@lru_cache(maxsize=1 << 16)
def _word_verdict(written: str) -> tuple[str, tuple[str, EntityType] | None]:
    """(the word without 's, what the word alone makes of a one-word run): dropped (None), a
    known name with its type, or _OPEN; in the order _classify_run's rules apply."""
    word = POSSESSIVE.sub("", written)
    if word not in CONNECTORS and (word.lower() in COMMON_WORDS and (
            len(word) == 1 or not word.isupper()) or word in MONTHS or word in WEEKDAYS):
        return word, None
    if known := _known(word):
        return word, known
    if _title_span([word]) or word in DEMONYMS:
        return word, None
    return word, _OPEN


def _known(name: str) -> tuple[str, EntityType] | None:
    for candidate in (name, name.title() if name.isupper() else name):
        if candidate in PLACE_ALIASES:
            return PLACE_ALIASES[candidate], "place"
        if candidate in PLACES:
            return candidate, "place"
        if candidate in ORGANIZATIONS:
            return ORGANIZATIONS[candidate], "organization"
    return None


def _title_span(words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the last run of title words that holds a core title, if any."""
    found = None
    i = 0
    while i < len(words):
        if words[i] in TITLES or words[i].rstrip(".") in TITLES:
            j = i
            while j < len(words) and (words[j] in TITLES or words[j].rstrip(".") in TITLES
                                      or (words[j] == "of" and j + 1 < len(words)
                                          and words[j + 1] in TITLES)):
                j += 1
            if any(w.rstrip(".") in _CORE_TITLES for w in words[i:j]):
                found = (i, j)
            i = j
        else:
            i += 1
    return found


def _person_name(words: list[str]) -> str:
    """Full name without middle initials ("Antony J. Blinken" -> "Antony Blinken")."""
    kept = [w for w in words if not (len(w.rstrip(".")) == 1 and w[0].isupper())]
    return " ".join(kept if len(kept) > 1 or not words else words)


def _resolve(raw) -> tuple[EntityMention, ...]:
    """Merge short forms into full names and settle the type of bare single words."""
    full_counts: dict[str, int] = {}
    for name, kind, _, _, _ in raw:
        if kind == "person" and " " in name:
            full_counts[name] = full_counts.get(name, 0) + 1
    canonical = _merge_spelling_variants(full_counts)
    by_surname: dict[str, str] = {}
    for name in sorted(full_counts, key=lambda n: -full_counts[n]):
        by_surname.setdefault(name.split()[-1], canonical[name])
    for name, kind, _, _, _ in raw:  # "President Biden" makes the bare "Biden" a person too
        if kind == "person" and " " not in name and name not in FIRST_NAMES:
            by_surname.setdefault(name, name)
    mentions = []
    for name, kind, _, start, end in raw:
        if kind == "person" or kind is None:
            if name in canonical:
                name = canonical[name]
            elif name.split()[-1] in by_surname and " " not in name:
                name = by_surname[name]
            elif kind is None or name in FIRST_NAMES:
                continue
            kind = "person"
        mentions.append(EntityMention(name, kind, start, end))
    return tuple(mentions)


def _merge_spelling_variants(counts: dict[str, int]) -> dict[str, str]:
    """Map each full name to the most frequent one with the same surname and a first name
    one edit away ("Anthony Blinken" -> "Antony Blinken")."""
    ranked = sorted(counts, key=lambda n: -counts[n])
    canonical: dict[str, str] = {}
    for name in ranked:
        first, last = name.split()[0], name.split()[-1]
        for kept in ranked:
            if kept in canonical.values() and kept.split()[-1] == last and \
                    _within_one_edit(first, kept.split()[0]):
                canonical[name] = kept
                break
        else:
            canonical[name] = name
    return canonical


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:] or (len(a) == len(b) and a[i + 1:] == b[i + 1:])
