"""Ingest files and folders: one line per file, a total, and the failures named one by one.

`jobs` worker processes clean and extract while this process alone writes, so even one job
overlaps extraction with storage; `jobs=0` does everything in this process.
"""
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import get_settings
from app.ingest.fetch import fetch_url
from app.ingest.metadata import NO_DEFAULTS, MetadataDefaults, missing_metadata, with_defaults
from app.ingest.pipeline import (
    IngestResult,
    PreparedArticle,
    store_prepared,
    store_prepared_batch,
)
from app.ingest.readers import (
    ReadProblem,
    estimate_article_count,
    iter_article_files,
    read_articles,
)
from app.ingest.workers import (
    Prepared,
    Work,
    chunks_ahead,
    extraction_pool,
    map_ahead,
    prepare_work,
)
from app.models import ArticleCreate
from app.nlp.records import TopicDefinition

PROGRESS_THRESHOLD = 50  # files; below this a progress bar is noise, above it a line per file
# Objects allocated between two collections of the youngest generation (Python's default is 700):
# a writer's heap (utterance index, words cache) is large and almost free of cycles, and at the
# default a fifth of its time goes into garbage collections that find nothing.
WRITER_GC_THRESHOLD = 50_000
GIL_SWITCH_SECONDS = 0.001
# Towards the end of a run a batch is at most a quarter of the articles left (and at least
# SMALLEST_BATCH): the extraction processes, which finish first, wait only for a small last batch.
TAIL_SHARE = 4
SMALLEST_BATCH = 64


@dataclass
class BatchSummary:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    incomplete: int = 0  # stored without an outlet or a publication date (each had a warning)
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.problems)

    def add(self, other: "BatchSummary") -> None:
        self.stored += other.stored
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.quotes += other.quotes
        self.incomplete += other.incomplete
        self.problems += other.problems

    def counts(self) -> str:
        return (f"{self.stored} stored, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed, {self.quotes} quotes"
                + (f", {self.incomplete} without outlet or date" if self.incomplete else ""))


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def _work(urls: Sequence[str], files: Sequence[Path], max_bytes: int,
          defaults: MetadataDefaults) -> Iterator[Work]:
    """What there is to prepare: fetched URLs, the records of JSON Lines files (read here, a
    line at a time, so that a huge file is spread over the workers) and other files unread."""
    for url in urls:
        fetched = fetch_url(url, max_bytes=max_bytes)
        if isinstance(fetched, ArticleCreate):
            fetched = with_defaults(fetched, path=None, defaults=defaults)
        yield url, url, fetched
    for path in files:
        if path.suffix.lower() == ".jsonl":
            for source, item in read_articles(path, max_bytes=max_bytes, defaults=defaults):
                yield str(path), source, item
        else:
            yield path


def ingest_paths(sources: Sequence[Path | str], *, engine: Engine,
                 topics: Sequence[TopicDefinition], console: Console | None = None,
                 jobs: int = 1, defaults: MetadataDefaults = NO_DEFAULTS) -> BatchSummary:
    """Read every article in `sources` (files, folders, http(s) URLs) and store them, a batch
    of whole articles per transaction; an article's missing outlet and date come from
    `defaults`, and one still without either gets a warning line."""
    console = console or Console(highlight=False, soft_wrap=True)
    total = BatchSummary()
    urls = [str(s) for s in sources if is_url(s)]
    paths = [Path(s) for s in sources if not is_url(s)]
    for path in paths:
        if not path.exists():
            total.problems.append(ReadProblem(source=str(path), message="no such file or folder"))
    files = list(iter_article_files([p for p in paths if p.exists()]))
    if not files and not urls and not total.problems:
        total.problems.append(ReadProblem(source=", ".join(map(str, paths)),
                                          message="no article files (.txt, .json, .jsonl, .html)"))
    for problem in total.problems:
        console.print(f"{problem.source}: error: {problem.message}", markup=False)
    settings = get_settings()
    max_bytes, batch_size = settings.max_article_bytes, settings.ingest_batch
    expected = estimate_article_count(files) + len(urls)
    work = _work(urls, files, max_bytes, defaults)
    pool = extraction_pool(jobs) if jobs > 0 and len(files) + len(urls) > 1 else None
    prepare = partial(prepare_work, topics=tuple(topics), max_bytes=max_bytes,
                      defaults=defaults)
    prepared = map_ahead(pool, prepare, work, ahead=chunks_ahead(batch_size) * jobs,
                         help_out=jobs < (os.cpu_count() or 1)) if pool else (
        result for piece in work for result in prepare(piece))
    per_file: dict[str, BatchSummary] = {}
    with _rare_collections(), _prompt_handoffs(), Progress(console=console, transient=True,
                                       disable=len(files) < PROGRESS_THRESHOLD) as progress:
        task = progress.add_task("ingesting", total=len(files) + len(urls))
        try:
            for chunk in _batches(prepared, largest=batch_size, expected=expected):
                outcomes = _store_chunk(chunk, engine=engine, topics=topics)
                for (path, source, prepared), outcome in zip(chunk, outcomes, strict=True):
                    if path not in per_file:
                        _finish_files(per_file, progress, total)
                        per_file[path] = BatchSummary()
                    _count(per_file[path], outcome, console=progress.console)
                    if isinstance(prepared, PreparedArticle) and isinstance(outcome, IngestResult):
                        _warn_incomplete(per_file[path], source, prepared, progress.console)
            _finish_files(per_file, progress, total, last=True)
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
        progress.update(task, completed=len(files) + len(urls))
    console.print(f"total: {total.counts()}", markup=False)
    return total


