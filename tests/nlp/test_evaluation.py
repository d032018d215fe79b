"""The scorer on small synthetic gold sets (parity with the reference: tests/test_eval_command.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.evaluation.gold import load_jsonl
from app.evaluation.scoring import coverage, score, words


def _gold(*quotes: tuple[str, str]) -> list[dict]:
    return [{"url": "u1", "text": "", "quotes": [{"text": t, "speaker": s} for t, s in quotes]}]


def test_words_and_coverage() -> None:
    assert words("I’ve come, Trump’s!") == ["i've", "come", "trump's"]
    assert coverage(words("a b c d"), words("x a b c")) == 0.75
    assert coverage([], ["a"]) == 0.0


SCORING_CASES = [
    # (gold quotes, predictions, lenient F1, strict F1, speaker accuracy)
    (
        [("we will win the war", "Joe Biden")],
        [{"text": "we will win the war", "speaker": "Joe Biden"}],
        1.0,
        1.0,
        1.0,
    ),
    (
        [("we will win the war", "Joe Biden")],
        [{"text": "we will win", "speaker": "Hunter"}],
        1.0,
        0.0,
        0.0,
    ),
    (
        [("we will win the war", "he")],
        [{"text": "nothing alike here", "speaker": None}],
        0.0,
        0.0,
        None,
    ),
    (
        [("we will win the war", "Mr. Biden")],
        [{"text": "we will win the war", "speaker": None, "mention": "Biden"}],
        1.0,
        1.0,
        1.0,
    ),
    (
        [("one two three", "Ann"), ("four five six", "Bob")],
        [{"text": "one two three four five six", "speaker": "Ann"}],
        0.667,
        0.667,
        1.0,
    ),
]


@pytest.mark.parametrize(("gold", "predictions", "lenient", "strict", "accuracy"), SCORING_CASES)
def test_score(gold, predictions, lenient, strict, accuracy) -> None:
    result = score(_gold(*gold), {"u1": predictions})
    assert result["0.3"]["F1"] == lenient
    assert result["0.8"]["F1"] == strict
    assert result["0.3"]["speaker_acc"] == accuracy


def test_jsonl_rows(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "x",
                "quotes": [
                    {"text": "“quoted”", "speaker": "A"},
                    {"text": "plain", "speaker": "A", "kind": "indirect"},
                    {"text": "said words", "speaker": "A", "kind": "direct"},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    assert len(load_jsonl(str(path))[0]["quotes"]) == 3
    assert [q["text"] for q in load_jsonl(str(path), kind="direct")[0]["quotes"]] == [
        "“quoted”",
        "said words",
    ]
    assert [q["text"] for q in load_jsonl(str(path), kind="reported")[0]["quotes"]] == ["plain"]


def test_reported_speech_is_scored_only_for_all_kinds() -> None:
    gold = _gold(("we will win the war", "Joe Biden"))
    predictions = {"u1": [{"text": "we will win the war", "speaker": "Joe Biden",
                           "kind": "indirect"}]}
    assert score(gold, predictions)["0.3"]["matched"] == 0
    assert score(gold, predictions, all_kinds=True)["0.3"]["matched"] == 1
