"""Group quotes that render the same spoken words, across articles and outlets.

Two quotes of the same speaker are the same utterance when, after normalisation (case,
quotation punctuation, bracketed editorial insertions, British/American spelling), one's words
are a contiguous run of the other's: identical renderings, partial quotes and quotes split into
pieces by one outlet but not another. Quotes without a speaker, and quotes of different speakers,
are never grouped. A partial quote joins the longer ones containing it only when it is
unambiguous: it has a content word and they are all already in one utterance (or in two, when it
is at least BRIDGE words long: the two overlap). Identical one-word quotes are not grouped with
each other unless they join that way.
Similar sentences with different words ("we went in together" / "in together") stay apart.

Scaling: identical renderings are deduplicated first; each remaining rendering registers one key,
its rarest-word 3-word shingle, scoped by speaker; every rendering then looks up its own
shingles in that table to find the shorter renderings it contains. Cost is linear in the
number of words, plus one substring check per candidate; groups come from union-find.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.nlp.wording import fragments

SHINGLE = 3
RECENT_TEXTS = 20_000  # encodings an index remembers
BRIDGE = 12  # a rendering this long inside two others shows they are one (split differently)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
GAP = "\x01"  # joins the fragments of a quote cut by an ellipsis or a bracketed insertion
STOPWORDS = frozenset("""a an the and or but if of to in on at by for with from as is are was were
    be been being it its it's this that these those we our us you your i i'm i've he she they them
    his her their not no so do does did have has had will would can could should may might must
    there here what which who when where how all any some very just also than then too up out
    """.split())


@dataclass(frozen=True, slots=True)
class QuoteForGrouping:
    id: int
    speaker: str | None  # canonical speaker key; None never groups
    text: str
    kind: str
    article_id: int
    outlet: str | None


@dataclass(frozen=True, slots=True)
class Utterance:
    quote_ids: tuple[int, ...]
    text: str  # the fullest rendering
    speaker: str | None


@dataclass(frozen=True, slots=True)
class RenderingDiff:
    added: tuple[str, ...]
    missing: tuple[str, ...]
    changed: tuple[tuple[str, str], ...]  # (word in the fullest text, word in the rendering)


class Vocabulary:
    """Canonical words as single characters, so a rendering is a str and containment is `in`.

    One vocabulary can serve many groupings, each
    text's encoding remembered a while: the same quotes are looked up, grouped, then indexed."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}  # canonical word -> code
        self.content: set[str] = set()  # codes of words that are not stopwords
        self.counts: dict[str, int] = {}
        self._recent: dict[str, str] = {}  # text -> encoding, of the latest texts seen

    def encode(self, text: str) -> str:
        encoded = self._recent.get(text)
        if encoded is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            # a quote is often indexed next under its displayed form, which encodes the same
            encoded = self._recent[text] = self._recent[_display(text)] = self._encode(text)
        return encoded

    def _encode(self, text: str) -> str:
        return GAP.join("".join(map(self._code, run)) for run in fragments(text))

    def _code(self, word: str) -> str:
        """The code of a canonical word."""
        code = self.codes.get(word)
        if code is None:
            code = self.codes[word] = _character(len(self.codes))
            if word not in STOPWORDS:
                self.content.add(code)
        return code

    def is_content(self, encoded: str) -> bool:
        return not self.content.isdisjoint(encoded)


def _character(n: int) -> str:
    """The n-th code point from U+0100, skipping surrogates (codes repeat past 1.1M words)."""
    n = 0x100 + n % (0x110000 - 0x900)
    return chr(n if n < 0xD800 else n + 0x800)


def group_utterances(quotes: Iterable[QuoteForGrouping], *,
                     vocabulary: Vocabulary | None = None) -> list[Utterance]:
    """Every quote in exactly one utterance; utterances ordered by their smallest quote id.
    The codes of `vocabulary` change nothing but the time taken."""
    # in a canonical order: which partial quote joins which group must not depend on the input's
    quotes = sorted(quotes, key=lambda q: (q.speaker or "", q.text, q.id))
    vocabulary = vocabulary or Vocabulary()
    speakers: dict[str, int] = {}
    variant_of: dict[tuple[int, str], int] = {}
    variants: list[str] = []  # encoded rendering
    owners: list[int] = []  # speaker number per variant
    members: list[list[int]] = []  # quote positions per variant
    singles: list[int] = []  # quotes that are an utterance on their own
    for position, quote in enumerate(quotes):
        encoded = vocabulary.encode(quote.text) if quote.speaker is not None else ""
        if not encoded:
            singles.append(position)
            continue
        speaker = speakers.setdefault(quote.speaker, len(speakers))
        index = variant_of.setdefault((speaker, encoded), len(variants))
        if index == len(variants):
            variants.append(encoded)
            owners.append(speaker)
            members.append([])
        members[index].append(position)
    del variant_of
    roots = _group_variants(variants, owners, vocabulary)

    grouped: dict[int, list[int]] = {}
    for index, root in enumerate(roots):
        grouped.setdefault(root, []).append(index)
    utterances = []
    for indexes in grouped.values():
        if len(indexes) == 1 and len(variants[indexes[0]]) == 1:
            singles.extend(members[indexes[0]])  # the same word said twice is no evidence
            continue
        fullest = max(indexes, key=lambda i: (_length(variants[i]), -min(members[i])))
        ids = sorted(quotes[p].id for i in indexes for p in members[i])
        first = quotes[members[fullest][0]]
        utterances.append(Utterance(tuple(ids), _display(first.text), first.speaker))
    for position in singles:
        quote = quotes[position]
        utterances.append(Utterance((quote.id,), _display(quote.text), quote.speaker))
    utterances.sort(key=lambda u: u.quote_ids[0])
    return utterances


