"""Command line: python -m app ingest|serve|migrate|regroup|resolve|eval|bench."""
import argparse
import os
import sys


def cmd_ingest(args: argparse.Namespace) -> int:
    from app.ingest.command import ingest_command
    from app.ingest.header_lines import parse_date
    from app.ingest.metadata import MetadataDefaults, filename_pattern

    published_at = None
    if args.published_at is not None and (published_at := parse_date(args.published_at)) is None:
        args.parser.error(f"--published-at: not a date: {args.published_at!r}")
    try:
        pattern = filename_pattern(args.meta_from_filename) if args.meta_from_filename else None
    except ValueError as exc:
        args.parser.error(f"--meta-from-filename: {exc}")
    defaults = MetadataDefaults(outlet=(args.outlet or "").strip() or None,
                                published_at=published_at, filename=pattern)
    summary = ingest_command(args.paths, jobs=args.jobs, defaults=defaults)
    return 1 if summary.failed else 0


def default_workers() -> int:
    """The cores this process may run on: one server process each."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run("app.main:app", host=args.host, port=args.port,
                workers=args.workers or default_workers(), log_level="warning",
                access_log=False)
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    from app.migrate import upgrade_database

    upgrade_database()
    print("database is at the newest revision")
    return 0


def cmd_regroup(_args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.db import get_engine
    from app.ingest.regroup import regroup_all
    from app.ingest.resolve import resolve_all

    with Session(get_engine()) as session:
        speakers = resolve_all(session=session)
        utterances, stories = regroup_all(session=session)
    print(f"regrouped: {speakers} speakers, {utterances} utterances, {stories} stories")
    return 0


def cmd_resolve(_args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.db import get_engine
    from app.ingest.regroup import regroup_all
    from app.ingest.resolve import resolve_all

    with Session(get_engine()) as session:
        speakers = resolve_all(session=session)
        utterances, stories = regroup_all(session=session)  # both follow the speaker records
    print(f"resolved: {speakers} speakers ({utterances} utterances, {stories} stories regrouped)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from app.evaluation import main_eval

    return main_eval(args.rest) or 0


def cmd_bench(args: argparse.Namespace) -> int:
    from app.bench import main_bench

    return main_bench(args.rest) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="ingest article files or folders")
    ingest.add_argument("paths", nargs="+",
                        help=".txt, .json, .jsonl or .html files, folders, or http(s) URLs")
    ingest.add_argument("--jobs", type=int, default=1,
                        help="worker processes that clean and extract while this one stores "
                        "(0: all in this process)")
    ingest.add_argument("--outlet", metavar="NAME", help="the outlet of articles that name none")
    ingest.add_argument("--published-at", metavar="DATE",
                        help="the publication date of articles that give none (2016-03-03, "
                        "'March 3, 2016', ISO 8601)")
    ingest.add_argument("--meta-from-filename", metavar="PATTERN",
                        help="read outlet and date from each file's name (without extension): "
                        "a template such as '{outlet}_{date}_*' ({outlet}, {date}: any text; "
                        "*: anything) or a regular expression with named groups outlet/date")
    ingest.set_defaults(func=cmd_ingest, parser=ingest)
    serve = commands.add_parser("serve", help="serve the JSON API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=0,
                       help="server processes (default: one per core)")
    serve.set_defaults(func=cmd_serve)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    commands.add_parser("regroup", help="rebuild speakers, utterances and stories from scratch"
                        ).set_defaults(func=cmd_regroup)
    commands.add_parser("resolve", help="rebuild speaker identity from scratch"
                        ).set_defaults(func=cmd_resolve)
    for name, func, text in (("eval", cmd_eval, "score extraction against annotated articles"),
                             ("bench", cmd_bench, "benchmarks (bench extract PATH, ...)")):
        sub = commands.add_parser(name, help=text, add_help=False)
        sub.add_argument("rest", nargs=argparse.REMAINDER)
        sub.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
