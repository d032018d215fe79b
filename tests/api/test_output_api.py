"""`fields=` selection and CSV / NDJSON bulk export."""
import csv
import io

import orjson
import pytest
from fastapi.testclient import TestClient


def all_ids(client: TestClient, url: str) -> list[int]:
    found: list[int] = []
    while url:
        body = client.get(url).json()
        found += [item["id"] for item in body["items"]]
        url = body["next"]
    return found


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/quotes", {"id", "text", "speaker"}),
        ("/quotes/1", {"id", "kind"}),
        ("/articles", {"id", "title", "topics"}),
        ("/articles/1", {"id", "paragraphs"}),
        ("/speakers/antony-blinken/quotes", {"id", "cue"}),
        ("/topics/turkey/quotes", {"topics"}),
    ],
)
def test_fields_choose_the_returned_fields(seeded_client: TestClient, url: str, fields) -> None:
    response = seeded_client.get(url, params={"fields": ",".join(sorted(fields))})
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"] if "items" in body else [body]
    assert items and all(set(item) == fields for item in items)


def test_fields_keep_paging(seeded_client: TestClient) -> None:
    response = seeded_client.get("/quotes", params={"fields": "id", "limit": 5})
    assert response.headers["link"] == f'<{response.json()["next"]}>; rel="next"'
    assert all_ids(seeded_client, "/quotes?fields=id&limit=5") == all_ids(seeded_client, "/quotes")


@pytest.mark.parametrize("fields", ["id,nope", "ID", "id,,text", ""])
def test_bad_fields_are_422(seeded_client: TestClient, fields: str) -> None:
    response = seeded_client.get("/quotes", params={"fields": fields})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"format": "ndjson"}, {}), ({}, {"Accept": "application/x-ndjson"})],
)
def test_ndjson_export_streams_every_row(seeded_client: TestClient, params, headers) -> None:
    response = seeded_client.get("/quotes", params={**params, "limit": 1}, headers=headers)
    assert response.headers["content-type"] == "application/x-ndjson"
    rows = [orjson.loads(line) for line in response.text.splitlines()]
    assert [row["id"] for row in rows] == all_ids(seeded_client, "/quotes?limit=100")
    assert rows[0]["speaker"] is None or {"id", "slug", "name"} == set(rows[0]["speaker"])


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"format": "csv"}, {}), ({}, {"Accept": "text/csv"})],
)
def test_csv_export(seeded_client: TestClient, params, headers) -> None:
    response = seeded_client.get(
        "/quotes", params={**params, "speaker": "antony-blinken"}, headers=headers
    )
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0])[0] == "id"
    assert {row["speaker_slug"] for row in rows} == {"antony-blinken"}
    speaker = seeded_client.get("/speakers/antony-blinken").json()
    assert len(rows) == speaker["quote_count"]


def test_csv_export_of_chosen_fields(seeded_client: TestClient) -> None:
    response = seeded_client.get("/articles", params={"format": "csv", "fields": "id,topics"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["id", "topics"]
    assert len(rows) == 4
    assert all("turkey" in row[1].split(";") for row in rows[1:])


def test_json_format_is_a_page(seeded_client: TestClient) -> None:
    body = seeded_client.get("/quotes", params={"format": "json", "limit": 3}).json()
    assert len(body["items"]) == 3 and body["next"]
