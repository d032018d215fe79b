"""One speaker record per person across articles, as the API serves it: fragments merged when a
later article names the person in full, their old slugs answering 301, counts following."""
from fastapi.testclient import TestClient

from tests.conftest import AUTH


def post(client: TestClient, n: int, text: str) -> None:
    answer = client.post("/articles", headers=AUTH, json={
        "text": f"Headline {n}\n\n{text}", "url": f"https://example.org/{n}",
        "outlet": "Example", "published_at": f"2024-01-{n:02d}T08:00:00Z"})
    assert answer.status_code == 201, answer.text


def speakers(client: TestClient) -> dict[str, dict]:
    items = client.get("/speakers", params={"limit": 100}).json()["items"]
    return {item["name"]: item for item in items}


def test_a_bare_surname_record_merges_into_a_later_full_name(writer: TestClient) -> None:
    post(writer, 1, "“We will act now,” Obama said on Monday.")
    assert speakers(writer)["Obama"]["slug"] == "obama"
    post(writer, 2, "“The time for hope is here,” said Barack Obama on Tuesday.")
    found = speakers(writer)
    assert "Obama" not in found
    assert found["Barack Obama"]["quote_count"] == 2
    assert "Obama" in found["Barack Obama"]["aliases"]
    moved = writer.get("/speakers/obama", follow_redirects=False)
    assert (moved.status_code, moved.headers["location"]) == (301, "/speakers/barack-obama")
    moved = writer.get("/speakers/obama/quotes?limit=5", follow_redirects=False)
    assert (moved.status_code, moved.headers["location"]) == (
        301, "/speakers/barack-obama/quotes?limit=5")
    quotes = writer.get("/speakers/obama/quotes").json()["items"]
    assert len(quotes) == 2 and {q["speaker"]["slug"] for q in quotes} == {"barack-obama"}
    assert writer.get("/speakers/obama/topics", follow_redirects=False).status_code == 301
    assert writer.get("/speakers/nobody", follow_redirects=False).status_code == 404
    filtered = writer.get("/quotes", params={"speaker": "obama"}).json()["items"]
    assert {q["speaker"]["slug"] for q in filtered} == {"barack-obama"} and len(filtered) == 2
    assert writer.get("/quotes", params={"speaker": "nobody"}).status_code == 404


def test_a_later_bare_surname_joins_the_one_full_name(writer: TestClient) -> None:
    post(writer, 1, "“The time for hope is here,” said Barack Obama on Tuesday.")
    post(writer, 2, "“We will act now,” Mr. Obama said on Monday.")
    found = speakers(writer)
    assert list(found) == ["Barack Obama"] and found["Barack Obama"]["quote_count"] == 2


def test_people_sharing_a_surname_stay_apart(writer: TestClient) -> None:
    post(writer, 1, "“We will win,” said Hillary Clinton. “I was there,” said Bill Clinton.")
    post(writer, 2, "“It is a disgrace,” Clinton said on Friday.")
    post(writer, 3, "Hillary Clinton spoke in Ohio.\n\n“We are ready,” Clinton said.")
    found = speakers(writer)
    assert found["Hillary Clinton"]["quote_count"] == 2
    assert found["Bill Clinton"]["quote_count"] == 1
    assert found["Clinton"]["quote_count"] == 1  # its article named no one in full


def test_titles_go_to_the_role_and_spellings_join(writer: TestClient) -> None:
    post(writer, 1, "“We will fight,” said Texas Sen. Ted Cruz on Monday.")
    post(writer, 2, "“Nothing changes,” Ted Cruz said.")
    post(writer, 3, "“We are back,” said Secretary of State Antony J. Blinken.")
    post(writer, 4, "“Allies matter,” said Anthony Blinken, the secretary of state.")
    post(writer, 5, "“Allies matter a lot,” said Antony Blinken in Brussels.")
    found = speakers(writer)
    assert found["Ted Cruz"]["quote_count"] == 2 and found["Ted Cruz"]["role"] == "Texas Sen."
    assert found["Antony Blinken"]["quote_count"] == 3
    assert not found["Ted Cruz"]["is_organization"]
    assert [name for name in found if "Cruz" in name or "Blinken" in name] == [
        "Antony Blinken", "Ted Cruz"]


def test_utterances_follow_the_merge(writer: TestClient) -> None:
    words = "“We will rebuild every bridge in this country by next spring,”"
    for n, (outlet, speaker) in enumerate((("First", "Obama"), ("Second", "Barack Obama"),
                                           ("Third", "Obama")), 1):
        answer = writer.post("/articles", headers=AUTH, json={
            "text": f"Headline {n}\n\n{words} said {speaker} to {outlet} reporters.",
            "outlet": outlet,
            "url": f"https://example.org/{n}", "published_at": f"2024-01-{n:02d}T08:00:00Z"})
        assert answer.status_code == 201, answer.text
    quotes = writer.get("/speakers/barack-obama/quotes").json()["items"]
    assert len(quotes) == 3 and len({q["utterance_id"] for q in quotes}) == 1
    utterance = writer.get(f"/utterances/{quotes[0]['utterance_id']}").json()
    assert utterance["speaker"]["slug"] == "barack-obama"
    assert utterance["quote_count"] == 3 and utterance["outlet_count"] == 3
