"""Stored utterances that new quotes can join: an index of their fullest texts by speaker,
and the joining itself (app.nlp.utterances groups the new quotes with the candidates found).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.nlp.utterances import (
    GAP,
    QuoteForGrouping,
    Utterance,
    Vocabulary,
    group_utterances,
    rarest_shingle,
    word_count,
)


@dataclass(frozen=True, slots=True)
class UtteranceAssignment:
    joined: dict[int, int]  # new quote id -> existing utterance id
    new: tuple[Utterance, ...]  # utterances made of new quotes only
    fuller_text: dict[int, str]  # existing utterance id -> a new, fuller rendering


class UtteranceIndex:
    """Existing utterances (id, speaker, fullest text) that a new article's quotes can join.

    Findable two ways, per speaker: by each word (for a new partial quote of an old utterance)
    and by one shingle (for a new quote fuller than an old utterance).
    """

    def __init__(self) -> None:
        self.vocabulary = Vocabulary()
        self._utterances: dict[int, tuple[str, str]] = {}
        # per speaker: utterance ids by word code, by shingle key, and the key lengths in use
        self._by_word: dict[str, dict[str, list[int]]] = {}
        self._by_shingle: dict[str, dict[str, list[int]]] = {}
        self._widths: dict[str, set[int]] = {}

    @classmethod
    def from_utterances(cls, utterances: Iterable[tuple[int, Utterance]]) -> UtteranceIndex:
        index = cls()
        for utterance_id, utterance in utterances:
            index.add(utterance_id, utterance.speaker, utterance.text)
        return index

    def __len__(self) -> int:
        return len(self._utterances)

    def add(self, utterance_id: int, speaker: str | None, text: str) -> None:
        """Add an utterance, or replace its text (e.g. by an UtteranceAssignment.fuller_text)."""
        encoded = self.vocabulary.encode(text)
        if speaker is None or not encoded:
            return
        self._utterances[utterance_id] = (speaker, text)
        counts = self.vocabulary.counts
        by_word = self._by_word.setdefault(speaker, {})
        for code in set(encoded) - {GAP}:
            counts[code] = counts.get(code, 0) + 1
            by_word.setdefault(code, []).append(utterance_id)
        key = rarest_shingle(encoded, counts)
        self._by_shingle.setdefault(speaker, {}).setdefault(key, []).append(utterance_id)
        self._widths.setdefault(speaker, set()).add(len(key))

    def candidates(self, quote: QuoteForGrouping) -> set[int]:
        """Existing utterances the quote could render: they contain it or it contains them."""
        encoded = self.vocabulary.encode(quote.text)
        if quote.speaker is None or not encoded or quote.speaker not in self._by_word:
            return set()
        by_word, by_shingle = self._by_word[quote.speaker], self._by_shingle[quote.speaker]
        # the quote's word found in the fewest utterances; ties by code, so not by set order
        rarest = min(sorted(set(encoded) - {GAP}), key=lambda c: len(by_word.get(c, ())))
        found = set(by_word.get(rarest, ()))
        for width in self._widths[quote.speaker]:
            for start in range(len(encoded) - width + 1):
                if ids := by_shingle.get(encoded[start:start + width]):
                    found.update(ids)
        return found

    def text(self, utterance_id: int) -> tuple[str, str]:
        return self._utterances[utterance_id]


def assign_to_utterances(new: Sequence[QuoteForGrouping],
                         existing_index: UtteranceIndex) -> UtteranceAssignment:
    """Join new quotes to the existing utterances of the index where they render the same words.

    The index is not changed: add the new utterances (and fuller texts) to it once they have
    ids."""
    candidate_ids = {u for quote in new for u in existing_index.candidates(quote)}
    return join_utterances(new, {u: existing_index.text(u) for u in candidate_ids},
                           vocabulary=existing_index.vocabulary)


def join_utterances(new: Sequence[QuoteForGrouping],
                    candidates: Mapping[int, tuple[str, str]], *,
                    vocabulary: Vocabulary | None = None) -> UtteranceAssignment:
    """Join new quotes to candidate utterances ({id: (speaker, fullest text)}) where they render
    the same words.

    The new quotes and the candidates' fullest texts are grouped together with
    group_utterances; a group holding several existing utterances is joined to the one with the
    fullest text.
    """
    offset = max((q.id for q in new), default=0) + 1
    pseudo = {offset + k: u for k, u in enumerate(sorted(candidates))}
    stand_ins = [QuoteForGrouping(pid, *candidates[u], "direct", -1, None)
                 for pid, u in pseudo.items()]
    joined: dict[int, int] = {}
    fresh: list[Utterance] = []
    fuller: dict[int, str] = {}
    for group in group_utterances([*new, *stand_ins], vocabulary=vocabulary):
        olds = [pseudo[i] for i in group.quote_ids if i in pseudo]
        quote_ids = tuple(i for i in group.quote_ids if i not in pseudo)
        if not olds:
            fresh.append(group)
            continue
        home = max(olds, key=lambda u: (len(candidates[u][1]), -u))
        joined.update((i, home) for i in quote_ids)
        if quote_ids and word_count(group.text) > word_count(candidates[home][1]):
            fuller[home] = group.text
    return UtteranceAssignment(joined, tuple(fresh), fuller)
