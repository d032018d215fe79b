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
_UNBOUNDED = re.compile(rf"\bSCAN ({'|'.join(GROWING_TABLES)})\b(?! USING INTEGER PRIMARY KEY)")
_ORIGINALS = re.compile(r"ix_article_duplicate_of_id \(duplicate_of_id=\?\)")  # IS NULL: all


@pytest.fixture
def plans(tmp_path: Path) -> dict[str, str]:
    """{statement: query plan} of every read, update and delete of a second batch."""
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
        found = {sql: "\n".join(row[3] for row in driver.execute(f"EXPLAIN QUERY PLAN {sql}"))
                 for sql in explained}
    engine.dispose()
    return found


def test_no_statement_of_a_batch_reads_a_whole_table(plans: dict[str, str]) -> None:
    unbounded = {sql: plan for sql, plan in plans.items() if _UNBOUNDED.search(plan) or (
        _ORIGINALS.search(plan) and re.search(r"duplicate_of_id IS NULL", sql, re.I))}
    assert not unbounded, "\n\n".join(f"{sql[:300]}\n{plan}" for sql, plan in unbounded.items())


def test_story_candidates_are_read_from_the_indexes_alone(plans: dict[str, str]) -> None:
    """An utterance's or a speaker's quotes give their article ids without a quote row read."""
    candidates = {sql: plan for sql, plan in plans.items() if sql.startswith((
        "SELECT quote.utterance_id, quote.article_id", "SELECT quote.article_id, quote.reported_at"))}
    assert len({sql[:40] for sql in candidates}) == 2
    for plan in candidates.values():
        searches = [line for line in plan.splitlines() if "SEARCH quote" in line]
        assert searches and all("USING COVERING INDEX" in line for line in searches), plan
