"""Schemathesis over the live OpenAPI schema, on a seeded database, writes included.

Every answer must be non-5xx, use a documented status code and content type, and match the
documented response schema. Bounded: a few examples per operation, no network (ASGI transport).
"""
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.config import get_settings
from app.main import create_app

API_KEY = "fuzz-secret-key"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@pytest.fixture
def fuzz_client(seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """The seeded app, with writes enabled."""
    monkeypatch.setenv("API_KEY", API_KEY)
    get_settings.cache_clear()
    return seeded_client


@pytest.mark.db
@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case, fuzz_client: TestClient) -> None:
    case.call_and_validate(app=fuzz_client.app, headers={"Authorization": f"Bearer {API_KEY}"},
                           checks=CHECKS)


# Inputs the fuzzer has found failing, replayed in order (state carries over) through the same
# checks so that they stay fixed: (method, path, path parameters, query, JSON body).
FOUND: list[tuple[str, str, dict[str, object], dict[str, str], dict[str, str] | None]] = [
    ("POST", "/articles", {}, {"url": ""}, {"text": "First headline\n\n\"One,\" said Jane Doe."}),
    ("POST", "/articles", {}, {"url": ""}, {"text": "Second headline\n\n\"Two,\" said Jane Doe."}),
    ("GET", "/quotes", {}, {"fields": "id,text,speaker"}, None),
    ("GET", "/quotes/{quote_id}", {"quote_id": 1}, {"fields": "id,text"}, None),
    ("GET", "/articles/{article_id}", {"article_id": 2**31}, {}, None),
    ("GET", "/stories/{story_id}", {"story_id": 2**63 - 1}, {}, None),
]


@pytest.mark.db
def test_found_cases_conform(fuzz_client: TestClient) -> None:
    failures: list[str] = []
    for method, path, path_parameters, query, body in FOUND:
        operation = schema[path][method]
        case = operation.Case(path_parameters=path_parameters, query=query,
                              **({"body": body, "media_type": "application/json"} if body else {}))
        try:
            case.call_and_validate(app=fuzz_client.app,
                                   headers={"Authorization": f"Bearer {API_KEY}"}, checks=CHECKS)
        except Exception as error:  # noqa: BLE001 - collect every failing row
            failures.append(f"{method} {path} {path_parameters} {query}: {str(error)[:300]}")
    assert not failures, "\n".join(failures)
