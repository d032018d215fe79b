"""The scorer: small synthetic gold sets, and parity with the shared reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.evaluation.gold import load_jsonl
from app.evaluation.report import run_evaluation
from app.evaluation.scoring import coverage, score, words

REFERENCE = Path("/work/shared/eval/score.py")
SEEDS_GOLD = Path("/work/shared/gold/seeds.jsonl")


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


def test_report_on_synthetic_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    text = "Headline\n\nJane Doe arrived.\n\n“We will win the war,” Doe said."
    path.write_text(
        json.dumps(
            {
                "id": "a",
                "text": text,
                "quotes": [
                    {"text": "We will win the war,", "speaker": "Jane Doe", "kind": "direct"}
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    report = run_evaluation("jsonl", str(path), errors=3, predictions_out=str(tmp_path / "p.json"))
    assert "direct" in report and "1.000" in report
    predictions = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert predictions["https://gold.invalid/a"][0]["speaker"] == "Jane Doe"


@pytest.mark.skipif(
    not (REFERENCE.exists() and SEEDS_GOLD.exists()), reason="shared scorer not available"
)
def test_parity_with_reference_scorer(tmp_path: Path) -> None:
    predictions_file = tmp_path / "predictions.json"
    report = run_evaluation("jsonl", str(SEEDS_GOLD), predictions_out=str(predictions_file))
    reference = subprocess.run(
        [sys.executable, str(REFERENCE), "jsonl", str(SEEDS_GOLD), str(predictions_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = json.dumps(
        score(load_jsonl(str(SEEDS_GOLD)), json.loads(predictions_file.read_text(encoding="utf-8")))
    )
    assert json.loads(reference) == json.loads(ours)
    assert ours in report