@lru_cache(maxsize=65_536)
def word_count(text: str) -> int:
    return len(_WORD.findall(text.lower()))


def _display(text: str) -> str:
    return text.strip().strip(" ,;:").strip()


def _group_variants(variants: Sequence[str], owners: Sequence[int],
                    vocabulary: Vocabulary) -> list[int]:
    """Union-find root per variant, joining each variant to the longer ones containing it."""
    counts: dict[str, int] = {}
    for encoded in variants:
        for code in set(encoded):
            counts[code] = counts.get(code, 0) + 1
    # Each variant is findable through one key: its rarest shingle, per speaker.
    wanted: dict[int, dict[str, list[int]]] = {}
    widths: dict[int, set[int]] = {}
    for index, encoded in enumerate(variants):
        key = rarest_shingle(encoded, counts)
        wanted.setdefault(owners[index], {}).setdefault(key, []).append(index)
        widths.setdefault(owners[index], set()).add(len(key))
    per_speaker: dict[int, int] = {}
    for owner in owners:
        per_speaker[owner] = per_speaker.get(owner, 0) + 1
    containers: dict[int, list[int]] = {}
    for index, encoded in enumerate(variants):
        if per_speaker[owners[index]] == 1:
            continue
        table = wanted[owners[index]]
        seen: set[int] = set()
        for width in widths[owners[index]]:
            for start in range(len(encoded) - width + 1):
                for candidate in table.get(encoded[start:start + width], ()):
                    if candidate != index and candidate not in seen:
                        seen.add(candidate)
                        if _contains(encoded, variants[candidate]):
                            containers.setdefault(candidate, []).append(index)
    parent = list(range(len(variants)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index in sorted(containers, key=lambda i: -_length(variants[i])):
        homes = {find(c) for c in containers[index]}
        length = _length(variants[index])
        if len(homes) > (2 if length >= BRIDGE else 1) or not vocabulary.is_content(
                variants[index]):
            continue  # an ambiguous (e.g. a stock phrase) or empty partial quote stays alone
        root = find(index)
        for home in homes:
            parent[find(home)] = root
    return [find(i) for i in range(len(variants))]


def _length(encoded: str) -> int:
    return len(encoded) - encoded.count(GAP)


def rarest_shingle(encoded: str, counts: dict[str, int]) -> str:
    """The shingle of the longest fragment that starts at (or ends with) its rarest word."""
    fragment = max(encoded.split(GAP), key=len) if GAP in encoded else encoded
    start = min(fragment.index(min(fragment, key=counts.__getitem__)), len(fragment) - SHINGLE)
    return fragment[max(start, 0):max(start, 0) + SHINGLE]


def _contains(longer: str, shorter: str) -> bool:
    """Whether the fragments of shorter occur in longer, in order."""
    if shorter == longer or _length(shorter) > _length(longer):
        return False
    position = 0
    for fragment in shorter.split(GAP):
        found = longer.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


_DIFF_WORD = re.compile(r"[\w’'-]+")


def diff_rendering(fullest: str, rendering: str) -> RenderingDiff:
    """Word-level differences of a rendering from the fullest text of its utterance.

    Words compare case-insensitively; a changed pair is a word replaced one for one
    ("revitalize" -> "revitalise"), other replacements count as missing and added words.
    """
    old = _DIFF_WORD.findall(fullest.replace("’", "'"))
    new = _DIFF_WORD.findall(rendering.replace("’", "'"))
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in old], [w.lower() for w in new],
                                      autojunk=False)
    added: list[str] = []
    missing: list[str] = []
    changed: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            changed.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        elif tag != "equal":
            missing.extend(old[i1:i2])
            added.extend(new[j1:j2])
    return RenderingDiff(tuple(added), tuple(missing), tuple(changed))
