"""Fixtures: a fresh, migrated database per test.

SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
"""
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.config import get_settings
from app.db import get_engine, get_session, make_engine
from app.migrate import upgrade_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating per test would be slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    make_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade_database(url)
    return url


def _truncate_all(engine: Engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 sqlite_template: Path) -> Iterator[str]:
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    else:
        path = tmp_path / "test.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield url
    engine = get_engine()
    if request.param == "postgresql":
        _truncate_all(engine)
    engine.dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


@pytest.fixture
def engine(database_url: str) -> Engine:
    return get_engine()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    from app.main import create_app

    app = create_app()

    def _session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = _session
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


KEY = "s3cret-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def writer(client: TestClient) -> Iterator[TestClient]:
    """The client with API_KEY set (send AUTH with writes)."""
    from app.config import get_settings

    settings = get_settings().model_copy(update={"api_key": KEY})
    client.app.dependency_overrides[get_settings] = lambda: settings
    yield client
    client.app.dependency_overrides.pop(get_settings)


def ingest_seeds(engine: Engine) -> None:
    from rich.console import Console

    from app.ingest.batch import ingest_paths
    from app.topics_file import load_topic_definitions

    summary = ingest_paths([SEEDS], engine=engine, topics=load_topic_definitions(),
                           console=Console(quiet=True))
    assert summary.failed == 0 and summary.stored == 3


@pytest.fixture
def seeded_engine(engine: Engine) -> Engine:
    ingest_seeds(engine)
    return engine


@pytest.fixture
def seeded_client(seeded_engine: Engine, client: TestClient) -> TestClient:
    return client
