"""Speaker resolution under concurrent writers: each writer resolves its batch's speakers under
an advisory lock on PostgreSQL (SQLite has one writer at a time), so two writers quoting the
same people never make two records of one person or lose a merge."""
import threading
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.ingest.batch import ingest_paths
from app.models import Quote, Speaker, SpeakerRedirect
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db

WRITERS = 4
ARTICLES_EACH = 6


def article(writer: int, n: int) -> str:
    # every writer quotes the same three people, by surname first and by full name later
    named = n >= ARTICLES_EACH // 2
    return (f"Headline {writer} {n}\n\n"
            f"“Point {writer}-{n} stands,” said {'Jane Roe' if named else 'Roe'}. "
            f"“Point {writer}-{n} falls,” {'John Doe' if named else 'Doe'} said. "
            f"“And point {writer}-{n} waits,” said Sen. Ann Poe.\n")


def test_concurrent_writers_make_one_record_per_person(engine: Engine, tmp_path: Path) -> None:
    folders = []
    for writer in range(WRITERS):
        folder = tmp_path / f"w{writer}"
        folder.mkdir()
        for n in range(ARTICLES_EACH):
            (folder / f"{n}.txt").write_text(article(writer, n), encoding="utf-8")
        folders.append(folder)
    errors: list[BaseException] = []
    topics = load_topic_definitions()

    def write(folder: Path) -> None:
        try:  # one article per transaction: the writers interleave as much as they can
            for path in sorted(folder.iterdir()):
                summary = ingest_paths([path], engine=engine, topics=topics,
                                       console=Console(quiet=True))
                assert summary.failed == 0
        except BaseException as error:  # noqa: BLE001  (reported by the test thread)
            errors.append(error)

    threads = [threading.Thread(target=write, args=(folder,)) for folder in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Session(engine) as session:
        speakers = {s.name: s.quote_count for s in session.exec(select(Speaker)).all()}
        assert speakers == {"Jane Roe": WRITERS * ARTICLES_EACH, "John Doe":
                            WRITERS * ARTICLES_EACH, "Ann Poe": WRITERS * ARTICLES_EACH}
        assert set(session.exec(select(SpeakerRedirect.slug)).all()) == {"roe", "doe"}
        assert session.exec(select(Quote).where(Quote.speaker_id == None)).all() == []  # noqa: E711
