"""Readers: each format yields records; each bad input yields one ReadProblem naming its source."""
import codecs
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.ingest.readers import (
    ReadProblem,
    estimate_article_count,
    iter_article_files,
    read_articles,
)
from app.models.articles import ArticleCreate

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "003_1600993d942f730e.txt"
ARTICLE = {"title": "Headline", "url": "https://www.example.com/a", "text": "Body text."}

# (file name, content, expected message start); each must yield exactly one problem.
BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.json", b"  \n\n ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8, "binary file, not text"),
    ("truncated.json", b'{"title": "Headline", "text": "Body', "invalid JSON: Unterminated string"),
    ("comma.json", b'{"title": "Headline" "text": "Body"}',
     "invalid JSON: Expecting ',' delimiter"),
    ("number.json", b"42", "expected an article object, got a number"),
    ("no_text.json", b'{"title": "Headline"}', "no 'text' field"),
    ("blank_text.json", b'{"text": "   "}', "'text' is empty"),
    ("text_list.json", b'{"text": ["a", "b"]}', "'text' should be a string, got a list"),
    ("title_number.json", b'{"title": 7, "text": "Body"}', "'title' should be a string"),
    ("empty_list.json", b"[]", "empty list, no articles"),
    ("long_title.json", json.dumps({"title": "x" * 1001, "text": "Body"}).encode(),
     "invalid 'title'"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("empty.html", b"   ", "empty file"),
    ("menu.html", b"<html><body><nav>Home</nav></body></html>", "no article text found"),
]

DATES_IN_JSON = [
    ("2021-03-23", datetime(2021, 3, 23)),
    ("March 24, 2021", datetime(2021, 3, 24)),
    ("2021-03-23T10:15:00Z", datetime(2021, 3, 23, 10, 15, tzinfo=UTC)),
    (1616494500, datetime(2021, 3, 23, 10, 15, tzinfo=UTC)),
    ("sometime last spring", None),
    (None, None),
]

OUTLETS = [
    ({"url": "https://www.presstv.ir/Detail/2021/03/23/1"}, "presstv.ir"),
    ({"url": "https://www.euractiv.com/x", "outlet": "EURACTIV"}, "EURACTIV"),
    ({}, None),
]


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _only(path: Path, **options: int) -> tuple[str, ArticleCreate | ReadProblem]:
    items = list(read_articles(path, **options))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_bad_file_yields_one_problem(tmp_path: Path, name: str, content: bytes,
                                     message: str) -> None:
    path = _write(tmp_path, name, content)
    source, problem = _only(path)
    assert isinstance(problem, ReadProblem), problem
    assert problem.source.startswith(str(path)) and source == problem.source
    assert problem.message.startswith(message), problem.message


def test_over_size_cap(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"Headline\n\n" + b"word " * 1_220_000)
    _, problem = _only(path)
    assert problem == ReadProblem(str(path), "article over the size cap (6.1 MB > 5.0 MB)")


def test_vanished_file(tmp_path: Path) -> None:
    _, problem = _only(tmp_path / "gone.txt")
    assert problem == ReadProblem(str(tmp_path / "gone.txt"), "file vanished while reading")


def test_jsonl_bad_line_is_named_and_other_lines_still_read(tmp_path: Path) -> None:
    lines = [json.dumps(ARTICLE), '{"title": "Broken",', "", '["a list"]',
             json.dumps({**ARTICLE, "url": "https://example.org/b"})]
    path = _write(tmp_path, "a.jsonl", "\n".join(lines).encode())
    items = list(read_articles(path))
    assert [source for source, _ in items] == [f"{path}:{n}" for n in (1, 2, 4, 5)]
    assert isinstance(items[0][1], ArticleCreate) and isinstance(items[3][1], ArticleCreate)
    assert items[1][1].message.startswith("invalid JSON: Expecting")  # type: ignore[union-attr]
    assert "at column" in items[1][1].message  # type: ignore[union-attr]
    assert items[2][1] == ReadProblem(f"{path}:4", "expected an article object, got a list")


