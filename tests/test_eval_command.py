"""`python -m app eval`: gold articles ingested into a new database, served quotes scored, the
figures equal to the shared reference scorer's on the same served quotes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.evaluation.gold import load_jsonl
from app.evaluation.identity import gold_surname, junk_reason
from app.evaluation.report import run_evaluation
from app.evaluation.scoring import score
from app.evaluation.served import ServedSpeaker
from tests.conftest import SHARED

REFERENCE = SHARED / "eval" / "score.py"
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"


def _write_gold(path: Path, text: str, quotes: list[dict]) -> Path:
    path.write_text(json.dumps({"id": "a", "text": text, "quotes": quotes}) + "\n",
                    encoding="utf-8")
    return path


def test_served_quotes_are_scored_by_their_content(tmp_path: Path) -> None:
    text = ("Plan welcomed\n\nJane Doe arrived in Brussels on Monday.\n\n"
            "“We will win the war,” Doe said.\n\n"
            "Doe said the plan was “very good” for everyone in the alliance.")
    gold = _write_gold(tmp_path / "gold.jsonl", text, [
        {"text": "We will win the war", "speaker": "Jane Doe", "kind": "direct"},
        {"text": "the plan was “very good” for everyone in the alliance", "speaker": "Jane Doe",
         "kind": "direct"}])
    predictions_file = tmp_path / "p.json"
    report = run_evaluation("jsonl", str(gold), errors=3, predictions_out=str(predictions_file))
    served = json.loads(predictions_file.read_text(encoding="utf-8"))["https://gold.invalid/a"]
    assert [p["text"] for p in served if p["kind"] == "direct"][1] == (
        "the plan was “very good” for everyone in the alliance")
    assert {p["speaker"] for p in served} == {"Jane Doe"}
    direct_row = next(line for line in report.splitlines() if line.startswith("direct"))
    assert direct_row.split()[1:4] == ["1.000", "1.000", "1.000"]


def test_a_bad_gold_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        run_evaluation("jsonl", str(tmp_path / "missing.jsonl"))


@pytest.mark.skipif(not (REFERENCE.exists() and SEEDS_GOLD.exists()),
                    reason="shared scorer not available")
@pytest.mark.parametrize("kind", ["jsonl", "jsonl-all"])
def test_parity_with_reference_scorer(tmp_path: Path, kind: str) -> None:
    predictions_file = tmp_path / "predictions.json"
    report = run_evaluation(kind, str(SEEDS_GOLD), predictions_out=str(predictions_file))
    reference = json.loads(subprocess.run(
        [sys.executable, str(REFERENCE), kind, str(SEEDS_GOLD), str(predictions_file)],
        capture_output=True, text=True, check=True).stdout)
    predictions = json.loads(predictions_file.read_text(encoding="utf-8"))
    gold = load_jsonl(str(SEEDS_GOLD), kind="all" if kind.endswith("-all") else "direct")
    assert score(gold, predictions, all_kinds=kind.endswith("-all")) == reference
    printed = next(line for line in report.splitlines() if line.startswith("score.py"))
    assert json.loads(printed.split(": ", 1)[1]) == reference


SURNAMES = [
    ("Antony Blinken", "blinken"),
    ("Mr. Blinken", "blinken"),
    ("Sen. Ted Cruz", "cruz"),
    ("Trump’s", "trump"),
    ("he", None),
]


@pytest.mark.parametrize(("speaker", "key"), SURNAMES)
def test_gold_surname(speaker: str, key: str | None) -> None:
    assert gold_surname(speaker) == key


FULL_NAMES = {"trump", "cruz", "clinton"}
JUNK = [
    ("Donald Trump", False, None),
    ("Trump", False, "lone surname"),
    ("Blinken", False, None),  # no full-name record of that surname: nothing to join
    ("Benghazi. Bob", False, "sentence break"),
    ("Mexico. Trump", False, "sentence break"),
    ("Antony J. Blinken", False, None),
    ("Retired Lt. Gen. Michael Flynn", False, "title"),
    ("Texas Sen. Ted Cruz", False, "title"),
    ("House Speaker Paul Ryan", False, "title"),
    ("Steve King", False, None),  # a surname that is also a title word, in last place
    ("He", False, "pronoun"),
    ("His", False, "pronoun"),
    ("U.S. Department of State", True, None),
    ("the department", True, "no name"),
    ("Reuters", True, None),
]


@pytest.mark.parametrize(("name", "organization", "why"), JUNK)
def test_junk_reason(name: str, organization: bool, why: str | None) -> None:
    speaker = ServedSpeaker(1, name, organization, 1)
    assert junk_reason(speaker, full_name_surnames=FULL_NAMES) == why
