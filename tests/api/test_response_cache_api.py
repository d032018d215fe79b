"""The response cache: a repeated GET is answered from memory until any write, from any
connection or process, changes the data."""
import subprocess
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import app.routes.speakers
from app.config import get_settings
from app.routes.response_cache import CHANNEL
from tests.conftest import AUTH


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the /speakers listing was really read (a cache hit does not read it)."""
    seen: list[int] = []
    real = app.routes.speakers.speaker_listing

    def counting(**kwargs: object) -> object:
        seen.append(1)
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app.routes.speakers, "speaker_listing", counting)
    yield seen


def test_repeated_get_is_answered_from_memory(seeded_client: TestClient,
                                              calls: list[int]) -> None:
    first = seeded_client.get("/speakers")
    again = seeded_client.get("/speakers")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert len(calls) == 1
    assert seeded_client.get("/speakers", params={"limit": 2}).status_code == 200
    assert len(calls) == 2  # another query string is another answer


def test_cached_answer_still_honours_if_none_match(seeded_client: TestClient) -> None:
    etag = seeded_client.get("/speakers").headers["etag"]
    cached = seeded_client.get("/speakers", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert seeded_client.get("/speakers").headers.get_list("etag") == [etag]


def test_other_formats_are_other_answers(seeded_client: TestClient) -> None:
    seeded_client.get("/quotes")
    csv = seeded_client.get("/quotes", headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")


def test_a_write_on_another_connection_is_seen_at_once(seeded_client: TestClient,
                                                       seeded_engine: Engine,
                                                       calls: list[int]) -> None:
    before = seeded_client.get("/speakers").json()["items"][0]
    with seeded_engine.begin() as connection:
        connection.execute(text("UPDATE speaker SET role = 'renamed' WHERE id = :id"),
                           {"id": before["id"]})
    after = seeded_client.get("/speakers").json()["items"][0]
    assert after["role"] == "renamed" and len(calls) == 2


def test_a_write_by_another_process_is_seen_at_once(seeded_client: TestClient,
                                                    database_url: str) -> None:
    assert seeded_client.get("/articles").json()["items"]
    script = ("import sys; from sqlalchemy import create_engine, text; "
              "e = create_engine(sys.argv[1]); c = e.connect(); "
              "c.execute(text('UPDATE article SET title = :t'), {'t': 'Retitled'}); c.commit()")
    subprocess.run([sys.executable, "-c", script, database_url], check=True)
    assert {a["title"] for a in seeded_client.get("/articles").json()["items"]} == {"Retitled"}


def test_api_writes_are_seen(writer: TestClient, seeded_engine: Engine) -> None:
    articles = writer.get("/articles").json()["items"]
    assert writer.delete(f"/articles/{articles[0]['id']}", headers=AUTH).status_code == 204
    assert len(writer.get("/articles").json()["items"]) == len(articles) - 1


def test_health_is_never_kept(seeded_client: TestClient) -> None:
    assert seeded_client.app.user_middleware  # type: ignore[attr-defined]
    cache = _cache(seeded_client)
    seeded_client.get("/health")
    assert not any(key[1] == "/health" for key in cache.answers)


def test_cache_stays_within_its_size(seeded_client: TestClient) -> None:
    cache = _cache(seeded_client)
    cache.max_bytes = 60_000
    for limit in range(1, 30):
        assert seeded_client.get("/quotes", params={"limit": limit}).status_code == 200
    assert 0 < cache.size <= 60_000
    assert cache.size == sum(len(answer.body) for answer in cache.answers.values())


def test_zero_megabytes_turns_it_off(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                     calls: list[int]) -> None:
    from app.main import create_app

    monkeypatch.setenv("RESPONSE_CACHE_MB", "0")
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        client.get("/speakers")
        client.get("/speakers")
    assert len(calls) == 2


def _cache(client: TestClient):  # type: ignore[no-untyped-def]
    client.get("/health")  # builds the middleware stack
    layer = client.app.middleware_stack  # type: ignore[attr-defined]
    while not hasattr(layer, "cache"):
        layer = layer.app
    return layer.cache


def test_an_uncommitted_write_keeps_the_cached_answer(seeded_client: TestClient,
                                                      seeded_engine: Engine,
                                                      calls: list[int]) -> None:
    before = seeded_client.get("/speakers").json()["items"][0]
    with seeded_engine.connect() as connection:
        connection.execute(text("UPDATE speaker SET role = 'renamed' WHERE id = :id"),
                           {"id": before["id"]})
        assert seeded_client.get("/speakers").json()["items"][0] == before
        assert len(calls) == 1  # nothing committed: the cached answer is still right
        connection.commit()
    assert seeded_client.get("/speakers").json()["items"][0]["role"] == "renamed"
    assert len(calls) == 2


def test_writes_to_another_database_keep_the_cached_answer(seeded_client: TestClient,
                                                           database_url: str,
                                                           calls: list[int]) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("one database per SQLite file")
    seeded_client.get("/speakers")
    other = make_url(database_url).set(database="postgres")
    engine = create_engine(other)
    with engine.begin() as connection:  # moves the server's WAL position
        connection.execute(text("CREATE TEMPORARY TABLE scratch (n int)"))
        connection.execute(text("INSERT INTO scratch VALUES (1)"))
    engine.dispose()
    seeded_client.get("/speakers")
    assert len(calls) == 1


def test_every_table_notifies_its_changes(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's data_version needs no triggers")
    with engine.connect() as connection:
        notifying = set(connection.execute(text(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = :name"),
            {"name": CHANNEL}).scalars())
    assert set(SQLModel.metadata.tables) <= notifying
