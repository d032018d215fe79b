"""The real server's request log: one JSON line per request on stderr, with method, path, status
and duration_ms; the API key never appears in it, wherever the client puts it."""
import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.migrate import upgrade_database
from app.request_log import logged_path
from tests.test_load import running_server

API_KEY = "s3cret-LOG-key-4f9a1c"
BEARER = {"Authorization": f"Bearer {API_KEY}"}
ARTICLE = {"text": 'Headline\n\n"Logs are fine," said Jane Doe.', "url": "https://example.org/log"}

# (method, url, headers, json body, expected status): one request a line.
REQUESTS: list[tuple[str, str, dict[str, str], dict[str, str] | None, int]] = [
    ("GET", "/quotes?limit=1", {}, None, 200),
    ("GET", "/speakers", BEARER, None, 200),
    ("POST", "/articles", BEARER, ARTICLE, 201),
    ("POST", "/articles?api_key=" + API_KEY, {}, ARTICLE, 422),
    ("POST", "/articles", {"X-Api-Key": API_KEY}, ARTICLE, 401),
    ("GET", "/articles?api_key=" + API_KEY, {}, None, 422),
    ("GET", "/topics?token=" + API_KEY, {"X-Api-Key": API_KEY, "Cookie": f"k={API_KEY}"}, None, 422),
    ("DELETE", "/articles/999999", BEARER, None, 404),
    ("DELETE", "/articles/999998", {"Authorization": f"Basic {API_KEY}"}, None, 401),
    ("GET", "/no-such-route", BEARER, None, 404),
]


def request_lines(stderr: str) -> list[dict[str, Any]]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]  # every stderr line is one JSON object
    return [entry for entry in parsed if entry.get("path") != "/health"]  # startup polls


def test_one_json_line_per_request_and_no_key(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    upgrade_database(url)
    env = {"DATABASE_URL": url, "API_KEY": API_KEY, "LOG_REQUESTS": "true"}
    with running_server(env, tmp_path) as server, httpx.Client(base_url=server.base_url) as client:
        for method, path, headers, body, status in REQUESTS:
            response = client.request(method, path, headers=headers, json=body)
            assert response.status_code == status, (method, path, response.text)
    stderr = server.stderr()
    assert API_KEY not in stderr
    entries = request_lines(stderr)
    expected = Counter((method, path.split("?")[0], status) for method, path, _, _, status in REQUESTS)
    assert Counter((e["method"], e["path"], e["status"]) for e in entries) == expected
    for entry in entries:
        assert isinstance(entry["duration_ms"], int | float) and entry["duration_ms"] >= 0


@pytest.mark.parametrize(("path", "logged"), [
    ("/quotes", "/quotes"),
    ("/" + "a" * 499, "/" + "a" * 499),
    ("/" + "a" * 5000, "/" + "a" * 499 + "..."),
])
def test_long_paths_are_cut_in_the_log(path: str, logged: str) -> None:
    assert logged_path(path) == logged
