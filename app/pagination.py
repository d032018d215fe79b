"""Page size, opaque keyset cursors, and the `next` link of every list.

A cursor is the base64url of a small JSON document: the sort it belongs to and the sort key of the
last row of the page. The next page starts strictly after that key, so rows inserted meanwhile
never shift or repeat what the client has already seen.
"""
import base64
import binascii
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import orjson
from fastapi import Query, Request, Response
from fastapi.exceptions import RequestValidationError

from app.models import Page

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

LimitQuery = Annotated[
    int,
    Query(ge=1, le=MAX_LIMIT, description="Page size: how many items to return (1 to 100).",
          examples=[20]),
]
CursorQuery = Annotated[
    str | None,
    Query(
        max_length=1000,
        pattern=r"^[A-Za-z0-9_=-]+$",
        description="Opaque cursor taken from the `next` link of the previous page.",
        examples=["eyJzIjoicXVvdGVzLXB1Ymxpc2hlZF9hdCJ9"],
    ),
]


def _invalid_cursor(reason: str, cursor: str) -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", "cursor"), "msg": reason, "input": cursor}]
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} in a cursor")


def encode_cursor(*, sort: str, key: Sequence[Any]) -> str:
    """Opaque cursor for the row whose sort key is `key` under `sort`."""
    raw = orjson.dumps({"s": sort, "k": list(key)}, default=_json_default)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _convert(value: Any, wanted: type) -> Any:
    if wanted is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if wanted is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
        return value
    raise ValueError(f"expected {wanted.__name__}")


def decode_cursor(
    cursor: str | None, *, sort: str, types: Sequence[type]
) -> tuple[Any, ...] | None:
    """Sort key inside `cursor`, checked against `sort` and `types`; None for the first page."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        document = orjson.loads(raw)
    except (binascii.Error, ValueError):
        raise _invalid_cursor("Malformed cursor.", cursor) from None
    if not isinstance(document, dict) or document.get("s") != sort:
        raise _invalid_cursor("Cursor belongs to another listing or sort order.", cursor)
    key = document.get("k")
    if not isinstance(key, list) or len(key) != len(types):
        raise _invalid_cursor("Malformed cursor.", cursor)
    try:
        return tuple(_convert(value, wanted) for value, wanted in zip(key, types, strict=True))
    except ValueError:
        raise _invalid_cursor("Malformed cursor.", cursor) from None


def next_url(request: Request, cursor: str) -> str:
    """Relative URL of the next page: same path and query parameters, the new cursor."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", cursor))
    return f"{request.url.path}?{urlencode(params)}"


def build_page(
    items: list[T], next_cursor: str | None, *, request: Request, response: Response
) -> Page[T]:
    """The `{items, next}` envelope, with a `Link: <...>; rel="next"` header when there is more."""
    url = next_url(request, next_cursor) if next_cursor else None
    if url:
        response.headers["Link"] = f'<{url}>; rel="next"'
    return Page(items=items, next=url)
