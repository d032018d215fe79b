"""GET /speakers, /speakers/{id or slug}, /speakers/{id or slug}/quotes on the seed articles."""
from fastapi.testclient import TestClient


def test_blinken_first_then_stoltenberg_each_once(seeded_client: TestClient) -> None:
    speakers = seeded_client.get("/speakers").json()["items"]
    assert speakers[0]["name"] == "Antony Blinken"
    assert "Jens Stoltenberg" in [speakers[1]["name"], *speakers[1]["aliases"]]
    slugs = [speaker["slug"] for speaker in speakers]
    assert len(slugs) == len(set(slugs))
    counts = [speaker["quote_count"] for speaker in speakers]
    assert counts == sorted(counts, reverse=True)


def test_speaker_by_slug_and_by_id_agree(seeded_client: TestClient) -> None:
    by_slug = seeded_client.get("/speakers/antony-blinken").json()
    by_id = seeded_client.get(f"/speakers/{by_slug['id']}").json()
    assert by_slug == by_id
    assert by_slug["role"] == "US Secretary of State"
    assert "Blinken" in by_slug["aliases"]
    assert "turkey" in by_slug["topics"]
    assert by_slug["quote_count"] > 10


def test_speakers_filtered_by_topic(seeded_client: TestClient) -> None:
    speakers = seeded_client.get("/speakers", params={"topic": "coronavirus"}).json()["items"]
    assert speakers
    for speaker in speakers:
        assert "coronavirus" in seeded_client.get(f"/speakers/{speaker['id']}").json()["topics"]
    everyone = seeded_client.get("/speakers", params={"limit": 100}).json()["items"]
    assert len(speakers) < len(everyone)
    assert seeded_client.get("/speakers", params={"topic": "nothing"}).status_code == 404


def test_speaker_quotes(seeded_client: TestClient) -> None:
    speaker = seeded_client.get("/speakers/antony-blinken").json()
    quotes = seeded_client.get("/speakers/antony-blinken/quotes", params={"limit": 100}).json()
    assert len(quotes["items"]) == speaker["quote_count"]
    assert {quote["speaker"]["slug"] for quote in quotes["items"]} == {"antony-blinken"}


def test_speaker_paging(seeded_client: TestClient) -> None:
    first = seeded_client.get("/speakers", params={"limit": 1})
    second = seeded_client.get(first.json()["next"])
    assert first.json()["items"][0]["name"] == "Antony Blinken"
    assert second.json()["items"][0]["id"] != first.json()["items"][0]["id"]
