"""Ingesting files end to end: summaries, idempotence, bad files, one transaction per article."""
import json
import os
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.__main__ import main
from app.ingest import pipeline, store
from app.ingest.batch import ingest_paths
from app.models import Article, ArticleCreate, Outlet, Quote, Speaker
from app.topics_file import load_topic_definitions
from tests.conftest import SEEDS

pytestmark = pytest.mark.db


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (session.exec(select(func.count()).select_from(Article)).one(),
                session.exec(select(func.count()).select_from(Quote)).one(),
                session.exec(select(func.count()).select_from(Speaker)).one())


def ingest(engine: Engine, *paths: Path, jobs: int = 1):  # type: ignore[no-untyped-def]
    return ingest_paths(list(paths), engine=engine, topics=load_topic_definitions(),
                        console=Console(quiet=True), jobs=jobs)


def test_seeds_are_stored_once_even_when_ingested_twice(engine: Engine) -> None:
    first = ingest(engine, SEEDS)
    before = counts(engine)
    second = ingest(engine, SEEDS)
    assert (first.stored, second.stored, second.unchanged) == (3, 0, 3)
    assert counts(engine) == before and before[1] >= 40


def test_same_text_without_url_is_the_same_article(engine: Engine, tmp_path: Path) -> None:
    record = {"text": "A headline\n\n\"We will win,\" Jane Doe said."}
    (tmp_path / "a.json").write_text(json.dumps(record))
    (tmp_path / "b.json").write_text(json.dumps([record, record]))
    summary = ingest(engine, tmp_path)
    assert (summary.stored, summary.unchanged, counts(engine)[0]) == (1, 2, 1)


def test_bad_files_are_named_and_good_files_still_stored(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text(json.dumps({"text": "Title\n\n\"Yes,\" Ann Lee said."}))
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "lines.jsonl").write_text('{"text": "T\\n\\nBody one."}\n{broken\n')
    summary = ingest(engine, tmp_path)
    assert summary.stored == 2
    named = sorted(p.source.split("/")[-1] for p in summary.problems)
    assert named == ["bad.json", "lines.jsonl:2"]


