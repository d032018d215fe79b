"""Run the extractor over a gold set and print a report.

Design of the rows (all predictions exclude headline quotes: gold never annotates headlines):
- direct:   direct predictions vs gold direct quotes (PolNeAR: Content pieces with a double quote
            mark; jsonl: kind "direct", or no kind and a quote mark in the text).
- all:      exactly what score.py prints on the raw gold file: for jsonl every gold quote, for
            PolNeAR the direct pieces (score.py's default); predictions are those written to
            --predictions, i.e. direct quotes plus indirect ones when ALL_ROW_INDIRECT says so.
- reported: indirect predictions vs reported speech (PolNeAR: Content without quote marks whose
            Cue is a speech verb; jsonl: kind "indirect").
Texts go through app.ingest.cleaning.clean_text when that module exists, so the figures measure
what users get; extraction time (articles/s) covers cleaning and extraction only.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable

from app.evaluation.gold import load_gold
from app.evaluation.scoring import LENIENT, STRICT, Score, score, score_at
from app.nlp.extract import extract
from app.nlp.records import Quote

# Measured: with indirect quotes in the file score.py reads, seeds.jsonl lenient F1 falls from 0.957
# to 0.865 (19 indirect predictions for 4 gold) and PolNeAR dev "all" F1 from 0.923 to 0.802, so
# that file holds direct quotes only; reported speech is scored in its own row.
ALL_ROW_INDIRECT = False


def _cleaner() -> Callable[[str], tuple[str | None, str]] | None:
    try:
        from app.ingest.cleaning import clean_text
    except Exception:  # noqa: BLE001 - the cleaner is optional and owned elsewhere
        return None
    return clean_text


def extract_article(
    text: str, cleaner: Callable[[str], tuple[str | None, str]] | None
) -> tuple[str, list[Quote]]:
    headline = True
    if cleaner is not None:
        try:
            title, body = cleaner(text)
            headline = bool(title) and body.startswith(title)
            text = body
        except Exception:  # noqa: BLE001 - a cleaner failure must not stop the evaluation
            pass
    return text, [q for q in extract(text, headline=headline).quotes if not q.headline]


def _as_prediction(quote: Quote, text: str) -> dict:
    """A partial quote is submitted with its reported clause, the content gold sets annotate."""
    shown = text[quote.content[0] : quote.content[1]] if quote.content else quote.text
    return {
        "text": shown,
        "speaker": quote.speaker,
        "mention": quote.speaker_mention,
        "kind": quote.kind,
    }


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


def run_evaluation(
    kind: str, path: str, *, errors: int = 0, predictions_out: str | None = None
) -> str:
    """Evaluate the extractor on a gold set ("polnear" folder or "jsonl" file): the report."""
    base = "polnear" if kind.startswith("polnear") else "jsonl"
    all_rows = "all" if kind.endswith("-all") or base == "jsonl" else "direct"
    gold_all = load_gold(base, path, rows=all_rows)
    gold_direct = load_gold(base, path, rows="direct")
    gold_reported = load_gold(base, path, rows="reported")
    cleaner = _cleaner()
    started = time.perf_counter()
    extracted = {a["url"]: extract_article(a["text"], cleaner) for a in gold_all}
    elapsed = time.perf_counter() - started
    direct = {
        u: [_as_prediction(q, t) for q in qs if q.kind == "direct"]
        for u, (t, qs) in extracted.items()
    }
    indirect = {
        u: [_as_prediction(q, t) for q in qs if q.kind == "indirect"]
        for u, (t, qs) in extracted.items()
    }
    full = {
        u: [_as_prediction(q, t) for q in qs if ALL_ROW_INDIRECT or q.kind == "direct"]
        for u, (t, qs) in extracted.items()
    }
    if predictions_out:
        with open(predictions_out, "w", encoding="utf-8") as handle:
            json.dump(full, handle, ensure_ascii=False, indent=1)
    rows = [
        ("direct", gold_direct, direct),
        ("all", gold_all, full),
        ("reported", gold_reported, indirect),
    ]
    lines = [
        f"{kind} {path}: {len(gold_all)} articles, {len(gold_all) / elapsed:.1f} articles/s"
        f" (cleaner: {'yes' if cleaner else 'no'})",
        f"{'row':<9} {'P':>6} {'R':>6} {'F1':>6} {'sP':>6} {'sR':>6} {'sF1':>6} "
        f"{'spk':>6} {'e2e':>6} {'pred':>5} {'gold':>5}",
        "          (lenient >0.3)       (strict >0.8)",
    ]
    for name, gold, predictions in rows:
        if not any(a["quotes"] for a in gold) and name == "reported":
            continue
        lines.append(
            _row(name, score_at(gold, predictions, LENIENT), score_at(gold, predictions, STRICT))
        )
    lines.append("score.py-equivalent (all row): " + json.dumps(score(gold_all, full)))
    if errors:
        lines.append(f"== worst errors, direct row (up to {errors} of each kind)")
        lines.extend(_errors(gold_direct, direct, score_at(gold_direct, direct, LENIENT), errors))
    return "\n".join(lines)


def main_eval(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app eval", description="Score quote extraction on a gold set."
    )
    parser.add_argument("kind", choices=["polnear", "polnear-all", "jsonl"])
    parser.add_argument("path")
    parser.add_argument(
        "--errors", type=int, default=0, help="list the N worst misses of each kind"
    )
    parser.add_argument(
        "--predictions", help="write the predictions (score.py's input format) here"
    )
    args = parser.parse_args(argv)
    print(
        run_evaluation(args.kind, args.path, errors=args.errors, predictions_out=args.predictions)
    )
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
