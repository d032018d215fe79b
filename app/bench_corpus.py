"""A large benchmark database, fast: real ingestion of seed variants, then copies made in SQL.

SQLite only. Copy k of the base articles gets ids offset by k * base count, another outlet and an
earlier date, so lists, filters and counts behave as on a real corpus of that size.
"""
import math
import time
from pathlib import Path

from rich.console import Console
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.db import make_engine
from app.ingest.counts import recount_all
from app.ingest.pipeline import prepare_article, store_prepared
from app.ingest.store import get_or_create_outlet
from app.migrate import upgrade_database
from app.models import Speaker
from app.synthetic import synthetic_articles
from app.topics_file import load_topic_definitions

OUTLETS = 60
SQLITE_TIME = "strftime('%Y-%m-%d %H:%M:%f000', {column}, '-{hours} hours')"


def build_corpus(path: Path, *, quotes: int, variants: int = 200,
                 console: Console | None = None) -> dict[str, int]:
    """Create a migrated SQLite file at `path` holding about `quotes` quotes."""
    console = console or Console(quiet=True)
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = make_engine(url)
    definitions = load_topic_definitions()
    started = time.perf_counter()
    with Session(engine) as session:
        for n in range(OUTLETS):
            get_or_create_outlet(session=session, slug=f"outlet-{n:03d}", name=f"Outlet {n:03d}")
        session.commit()
    base_count = min(variants, max(1, quotes // 15))
    for record in synthetic_articles(base_count, variants=variants, outlets=OUTLETS):
        with Session(engine) as session:
            store_prepared(session=session, topics=definitions,
                           prepared=prepare_article(record, topics=definitions))
    with engine.begin() as conn:
        base_articles = conn.execute(text("SELECT max(id) FROM article")).scalar_one()
        base_quotes = conn.execute(text("SELECT max(id) FROM quote")).scalar_one()
        copies = max(1, math.ceil(quotes / base_quotes))
        for k in range(1, copies):
            _copy(conn, k, base_articles, base_quotes)
        conn.execute(text(f"DELETE FROM quote WHERE id > {quotes}"))
    with Session(engine) as session:
        recount_all(session=session)
        session.commit()
        busiest = session.exec(
            select(Speaker.slug).order_by(col(Speaker.quote_count).desc())).first()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        totals = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                  for table in ("article", "quote", "speaker")}
    engine.dispose()
    console.print(f"built {totals} in {time.perf_counter() - started:.0f} s; "
                  f"busiest speaker {busiest}")
    return {**totals, "busiest": busiest}  # type: ignore[dict-item]


def _copy(conn, k: int, articles: int, quotes: int) -> None:  # type: ignore[no-untyped-def]
    outlet = f"((outlet_id + {k}) % {OUTLETS}) + 1"
    published = SQLITE_TIME.format(column="published_at", hours=k * 24)
    reported = SQLITE_TIME.format(column="reported_at", hours=k * 24)
    conn.execute(text(f"""
        INSERT INTO article (id, title, url, content_hash, outlet_id, published_at, byline, body,
                             created_at, updated_at, duplicate_of_id)
        SELECT id + {k * articles}, title, url || '?copy={k}',
               substr(content_hash, 1, 56) || printf('%08d', {k}), {outlet}, {published}, byline,
               body, created_at, updated_at, NULL
        FROM article WHERE id <= {articles}"""))
    quote_columns = [c[1] for c in conn.execute(text("PRAGMA table_info(quote)"))]
    replaced = {"id": f"id + {k * quotes}", "article_id": f"article_id + {k * articles}",
                "outlet_id": outlet, "reported_at": reported}
    selected = ", ".join(replaced.get(c, f'"{c}"') for c in quote_columns)
    names = ", ".join(f'"{c}"' for c in quote_columns)
    conn.execute(text(f"INSERT INTO quote ({names}) SELECT {selected} FROM quote "
                      f"WHERE id <= {quotes}"))
    conn.execute(text(f"INSERT INTO quote_topic (quote_id, topic_id, triggers) "
                      f"SELECT quote_id + {k * quotes}, topic_id, triggers FROM quote_topic "
                      f"WHERE quote_id <= {quotes}"))
    conn.execute(text(f"INSERT INTO article_topic (article_id, topic_id, triggers, count) "
                      f"SELECT article_id + {k * articles}, topic_id, triggers, count "
                      f"FROM article_topic WHERE article_id <= {articles}"))
    conn.execute(text(f"INSERT INTO article_entity (article_id, entity_id, count) "
                      f"SELECT article_id + {k * articles}, entity_id, count FROM article_entity "
                      f"WHERE article_id <= {articles}"))