def test_cli_exits_non_zero_on_a_bad_file(database_url: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\n\"Fine,\" said Bo Ek.\n")
    (tmp_path / "empty.txt").write_text("")
    assert main(["ingest", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "empty.txt: error:" in out and "total: 1 stored" in out


def test_a_failing_article_leaves_no_rows(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(**_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "link_article_topics", explode)
    summary = ingest(engine, SEEDS)
    assert summary.failed == 3 and counts(engine) == (0, 0, 0)


def test_one_failing_article_of_a_batch_costs_only_itself(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store.link_article_topics

    def explode_on_press_tv(*, session: Session, article_ids: list[int], **kwargs: object) -> None:
        outlets = session.exec(select(Outlet.slug).join(Article).where(
            col(Article.id).in_(article_ids))).all()
        if "press-tv" in outlets:
            raise RuntimeError("disk on fire")
        real(session=session, article_ids=article_ids, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "link_article_topics", explode_on_press_tv)
    summary = ingest(engine, SEEDS, jobs=0)
    assert (summary.stored, summary.failed) == (2, 1)
    assert "could not store: disk on fire" in summary.problems[0].message


def test_a_batch_that_replaces_its_own_article_keeps_counts_right(
        engine: Engine, tmp_path: Path) -> None:
    url = "https://example.org/twice"
    (tmp_path / "twice.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"url": url, "text": "T\n\n\"One thing,\" Ann Lee said."},
        {"url": url, "text": "T\n\n\"Another thing entirely,\" Ann Lee said."}]))
    summary = ingest(engine, tmp_path, jobs=0)
    assert (summary.stored, summary.updated) == (1, 1)
    with Session(engine) as session:
        speaker = session.exec(select(Speaker)).one()
        assert speaker.quote_count == 1 and speaker.name == "Ann Lee"


def test_parallel_jobs_store_the_same_rows(engine: Engine) -> None:
    summary = ingest(engine, SEEDS, jobs=2)
    assert summary.stored == 3 and counts(engine)[1] >= 40


def test_deleting_an_article_removes_everything_derived(engine: Engine) -> None:
    ingest(engine, SEEDS)
    with Session(engine) as session:
        ids = session.exec(select(Article.id)).all()
        for article_id in ids:
            assert pipeline.delete_article(session=session, article_id=article_id)
    assert counts(engine) == (0, 0, 0)


def test_changed_text_under_the_same_url_replaces_the_article(session: Session) -> None:
    topics = load_topic_definitions()
    url = "https://example.org/a"
    first = pipeline.ingest_record(session=session, topics=topics, record=ArticleCreate(
        url=url, text="T\n\n\"One thing,\" Ann Lee said."))
    second = pipeline.ingest_record(session=session, topics=topics, record=ArticleCreate(
        url=url, text="T\n\n\"Another thing entirely,\" Ann Lee said."))
    assert (first.status, second.status) == ("stored", "updated")
    assert [q.text for q in session.exec(select(Quote)).all()] == ["Another thing entirely"]


def test_a_sidecar_gives_a_text_file_its_outlet(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\n\"Yes,\" Ann Lee said.\n")
    (tmp_path / "a.meta.json").write_text('{"outlet": "The Daily", "url": "https://d.example/a"}')
    summary = ingest(engine, tmp_path)
    with Session(engine) as session:
        article = session.exec(select(Article)).one()
    assert (summary.stored, summary.failed, article.url) == (1, 0, "https://d.example/a")


def test_urls_are_fetched_and_ingested(engine: Engine, tmp_path: Path) -> None:
    import http.server
    import threading
    from functools import partial

    page = ("<html><head><title>Summit ends</title></head><body><article><h1>Summit ends</h1>"
            "<p>“We are united as never before,” Jane Doe told reporters on Friday in Brussels, "
            "at the end of a long summit of allied leaders.</p><p>The talks ran late into the "
            "night, and several delegations left before the final statement was agreed.</p>"
            "</article></body></html>")
    (tmp_path / "story.html").write_text(page)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        summary = ingest(engine, f"{base}/story.html", f"{base}/missing.html")  # type: ignore[arg-type]
    finally:
        server.shutdown()
        server.server_close()
    assert summary.stored == 1 and [p.source for p in summary.problems] == [f"{base}/missing.html"]
    with Session(engine) as session:
        quote = session.exec(select(Quote)).first()
    assert quote is not None and quote.text.startswith("We are united")


def _double(item: tuple[str, str, int]) -> list[tuple[str, str, int]]:
    return [(item[0], item[1], item[2] * 2)]


def test_extraction_processes_read_only_a_few_chunks_ahead() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from app.ingest.workers import WORKER_CHUNK, map_ahead

    read: list[int] = []

    def items():  # type: ignore[no-untyped-def]
        for n in range(1000):
            read.append(n)
            yield "file", f"line {n}", n

    with ProcessPoolExecutor(1) as pool:
        results = map_ahead(pool, _double, items(), ahead=3)  # type: ignore[arg-type]
        first = next(results)
        # 3 chunks sent, at most 3 more prepared here meanwhile; Executor.map reads all 1,000
        assert len(read) <= 2 * 3 * WORKER_CHUNK
        rest = list(results)
    assert [first, *rest] == [("file", f"line {n}", 2 * n) for n in range(1000)]


BATCH_SIZES = [  # (articles, expected, largest, batch sizes): smaller towards the expected end
    (923, 923, 512, [230, 173, 130, 97, 73, 64, 64, 64, 28]),
    (10_000, 10_000, 512, [512] * 16 + [452, 339, 254, 190, 143, 107, 80, 64, 64, 64, 51]),
    (100, 100, 16, [16] * 6 + [4]),  # never past the largest: with 16, every batch but the last
    (50, 10, 512, [50]),  # more articles than expected: they all come, in batches of 64
    (200, 10, 512, [64, 64, 64, 8]),
    (3, 1000, 512, [3]),  # fewer
    (0, 0, 512, []),
]


@pytest.mark.parametrize(("articles", "expected", "largest", "sizes"), BATCH_SIZES)
def test_batches_shrink_towards_the_end(articles: int, expected: int, largest: int,
                                        sizes: list[int]) -> None:
    from app.ingest.batch import _batches

    batches = list(_batches(range(articles), largest=largest, expected=expected))  # type: ignore[arg-type]
    assert [len(b) for b in batches] == sizes
    assert [n for b in batches for n in b] == list(range(articles))


@pytest.mark.skipif(not hasattr(os, "nice"), reason="Unix priorities")
def test_extraction_processes_give_way_to_the_writer() -> None:
    from app.ingest.workers import WORKER_NICENESS, extraction_pool

    with extraction_pool(1) as pool:
        niceness = pool.submit(os.nice, 0).result()
    assert niceness == min(os.nice(0) + WORKER_NICENESS, 19)
