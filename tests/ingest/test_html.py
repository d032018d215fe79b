"""read_html: trafilatura's main text and metadata, page furniture gone."""
from datetime import datetime
from pathlib import Path

import pytest

from app.ingest.html import read_html
from app.ingest.readers import ReadProblem
from app.models.articles import ArticleCreate

PAGE = (Path(__file__).parent / "fixtures" / "article.html").read_bytes()
URL = "https://www.example.com/world/minister-new-chapter"

PAGE_FURNITURE = ["Share on Facebook", "Subscribe to our newsletters", "All rights reserved",
                  "Home"]
BAD_PAGES = [
    pytest.param(b"", "empty file", id="empty"),
    pytest.param(b"\x00\x01\x02\x03" * 100, "binary file, not text", id="binary"),
    pytest.param("<html><body><nav>Home</nav></body></html>", "no article text found",
                 id="no article"),
]


@pytest.fixture(scope="module")
def article() -> ArticleCreate:
    result = read_html(PAGE, url=URL)
    assert isinstance(result, ArticleCreate), result
    return result


def test_metadata(article: ArticleCreate) -> None:
    assert article.title == "Minister promises “new chapter” for alliance"
    assert article.byline == "Jane Reporter"
    assert article.published_at == datetime(2021, 3, 24)
    assert (article.url, article.outlet) == (URL, "Example News")


def test_paragraphs_separated_by_blank_lines(article: ArticleCreate) -> None:
    paragraphs = article.text.split("\n\n")
    assert "“We have now a unique opportunity to start a new chapter in our relationship,” the " \
           "minister told reporters after the talks, adding that the alliance was stronger " \
           "than ever." in paragraphs
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)


@pytest.mark.parametrize("furniture", PAGE_FURNITURE)
def test_page_furniture_is_gone(article: ArticleCreate, furniture: str) -> None:
    assert furniture not in article.text


def test_str_input_and_outlet_from_url_without_sitename() -> None:
    page = PAGE.decode().replace('<meta property="og:site_name" content="Example News">', "")
    result = read_html(page, url=URL)
    assert isinstance(result, ArticleCreate)
    assert result.outlet in {"example.com", "Example News"}


@pytest.mark.parametrize(("data", "message"), BAD_PAGES)
def test_bad_pages(data: bytes | str, message: str) -> None:
    result = read_html(data, url=URL)
    assert isinstance(result, ReadProblem)
    assert (result.source, result.message.startswith(message)) == (URL, True)
