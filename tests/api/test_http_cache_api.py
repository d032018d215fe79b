"""ETag, If-None-Match -> 304 and Cache-Control on GET answers."""
import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "url", ["/quotes", "/quotes/1", "/articles/1", "/speakers", "/topics/turkey", "/entities"]
)
def test_etag_and_not_modified(seeded_client: TestClient, url: str) -> None:
    first = seeded_client.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert "max-age" in first.headers["cache-control"]
    again = seeded_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    weak = seeded_client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    stale = seeded_client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.json() == first.json()


def test_etag_changes_with_the_content(seeded_client: TestClient) -> None:
    one = seeded_client.get("/quotes", params={"limit": 1}).headers["etag"]
    two = seeded_client.get("/quotes", params={"limit": 2}).headers["etag"]
    assert one != two


def test_problems_and_health_are_not_cached(seeded_client: TestClient) -> None:
    missing = seeded_client.get("/quotes/999999")
    assert "etag" not in missing.headers
    assert seeded_client.get("/health").headers["cache-control"] == "no-store"
