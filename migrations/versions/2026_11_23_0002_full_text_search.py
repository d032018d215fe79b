"""full-text search: SQLite FTS5 tables kept by triggers, PostgreSQL GIN expression indexes

Quotes are searched on their text, articles on title and body. SQLite: external-content FTS5
tables `quote_fts` and `article_fts` (porter stemming), filled from the existing rows and kept in
step by triggers. PostgreSQL: GIN indexes on `to_tsvector('english', ...)`, which queries in
app/services/search.py repeat word for word so the planner uses them.

Note for later migrations on SQLite: a batch ("move and copy") change of `quote` or `article`
drops these triggers; recreate them with `create_sqlite_triggers()` afterwards (and the insert
triggers as migration 0007 makes them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:25:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (fts columns, source expression per column)
SQLITE_TABLES = {
    "quote": ("text",),
    "article": ("title", "body"),
}


def _sqlite_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    fts = f"{table}_fts"
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN {delete} {insert} END",
    ]


def create_sqlite_triggers() -> None:
    for table, columns in SQLITE_TABLES.items():
        for statement in _sqlite_triggers(table, columns):
            op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, columns in SQLITE_TABLES.items():
            names = ", ".join(columns)
            op.execute(
                f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='{table}', "
                f"content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
            )
            op.execute(f"INSERT INTO {table}_fts(rowid, {names}) SELECT id, {names} FROM {table}")
        create_sqlite_triggers()
    else:
        op.execute(
            "CREATE INDEX ix_quote_text_fts ON quote USING GIN (to_tsvector('english', text))"
        )
        op.execute(
            "CREATE INDEX ix_article_fts ON article USING GIN "
            "(to_tsvector('english', coalesce(title, '') || ' ' || body))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in SQLITE_TABLES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_article_fts")
        op.execute("DROP INDEX IF EXISTS ix_quote_text_fts")
