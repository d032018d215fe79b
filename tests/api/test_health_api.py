"""Health and the OpenAPI document."""
from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_every_operation_is_tagged_summarised_and_described(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags"), where
            assert operation.get("summary"), where
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), f"{where} {parameter['name']}"


def test_docs_explain_indirect_quotes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "indirect" in spec["info"]["description"]
    kind = next(p for p in spec["paths"]["/quotes"]["get"]["parameters"] if p["name"] == "kind")
    assert "paraphrase" in kind["description"]


def test_problem_responses_are_documented(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/quotes/{quote_id}"]["get"]
    assert "application/problem+json" in operation["responses"]["404"]["content"]
