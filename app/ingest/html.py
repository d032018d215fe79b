"""Read one HTML page into an article record with trafilatura: main text plus metadata."""
from __future__ import annotations

import trafilatura
from pydantic import ValidationError

from app.ingest.encoding import decode_bytes
from app.ingest.header_lines import parse_date
from app.ingest.readers import ReadProblem, outlet_from_url, validation_message
from app.models.articles import ArticleCreate

# Shorter extractions are menus or error pages that trafilatura's fallbacks picked up.
MIN_ARTICLE_CHARS = 25


def read_html(data: bytes | str, *, url: str | None = None) -> ArticleCreate | ReadProblem:
    """The article in an HTML page, boilerplate gone, paragraphs separated by blank lines."""
    source = url or "<html>"
    if isinstance(data, bytes):
        try:
            data = decode_bytes(data)
        except ValueError:
            return ReadProblem(source, "binary file, not text")
    if not data.strip():
        return ReadProblem(source, "empty file")
    try:
        document = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on odd markup
        return ReadProblem(source, f"could not parse the HTML ({type(exc).__name__})")
    if document is None:
        return ReadProblem(source, "no article text found in the HTML")
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = _blank_line_paragraphs(fields.get("text") or "")
    if len(text) < MIN_ARTICLE_CHARS:
        return ReadProblem(source, "no article text found in the HTML")
    try:
        return ArticleCreate(
            title=_clip(fields.get("title"), 1000), url=url,
            byline=_clip(fields.get("author"), 500),
            published_at=parse_date(fields["date"]) if fields.get("date") else None,
            text=text, outlet=_clip(fields.get("sitename") or outlet_from_url(url)
                                    or fields.get("hostname"), 200))
    except ValidationError as exc:
        return ReadProblem(source, validation_message(exc))


def _blank_line_paragraphs(text: str) -> str:
    """trafilatura separates paragraphs with one newline; the rest of ingest expects blank lines."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _clip(value: object, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:limit]
