"""`python -m app ingest`: bring the configured database up to date, then ingest into it with the
topic definitions in force (the file's, or an API edit's)."""
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from sqlmodel import Session

from app.db import get_engine
from app.ingest.batch import BatchSummary, ingest_paths
from app.ingest.metadata import NO_DEFAULTS, MetadataDefaults
from app.migrate import upgrade_database
from app.topics_file import effective_topic_definitions, load_topic_definitions


def ingest_command(sources: Sequence[Path | str], *, jobs: int = 1,
                   console: Console | None = None,
                   defaults: MetadataDefaults = NO_DEFAULTS) -> BatchSummary:
    """Migrate the database of DATABASE_URL and store every article of `sources` in it."""
    upgrade_database()
    engine = get_engine()
    with Session(engine) as session:
        topics = effective_topic_definitions(session=session,
                                             file_definitions=load_topic_definitions())
    return ingest_paths(sources, engine=engine, topics=topics, jobs=jobs, console=console,
                        defaults=defaults)
