"""`python -m app eval`: score what a user gets for a gold set, and print a report.

The gold articles go through `python -m app ingest` into a new database and their quotes are
read back from the API (app.evaluation.served); each served quote is scored by its `content`
when it has one, else its `text`, as SCORING.md says. Headline quotes are left out (gold never
annotates headlines; the API marks them `headline`). Rows:
- direct:   gold direct quotes against the served `direct` quotes (score.py's `KIND`).
- all:      every gold quote against every served quote (score.py's `KIND-all`; for PolNeAR
            that is every Content span, speech or not).
- reported: gold reported speech against the served `indirect` quotes.
Then speaker identity (app.evaluation.identity): consistency over the direct and reported
matches, and the share of quotes held by junk or fragment speaker records.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from app.evaluation.gold import load_gold
from app.evaluation.identity import IdentityReport, identity_report
from app.evaluation.scoring import LENIENT, STRICT, Score, direct_only, score, score_at
from app.evaluation.served import as_prediction, served_run
from app.nlp.extract import extract


def _row(name: str, lenient: Score, strict: Score) -> str:
    accuracy = lenient.speaker_accuracy
    end_to_end = (
        f"{round(lenient.recall, 3) * round(accuracy, 3):.3f}" if accuracy is not None else "  -  "
    )
    return (
        f"{name:<9} {lenient.precision:6.3f} {lenient.recall:6.3f} {lenient.f1:6.3f} "
        f"{strict.precision:6.3f} {strict.recall:6.3f} {strict.f1:6.3f} "
        f"{accuracy if accuracy is not None else float('nan'):6.3f} {end_to_end:>6} "
        f"{lenient.predicted:5d} {lenient.gold:5d}"
    )


def _context(text: str, needle: str, width: int = 90) -> str:
    at = text.find(needle[:60])
    if at < 0:
        return needle[:160]
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return "…" + text[start:end].replace("\n", " ") + "…"


def _errors(
    gold: list[dict], predictions: dict[str, list[dict]], lenient: Score, limit: int
) -> list[str]:
    by_url = {a["url"]: a for a in gold}
    missed, wrong = [], []
    for match in lenient.matches:
        article = by_url[match.article]
        quote = article["quotes"][match.gold_index]
        label = article.get("file") or article.get("id") or match.article
        if match.prediction_index is None:
            missed.append(
                (
                    len(quote["text"]),
                    f"MISSED  [{label}] share={match.share:.2f} speaker={quote.get('speaker')!r}\n"
                    f"        {_context(article['text'], quote['text'])}",
                )
            )
        elif match.speaker_scored and not match.speaker_ok:
            p = predictions[match.article][match.prediction_index]
            wrong.append(
                (
                    len(quote["text"]),
                    f"SPEAKER [{label}] gold={quote['speaker']!r} predicted={p.get('speaker')!r}"
                    f" mention={p.get('mention')!r}\n        {quote['text'][:160]!r}",
                )
            )
    spurious = []
    for url, j in lenient.unmatched_predictions:
        p = predictions[url][j]
        article = by_url[url]
        label = article.get("file") or article.get("id") or url
        spurious.append(
            (
                len(p["text"]),
                f"SPURIOUS [{label}] speaker={p.get('speaker')!r} kind={p.get('kind')}\n"
                f"        {_context(article['text'], p['text'])}",
            )
        )
    lines = []
    for title, rows in (("missed", missed), ("spurious", spurious), ("wrong speaker", wrong)):
        lines.append(f"-- {title}: {len(rows)}")
        lines.extend(text for _, text in sorted(rows, key=lambda r: -r[0])[:limit])
    return lines


def _identity_lines(report: IdentityReport, *, records: int) -> list[str]:
    consistency = report.consistency
    lines = [
        f"speaker identity: consistency {consistency:.3f}" if consistency is not None
        else "speaker identity: consistency -",
        f"  ({report.consistent} of {report.scored} matched named gold quotes on the record "
        f"most of that person's quotes have)",
        f"junk speaker records: {report.junk_share:.3f} of {report.quotes} quotes "
        f"({report.junk_quotes}; " + (", ".join(
            f"{why} {count}" for why, count in report.junk_by_reason.most_common()) or "none")
        + ")",
    ]
    lines += [f"  {count:5d}  {name!r}  ({why})" for count, name, why in
              report.junk_records[:records]]
    return lines


def run_evaluation(kind: str, path: str, *, errors: int = 0, predictions_out: str | None = None,
                   junk_records: int = 10, jobs: int = 1) -> str:
    """Ingest a gold set ("polnear" folder or "jsonl" file) and score what the API serves."""
    base = "polnear" if kind.startswith("polnear") else "jsonl"
    gold_all = load_gold(base, path, rows="all")
    gold_direct = load_gold(base, path, rows="direct")
    gold_reported = load_gold(base, path, rows="reported")
    run = served_run(gold_all, jobs=jobs)
    served = {url: [q for q in quotes if not q.get("headline")]
              for url, quotes in run.quotes.items()}
    full = {url: [as_prediction(q) for q in quotes] for url, quotes in served.items()}
    direct = direct_only(full)
    indirect = {url: [p for p in found if p["kind"] == "indirect"] for url, found in full.items()}
    if predictions_out:
        with open(predictions_out, "w", encoding="utf-8") as handle:
            json.dump(full, handle, ensure_ascii=False, indent=1)
    lines = [
        f"{kind} {path}: {run.articles} articles ingested at {run.articles_per_second:.1f} "
        f"articles/s, {sum(map(len, served.values()))} quotes served (headlines left out)",
        f"{'row':<9} {'P':>6} {'R':>6} {'F1':>6} {'sP':>6} {'sR':>6} {'sF1':>6} "
        f"{'spk':>6} {'e2e':>6} {'pred':>5} {'gold':>5}",
        "          (lenient >0.3)       (strict >0.8)",
    ]
    lenient: dict[str, Score] = {}
    for name, gold, predictions in (("direct", gold_direct, direct), ("all", gold_all, full),
                                    ("reported", gold_reported, indirect)):
        if name == "reported" and not any(a["quotes"] for a in gold):
            continue
        lenient[name] = score_at(gold, predictions, LENIENT)
        lines.append(_row(name, lenient[name], score_at(gold, predictions, STRICT)))
    base_kind = f"{base}-all" if kind.endswith("-all") else base
    reference = score(gold_all if kind.endswith("-all") else gold_direct, full,
                      all_kinds=kind.endswith("-all"))
    lines.append(f"score.py {base_kind} equivalent: " + json.dumps(reference))
    rows = [(gold_direct, direct, lenient["direct"].matches)]
    if "reported" in lenient:
        rows.append((gold_reported, indirect, lenient["reported"].matches))
    identity = identity_report(
        rows=rows, speakers=run.speakers,
        served_speaker_ids=[p["speaker_id"] for found in full.values() for p in found])
    lines += _identity_lines(identity, records=junk_records)
    if errors:
        lines.append(f"== worst errors, direct row (up to {errors} of each kind)")
        lines.extend(_errors(gold_direct, direct, lenient["direct"], errors))
    return "\n".join(lines)


def main_eval(argv: list[str]) -> int:
    if argv[:1] == ["topics"]:
        from app.evaluation.topics import main_eval_topics

        return main_eval_topics(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m app eval",
        description="Ingest a gold set into a new database and score the quotes the API serves.")
    parser.add_argument("kind", choices=["polnear", "polnear-all", "jsonl", "jsonl-all"])
    parser.add_argument("path")
    parser.add_argument("--errors", type=int, default=0,
                        help="list the N worst misses of each kind")
    parser.add_argument("--predictions",
                        help="write the served quotes in score.py's input format here")
    parser.add_argument("--junk", type=int, default=10,
                        help="list the N junk speaker records holding the most quotes")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes for ingest")
    args = parser.parse_args(argv)
    print(run_evaluation(args.kind, args.path, errors=args.errors,
                         predictions_out=args.predictions, junk_records=args.junk,
                         jobs=args.jobs))
    return 0


def _texts(path: str) -> list[str]:
    folder = os.path.join(path, "text") if os.path.isdir(os.path.join(path, "text")) else path
    names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    texts = []
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
            texts.append(handle.read())
    return texts


def main_bench_extract(argv: list[str]) -> int:
    """Articles/s and words/s of extraction alone over a PolNeAR folder or a folder of .txt."""
    parser = argparse.ArgumentParser(prog="python -m app bench extract")
    parser.add_argument("path")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    texts = _texts(args.path)
    word_count = sum(len(t.split()) for t in texts) * args.repeat
    started = time.perf_counter()
    quotes = 0
    for _ in range(args.repeat):
        for text in texts:
            quotes += len(extract(text).quotes)
    elapsed = time.perf_counter() - started
    articles = len(texts) * args.repeat
    print(
        f"extract: {articles} articles, {quotes} quotes in {elapsed:.2f}s: "
        f"{articles / elapsed:.1f} articles/s, {word_count / elapsed:,.0f} words/s"
    )
    return 0
