"""kill -9 during a large ingest leaves only whole articles, and re-running completes the rest."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from app.bench_ingest import write_synthetic
from app.db import make_engine
from app.ingest.pipeline import prepare_article
from app.models import Article, ArticleCreate, Quote
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db
ARTICLES = 400
BATCH = 16  # articles per transaction, so that the kill comes between batches
WORKERS_GONE_WITHIN = 10  # seconds


def stored_articles(url: str) -> list[tuple[str, int]]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.exec(
            select(Article.url, func.count(Quote.id)).join(Quote, isouter=True)
            .group_by(Article.id)).all()
    engine.dispose()
    return [(u or "", n) for u, n in rows]


def test_kill_9_mid_ingest_leaves_whole_articles(database_url: str, tmp_path: Path) -> None:
    folder = write_synthetic(tmp_path / "corpus", ARTICLES, per_file=20)
    env = {**os.environ, "DATABASE_URL": database_url, "INGEST_BATCH": str(BATCH)}
    command = [sys.executable, "-m", "app", "ingest", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(stored_articles(database_url)) < 20:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # the whole job: writer and extraction workers
    process.wait()
    partial = stored_articles(database_url)
    assert 0 < len(partial) < ARTICLES
    assert len(partial) % BATCH == 0  # whole batches only
    records = {r.url: r for r in _records(folder)}
    topics = load_topic_definitions()
    for url, quotes in partial:
        assert quotes == len(prepare_article(records[url], topics=topics).extraction.quotes), url
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{ARTICLES - len(partial)} stored, 0 updated, {len(partial)} unchanged" in rerun.stdout
    assert len(stored_articles(database_url)) == ARTICLES


def _records(folder: Path) -> list[ArticleCreate]:
    return [ArticleCreate.model_validate_json(line)
            for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()]


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:  # a zombie is dead: it only waits for whoever adopted it to read its status
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def idle_in_transaction(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()")).scalar_one()
    engine.dispose()
    return count


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc")
def test_kill_9_of_the_writer_leaves_no_worker_and_no_open_transaction(
        database_url: str, tmp_path: Path) -> None:
    folder = write_synthetic(tmp_path / "corpus", ARTICLES // 2, per_file=20)
    env = {**os.environ, "DATABASE_URL": database_url, "INGEST_BATCH": str(BATCH)}
    command = [sys.executable, "-m", "app", "ingest", "--jobs", "2", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (
            len(stored_articles(database_url)) < 20 or len(children_of(process.pid)) < 2):
        time.sleep(0.2)
    workers = children_of(process.pid)
    assert len(workers) >= 2
    process.send_signal(signal.SIGKILL)  # the writer alone, as an OOM killer would
    process.wait()
    deadline = time.monotonic() + WORKERS_GONE_WITHIN
    while time.monotonic() < deadline and any(map(alive, workers)):
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # do not leave them to the rest of the test run
        os.kill(pid, signal.SIGKILL)
    assert left == []
    if database_url.startswith("postgresql"):
        assert idle_in_transaction(database_url) == 0
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert sorted(stored_articles(database_url)) == sorted(
        (record.url, len(prepare_article(record, topics=load_topic_definitions())
                         .extraction.quotes)) for record in _records(folder))
