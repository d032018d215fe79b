"""What an ingest asks SQLite stays bounded as the database grows: no statement of a batch reads
a whole table, or every original article through the `duplicate_of_id IS NULL` index entry.

Every statement a second batch runs (triggers included, parameters inlined by SQLite's trace) is
explained; a full scan would make each batch slower than the one before.
"""
import re
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import event

from app.bench_ingest import write_synthetic
from app.db import make_engine
from app.ingest.batch import ingest_paths
from app.migrate import upgrade_database
from app.topics_file import load_topic_definitions
from tests.conftest import SEEDS

pytestmark = pytest.mark.db

GROWING_TABLES = ("article", "quote", "utterance", "article_entity", "article_topic",
                  "quote_topic", "story")
_UNBOUNDED = re.compile(rf"\bSCAN ({'|'.join(GROWING_TABLES)})\b(?! USING INTEGER PRIMARY KEY)"
                        r"|ix_article_duplicate_of_id \(duplicate_of_id=\?\)")


def test_no_statement_of_a_batch_reads_a_whole_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    topics = load_topic_definitions()
    first, second = sorted(write_synthetic(tmp_path / "corpus", 80, per_file=40).glob("*.jsonl"))
    ingest_paths([SEEDS, first], engine=engine, topics=topics, console=Console(quiet=True),
                 jobs=0)
    statements: list[str] = []
    event.listen(engine, "connect", lambda connection, _: connection.set_trace_callback(
        statements.append))
    engine.dispose()  # new connections, traced
    summary = ingest_paths([second], engine=engine, topics=topics, console=Console(quiet=True),
                           jobs=0)
    assert summary.stored == 40
    explained = {sql for sql in statements
                 if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))}
    assert len(explained) > 10
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        unbounded = {sql: plan for sql in explained
                     if _UNBOUNDED.search(plan := "\n".join(
                         row[3] for row in driver.execute(f"EXPLAIN QUERY PLAN {sql}")))}
    engine.dispose()
    assert not unbounded, "\n\n".join(f"{sql[:300]}\n{plan}" for sql, plan in unbounded.items())
