"""What an extraction worker sends the writer arrives whole (records pickle by constructor)."""
import pickle

import pytest

from app.ingest.prepare import _body_hashes, content_hash, prepare_article
from app.ingest.readers import iter_article_files, read_articles
from app.models import ArticleCreate
from app.nlp.records import Entity, Extraction, Person, Quote, TopicMatch
from app.topics_file import load_topic_definitions
from tests.conftest import SEEDS


def seed_records() -> list[ArticleCreate]:
    return [record for path in iter_article_files([SEEDS])
            for _, record in read_articles(path) if isinstance(record, ArticleCreate)]


@pytest.mark.parametrize("record", [
    Quote("We will", 3, 10, "direct", 1, "said", "he", "Ann Lee", 0.9, False, (0, 12)),
    Person("Ann Lee", ("Lee", "Ms. Lee"), "minister", False),
    Entity("NATO", "organization", 4),
    TopicMatch("turkey", ("Ankara",), 2),
    Extraction(),
])
def test_records_survive_pickling(record: object) -> None:
    assert pickle.loads(pickle.dumps(record)) == record


def test_prepared_seed_articles_survive_pickling() -> None:
    topics = load_topic_definitions()
    for record in seed_records():
        prepared = prepare_article(record, topics=topics)
        copy = pickle.loads(pickle.dumps(prepared))
        assert copy == prepared and copy.words and copy.extraction.quotes


@pytest.mark.parametrize("body", [
    "Title only", "Title\n\nBody here", "A  B\n\nc\u00a0d\n\n\ne", "İstanbul ŞEHİR\n\nX Y", "",
    "T\n\n", "\n\nbody",
])
@pytest.mark.parametrize("headlined", [True, False])
def test_body_hashes_are_the_content_hashes(body: str, headlined: bool) -> None:
    without_headline = body.split("\n\n", 1)[-1] if headlined else body
    assert _body_hashes(body, headlined=headlined) == (content_hash(body),
                                                       content_hash(without_headline))