def test_jsonl_line_over_size_cap(tmp_path: Path) -> None:
    big = json.dumps({**ARTICLE, "text": "x" * 2000})
    path = _write(tmp_path, "a.jsonl", f"{big}\n{json.dumps(ARTICLE)}\n".encode())
    items = list(read_articles(path, max_bytes=1000))
    assert isinstance(items[0][1], ReadProblem) and items[0][0] == f"{path}:1"
    assert "size cap" in items[0][1].message
    assert isinstance(items[1][1], ArticleCreate)


def test_json_list_names_each_item(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.json", json.dumps([ARTICLE, {"title": "x"}]).encode())
    items = list(read_articles(path))
    assert isinstance(items[0][1], ArticleCreate)
    assert items[1] == (f"{path}[1]", ReadProblem(f"{path}[1]", "no 'text' field"))


@pytest.mark.parametrize(("value", "expected"), DATES_IN_JSON)
def test_json_dates_parse_leniently(tmp_path: Path, value: object, expected: datetime) -> None:
    path = _write(tmp_path, "a.json", json.dumps({**ARTICLE, "published_at": value}).encode())
    assert _only(path)[1].published_at == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(("fields", "outlet"), OUTLETS)
def test_outlet_from_field_or_url_domain(tmp_path: Path, fields: dict[str, str],
                                         outlet: str | None) -> None:
    path = _write(tmp_path, "a.json", json.dumps({"text": "Body.", **fields}).encode())
    assert _only(path)[1].outlet == outlet  # type: ignore[union-attr]


def test_json_author_list_becomes_byline(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.json", json.dumps({**ARTICLE, "authors": ["A B", "C D"]}).encode())
    assert _only(path)[1].byline == "A B, C D"  # type: ignore[union-attr]


def test_txt_seed_reads_headline_byline_and_date() -> None:
    _, record = _only(SEED)
    assert isinstance(record, ArticleCreate)
    assert record.title == "Blinken's Welcome by NATO Doesn't Hide Differences on Key Issues"
    assert (record.byline, record.published_at) == ("Steven Erlanger", datetime(2021, 3, 24))
    assert record.url is None and record.outlet == "The New York Times"  # from its sidecar


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_txt_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Minister’s “new chapter”\n\n“We will consult,” she said. Café."
    path = _write(tmp_path, "a.txt", text.encode(encoding))
    record = _only(path)[1]
    assert isinstance(record, ArticleCreate)
    assert (record.title, record.text) == ("Minister’s “new chapter”", text)


def test_html_file(tmp_path: Path) -> None:
    _, record = _only(FIXTURES / "article.html")
    assert isinstance(record, ArticleCreate)
    assert record.title == "Minister promises “new chapter” for alliance"
    assert "“We have now a unique opportunity" in record.text


def test_iter_article_files_sorted_filtered_and_no_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.json", "sub/c.jsonl", "sub/d.HTML", "notes.md", ".hidden.txt",
                 ".git/e.txt", "f.htm"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    direct = _write(tmp_path, "z.txt", codecs.BOM_UTF8 + b"x")
    found = list(iter_article_files([direct, tmp_path, tmp_path / "missing"]))
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["z.txt", "a.json", "b.txt", "f.htm", "sub/c.jsonl", "sub/d.HTML"]


ARTICLE_ESTIMATES = [  # (files as {name: content}, estimate)
    ({"a.txt": b"one", "b.html": b"<p>two</p>"}, 2),
    ({"a.jsonl": b'{"text": "1"}\n{"text": "2"}\n{"text": "3"}\n'}, 3),
    ({"a.jsonl": b'{"text": "1"}\n{"text": "2"}'}, 2),  # no newline at the end
    ({"a.jsonl": b'{"text": "1"}\n\n{"text": "2"}\n'}, 3),  # an estimate: blank lines count
    ({"a.jsonl": b""}, 1),  # read, and reported, as one
    ({"a.json": b'[{"text": "1"}, {"text": "2"}]'}, 1),
]


@pytest.mark.parametrize(("files", "estimate"), ARTICLE_ESTIMATES)
def test_estimate_article_count(tmp_path: Path, files: dict[str, bytes], estimate: int) -> None:
    paths = [_write(tmp_path, name, content) for name, content in files.items()]
    assert estimate_article_count(paths) == estimate
