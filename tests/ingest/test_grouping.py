"""Utterances and stories on the seed articles: the same words across outlets are one utterance."""
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.ingest.pipeline import delete_article, ingest_record
from app.ingest.regroup import regroup_all
from app.models import Article, ArticleCreate, Outlet, Quote, Speaker, Story, Utterance
from app.topics_file import load_topic_definitions

pytestmark = pytest.mark.db

# (words of one rendering, the outlets expected to carry that utterance)
SHARED_UTTERANCES = [
    ("The last thing we can afford to do", {"EURACTIV", "Press TV"}),
    ("I've come here to express the United States' steadfast commitment", {"EURACTIV", "Press TV"}),
    ("revitalize the alliance", {"EURACTIV", "Press TV", "The New York Times"}),
    ("experiencing brain death", {"EURACTIV", "Press TV"}),
    ("Turkey is a long-standing and valued ally", {"EURACTIV", "Press TV"}),
]
NEVER_MERGED = [
    ("in together, adjust together", "We went in together, we have adjusted together"),
    ("The last thing we can afford to do", "experiencing brain death"),
]


def utterance_of(session: Session, words: str) -> int | None:
    quote = session.exec(select(Quote).where(col(Quote.text).contains(words.replace("'", "’")))
                         .where(col(Quote.utterance_id).is_not(None))).first() or \
        session.exec(select(Quote).where(col(Quote.text).contains(words))
                     .where(col(Quote.utterance_id).is_not(None))).first()
    return quote.utterance_id if quote else None


def outlets_of(session: Session, utterance_id: int) -> set[str]:
    return set(session.exec(select(Outlet.name).join(Quote, col(Quote.outlet_id) == Outlet.id)
                            .where(Quote.utterance_id == utterance_id)).all())


@pytest.mark.parametrize(("words", "outlets"), SHARED_UTTERANCES)
def test_statements_quoted_by_several_outlets_are_one_utterance(
        seeded_engine: Engine, words: str, outlets: set[str]) -> None:
    with Session(seeded_engine) as session:
        utterance_id = utterance_of(session, words)
        assert utterance_id is not None and outlets_of(session, utterance_id) == outlets


@pytest.mark.parametrize(("first", "second"), NEVER_MERGED)
def test_different_statements_stay_apart(seeded_engine: Engine, first: str, second: str) -> None:
    with Session(seeded_engine) as session:
        assert utterance_of(session, first) != utterance_of(session, second)


