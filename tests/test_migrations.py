"""Migrations build exactly the schema the models describe, on every backend under test."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.search_tables import include_in_schema_comparison


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_in_schema_comparison})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