@contextmanager
def _rare_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(WRITER_GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def _prompt_handoffs() -> Iterator[None]:
    """The pool's results come in and its tasks go out through a thread of this process, which
    waits for the writer to let go of the GIL: by default every 5 ms, long enough to leave a
    worker idle for a tenth of a run."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _finish_files(per_file: dict[str, BatchSummary], progress: Progress, total: BatchSummary,
                  last: bool = False) -> None:
    """Add the finished files to the total; a short run also gets a line per file (a long one
    has its progress bar, and its errors have a line each already)."""
    for path, summary in list(per_file.items()):
        if progress.disable and summary.stored + summary.updated + summary.unchanged \
                + summary.failed:
            progress.console.print(f"{path}: {summary.counts()}", markup=False)
        total.add(summary)
        progress.advance(progress.task_ids[0])
        del per_file[path]


def _batches(prepared: Iterable[Prepared], *, largest: int, expected: int
             ) -> Iterator[list[Prepared]]:
    """Batches of `largest` articles, smaller as the `expected` end comes near. The sizes depend
    only on the input, never on timing, so a run stores the same way every time."""
    iterator = iter(prepared)
    taken = 0
    while batch := list(islice(iterator, min(largest, max(SMALLEST_BATCH,
                                                          (expected - taken) // TAIL_SHARE)))):
        taken += len(batch)
        yield batch


def _store_chunk(chunk: Sequence[Prepared], *, engine: Engine,
                 topics: Sequence[TopicDefinition]) -> list[IngestResult | ReadProblem]:
    """Store the chunk's articles in one transaction; if that fails, each in its own, so a bad
    article costs only itself."""
    articles = [result for _, _, result in chunk if isinstance(result, PreparedArticle)]
    try:
        with Session(engine) as session:
            stored = iter(store_prepared_batch(session=session, batch=articles, topics=topics))
        return [next(stored) if isinstance(result, PreparedArticle) else result
                for _, _, result in chunk]
    except Exception:
        return [_store_alone(source, result, engine=engine, topics=topics)
                for _, source, result in chunk]


def _store_alone(source: str, result: PreparedArticle | ReadProblem, *, engine: Engine,
                 topics: Sequence[TopicDefinition]) -> IngestResult | ReadProblem:
    if isinstance(result, ReadProblem):
        return result
    try:
        with Session(engine) as session:
            return store_prepared(session=session, prepared=result, topics=topics)
    except Exception as exc:  # the article's transaction was rolled back: nothing partial
        return ReadProblem(source=source, message=f"could not store: {exc}".splitlines()[0])


def _warn_incomplete(summary: BatchSummary, source: str, prepared: PreparedArticle,
                     console: Console) -> None:
    if missing := missing_metadata(prepared):
        summary.incomplete += 1
        console.print(f"{source}: warning: stored without {' or '.join(missing)} (give "
                      "--outlet/--published-at, --meta-from-filename or a NAME.meta.json)",
                      markup=False)


def _count(summary: BatchSummary, outcome: IngestResult | ReadProblem, *,
           console: Console) -> None:
    if isinstance(outcome, IngestResult):
        summary.stored += outcome.status == "stored"
        summary.updated += outcome.status == "updated"
        summary.unchanged += outcome.status == "unchanged"
        summary.quotes += outcome.quotes
        return
    summary.problems.append(outcome)
    console.print(f"{outcome.source}: error: {outcome.message}", markup=False)
