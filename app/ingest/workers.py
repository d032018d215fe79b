"""Extraction processes: articles prepared (read, cleaned, extracted, tagged) in a pool, in
order, only a few chunks ahead of the writer that stores them."""
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from app.ingest.metadata import NO_DEFAULTS, MetadataDefaults
from app.ingest.pipeline import PreparedArticle, prepare_article
from app.ingest.readers import ReadProblem, read_articles
from app.models import ArticleCreate
from app.nlp.records import TopicDefinition

WORKER_CHUNK = 8  # articles per task sent to an extraction process
# The writer is the one stage that cannot run in parallel: when the extraction processes and
# the writer outnumber the cores, the processes give way to it (two jobs on two cores: +10%).
WORKER_NICENESS = 10
PR_SET_PDEATHSIG = 1  # prctl option: the signal this process gets when its parent dies
PARENT_POLL_SECONDS = 1.0  # elsewhere: how often a worker checks that its parent lives
BATCHES_AHEAD = 1.5  # articles in flight per process, in batches: enough to keep it busy
# while a batch is stored, and memory stays bounded

T = TypeVar("T")
Item = tuple[str, str, ArticleCreate | ReadProblem]  # (file or URL, source, record or problem)
Work = Item | Path  # a Path is a file still to read: read by whichever process prepares it
Prepared = tuple[str, str, PreparedArticle | ReadProblem]


def extraction_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` extraction processes, started afresh ("spawn"), not forked: a forked process
    would inherit the writer's open database connections, and keep one open (in its
    transaction, with its locks) after the writer is killed."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(os.getpid(),))


def start_worker(parent: int) -> None:
    """Pool initializer: die with the writer, and give way to it (Unix only)."""
    exit_with_parent(parent)
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def exit_with_parent(parent: int) -> None:
    """Have this process killed when `parent` dies, even by SIGKILL (which no pool shutdown
    sees): Linux's PR_SET_PDEATHSIG, else a thread watching the parent's pid."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # died before the request above was made
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def prepare_work(work: Work, *, topics: tuple[TopicDefinition, ...], max_bytes: int,
                 defaults: MetadataDefaults = NO_DEFAULTS) -> list[Prepared]:
    """Prepare one piece of work: a record, or each article of a file still to read (its
    missing metadata filled from `defaults`)."""
    items = [(str(work), source, item) for source, item in read_articles(
        work, max_bytes=max_bytes, defaults=defaults)] if isinstance(work, Path) else [work]
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
