"""Page size, opaque keyset cursors, and the `next` link of every list.

A cursor is the base64url of a small JSON document, the sort it belongs to and the sort key of the
last row of the page, after its HMAC: a cursor the server did not issue is refused (400). The
next page starts strictly after that key, so rows inserted meanwhile never shift or repeat what
the client has already seen.
"""
import base64
import binascii
import hashlib
import hmac
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import orjson
from fastapi import Query, Request, Response

from app.config import get_settings
from app.errors import BadRequest
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


CURSOR_MAC_CHARS = 22  # the cursor's first characters: 16 bytes of HMAC-SHA256, base64url
MAX_CURSOR_TEXT = 1000  # characters of a string inside a sort key
INT_RANGE = (-(2**31), 2**31 - 1)  # every integer sort key is an INTEGER column or a count


def _invalid_cursor(reason: str) -> BadRequest:
    return BadRequest(f"{reason} Take cursors from the `next` link of a page.",
                      code="bad_cursor")


def _cursor_key() -> bytes:
    """The key cursors are signed with: CURSOR_SECRET, else one derived from the database URL
    (the same in every API process of a deployment, so any of them reads another's cursors)."""
    settings = get_settings()
    secret = settings.cursor_secret or f"newsquotes cursors {settings.database_url}"
    return hashlib.sha256(secret.encode()).digest()


def sign_cursor(raw: bytes) -> str:
    """`raw` (a cursor's JSON) as a cursor: its MAC, then itself, both base64url."""
    mac = hmac.new(_cursor_key(), raw, hashlib.sha256).digest()[:16]
    return (base64.urlsafe_b64encode(mac) + base64.urlsafe_b64encode(raw)).decode().replace(
        "=", "")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} in a cursor")


def encode_cursor(*, sort: str, key: Sequence[Any]) -> str:
    """Opaque cursor for the row whose sort key is `key` under `sort`."""
    return sign_cursor(orjson.dumps({"s": sort, "k": list(key)}, default=_json_default))


def _convert(value: Any, wanted: type) -> Any:
    """A sort key value read back, or ValueError: only what a stored row can hold (a server's
    own cursors are signed, so this guards against a leaked or a guessed key)."""
    if wanted is datetime and isinstance(value, str):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a time without its offset")
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValueError("a time out of range") from None
    if wanted is float and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return float(value)
    if wanted is int and isinstance(value, int) and not isinstance(value, bool):
        if not INT_RANGE[0] <= value <= INT_RANGE[1]:
            raise ValueError("an integer out of range")
        return value
    if wanted is str and isinstance(value, str):
        if "\x00" in value or len(value) > MAX_CURSOR_TEXT:
            raise ValueError("an unstorable text")
        return value
    raise ValueError(f"expected {wanted.__name__}")


def decode_cursor(
    cursor: str | None, *, sort: str, types: Sequence[type]
) -> tuple[Any, ...] | None:
    """Sort key inside `cursor`, checked against its signature, `sort` and `types`; None for
    the first page. A cursor that fails any check is a 400 problem (`bad_cursor`)."""
    if cursor is None:
        return None
    try:
        mac = base64.urlsafe_b64decode(cursor[:CURSOR_MAC_CHARS] + "==")
        raw = base64.urlsafe_b64decode(cursor[CURSOR_MAC_CHARS:] + "=" * (
            -len(cursor[CURSOR_MAC_CHARS:]) % 4))
    except (binascii.Error, ValueError):
        raise _invalid_cursor("Malformed cursor.") from None
    expected = hmac.new(_cursor_key(), raw, hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(mac, expected):
        raise _invalid_cursor("Cursor not issued by this server, or altered.")
    try:
        document = orjson.loads(raw)
    except ValueError:
        raise _invalid_cursor("Malformed cursor.") from None
    if not isinstance(document, dict) or document.get("s") != sort:
        raise _invalid_cursor("Cursor belongs to another listing or sort order.")
    key = document.get("k")
    if not isinstance(key, list) or len(key) != len(types):
        raise _invalid_cursor("Malformed cursor.")
    try:
        return tuple(_convert(value, wanted) for value, wanted in zip(key, types, strict=True))
    except ValueError as error:
        raise _invalid_cursor(f"Malformed cursor: {error}.") from None


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
