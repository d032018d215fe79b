"""Facets and timelines agree with the lists they count; `count=true` totals agree with paging."""
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient


def total(client: TestClient, url: str, params: dict) -> int:
    response = client.get(url, params={**params, "count": "true", "limit": 1})
    assert response.status_code == 200, response.text
    return response.json()["total"]


def all_ids(client: TestClient, url: str, params: dict) -> list[int]:
    found: list[int] = []
    next_url: str | None = None
    body = client.get(url, params={**params, "limit": 7}).json()
    while True:
        found += [item["id"] for item in body["items"]]
        next_url = body["next"]
        if next_url is None:
            return found
        body = client.get(next_url).json()


FILTERS = [{}, {"kind": "direct"}, {"topic": ["turkey", "nato"]}, {"outlet": "press-tv"},
           {"q": "alliance"}, {"speaker": "antony-blinken", "kind": "indirect"}]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("by", ["speaker", "topic", "outlet", "kind", "cue"])
def test_quote_facets_count_what_the_list_lists(seeded_client: TestClient, by: str,
                                                filters: dict) -> None:
    response = seeded_client.get("/quotes/facets", params={**filters, "by": by, "limit": 1000})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    counts = [item["count"] for item in items]
    assert counts == sorted(counts, reverse=True)
    listed = total(seeded_client, "/quotes", filters)
    if by != "topic":  # a quote has one speaker, outlet, kind, cue (or none): they partition
        assert sum(counts) == listed
    asked = filters.get(by)
    for item in items:
        if item["value"] is None or (by == "topic" and asked and item["value"] not in asked):
            continue  # a quote's other topics: "both topics" is no filter of the list
        narrowed = {**filters, by: item["value"]}
        assert total(seeded_client, "/quotes", narrowed) == item["count"], (by, item)


@pytest.mark.parametrize("by", ["outlet", "topic", "speaker", "entity"])
def test_article_facets_count_what_the_list_lists(seeded_client: TestClient, by: str) -> None:
    items = seeded_client.get("/articles/facets", params={"by": by, "limit": 1000}).json()["items"]
    assert items
    for item in items:
        if item["value"] is not None:
            assert total(seeded_client, "/articles", {by: item["value"]}) == item["count"]


def _next_start(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
@pytest.mark.parametrize(("url", "filters"), [("/quotes", {}), ("/quotes", {"kind": "direct"}),
                                              ("/articles", {}),
                                              ("/articles", {"topic": "nord-stream-2"})])
def test_timelines_count_what_the_list_lists(seeded_client: TestClient, interval: str,
                                             url: str, filters: dict) -> None:
    response = seeded_client.get(f"{url}/timeline", params={**filters, "interval": interval})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items and sum(item["count"] for item in items) == total(seeded_client, url, filters)
    starts = [date.fromisoformat(item["start"]) for item in items]
    assert starts == sorted(starts)
    if interval == "week":
        assert all(start.weekday() == 0 for start in starts)
    for start, item in zip(starts, items, strict=True):
        window = {"since": start.isoformat(), "until": _next_start(start, interval).isoformat()}
        assert total(seeded_client, url, {**filters, **window}) == item["count"]


EVERY_LIST = ["/articles", "/quotes", "/speakers", "/topics", "/outlets", "/entities",
              "/utterances", "/stories", "/speakers/antony-blinken/quotes",
              "/speakers/antony-blinken/topics", "/topics/turkey/quotes",
              "/topics/turkey/speakers"]


@pytest.mark.parametrize("url", EVERY_LIST)
def test_total_is_the_number_of_items_paged(seeded_client: TestClient, url: str) -> None:
    items = []
    body = seeded_client.get(url, params={"limit": 3}).json()
    assert "total" not in body
    while True:
        items += body["items"]
        if body["next"] is None:
            break
        body = seeded_client.get(body["next"]).json()
    assert total(seeded_client, url, {}) == len(items) > 0


@pytest.mark.parametrize(("url", "name", "values"), [
    ("/quotes", "speaker", ["antony-blinken", "jens-stoltenberg"]),
    ("/quotes", "outlet", ["euractiv", "press-tv"]),
    ("/quotes", "kind", ["direct", "indirect"]),
    ("/quotes", "cue", ["said", "claimed"]),
    ("/articles", "outlet", ["euractiv", "the-new-york-times"]),
    ("/articles", "topic", ["nord-stream-2", "china"]),  # central to one seed, to two others
    ("/utterances", "speaker", ["antony-blinken", "jens-stoltenberg"]),
    ("/entities", "type", ["person", "place"]),
])
def test_a_repeated_filter_means_any_of_its_values(seeded_client: TestClient, url: str,
                                                   name: str, values: list[str]) -> None:
    each = [set(all_ids(seeded_client, url, {name: value})) for value in values]
    assert all(each), "every value matches something on the seeds"
    assert set(all_ids(seeded_client, url, {name: values})) == set.union(*each)


def test_speakers_are_found_by_name_and_alias(seeded_client: TestClient) -> None:
    found = seeded_client.get("/speakers", params={"q": "blinken"}).json()["items"]
    assert found[0]["slug"] == "antony-blinken"
    by_alias = seeded_client.get("/speakers", params={"q": found[0]["aliases"][0]}).json()
    assert by_alias["items"][0]["slug"] == "antony-blinken"
    assert seeded_client.get("/speakers", params={"q": "zzzz-nobody"}).json()["items"] == []
    names = [s["name"].lower() for s in
             seeded_client.get("/speakers", params={"sort": "name", "limit": 100}).json()["items"]]
    assert names == sorted(names)
    assert seeded_client.get("/speakers", params={"sort": "relevance"}).status_code == 422


@pytest.mark.parametrize("by", ["outlet", "topic", "speaker", "entity"])
def test_article_facets_take_the_filter_of_their_own_dimension(seeded_client: TestClient,
                                                               by: str) -> None:
    params = {"by": by, "outlet": "euractiv", "topic": "turkey", "speaker": "antony-blinken",
              "entity": "nato"}
    response = seeded_client.get("/articles/facets", params=params)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("by", ["speaker", "topic", "outlet", "kind", "cue"])
def test_quote_facets_take_every_filter(seeded_client: TestClient, by: str) -> None:
    params = {"by": by, "speaker": "antony-blinken", "topic": "turkey", "outlet": "euractiv",
              "entity": "nato", "kind": "direct", "cue": "said", "q": "alliance -Russia"}
    response = seeded_client.get("/quotes/facets", params=params)
    assert response.status_code == 200, response.text
