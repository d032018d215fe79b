"""Several `ingest` processes at once on overlapping folders store exactly what one process
after another stores: the same rows, counts, utterances and stories, and each exits 0."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.config import get_settings
from app.db import make_engine
from app.ingest.batch import ingest_paths
from app.synthetic import synthetic_articles
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db
ARTICLES = 36
FOLDERS = ((0, 16), (10, 26), (20, 36))  # each overlaps the next
TIMEOUT = 300


def write_folders(root: Path) -> list[Path]:
    """Three overlapping folders of small JSON Lines files: articles with a URL, others without
    one (stored once, by text), copies under a second URL or none (duplicates)."""
    records = [r.model_dump(mode="json") for r in synthetic_articles(ARTICLES)]
    folders = []
    for n, (first, last) in enumerate(FOLDERS):
        folder = root / f"folder-{n}"
        folder.mkdir(parents=True)
        for start in range(first, last, 4):
            chosen = records[start:min(start + 4, last)]
            lines = [*chosen,
                     *({**r, "url": None, "text": r["text"] + " Without a URL."}
                       for r in chosen[:2]),
                     *({**r, "url": None} for r in chosen[3:]),
                     *({**r, "url": r["url"] + "/copy"} for r in chosen[2:3])]
            (folder / f"part-{start:03d}.jsonl").write_text(
                "".join(json.dumps(line) + "\n" for line in lines))
        folders.append(folder)
    return folders


def ingest_command(*paths: Path) -> list[str]:
    return [sys.executable, "-m", "app", "ingest", "--jobs", "0", *map(str, paths)]


def run_env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "INGEST_BATCH": "3"}


# What must be equal, said without ids, and without which of two copies of a text is the
# original: that depends on the order of arrival, in a sequential run too.
SIGNATURE = {
    "articles": "SELECT coalesce(url, ''), content_hash, text_hash FROM article",
    "copies per text": "SELECT text_hash, count(*) FILTER (WHERE duplicate_of_id IS NULL), "
                       "count(*) FROM article GROUP BY text_hash",
    "quotes": "SELECT coalesce(a.url, a.content_hash), q.start, q.text, s.name, q.kind "
              "FROM quote q JOIN article a ON a.id = q.article_id "
              "LEFT JOIN speaker s ON s.id = q.speaker_id",
    "speakers": "SELECT name, quote_count, is_organization FROM speaker",
    "aliases": "SELECT s.name, a.alias FROM speaker_alias a JOIN speaker s ON s.id = a.speaker_id",
    "outlets": "SELECT slug, article_count, quote_count FROM outlet",
    "topics": "SELECT slug, article_count, quote_count FROM topic",
    "entities": "SELECT type, slug, mention_count, article_count FROM entity",
    "utterances": "SELECT s.name, u.text, u.quote_count, u.outlet_count FROM utterance u "
                  "LEFT JOIN speaker s ON s.id = u.speaker_id",
    "quotes per utterance": "SELECT u.text, count(*) FROM quote q "
                            "JOIN utterance u ON u.id = q.utterance_id GROUP BY u.text",
    "story sizes": "SELECT article_count, outlet_count, first_published_at FROM story",
}


# An utterance's text is its first rendering's, punctuation included ("brain death" or "brain
# death."), until a fuller one comes: which comes first depends on the order of arrival.
WORDED = {"utterances", "quotes per utterance"}


def words(value: object) -> object:
    return " ".join(re.findall(r"\w+", value.lower())) if isinstance(value, str) else value


def signature(database_url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        found = {name: sorted(tuple(words(value) if name in WORDED else value for value in row)
                              for row in connection.execute(text(sql)))
                 for name, sql in SIGNATURE.items()}
        stories: dict[object, set[str]] = {}
        for story, key in connection.execute(text(
                "SELECT story_id, coalesce(url, content_hash) FROM article")):
            stories.setdefault(story, set()).add(key)
        found["stories"] = sorted(tuple(sorted(keys)) for keys in stories.values())
    engine.dispose()
    return found


def test_story_counts_equal_their_articles_when_a_batch_joins_one_story_twice(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article of a batch found (by date) by an earlier one of the same batch is counted
    in the story once, not again when its own turn comes."""
    monkeypatch.setenv("INGEST_BATCH", "3")
    get_settings.cache_clear()
    ingest_paths(write_folders(tmp_path)[:1], engine=engine, topics=load_topic_definitions(),
                 console=Console(quiet=True), jobs=0)
    with engine.connect() as connection:
        stored = sorted(connection.execute(text("SELECT id, article_count FROM story")))
        counted = sorted(connection.execute(text(
            "SELECT story_id, count(*) FROM article WHERE duplicate_of_id IS NULL "
            "GROUP BY story_id")))
    assert stored == counted and stored


def empty(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'"))]
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL only")
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_three_concurrent_ingests_equal_a_sequential_run(database_url: str,
                                                         tmp_path: Path) -> None:
    folders = write_folders(tmp_path)
    env = run_env(database_url)
    for folder in folders:
        done = subprocess.run(ingest_command(folder), env=env, timeout=TIMEOUT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    sequential = signature(database_url)
    assert {url == "" for url, *_ in sequential["articles"]} == {True, False}
    assert {originals for _, originals, _ in sequential["copies per text"]} == {1}
    assert max(copies for *_, copies in sequential["copies per text"]) > 1
    empty(database_url)
    processes = [subprocess.Popen(ingest_command(*order), env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for order in (folders, folders[::-1], folders[1:] + folders[:1])]
    outputs = [process.communicate(timeout=TIMEOUT)[0] for process in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], "\n".join(outputs)
    concurrent = signature(database_url)
    for name in sequential:
        assert concurrent[name] == sequential[name], name
