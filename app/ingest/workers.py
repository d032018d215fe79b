"""Extraction processes: articles prepared (read, cleaned, extracted, tagged) in a pool, in
order, only a few chunks ahead of the writer that stores them."""
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from app.ingest.pipeline import PreparedArticle, prepare_article
from app.ingest.readers import ReadProblem, read_articles
from app.models import ArticleCreate
from app.nlp.records import TopicDefinition

WORKER_CHUNK = 8  # articles per task sent to an extraction process
# The writer is the one stage that cannot run in parallel: when the extraction processes and
# the writer outnumber the cores, the processes give way to it (two jobs on two cores: +10%).
WORKER_NICENESS = 10
BATCHES_AHEAD = 1.5  # articles in flight per process, in batches: enough to keep it busy
# while a batch is stored, and memory stays bounded

T = TypeVar("T")
Item = tuple[str, str, ArticleCreate | ReadProblem]  # (file or URL, source, record or problem)
Work = Item | Path  # a Path is a file still to read: read by whichever process prepares it
Prepared = tuple[str, str, PreparedArticle | ReadProblem]


def extraction_pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, initializer=give_way_to_the_writer)


def give_way_to_the_writer() -> None:
    """Pool initializer: lower the extraction process's priority (Unix only)."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def prepare_work(work: Work, *, topics: tuple[TopicDefinition, ...], max_bytes: int
                 ) -> list[Prepared]:
    """Prepare one piece of work: a record, or each article of a file still to read."""
    items = [(str(work), source, item) for source, item in read_articles(
        work, max_bytes=max_bytes)] if isinstance(work, Path) else [work]
    return [_prepare_item(item, topics=topics) for item in items]


def _prepare_item(item: Item, *, topics: tuple[TopicDefinition, ...]) -> Prepared:
    path, source, record = item
    if isinstance(record, ReadProblem):
        return path, source, record
    try:
        return path, source, prepare_article(record, topics=topics)
    except Exception as exc:  # extraction must not stop the batch; report the article instead
        return path, source, ReadProblem(source=source, message=f"could not extract: {exc}")


def chunks_ahead(batch_size: int) -> int:
    """Chunks an extraction process may work ahead of the writer (BATCHES_AHEAD)."""
    return max(2, round(batch_size * BATCHES_AHEAD / WORKER_CHUNK))


def _prepare_chunk(chunk: list[Work], *, prepare: Callable[[Work], list[Prepared]]
                   ) -> list[Prepared]:
    return [result for work in chunk for result in prepare(work)]


def map_ahead(pool: ProcessPoolExecutor, prepare: Callable[[Work], list[Prepared]],
              work: Iterable[Work], *, ahead: int, help_out: bool = True
              ) -> Iterator[Prepared]:
    """`prepare` the work in the pool, in order, taking only `ahead` chunks in advance
    (Executor.map would read every file before the first result: memory grows with the run).

    While the next result is not ready, this process prepares the next chunk itself (up to
    `ahead` chunks) rather than wait, when `help_out` (a core is left over by the workers): the
    writer's idle time goes into extraction too."""
    prepare_chunk = partial(_prepare_chunk, prepare=prepare)
    work_chunks = chunks(work, WORKER_CHUNK)
    pending: deque[Future[list[Prepared]] | list[Prepared]] = deque()
    submitted = 0  # futures in `pending`
    exhausted = False
    while True:
        while not exhausted and submitted < ahead:
            if (chunk := next(work_chunks, None)) is None:
                exhausted = True
            else:
                pending.append(pool.submit(prepare_chunk, chunk))
                submitted += 1
        if not pending:
            return
        head = pending[0]
        if (help_out and isinstance(head, Future) and not head.done() and not exhausted
                and len(pending) - submitted < ahead):  # prepared here, waiting: bounded too
            if (chunk := next(work_chunks, None)) is None:
                exhausted = True
            else:
                pending.append(prepare_chunk(chunk))
            continue
        pending.popleft()
        if isinstance(head, Future):
            submitted -= 1
            yield from head.result()
        else:
            yield from head


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
