"""`python -m app eval topics ROWS.jsonl CORPUS`: per-topic precision and recall of the topics the
API serves for quotes, against quotes whose topics were annotated by hand.

Each row of ROWS.jsonl names an article file of CORPUS (a folder, searched recursively), a quote
of it as served (`quote`, its `context` paragraph and `quote_start` there) and its `gold` topic
slugs. The articles are ingested by `ingest` into a new database and the quotes read back through
the API (app.evaluation.served); a row whose quote is not served any more counts as missed.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TopicRow:
    article: str
    quote: str
    context: str
    quote_start: int
    gold: frozenset[str]


@dataclass
class TopicScore:
    tagged: int = 0  # rows the system tags with the topic
    right: int = 0  # of those, rows whose gold has it
    gold: int = 0  # rows whose gold has it

    @property
    def precision(self) -> float | None:
        return self.right / self.tagged if self.tagged else None

    @property
    def recall(self) -> float | None:
        return self.right / self.gold if self.gold else None


def load_topic_rows(path: str | Path) -> list[TopicRow]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(TopicRow(row["article"], row["quote"], row["context"],
                                 row["quote_start"], frozenset(row["gold"])))
    return rows


def score_topics(rows: Sequence[TopicRow], served: Sequence[Sequence[str] | None]
                 ) -> dict[str, TopicScore]:
    """Per topic slug, how the served topics of each row (None: quote not served) compare with
    its gold topics."""
    scores: dict[str, TopicScore] = {}
    for row, topics in zip(rows, served, strict=True):
        for slug in row.gold:
            scores.setdefault(slug, TopicScore()).gold += 1
        for slug in topics or ():
            score = scores.setdefault(slug, TopicScore())
            score.tagged += 1
            score.right += slug in row.gold
    return dict(sorted(scores.items()))


def matching_quote(row: TopicRow, quotes: Sequence[dict]) -> dict | None:
    """The served quote of the row's article that is the row's quote: the same words (up to
    punctuation at either end, which quote boundaries may have gained or lost since the row was
    written), else the one that contains them or is contained in them."""
    wanted = _core(row.quote)
    for quote in quotes:
        if _core(quote["text"]) == wanted:
            return quote
    for quote in quotes:
        text = _core(quote["text"])
        if wanted in text or (len(text.split()) >= 3 and text in wanted):
            return quote
    return None


def _core(text: str) -> str:
    return text.strip(" \n\t.,;:!?\"'“”‘’()[]")


def format_report(scores: dict[str, TopicScore], *, rows: int, missed: int, title: str) -> str:
    def share(value: float | None) -> str:
        return "   n/a" if value is None else f"{value:6.3f}"

    lines = [title, f"{rows} annotated quotes, {missed} not served any more",
             f"{'topic':<18} {'precision':>9} {'(right/tagged)':>15} {'recall':>7} "
             f"{'(right/gold)':>13}"]
    everything = TopicScore(sum(s.tagged for s in scores.values()),
                            sum(s.right for s in scores.values()),
                            sum(s.gold for s in scores.values()))
    for slug, score in [*scores.items(), ("all topics", everything)]:
        lines.append(f"{slug:<18} {share(score.precision):>9} "
                     f"{f'({score.right}/{score.tagged})':>15} {share(score.recall):>7} "
                     f"{f'({score.right}/{score.gold})':>13}")
    return "\n".join(lines)


def served_topics(rows: Sequence[TopicRow], corpus: Path, *, jobs: int = 1
                  ) -> list[list[str] | None]:
    """The topics served for each row's quote, its article ingested from `corpus`."""
    from app.evaluation.served import served_run

    files = {path.name: path for path in sorted(corpus.rglob("*")) if path.is_file()}
    names = sorted({row.article for row in rows})
    unknown = [name for name in names if name not in files]
    if unknown:
        raise SystemExit(f"not in {corpus}: {', '.join(unknown[:5])}")
    articles = [{"url": f"https://corpus.invalid/{name}",
                 "text": files[name].read_text(encoding="utf-8")} for name in names]
    run = served_run(articles, jobs=jobs)
    found = []
    for row in rows:
        quote = matching_quote(row, run.quotes[f"https://corpus.invalid/{row.article}"])
        found.append(None if quote is None else list(quote["topics"]))
    return found


def main_eval_topics(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app eval topics",
        description="Per-topic precision and recall of the quote topics the API serves, "
        "against hand-annotated quotes.")
    parser.add_argument("rows", help="annotated quotes (tests/data/topic_sample.jsonl, "
                        "tests/data/topic_seeds.jsonl)")
    parser.add_argument("corpus", help="the folder holding the articles the rows name")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes for ingest")
    args = parser.parse_args(argv)
    rows = load_topic_rows(args.rows)
    served = served_topics(rows, Path(args.corpus), jobs=args.jobs)
    print(format_report(score_topics(rows, served), rows=len(rows),
                        missed=sum(topics is None for topics in served),
                        title=f"python -m app eval topics {args.rows} {args.corpus}"))
    return 0
