"""The OpenAPI document as a generated client wants it: one `Problem` component that every error
answer refers to, errors that can happen on any route documented on every route."""
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from app.errors import problem_responses
from app.models import ArticleCreate, Problem

EVERYWHERE = (406, 422)  # any route: an Accept we can't serve, an unknown query parameter
RATE_LIMITED = 429  # any route but /health, when RATE_LIMIT_PER_MINUTE is set
UNREFERENCED = ("HTTPValidationError", "ValidationError")  # FastAPI's 422 shape: not ours


def _shared_components() -> dict[str, Any]:
    """Problem (referred to by every error answer) and ArticleCreate (the body of
    `POST /articles`, which reads its body itself), as components."""
    _, schema = models_json_schema(
        [(Problem, "serialization"), (ArticleCreate, "validation")],
        ref_template="#/components/schemas/{model}",
    )
    return dict(schema["$defs"])


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, built once."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, summary=app.summary,
                           description=app.description, routes=app.routes, tags=app.openapi_tags)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(_shared_components())
    for name in UNREFERENCED:
        schemas.pop(name, None)
    for path, operations in document["paths"].items():
        for operation in operations.values():
            statuses = [*EVERYWHERE, *([RATE_LIMITED] if path != "/health" else [])]
            responses = operation.setdefault("responses", {})
            for status, response in problem_responses(*statuses).items():
                responses[str(status)] = response
    app.openapi_schema = document
    return document
