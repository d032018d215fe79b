"""SQLite: a bulk writer may index its rows for full-text search itself, once per batch

FTS5 writes its pending terms to disk at every savepoint, and every row's insert trigger runs in
one, so a row indexed by the trigger costs several times one indexed in a batch. The insert
triggers now stand aside while the (otherwise always empty) table `fts_deferred` has a row: the
bulk writer adds one, inserts its rows, indexes them in one statement and deletes the row again,
all in its own transaction, so no other connection ever sees it. PostgreSQL: nothing to do.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TABLES = {"quote": ("text",), "article": ("title", "body")}  # as in 0002


def _insert_trigger(table: str, columns: tuple[str, ...], *, deferrable: bool) -> str:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    when = " WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)" if deferrable else ""
    return (f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table}{when} "
            f"BEGIN INSERT INTO {table}_fts(rowid, {names}) VALUES (new.id, {new}); END")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE fts_deferred (id INTEGER PRIMARY KEY)")
    for table, columns in SQLITE_TABLES.items():
        op.execute(f"DROP TRIGGER {table}_fts_ai")
        op.execute(_insert_trigger(table, columns, deferrable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in SQLITE_TABLES.items():
        op.execute(f"DROP TRIGGER {table}_fts_ai")
        op.execute(_insert_trigger(table, columns, deferrable=False))
    op.execute("DROP TABLE fts_deferred")
