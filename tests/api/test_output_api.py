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


EVERY_LIST = ["/articles", "/quotes", "/speakers", "/topics", "/outlets", "/entities",
              "/utterances", "/stories", "/speakers/antony-blinken/quotes",
              "/speakers/antony-blinken/topics", "/topics/turkey/quotes",
              "/topics/turkey/speakers"]


@pytest.mark.parametrize("url", EVERY_LIST)
def test_every_list_exports_csv_and_ndjson(seeded_client: TestClient, url: str) -> None:
    listed = seeded_client.get(url, params={"count": "true"}).json()["total"]
    csv_answer = seeded_client.get(url, headers={"Accept": "text/csv"})
    assert csv_answer.status_code == 200 and csv_answer.headers["content-type"].startswith(
        "text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_answer.text)))
    assert len(rows) == listed > 0
    ndjson = seeded_client.get(url, params={"format": "ndjson"})
    assert len(ndjson.text.splitlines()) == listed


def test_quote_rows_carry_their_article(seeded_client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(seeded_client.get("/quotes?format=csv").text)))
    articles = {a["id"]: a for a in seeded_client.get("/articles").json()["items"]}
    assert {"article_title", "article_url", "outlet", "published_at", "speaker_name",
            "speaker_slug"} <= set(rows[0])
    for row in rows:
        article = articles[int(row["article_id"])]
        assert (row["article_title"], row["article_url"]) == (article["title"], article["url"] or "")
        assert row["outlet"] == article["outlet"]


def test_include_article_embeds_its_summary(seeded_client: TestClient) -> None:
    quote = seeded_client.get("/quotes", params={"include": "article", "limit": 1}).json()
    article = seeded_client.get(f"/articles/{quote['items'][0]['article_id']}").json()
    embedded = quote["items"][0]["article"]
    assert embedded == {key: article[key] for key in ("id", "title", "url", "outlet")} | {
        "published_at": quote["items"][0]["published_at"]}
    assert "article" not in seeded_client.get("/quotes", params={"limit": 1}).json()["items"][0]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0", 406),
        ("application/json, text/csv;q=0", "application/json"),
        ("text/csv;q=0.5, application/x-ndjson", "application/x-ndjson"),
        ("application/json;q=0.1, text/csv", "text/csv"),
        ("text/*", "text/csv"),
        ("*/*", "application/json"),
        ("image/png", 406),
        ("application/xml, application/problem+json", 406),
        ("", "application/json"),
    ],
)
def test_accept_q_values_are_respected(seeded_client: TestClient, accept: str,
                                       expected: str | int) -> None:
    response = seeded_client.get("/quotes", headers={"Accept": accept})
    if isinstance(expected, int):
        assert response.status_code == expected
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "not_acceptable"
    else:
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == expected


def test_an_item_route_serves_only_json(seeded_client: TestClient) -> None:
    assert seeded_client.get("/quotes/1", headers={"Accept": "text/csv"}).status_code == 406
    assert seeded_client.get("/quotes/1", headers={"Accept": "text/html,*/*;q=0.8"}
                             ).status_code == 200


@pytest.mark.parametrize("url", [*EVERY_LIST, "/quotes/1", "/articles/1", "/speakers/1",
                                 "/topics/turkey", "/outlets/euractiv", "/entities/1",
                                 "/utterances/1", "/stories/1", "/search?q=alliance",
                                 "/health", "/quotes/facets?by=kind",
                                 "/articles/timeline", "/quotes/999999", "/openapi.json",
                                 "/docs"])
def test_head_answers_every_get_route(seeded_client: TestClient, url: str) -> None:
    get = seeded_client.get(url)
    head = seeded_client.head(url)
    assert head.status_code == get.status_code
    assert head.content == b""
    assert head.headers.get("content-type") == get.headers.get("content-type")
    assert head.headers.get("etag") == get.headers.get("etag")
