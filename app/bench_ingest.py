"""`python -m app bench ingest PATH... [--synthetic N] [--jobs 1,2]`: end-to-end ingest speed.

Each run ingests into a new temporary SQLite database and prints articles/s and words/s; the
reference printed first, in the same run, is the database-free half alone (read, clean,
extract, tag) in one process, on the same corpus.
"""
import argparse
import gc
import json
import tempfile
import time
from pathlib import Path

from rich.console import Console

from app.db import make_engine
from app.ingest.batch import ingest_paths
from app.ingest.prepare import prepare_article
from app.ingest.readers import iter_article_files, read_articles
from app.migrate import upgrade_database
from app.models import ArticleCreate
from app.synthetic import synthetic_articles
from app.topics_file import load_topic_definitions


def write_synthetic(folder: Path, count: int, *, per_file: int = 1000) -> Path:
    """Write `count` synthetic articles as JSONL files under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = synthetic_articles(count)
    for index in range(0, count, per_file):
        with (folder / f"synthetic-{index // per_file:05d}.jsonl").open("w") as out:
            for _, record in zip(range(per_file), articles, strict=False):
                out.write(json.dumps(record.model_dump(mode="json")) + "\n")
    return folder


def time_preparation(paths: list[Path], *, limit: int = 1000) -> tuple[int, float]:
    """Read and prepare up to `limit` articles of `paths` in this process: (articles, seconds)."""
    topics = load_topic_definitions()
    started = time.perf_counter()
    prepared = 0
    for source in iter_article_files(paths):
        for _, record in read_articles(source):
            if isinstance(record, ArticleCreate) and prepared < limit:
                prepare_article(record, topics=topics)
                prepared += 1
        if prepared >= limit:
            break
    return prepared, time.perf_counter() - started


def time_ingest(paths: list[Path], *, jobs: int) -> tuple[int, int, float]:
    """Ingest `paths` into a fresh database; returns (articles, words, seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade_database(url)
        engine = make_engine(url)
        started = time.perf_counter()
        summary = ingest_paths(paths, engine=engine, topics=load_topic_definitions(),
                               console=Console(quiet=True), jobs=jobs)
        seconds = time.perf_counter() - started
        words = sum(len(a.split()) for (a,) in engine.connect().exec_driver_sql(
            "SELECT body FROM article"))
        engine.dispose()
    return summary.stored + summary.updated, words, seconds


WORST_CASES = {
    "opening marks only": lambda n: "“" * n,
    "nested, unbalanced marks": lambda n: "“a ‘b “c ‘d " * (n // 12),
    "one enormous paragraph": lambda n: "He said “no” to it, " * (n // 20),
    "every paragraph opens a quote": lambda n: "\n\n".join(["“Open quote paragraph"] * (n // 22)),
    "control and right-to-left characters": lambda n: "\x00\u202e“ملف”\x07 said " * (n // 14),
}


def print_worst_cases(sizes: tuple[int, ...] = (50_000, 200_000)) -> None:
    """Extraction time on hostile texts of growing size: linear growth means x4 time for x4 size."""
    from app.nlp.extract import extract

    for label, make in WORST_CASES.items():
        timings = []
        for size in sizes:
            text = make(size)
            best = float("inf")
            for _ in range(3):  # the best of three, garbage of earlier runs collected first
                gc.collect()
                started = time.perf_counter()
                extract(text)
                best = min(best, time.perf_counter() - started)
            timings.append(best)
        growth = timings[-1] / max(timings[0], 1e-9)
        print(f"worst case {label}: " + ", ".join(
            f"{size:,} chars {t * 1000:.0f} ms" for size, t in zip(sizes, timings, strict=True))
            + f" (x{sizes[-1] // sizes[0]} size -> x{growth:.1f} time)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m app bench ingest")
    parser.add_argument("paths", nargs="*", type=Path, help="folders or files to ingest")
    parser.add_argument("--synthetic", type=int, default=0, help="also N synthetic articles")
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--worst-cases", action="store_true", help="also time hostile texts")
    args = parser.parse_args(argv)
    if missing := [str(path) for path in args.paths if not path.exists()]:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    corpora: list[tuple[str, list[Path]]] = []
    if args.paths:
        corpora.append((" + ".join(map(str, args.paths)), args.paths))
    tmp = tempfile.TemporaryDirectory()
    if args.synthetic:
        corpora.append((f"{args.synthetic} synthetic articles",
                        [write_synthetic(Path(tmp.name) / "synthetic", args.synthetic)]))
    print(f"command: python -m app bench ingest {' '.join(argv)}")
    if args.worst_cases:  # first: after large runs a full heap would time the collector too
        print_worst_cases()
    for label, paths in corpora:
        prepared, seconds = time_preparation(paths)
        print(f"{label}: reference, no database (read, clean, extract, tag; one process, "
              f"{prepared} articles): {prepared / seconds:.0f} articles/s")
        for jobs in (int(j) for j in args.jobs.split(",")):
            articles, words, seconds = time_ingest(paths, jobs=jobs)
            print(f"{label}: jobs={jobs}: {articles} articles in {seconds:.1f} s = "
                  f"{articles / seconds:.0f} articles/s, {words / seconds:,.0f} words/s (SQLite)")
    tmp.cleanup()
    return 0
