"""Migrations build exactly the schema the models describe, on every backend under test."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.db import make_engine
from app.migrate import alembic_config, upgrade_database
from app.search_tables import include_in_schema_comparison
from tests.conftest import BACKENDS

MIGRATING_AT_ONCE = 4


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_in_schema_comparison})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_migrations_on_an_empty_database_all_succeed(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path / 'empty.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    try:
        processes = [subprocess.Popen([sys.executable, "-m", "app", "migrate"], env=env,
                                      text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                     for _ in range(MIGRATING_AT_ONCE)]
        outputs = [process.communicate(timeout=300)[0] for process in processes]
        assert [p.returncode for p in processes] == [0] * MIGRATING_AT_ONCE, "\n".join(outputs)
        engine = make_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert list(context.get_current_heads()) == ScriptDirectory.from_config(
                alembic_config(url)).get_heads()
        engine.dispose()
    finally:
        if backend == "postgresql":  # leave the migrated schema other tests expect
            upgrade_database(url)
