"""The OpenAPI contract itself: named operations, one Problem, shared enums, every field and
parameter described with an example; the docs pages and / work offline."""
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

SPEC = create_app().openapi()
OPERATIONS = [(path, method, operation) for path, methods in SPEC["paths"].items()
              for method, operation in methods.items()]
PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _has_example(schema: dict[str, Any]) -> bool:
    if "example" in schema or "examples" in schema:
        return True
    if "$ref" in schema or "items" in schema and "$ref" in schema["items"]:
        return True  # an object: its own fields carry the examples
    return any(_has_example(option) for option in schema.get("anyOf", []))


def test_operation_ids_are_named_and_unique() -> None:
    ids = [operation["operationId"] for _, _, operation in OPERATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", name) for name in ids), ids
    assert {"listQuotes", "getSpeaker", "countQuotesBy", "countArticlesOverTime"} <= set(ids)


def test_every_error_answer_is_the_one_problem() -> None:
    for path, method, operation in OPERATIONS:
        errors = {status: answer for status, answer in operation["responses"].items()
                  if status.startswith("4")}
        assert {"406", "422"} <= set(errors), (method, path)
        assert ("429" in errors) == (path != "/health"), (method, path)
        for status, answer in errors.items():
            assert answer["content"] == {"application/problem+json": {"schema": PROBLEM}}, (
                method, path, status)
    assert "HTTPValidationError" not in SPEC["components"]["schemas"]
    assert set(SPEC["components"]["schemas"]["Problem"]["properties"]) >= {"code", "errors"}


def test_writes_document_their_own_errors() -> None:
    post = SPEC["paths"]["/articles"]["post"]["responses"]
    put = SPEC["paths"]["/topics/{slug}"]["put"]["responses"]
    assert {"401", "403", "413", "415"} <= set(post) and {"401", "403", "413"} <= set(put)


def test_enums_are_shared_components() -> None:
    for path, method, operation in OPERATIONS:
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            options = [schema, *schema.get("anyOf", []), schema.get("items", {}),
                       *[option.get("items", {}) for option in schema.get("anyOf", [])]]
            assert not any("enum" in option for option in options), (method, path, parameter)
    assert {"QuoteKind", "SearchSort", "Interval", "QuoteFacet", "EntityType"} <= set(
        SPEC["components"]["schemas"])


@pytest.mark.parametrize("name", sorted(SPEC["components"]["schemas"]))
def test_every_field_has_a_description_and_an_example(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    assert schema.get("description"), f"{name} has no description"
    for field, prop in schema.get("properties", {}).items():
        assert prop.get("description"), f"{name}.{field} has no description"
        assert _has_example(prop), f"{name}.{field} has no example"


def test_every_parameter_has_a_description_and_an_example() -> None:
    missing = [f"{method} {path} {parameter['name']}"
               for path, method, operation in OPERATIONS
               for parameter in operation.get("parameters", [])
               if not parameter.get("description")
               or not (_has_example(parameter["schema"]) or "example" in parameter)]
    assert missing == []


def test_home_redirects_to_the_docs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/docs"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_need_no_network(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert "Newsquotes" in html
    external = re.findall(r"""(?:src|href)=["']?(https?://[^"' >]+)""", html)
    assert external == []
    assets = re.findall(r"""(?:src|href)=["']?(/[^"' >]+\.(?:js|css|png))""", html)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 1000, asset
