"""GET /quotes and /quotes/{id} on the seed articles."""
import pytest
from fastapi.testclient import TestClient

QUOTE_FIELDS = {
    "id", "text", "kind", "cue", "speaker", "speaker_mention", "article_id", "paragraph",
    "start", "end", "topics", "outlet", "confidence", "context_before", "context_after",
    "headline",
}


def all_items(client: TestClient, url: str) -> list[dict]:
    """Every item of a list, following `next` links."""
    items: list[dict] = []
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        url = page.json()["next"]
    return items


def test_quote_shape(seeded_client: TestClient) -> None:
    body = seeded_client.get("/quotes").json()
    assert set(body) == {"items", "next"}
    assert len(body["items"]) == 20
    for quote in body["items"]:
        assert QUOTE_FIELDS <= set(quote)
        assert quote["kind"] in {"direct", "indirect"}


def test_quote_text_is_the_body_slice(seeded_client: TestClient) -> None:
    quote = seeded_client.get("/quotes", params={"speaker": "antony-blinken"}).json()["items"][0]
    article = seeded_client.get(f"/articles/{quote['article_id']}").json()
    assert article["body"][quote["start"]:quote["end"]] == quote["text"]


def test_paging_visits_every_quote_once(seeded_client: TestClient) -> None:
    everything = all_items(seeded_client, "/quotes?limit=100")
    paged = all_items(seeded_client, "/quotes?limit=7")
    assert [q["id"] for q in paged] == [q["id"] for q in everything]
    assert len({q["id"] for q in paged}) == len(paged) > 40


def test_next_link_keeps_filters(seeded_client: TestClient) -> None:
    response = seeded_client.get("/quotes", params={"speaker": "antony-blinken", "limit": 2})
    next_url = response.json()["next"]
    assert next_url.startswith("/quotes?")
    assert "speaker=antony-blinken" in next_url and "limit=2" in next_url
    assert response.headers["link"] == f'<{next_url}>; rel="next"'


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"speaker": "antony-blinken"}, lambda q: q["speaker"]["slug"] == "antony-blinken"),
        ({"speaker": "1"}, lambda q: q["speaker"]["id"] == 1),
        ({"topic": "turkey"}, lambda q: "turkey" in q["topics"]),
        ({"topic": ["turkey", "china"]}, lambda q: {"turkey", "china"} & set(q["topics"])),
        ({"article": 2}, lambda q: q["article_id"] == 2),
        ({"kind": "direct"}, lambda q: q["kind"] == "direct"),
        ({"kind": "indirect"}, lambda q: q["kind"] == "indirect"),
    ],
)
def test_filters(seeded_client: TestClient, params: dict, check) -> None:
    items = seeded_client.get("/quotes", params={**params, "limit": 100}).json()["items"]
    assert items
    assert all(check(quote) for quote in items)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"speaker": "nobody"}, {("speaker", "nobody")}),
        ({"topic": "no-such-topic"}, {("topic", "no-such-topic")}),
        ({"outlet": "no-such-outlet"}, {("outlet", "no-such-outlet")}),
        ({"entity": "no-such-entity"}, {("entity", "no-such-entity")}),
        ({"article": 999999}, {("article", "999999")}),
        ({"speaker": ["antony-blinken", "nobody"], "topic": ["turkey", "nope"]},
         {("speaker", "nobody"), ("topic", "nope")}),
        ({"speaker": "999999"}, {("speaker", "999999")}),
    ],
)
def test_unknown_filter_values_are_404_problems_naming_them(seeded_client: TestClient, params,
                                                             named) -> None:
    response = seeded_client.get("/quotes", params=params)
    assert response.status_code == 404
    problem = response.json()
    assert problem["code"] == "unknown_filter_value"
    assert {(error["loc"][1], error["msg"].split("'")[1]) for error in problem["errors"]} == named
    assert all(value in problem["detail"] for _, value in named)


@pytest.mark.parametrize("url", ["/articles?topic=nope", "/speakers?topic=nope",
                                 "/utterances?speaker=nobody", "/quotes/facets?by=kind&outlet=x",
                                 "/articles/timeline?entity=nothing",
                                 "/speakers/antony-blinken/quotes?topic=nope"])
def test_every_list_refuses_unknown_filter_values(seeded_client: TestClient, url: str) -> None:
    response = seeded_client.get(url)
    assert response.status_code == 404 and response.json()["code"] == "unknown_filter_value"


def test_blinken_says_the_alliance_must_not_be_taken_for_granted(
    seeded_client: TestClient,
) -> None:
    quotes = all_items(seeded_client, "/quotes?speaker=antony-blinken&limit=100")
    texts = [quote["text"] for quote in quotes]
    assert any("take this alliance for granted" in text for text in texts)


def test_get_one_quote(seeded_client: TestClient) -> None:
    listed = seeded_client.get("/quotes", params={"limit": 1}).json()["items"][0]
    response = seeded_client.get(f"/quotes/{listed['id']}")
    assert response.status_code == 200
    assert response.json() == listed
