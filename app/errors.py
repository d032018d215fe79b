"""Typed API errors carrying their HTTP status, and the one RFC 9457 handler for every error.

Routes and services raise `NotFound`, `BadRequest`, ...; the handler renders them, FastAPI's
`RequestValidationError` (422) and Starlette's `HTTPException` (unknown route 404, 405, ...) as
`application/problem+json`. Anything else is a bug: `handle_unexpected` answers a bare 500
problem (no exception text: it may hold SQL or data) and logs it for the operator.
"""
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.models import Problem

PROBLEM_JSON = "application/problem+json"
MAX_INSTANCE_CHARS = 500  # `instance` echoes the path: a hostile 100 KB path is not echoed whole
logger = logging.getLogger("newsquotes.errors")
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error", 429: "rate_limited",
    500: "internal_error",
}
"""The `code` of a problem, by status, when the error gives none of its own."""


class ApiError(Exception):
    """An error the client can act on; subclasses fix the status."""

    status: int = HTTPStatus.INTERNAL_SERVER_ERROR
    code: str | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}
        self.code = code or self.code


class BadRequest(ApiError):
    status = HTTPStatus.BAD_REQUEST


class Unauthorized(ApiError):
    status = HTTPStatus.UNAUTHORIZED

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(ApiError):
    status = HTTPStatus.FORBIDDEN


class NotFound(ApiError):
    status = HTTPStatus.NOT_FOUND


class UnknownFilterValues(NotFound):
    """Filter values naming nothing stored: `unknown` maps each parameter to its values."""

    code = "unknown_filter_value"

    def __init__(self, unknown: dict[str, list[str]]) -> None:
        errors = [{"loc": ["query", name], "msg": f"No {name} {value!r}.", "type": "not_found"}
                  for name, values in unknown.items() for value in values]
        super().__init__(" ".join(error["msg"] for error in errors), extra={"errors": errors})


class Conflict(ApiError):
    status = HTTPStatus.CONFLICT


class PayloadTooLarge(ApiError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE


class UnsupportedMediaType(ApiError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE


class NotAcceptable(ApiError):
    status = HTTPStatus.NOT_ACCEPTABLE


class UnprocessableContent(ApiError):
    status = HTTPStatus.UNPROCESSABLE_ENTITY


class TooManyRequests(ApiError):
    status = HTTPStatus.TOO_MANY_REQUESTS


def problem_response(
    status: int,
    *,
    detail: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    code: str | None = None,
) -> JSONResponse:
    """Render one problem as `application/problem+json`."""
    if instance is not None and len(instance) > MAX_INSTANCE_CHARS:
        instance = instance[:MAX_INSTANCE_CHARS] + "..."
    problem = Problem(title=HTTPStatus(status).phrase, status=status,
                      code=code or CODES.get(status, "error"), detail=detail, instance=instance)
    body = problem.model_dump(exclude_none=True) | (extra or {})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in exc.errors()
    ]


async def handle_problem(request: Request, exc: Exception) -> JSONResponse:
    """The single handler: typed errors, request validation and Starlette HTTP errors."""
    instance = request.url.path
    if isinstance(exc, ApiError):
        return problem_response(exc.status, detail=exc.detail, instance=instance,
                                headers=exc.headers, extra=exc.extra, code=exc.code)
    if isinstance(exc, RequestValidationError):
        errors = _validation_errors(exc)
        detail = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors
        )
        return problem_response(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            detail=detail or "Invalid request.",
            instance=instance,
            extra={"errors": errors},
        )
    if isinstance(exc, StarletteHTTPException):
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if exc.detail and exc.detail != phrase else None
        return problem_response(
            exc.status_code, detail=detail, instance=instance, headers=exc.headers
        )
    raise exc  # pragma: no cover - only registered for the types above


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    """The last resort, for a bug: a 500 problem telling nothing of the error, which is logged
    with its traceback (the engine hides SQL parameters, so no query value is in it) and the
    path (never the query string)."""
    logger.error("unexpected error answering %s %s", request.method,
                 request.url.path[:MAX_INSTANCE_CHARS], exc_info=exc)
    return problem_response(HTTPStatus.INTERNAL_SERVER_ERROR,
                            detail="An unexpected error; it has been logged.",
                            instance=request.url.path)


def install_problem_handlers(app: FastAPI) -> None:
    """Register `handle_problem` for the three error families it renders, and the last resort."""
    for exc_type in (ApiError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(exc_type, handle_problem)
    app.add_exception_handler(Exception, handle_unexpected)


PROBLEM_SCHEMA = {"$ref": "#/components/schemas/Problem"}
DESCRIPTIONS = {
    400: "The search query or cursor cannot be read.",
    401: "No API key, or a wrong one.",
    403: "Writes are disabled: the server has no API key set.",
    404: "Nothing has this id or slug; or a filter value names nothing stored.",
    406: "The `Accept` header allows none of the formats this route serves.",
    409: "The article clashes with one stored at the same time; retry.",
    413: "The body is larger than `MAX_ARTICLE_BYTES`.",
    415: "The body's content type is not one this route reads.",
    422: "A parameter or field is missing, unknown or invalid: `errors` says which.",
    429: "Past the rate limit: retry after `Retry-After` seconds.",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries: problem+json answers for `statuses`, each referring to the
    one `Problem` component."""
    return {
        status: {
            "description": DESCRIPTIONS.get(status, HTTPStatus(status).phrase),
            "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }
