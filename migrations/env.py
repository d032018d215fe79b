"""Alembic environment: the URL comes from the settings or the caller, never from a file."""
from alembic import context
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from app.config import get_settings
from app.db import make_engine
from app.search_tables import include_in_schema_comparison as include_object

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


MIGRATION_LOCK = 0x4E51_0002  # PostgreSQL advisory lock key of migrations ("NQ", 2)


def _serialise(connection) -> None:  # type: ignore[no-untyped-def]
    """Hold the database's migration lock until this transaction ends, before the current
    revision is read: processes migrating at once (`ingest`s, API replicas starting) then run
    one after another, and the later ones find nothing left to do."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
    elif connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        if not driver.in_transaction:  # the write lock now, not at the first DDL statement
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    _serialise(connection)
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
