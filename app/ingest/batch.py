"""Ingest files and folders: one line per file, a total, and the failures named one by one."""
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import get_settings
from app.ingest.pipeline import ingest_record
from app.ingest.readers import ReadProblem, iter_article_files, read_articles
from app.nlp.records import TopicDefinition

PROGRESS_THRESHOLD = 50  # files; below this a progress bar is noise


@dataclass
class BatchSummary:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.problems)

    def line(self) -> str:
        return (f"total: {self.stored} stored, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed, {self.quotes} quotes")


def ingest_paths(paths: Sequence[Path], *, engine: Engine, topics: Sequence[TopicDefinition],
                 console: Console | None = None) -> BatchSummary:
    """Read every article under `paths` and store each in its own transaction."""
    console = console or Console(stderr=False, highlight=False)
    summary = BatchSummary()
    files = list(iter_article_files(paths))
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        summary.problems.append(ReadProblem(source=str(path), message="no such file or folder"))
        console.print(f"{path}: error: no such file or folder", markup=False)
    if not files and not missing:
        summary.problems.append(ReadProblem(source=" ".join(map(str, paths)),
                                            message="no article files (.txt, .json, .jsonl, .html)"))
        console.print(f"{summary.problems[-1].source}: error: {summary.problems[-1].message}",
                      markup=False)
    max_bytes = get_settings().max_article_bytes
    with Progress(console=console, transient=True,
                  disable=len(files) < PROGRESS_THRESHOLD) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            file_summary = _ingest_file(path, engine=engine, topics=topics, max_bytes=max_bytes,
                                        report=lambda text: progress.console.print(text, markup=False))
            summary.stored += file_summary.stored
            summary.updated += file_summary.updated
            summary.unchanged += file_summary.unchanged
            summary.quotes += file_summary.quotes
            summary.problems += file_summary.problems
            progress.advance(task)
    console.print(summary.line(), markup=False)
    return summary


def _ingest_file(path: Path, *, engine: Engine, topics: Sequence[TopicDefinition],
                 max_bytes: int, report: Callable[[str], None]) -> BatchSummary:
    summary = BatchSummary()
    for source, item in read_articles(path, max_bytes=max_bytes):
        if isinstance(item, ReadProblem):
            summary.problems.append(item)
            report(f"{item.source}: error: {item.message}")
            continue
        try:
            with Session(engine) as session:
                result = ingest_record(session=session, record=item, topics=topics)
        except Exception as exc:  # one bad article must not stop the batch; its rows rolled back
            problem = ReadProblem(source=source, message=f"could not store: {exc}".splitlines()[0])
            summary.problems.append(problem)
            report(f"{problem.source}: error: {problem.message}")
            continue
        setattr(summary, result.status, getattr(summary, result.status) + 1)
        summary.quotes += result.quotes
    if summary.stored + summary.updated + summary.unchanged:
        report(f"{path}: {summary.stored} stored, {summary.updated} updated, "
               f"{summary.unchanged} unchanged, {summary.quotes} quotes"
               + (f", {summary.failed} failed" if summary.failed else ""))
    return summary
