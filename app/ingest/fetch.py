"""Fetch one article page over HTTP, politely and with a size cap, then read it like a file."""
from __future__ import annotations

import httpx

from app.ingest.encoding import decode_bytes
from app.ingest.html import read_html
from app.ingest.readers import ReadProblem
from app.models.articles import ArticleCreate

USER_AGENT = "Newsquotes/0.1 (+https://github.com/newsquotes)"
MAX_REDIRECTS = 10
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml",
                      "text/xml")


def fetch_url(url: str, *, timeout: float = 15.0,
              max_bytes: int = 5_000_000) -> ArticleCreate | ReadProblem:
    """The article at `url`; any network, HTTP or content failure comes back as a ReadProblem."""
    if not url.lower().startswith(("http://", "https://")):
        return ReadProblem(url, "not an http(s) URL")
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                problem = _check_response(response, url, max_bytes)
                if problem is not None:
                    return problem
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        return ReadProblem(url, f"page over the size cap "
                                                f"(more than {max_bytes / 1_000_000:.1f} MB)")
                final_url = str(response.url)
                charset = response.charset_encoding
    except httpx.TimeoutException:
        return ReadProblem(url, f"timed out after {timeout:g} s")
    except httpx.TooManyRedirects:
        return ReadProblem(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        return ReadProblem(url, f"could not fetch the page: {exc or type(exc).__name__}")
    text = _decode(bytes(body), charset)
    if text is None:
        return ReadProblem(url, "binary content, not a web page")
    result = read_html(text, url=final_url)
    if isinstance(result, ReadProblem):
        return ReadProblem(url, result.message)
    return result


def _check_response(response: httpx.Response, url: str, max_bytes: int) -> ReadProblem | None:
    if response.status_code >= 400:
        return ReadProblem(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_CONTENT_TYPES:
        return ReadProblem(url, f"not a web page (content type {content_type})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return ReadProblem(url, f"page over the size cap ({int(declared) / 1_000_000:.1f} MB > "
                                f"{max_bytes / 1_000_000:.1f} MB)")
    return None


def _decode(body: bytes, charset: str | None) -> str | None:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_bytes(body)
    except ValueError:
        return None