def test_an_utterance_never_mixes_speakers(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        rows = session.exec(select(Quote.utterance_id, Quote.speaker_id)
                            .where(col(Quote.utterance_id).is_not(None))).all()
    speakers: dict[int, set[int | None]] = {}
    for utterance_id, speaker_id in rows:
        speakers.setdefault(utterance_id, set()).add(speaker_id)  # type: ignore[arg-type]
    assert all(len(s) == 1 for s in speakers.values())


def test_the_three_seed_articles_are_one_story(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        stories = session.exec(select(Story)).all()
        assert [(s.article_count, s.outlet_count) for s in stories] == [(3, 3)]


def test_regrouping_rebuilds_the_same_groups(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        before = {(u.text, u.quote_count, u.outlet_count) for u in session.exec(select(Utterance))}
        regroup_all(session=session)
        after = {(u.text, u.quote_count, u.outlet_count) for u in session.exec(select(Utterance))}
        assert after == before and len(session.exec(select(Story)).all()) == 1


def test_a_syndicated_copy_is_a_duplicate_and_not_counted_twice(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        nyt = session.exec(select(Article).where(col(Article.byline) == "Steven Erlanger")).one()
        blinken = session.exec(select(Speaker).where(Speaker.slug == "antony-blinken")).one()
        quotes_before = blinken.quote_count
        body = nyt.body.split("\n\n", 1)[1]
        record = ArticleCreate(title="NATO welcomes Blinken", text=body, outlet="Mirror Daily",
                               url="https://mirror.example/nyt-copy")
        result = ingest_record(session=session, topics=load_topic_definitions(), record=record)
        copy = session.get(Article, result.article_id)
        session.refresh(blinken)
        assert copy is not None and copy.duplicate_of_id == nyt.id
        assert blinken.quote_count == quotes_before


def test_deleting_an_article_shrinks_its_utterances(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        utterance_id = utterance_of(session, "revitalize the alliance")
        nyt = session.exec(select(Article).where(col(Article.byline) == "Steven Erlanger")).one()
        assert delete_article(session=session, article_id=nyt.id or 0)
        utterance = session.get(Utterance, utterance_id)
        assert utterance is not None and utterance.outlet_count == 2


@pytest.mark.parametrize(("duplicates", "outlets"), [
    ("skip", {"euractiv", "press-tv", "the-new-york-times"}),
    ("keep", {"euractiv", "press-tv", "the-new-york-times", "mirror-daily"}),
    ("only", {"mirror-daily"}),
])
def test_lists_skip_keep_or_only_show_duplicates(seeded_engine: Engine, duplicates: str,
                                                 outlets: set[str]) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    with Session(seeded_engine) as session:
        nyt = session.exec(select(Article).where(col(Article.byline) == "Steven Erlanger")).one()
        record = ArticleCreate(title="A copy", text=nyt.body.split("\n\n", 1)[1],
                               outlet="Mirror Daily", url="https://mirror.example/copy")
        ingest_record(session=session, topics=load_topic_definitions(), record=record)
    with TestClient(create_app()) as client:
        params = {"duplicates": duplicates, "limit": 100}
        articles = client.get("/articles", params=params).json()["items"]
        quotes = client.get("/quotes", params=params).json()["items"]
    assert {a["outlet"] for a in articles} == outlets
    assert {q["outlet"] for q in quotes} == outlets


def test_counts_kept_by_ingest_equal_a_recount(engine: Engine) -> None:
    """Articles stored one transaction at a time join the utterances and the story of the earlier
    ones; their counts are added, not recounted, and must come out as a recount would."""
    from datetime import timedelta

    from rich.console import Console

    from app.ingest.batch import ingest_paths
    from app.ingest.grouping import refresh_utterances
    from app.ingest.story_counts import refresh_stories
    from tests.conftest import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        summary = ingest_paths([path], engine=engine, topics=load_topic_definitions(),
                               console=Console(quiet=True))
        assert summary.stored == 1, summary.problems
    with Session(engine) as session:
        nyt = session.exec(select(Article).where(col(Article.byline) == "Steven Erlanger")).one()
        body, when = nyt.body.split("\n\n", 1)[1], nyt.published_at
        assert when is not None
        ingest_record(session=session, topics=load_topic_definitions(), record=ArticleCreate(
            title="Copy", text=body, outlet="Mirror Daily", url="https://mirror.example/copy"))
        for hours, outlet in ((6, "The New York Times"), (12, "Mirror Daily")):  # later: added
            ingest_record(session=session, topics=load_topic_definitions(), record=ArticleCreate(
                title=f"Follow-up {hours}", text=f"{body}\n\nThe talks resume in {hours} hours.",
                outlet=outlet, url=f"https://example.org/{hours}",
                published_at=when + timedelta(hours=hours)))

    def stats(session: Session) -> tuple[object, ...]:
        return ({u.id: (u.quote_count, u.outlet_count, u.first_reported_at)
                 for u in session.exec(select(Utterance))},
                {s.id: (s.article_count, s.outlet_count, s.first_published_at,
                        s.last_published_at, s.title) for s in session.exec(select(Story))})

    with Session(engine) as session:
        kept = stats(session)
        refresh_utterances(session=session, utterance_ids=set(kept[0]))
        refresh_stories(session=session, story_ids=set(kept[1]))
        assert stats(session) == kept
        assert max(outlets for _, outlets, _ in kept[0].values()) == 4  # joins did happen
        assert [(n, outlets) for n, outlets, *_ in kept[1].values()] == [(5, 4)]
