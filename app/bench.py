"""Benchmarks: `python -m app bench extract|ingest|api|grouping ...`.

They print figures; tests never assert timings.
"""
import sys


def main_bench(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print("usage: python -m app bench {extract,ingest,api,grouping} [options]")
        return 0 if argv else 2
    kind, rest = argv[0], argv[1:]
    if kind == "extract":
        from app.evaluation import main_bench_extract

        return main_bench_extract(rest) or 0
    if kind == "ingest":
        from app.bench_ingest import main as bench_ingest

        return bench_ingest(rest) or 0
    if kind == "api":
        from app.bench_api import main as bench_api

        return bench_api(rest) or 0
    if kind == "grouping":
        from app.bench_grouping import main as bench_grouping

        return bench_grouping(rest) or 0
    print(f"unknown benchmark {kind!r}: choose extract, ingest, api or grouping", file=sys.stderr)
    return 2
