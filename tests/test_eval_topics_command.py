"""`python -m app eval topics`: annotated quotes' articles ingested, served topics scored."""
from pathlib import Path

import pytest

from app.__main__ import main
from app.evaluation.topics import TopicRow, TopicScore, score_topics
from tests.conftest import SEEDS

DATA = Path(__file__).resolve().parent / "data"


def test_scores_count_tagged_right_and_gold_per_topic() -> None:
    rows = [TopicRow("a", "q1", "", 0, frozenset({"nato"})),
            TopicRow("a", "q2", "", 0, frozenset({"nato", "turkey"})),
            TopicRow("a", "q3", "", 0, frozenset())]
    scores = score_topics(rows, [["nato", "china"], ["turkey"], None])
    assert scores == {"china": TopicScore(1, 0, 0), "nato": TopicScore(1, 1, 2),
                      "turkey": TopicScore(1, 1, 1)}
    assert (scores["nato"].precision, scores["nato"].recall) == (1.0, 0.5)
    assert scores["china"].recall is None


def test_eval_topics_on_the_seed_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "topics", str(DATA / "topic_seeds.jsonl"), str(SEEDS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "63 annotated quotes, 0 not served any more"
    everything = next(line for line in lines if line.startswith("all topics"))
    assert float(everything.split()[2]) >= 0.9
    assert any(line.startswith("nato ") for line in lines)


def test_eval_topics_names_articles_missing_from_the_corpus(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not in"):
        main(["eval", "topics", str(DATA / "topic_seeds.jsonl"), str(tmp_path)])
