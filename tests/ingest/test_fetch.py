"""fetch_url against a local HTTP server on 127.0.0.1 (never the internet)."""
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.ingest.fetch import USER_AGENT, fetch_url
from app.ingest.readers import ReadProblem
from app.models.articles import ArticleCreate

PAGE = (Path(__file__).parent / "fixtures" / "article.html").read_bytes()
seen_user_agents: list[str] = []

# path -> (status, content type, body, extra headers)
ROUTES: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
    "/article": (200, "text/html; charset=utf-8", PAGE, {}),
    "/moved": (301, "text/html", b"", {"Location": "/article"}),
    "/missing": (404, "text/html", b"<h1>Not found</h1>", {}),
    "/big": (200, "text/html", b"<p>" + b"word " * 5000 + b"</p>", {}),
    "/pdf": (200, "application/pdf", b"%PDF-1.4", {}),
    "/loop": (302, "text/html", b"", {"Location": "/loop"}),
}

PROBLEMS = [
    ("/missing", {}, "HTTP 404"),
    ("/big", {"max_bytes": 10_000}, "page over the size cap"),
    ("/pdf", {}, "not a web page (content type application/pdf)"),
    ("/loop", {}, "more than 10 redirects"),
]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        seen_user_agents.append(self.headers.get("User-Agent", ""))
        status, content_type, body, headers = ROUTES.get(
            self.path, (404, "text/plain", b"no", {}))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.path != "/big":  # no Content-Length, so the cap must hold while streaming
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_follows_redirects_and_reads_article(base_url: str) -> None:
    result = fetch_url(f"{base_url}/moved")
    assert isinstance(result, ArticleCreate), result
    assert result.title == "Minister promises “new chapter” for alliance"
    assert result.url == f"{base_url}/article"
    assert seen_user_agents[-1] == USER_AGENT == "Newsquotes/0.1 (+https://github.com/newsquotes)"


@pytest.mark.parametrize(("path", "options", "message"), PROBLEMS)
def test_fetch_problems(base_url: str, path: str, options: dict[str, int], message: str) -> None:
    result = fetch_url(f"{base_url}{path}", **options)
    assert isinstance(result, ReadProblem)
    assert result.source == f"{base_url}{path}"
    assert result.message.startswith(message), result.message


def test_unreachable_and_non_http_urls() -> None:
    refused = fetch_url("http://127.0.0.1:9/article", timeout=2)
    assert isinstance(refused, ReadProblem) and refused.message.startswith("could not fetch")
    assert fetch_url("ftp://example.com/a") == ReadProblem("ftp://example.com/a",
                                                            "not an http(s) URL")
