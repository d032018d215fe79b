"""Every error is an RFC 9457 problem: unknown ids, bad or unknown parameters, unknown routes."""
import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/quotes/999999", 404),
        ("GET", "/quotes/99999999999999999999999", 422),
        ("GET", "/quotes/0", 422),
        ("GET", "/quotes/abc", 422),
        ("GET", "/articles/999999", 404),
        ("GET", "/speakers/nobody-at-all", 404),
        ("GET", "/speakers/999999/quotes", 404),
        ("GET", "/topics/no-such-topic", 404),
        ("GET", "/topics/no-such-topic/quotes", 404),
        ("GET", "/no-such-route", 404),
        ("DELETE", "/health", 405),
        ("GET", "/quotes?limit=0", 422),
        ("GET", "/quotes?limit=101", 422),
        ("GET", "/quotes?limit=ten", 422),
        ("GET", "/articles?limit=-1", 422),
        ("GET", "/speakers?limit=1000", 422),
        ("GET", "/topics?limit=0", 422),
        ("GET", "/quotes?kind=sarcastic", 422),
        ("GET", "/quotes?article=0", 422),
        ("GET", "/quotes?colour=blue", 422),
        ("GET", "/health?verbose=1", 422),
        ("GET", "/quotes?cursor=not-a-cursor", 400),
        ("GET", "/quotes?cursor=eyJzIjoidG9waWNzIiwiayI6WyJjbGltYXRlIl19", 400),
        ("GET", "/quotes?speaker=%00", 422),
        ("GET", "/topics/%00", 422),
    ],
)
def test_errors_are_problems(client: TestClient, method: str, url: str, status: int) -> None:
    response = client.request(method, url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["type"] == "about:blank"


def test_validation_problem_names_the_parameter(client: TestClient) -> None:
    problem = client.get("/quotes", params={"limit": 0, "colour": "blue"}).json()
    locations = [error["loc"] for error in problem["errors"]]
    assert ["query", "colour"] in locations
    assert "colour" in problem["detail"]


def test_method_not_allowed_keeps_allow_header(client: TestClient) -> None:
    response = client.post("/quotes")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_not_found_names_the_id(client: TestClient) -> None:
    problem = client.get("/quotes/424242").json()
    assert problem == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "code": "not_found",
        "detail": "No quote with id 424242.",
        "instance": "/quotes/424242",
    }
