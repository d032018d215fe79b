"""Utterances and stories depend on the articles stored, never on the order they came in, the
size of the batches, or whether they were regrouped from scratch afterwards."""
import random
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.bench_ingest import write_synthetic
from app.config import get_settings
from app.db import make_engine
from app.ingest.batch import ingest_paths
from app.ingest.pipeline import delete_article
from app.ingest.regroup import regroup_all
from app.migrate import upgrade_database
from app.models import Article, Outlet, Quote
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db

ROOT = Path(__file__).parents[2]
Groups = frozenset[frozenset[object]]


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """About 20 articles: the seeds, four more reports of their event, 13 synthetic ones."""
    synthetic = sorted(write_synthetic(tmp_path / "synthetic", 13, per_file=1).glob("*"))
    return [*sorted((ROOT / "seeds").glob("*.txt")),
            *sorted((ROOT / "tests" / "data" / "nato").glob("*.txt")), *synthetic]


def store(engine: Engine, files: list[Path], batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INGEST_BATCH", str(batch))
    get_settings.cache_clear()
    try:
        summary = ingest_paths(files, engine=engine, topics=load_topic_definitions(),
                               console=Console(quiet=True), jobs=0)
    finally:
        monkeypatch.delenv("INGEST_BATCH")
        get_settings.cache_clear()
    assert summary.failed == 0 and summary.stored == len(files)


def groups(engine: Engine) -> tuple[Groups, Groups]:
    """Utterances as sets of quote keys (article, offset), stories as sets of article keys."""
    with Session(engine) as session:
        key = dict(session.exec(select(Article.id, Article.content_hash)).all())
        utterances: dict[int, set[object]] = {}
        for article_id, start, utterance_id in session.exec(
                select(Quote.article_id, Quote.start, Quote.utterance_id)).all():
            if utterance_id is not None:
                utterances.setdefault(utterance_id, set()).add((key[article_id], start))
        stories: dict[int, set[object]] = {}
        for article_id, story_id in session.exec(select(Article.id, Article.story_id)).all():
            assert story_id is not None
            stories.setdefault(story_id, set()).add(key[article_id])
    return (frozenset(map(frozenset, utterances.values())),
            frozenset(map(frozenset, stories.values())))


def fresh_engine(path: Path) -> Engine:
    url = f"sqlite:///{path}"
    upgrade_database(url)
    return make_engine(url)


def test_order_batch_size_and_regroup_give_the_same_groups(
        corpus: list[Path], engine: Engine, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store(engine, corpus, 512, monkeypatch)  # one batch, files in order
    expected = groups(engine)
    utterances, stories = expected
    assert any(len(u) >= 3 for u in utterances) and any(len(s) >= 2 for s in stories)
    shuffled = corpus[:]
    random.Random(19).shuffle(shuffled)
    for name, files, batch in (("reversed", corpus[::-1], 1), ("shuffled", shuffled, 3)):
        other = fresh_engine(tmp_path / f"{name}.db")
        store(other, files, batch, monkeypatch)
        assert groups(other) == expected, name
        other.dispose()
    with Session(engine) as session:
        regroup_all(session=session)
    assert groups(engine) == expected


def test_deleting_an_article_leaves_what_never_storing_it_gives(
        corpus: list[Path], engine: Engine, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store(engine, corpus, 4, monkeypatch)
    press_tv = next(f for f in corpus if f.name.startswith("001_"))  # shares the most
    with Session(engine) as session:
        gone = session.exec(select(Article.id).join(Outlet, Outlet.id == Article.outlet_id)  # type: ignore[arg-type]
                            .where(Outlet.name == "Press TV")).one()
        assert delete_article(session=session, article_id=gone)
    other = fresh_engine(tmp_path / "without.db")
    store(other, [f for f in corpus if f != press_tv], 4, monkeypatch)
    assert groups(engine) == groups(other)
    other.dispose()
