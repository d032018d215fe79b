"""`python -m app resolve` rebuilds speaker identity from scratch and gives the records
incremental ingestion gave, whatever the batches."""
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.__main__ import main
from app.ingest.batch import ingest_paths
from app.ingest.resolve import resolve_all
from app.models import Article, ArticleSpeaker, Quote, Speaker, SpeakerAlias, SpeakerRedirect
from app.topics_file import load_topic_definitions
from tests.conftest import SEEDS

pytestmark = pytest.mark.db

ARTICLES = [
    "“We will act now,” Obama said on Monday.",
    "“Hope is here,” said Barack Obama on Tuesday.",
    "“We will win,” said Hillary Clinton. “I was there,” said Bill Clinton.",
    "“It is a disgrace,” Clinton said on Friday.",
    "“We will fight,” said Texas Sen. Ted Cruz on Monday.",
    "“Nothing changes,” Cruz told reporters.",
    "“We are back,” said Secretary of State Antony J. Blinken.",
    "“Allies matter,” said Anthony Blinken, the secretary of state.",
    "“Allies matter a lot,” said Antony Blinken in Brussels. “Fine,” Blinken added.",
    "“Trade is war,” Trump said. “I agree,” said Senator Murray.",
    "“We build walls,” said Donald Trump. “So do we,” said Patty Murray.",
    "“Tennis is hard,” said Andy Murray after the match. “We did it,” Michelle Obama said.",
    "“No comment,” the State Department said. “None,” said a State Department spokesman.",
]


def write_corpus(folder: Path) -> list[Path]:
    paths = []
    for n, text in enumerate(ARTICLES, 1):
        path = folder / f"{n:02d}.txt"
        path.write_text(f"Headline number {n}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def ingest(engine: Engine, paths: list[Path]) -> None:
    summary = ingest_paths(paths, engine=engine, topics=load_topic_definitions(),
                           console=Console(quiet=True))
    assert summary.failed == 0


def snapshot(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        speakers = session.exec(select(Speaker)).all()
        slug_of = {s.id: s.slug for s in speakers}
        aliases: dict[str, set[str]] = {}
        for speaker_id, alias in session.exec(select(SpeakerAlias.speaker_id,
                                                     SpeakerAlias.alias)).all():
            aliases.setdefault(slug_of[speaker_id], set()).add(alias)
        return {
            "speakers": sorted((s.slug, s.name, s.role, s.is_organization, s.quote_count)
                               for s in speakers),
            "aliases": aliases,
            "redirects": sorted((r.slug, slug_of[r.speaker_id])
                                for r in session.exec(select(SpeakerRedirect)).all()),
            "quotes": sorted((url or "", start, slug_of.get(speaker_id))
                             for url, start, speaker_id in session.exec(
                                 select(Article.url, Quote.start, Quote.speaker_id)
                                 .join(Article)).all()),
        }


def test_resolve_gives_the_records_of_incremental_ingestion(engine: Engine,
                                                             tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    for batch in (paths[:1], paths[1:4], paths[4:5], paths[5:9], paths[9:]):
        ingest(engine, batch)
    ingest(engine, [SEEDS])
    incremental = snapshot(engine)
    with Session(engine) as session:
        resolve_all(session=session)
    assert snapshot(engine) == incremental
    speakers = {name: count for _, name, _, _, count in incremental["speakers"]}  # type: ignore[attr-defined]
    assert speakers["Barack Obama"] == 2 and "Obama" not in speakers
    assert speakers["Antony Blinken"] > 10 and speakers["Ted Cruz"] == 2
    assert ("obama", "barack-obama") in incremental["redirects"]  # type: ignore[operator]


def test_one_batch_and_many_batches_give_the_same_records(engine: Engine,
                                                          tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    for path in paths:
        ingest(engine, [path])
    one_by_one = snapshot(engine)
    with Session(engine) as session:
        for table in (Quote, Article, SpeakerRedirect, Speaker):
            session.execute(table.__table__.delete())  # type: ignore[attr-defined]
        session.commit()
    ingest(engine, paths)
    assert snapshot(engine)["speakers"] == one_by_one["speakers"]


def test_resolve_command(database_url: str, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(write_corpus(tmp_path)[0])]) == 0
    assert main(["resolve"]) == 0
    assert "resolved: 1 speakers (" in capsys.readouterr().out


def test_articles_stored_before_people_were_kept_keep_their_records(engine: Engine,
                                                                    tmp_path: Path) -> None:
    ingest(engine, write_corpus(tmp_path))
    before = snapshot(engine)
    with Session(engine) as session:
        session.execute(ArticleSpeaker.__table__.delete())  # type: ignore[attr-defined]
        session.commit()
        resolve_all(session=session)
    after = snapshot(engine)
    assert [row[:2] for row in after["speakers"]] == [row[:2] for row in before["speakers"]]  # type: ignore[attr-defined]
    assert after["quotes"] == before["quotes"]
