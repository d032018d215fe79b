"""The shared scoring rules (SCORING.md of the shared evaluation kit), written afresh with
per-quote details.

Figures equal score.py's to the 3rd decimal: same word normalisation, the same greedy matching
(each gold quote in order takes the unused prediction covering the largest share of its words,
difflib matching blocks, share strictly above the threshold), the same speaker rule.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SPEAKER_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "who",
    "his",
    "her",
    "their",
    "you",
    "him",
    "them",
    "us",
    "our",
    "my",
    "me",
    "its",
    "this",
    "that",
    "which",
}
_NON_NAME = {"mr", "mrs", "ms", "dr", "the", "a", "an", "of", "and"}
LENIENT, STRICT = 0.3, 0.8


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def name_words(text: str | None) -> set[str]:
    return {
        w
        for w in words(text or "")
        if w not in SPEAKER_PRONOUNS and len(w) > 1 and w not in _NON_NAME
    }


def is_named(speaker: str | None) -> bool:
    return bool(speaker) and bool(re.search(r"[A-Z]", speaker)) and bool(name_words(speaker))


def coverage(gold_words: list[str], predicted_words: list[str]) -> float:
    if not gold_words:
        return 0.0
    matcher = difflib.SequenceMatcher(None, gold_words, predicted_words, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(gold_words)


def speaker_right(gold_speaker: str, prediction: dict) -> bool:
    gold = name_words(gold_speaker)
    if name_words(prediction.get("speaker")) & gold:
        return True
    mention = prediction.get("mention") or ""
    return len(words(mention)) <= 8 and bool(name_words(mention) & gold)


@dataclass
class Match:
    article: str
    gold_index: int
    prediction_index: int | None
    share: float
    speaker_scored: bool = False
    speaker_ok: bool = False


@dataclass
class Score:
    threshold: float
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_scored: int = 0
    speaker_ok: int = 0
    matches: list[Match] = field(default_factory=list)
    unmatched_predictions: list[tuple[str, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_ok / self.speaker_scored if self.speaker_scored else None

    def as_dict(self) -> dict:
        accuracy = self.speaker_accuracy
        return {
            "P": round(self.precision, 3),
            "R": round(self.recall, 3),
            "F1": round(self.f1, 3),
            "speaker_acc": round(accuracy, 3) if accuracy is not None else None,
            "pred": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "speaker_scored": self.speaker_scored,
        }


def score_at(gold: list[dict], predictions: dict[str, list[dict]], threshold: float) -> Score:
    result = Score(threshold)
    for article in gold:
        predicted = predictions.get(article["url"], [])
        predicted_words = [words(p.get("text") or "") for p in predicted]
        used: set[int] = set()
        result.predicted += len(predicted)
        result.gold += len(article["quotes"])
        for gold_index, quote in enumerate(article["quotes"]):
            gold_words = words(quote["text"])
            best, best_share, top_share = None, threshold, 0.0
            for j, candidate in enumerate(predicted_words):
                if j in used:
                    continue
                share = coverage(gold_words, candidate)
                top_share = max(top_share, share)
                if share > best_share:
                    best, best_share = j, share
            match = Match(
                article["url"], gold_index, best, best_share if best is not None else top_share
            )
            result.matches.append(match)
            if best is None:
                continue
            used.add(best)
            result.matched += 1
            if is_named(quote.get("speaker")):
                match.speaker_scored = True
                match.speaker_ok = speaker_right(quote["speaker"], predicted[best])
                result.speaker_scored += 1
                result.speaker_ok += match.speaker_ok
        result.unmatched_predictions.extend(
            (article["url"], j) for j in range(len(predicted)) if j not in used
        )
    return result


def direct_only(predictions: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The predictions score.py keeps for direct gold: those whose kind is direct (or unset)."""
    return {url: [p for p in found if p.get("kind", "direct") == "direct"]
            for url, found in predictions.items()}


def score(gold: list[dict], predictions: dict[str, list[dict]], *,
          all_kinds: bool = False) -> dict:
    """The same dict score.py prints: for `KIND` (direct predictions only), or for `KIND-all`
    (`all_kinds`: every prediction)."""
    if not all_kinds:
        predictions = direct_only(predictions)
    out = {str(t): score_at(gold, predictions, t).as_dict() for t in (LENIENT, STRICT)}
    lenient = out[str(LENIENT)]
    if lenient["speaker_acc"] is not None:
        out["end_to_end_lenient_R"] = round(lenient["R"] * lenient["speaker_acc"], 3)
    return out
