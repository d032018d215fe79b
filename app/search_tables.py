"""Full-text search objects that migrations create beside the models' tables and indexes.

SQLite: FTS5 virtual tables and their shadow tables, and `fts_deferred` (see migration 0007);
PostgreSQL: GIN expression indexes.
"""
import re

_SEARCH_OBJECT = re.compile(
    r"^((quote|article|speaker)_fts(_(data|idx|docsize|config|content))?|ix_\w+_fts"
    r"|fts_deferred)$")
SEARCHED_COLUMNS = {"quote": ("text",), "article": ("title", "body")}  # SQLite's FTS5 tables
DEFERRAL_TABLE = "fts_deferred"  # while it has a row, the FTS5 insert triggers stand aside


def is_search_object(name: str | None) -> bool:
    return bool(name and _SEARCH_OBJECT.match(name))


def include_in_schema_comparison(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Alembic `include_object` hook: compare everything but the full-text search objects."""
    return not (type_ in {"table", "index"} and is_search_object(name))
