"""PostgreSQL answers `q=` from its GIN indexes: the search expressions match the indexes'
exactly (`to_tsvector('english', ...)`), so no search reads every article or quote.

The seeds are a small table, where a sequential scan is the cheaper plan; sequential scans are
priced out for the check, and the plan must read the full-text index: one without it means the
index cannot serve the query.
"""
import os

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="PostgreSQL only")


# Known failure: article searches read every original through ix_article_duplicate_of_id and
# recompute to_tsvector for each (the expression matches ix_article_fts, but the planner
# prefers the other index); a stored generated tsvector column is the planned fix.
ARTICLES_NOT_YET = pytest.mark.xfail(strict=True, reason="article search skips ix_article_fts")
INDEXES = {"/articles": "ix_article_fts", "/quotes": "ix_quote_text_fts"}


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize(("path", "query"), [
    pytest.param("/articles", {"q": "abc def"}, marks=ARTICLES_NOT_YET),
    pytest.param("/articles", {"q": "alliance", "sort": "relevance"}, marks=ARTICLES_NOT_YET),
    pytest.param("/articles", {"q": '"revitalize the alliance" OR turkey -iran'},
                 marks=ARTICLES_NOT_YET),
    ("/quotes", {"q": "abc def"}),
    ("/quotes", {"q": "revital*", "sort": "relevance"}),
    ("/quotes", {"q": "alliance OR nato -turkey", "count": "true"}),
])
def test_searches_use_the_full_text_indexes(seeded_client, seeded_engine: Engine,  # type: ignore[no-untyped-def]
                                            path: str, query: dict[str, str]) -> None:
    plans: list[str] = []

    def explain(connection, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "to_tsvector" in statement and statement.lstrip().upper().startswith("SELECT"):
            cursor = connection.connection.cursor()
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + statement, parameters)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))

    event.listen(seeded_engine, "before_cursor_execute", explain)
    try:
        response = seeded_client.get(path, params=query)
    finally:
        event.remove(seeded_engine, "before_cursor_execute", explain)
    assert response.status_code == 200, response.text
    assert plans
    index = INDEXES[path]
    for plan in plans:
        assert "Seq Scan on article" not in plan and "Seq Scan on quote" not in plan, plan
        assert index in plan, plan  # not every original read through another index
