"""The body of `POST /articles`: a JSON record, or the article as plain text or HTML."""
import re
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from app.errors import UnsupportedMediaType
from app.ingest.encoding import decode_bytes
from app.ingest.html import read_html
from app.ingest.readers import ReadProblem
from app.models import ArticleCreate
from app.routes.params import PLAIN_TEXT

HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.IGNORECASE | re.DOTALL)


def looks_like_html(body: bytes) -> bool:
    """The body starts as an HTML page does (after a BOM, blank space or comments)."""
    return HTML_START.match(body[:4096].removeprefix(b"\xef\xbb\xbf")) is not None


ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "description": "A JSON article record; or the article itself, as plain text (headline "
        "as first paragraph, paragraphs separated by blank lines) or an HTML page, sent as "
        "`application/octet-stream` (told apart by content), `text/plain` or `text/html`.",
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/ArticleCreate"},
                "example": {
                    "title": "Blinken says US wants to 'revitalize' NATO",
                    "text": "Blinken says US wants to 'revitalize' NATO\n\nUS Secretary of State "
                    "Antony Blinken says the United States plans to \"revitalize\" NATO.",
                    "outlet": "Press TV",
                },
            },
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
PostUrlQuery = Annotated[
    str | None,
    Query(max_length=2000, pattern=PLAIN_TEXT,
          description="The article's URL, for a plain text or HTML body (a JSON record "
          "carries its own).", examples=["https://www.example.org/news/blinken-nato"]),
]
PostOutletQuery = Annotated[
    str | None,
    Query(max_length=200, pattern=PLAIN_TEXT,
          description="The outlet's name, for a plain text or HTML body.",
          examples=["EURACTIV"]),
]


def _invalid_body(message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("body",), "msg": message}])


def read_record(body: bytes, content_type: str, url: str | None, outlet: str | None) -> Any:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            record = ArticleCreate.model_validate_json(body)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_context=False, include_input=False)
            raise RequestValidationError(
                [{**error, "loc": ("body", *error["loc"])} for error in errors]
            ) from None
        update = {"url": record.url or url or None, "outlet": record.outlet or outlet or None}
        return record.model_copy(update=update)
    if media_type == "application/octet-stream":
        media_type = "text/html" if looks_like_html(body) else "text/plain"
    if media_type == "text/html":
        read = read_html(body, url=url or None)
        if isinstance(read, ReadProblem):
            raise _invalid_body(read.message)
        return read.model_copy(update={"outlet": outlet or read.outlet or None})
    if media_type == "text/plain":
        try:
            text = decode_bytes(body)
        except ValueError:
            raise _invalid_body("The body is not text.") from None
        if not text.strip():
            raise _invalid_body("The body is empty.")
        return ArticleCreate(text=text, url=url or None, outlet=outlet or None)
    raise UnsupportedMediaType("Send application/json, application/octet-stream, text/plain or "
                               "text/html.")


