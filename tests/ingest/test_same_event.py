"""The seeds plus four reports of the same NATO meeting (tests/data/nato: wire, US, British and
Canadian house styles): each statement several outlets carry is one utterance spanning them all."""
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.ingest.batch import ingest_paths
from app.models import Article, Outlet, Quote, Speaker
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db

ROOT = Path(__file__).parents[2]
NATO = ROOT / "tests" / "data" / "nato"
EA, PTV, NYT = "EURACTIV", "Press TV", "The New York Times"
VOA, GUA, AFP, CBC = "VOA News", "The Guardian", "Agence France-Presse", "CBC News"

# (speaker, words every rendering of the statement contains once normalised, outlets carrying it)
SHARED = [
    ("Antony Blinken", "steadfast commitment", {EA, PTV, VOA}),
    ("Antony Blinken", "the last thing we can afford to do", {EA, PTV, AFP, VOA}),
    ("Antony Blinken", "revitali", {EA, PTV, NYT, AFP, GUA}),
    ("Antony Blinken", "first and foremost with our", {EA, PTV, AFP, GUA}),
    ("Antony Blinken", "leave together", {PTV, AFP, VOA}),
    ("Antony Blinken", "long-standing and valued ally", {EA, PTV, GUA, CBC}),
    ("Antony Blinken", "no secret that we have differences", {PTV, GUA, CBC}),
    ("Antony Blinken", "pivotal moment", {EA, PTV, VOA, CBC}),
    ("Emmanuel Macron", "experiencing brain death", {EA, PTV, GUA}),
    ("Jens Stoltenberg", "stand together when we see China", {EA, AFP, VOA}),
]


@pytest.fixture
def same_event(engine: Engine) -> Engine:
    summary = ingest_paths([ROOT / "seeds", NATO], engine=engine,
                           topics=load_topic_definitions(), console=Console(quiet=True))
    assert summary.failed == 0 and summary.stored == 7
    return engine


def renderings(session: Session, speaker: str, words: str) -> list[tuple[int, str, str]]:
    """(utterance id, outlet, text) of the speaker's quotes containing the words."""
    rows = session.exec(select(Quote.utterance_id, Outlet.name, Quote.text)
                        .join(Outlet, col(Outlet.id) == Quote.outlet_id)
                        .join(Speaker, col(Speaker.id) == Quote.speaker_id)
                        .where(Speaker.name == speaker)).all()
    wanted = words.lower()
    return [(u, o, t) for u, o, t in rows  # type: ignore[misc]
            if wanted in t.lower().replace("’", "'").replace("we'll", "we will")]


@pytest.mark.parametrize(("speaker", "words", "outlets"), SHARED)
def test_a_shared_statement_is_one_utterance_across_its_outlets(
        same_event: Engine, speaker: str, words: str, outlets: set[str]) -> None:
    with Session(same_event) as session:
        found = renderings(session, speaker, words)
        assert {o for _, o, _ in found} == outlets
        assert len({u for u, _, _ in found}) == 1, found


def test_every_rendering_of_a_statement_is_one_utterance(same_event: Engine) -> None:
    """Whatever speaker record each outlet's wording went to (VOA's lead names 'U.S. Secretary
    of State Antony Blinken')."""
    with Session(same_event) as session:
        rows = session.exec(select(Quote.utterance_id, Quote.text)).all()
    assert len({u for u, t in rows if "steadfast commitment" in t}) == 1


def test_the_seven_reports_are_one_story(same_event: Engine) -> None:
    with Session(same_event) as session:
        assert len(session.exec(select(Article.id)).all()) == 7
        assert len(set(session.exec(select(Article.story_id)).all())) == 1
