"""A client generated from /openapi.json by openapi-python-client: no warning, the named
operations, and it works against the app (offline: the generator downloads nothing)."""
import asyncio
import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import create_app

OPERATIONS = {
    "articles": {"list_articles", "get_article", "create_article", "delete_article",
                 "count_articles_by", "count_articles_over_time"},
    "quotes": {"list_quotes", "get_quote", "count_quotes_by", "count_quotes_over_time"},
    "speakers": {"list_speakers", "get_speaker", "list_speaker_quotes", "list_speaker_topics"},
    "topics": {"list_topics", "get_topic", "list_topic_quotes", "list_topic_speakers",
               "put_topic"},
    "outlets": {"list_outlets", "get_outlet"},
    "entities": {"list_entities", "get_entity"},
    "utterances": {"list_utterances", "get_utterance"},
    "stories": {"list_stories", "get_story"},
    "search": {"search"},
    "health": {"get_health"},
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The client package generated from the app's spec, and everything the generator printed."""
    folder = tmp_path_factory.mktemp("client")
    (folder / "openapi.json").write_text(json.dumps(create_app().openapi()))
    (folder / "config.yaml").write_text("project_name_override: newsquotes_client\n"
                                        "package_name_override: newsquotes_client\n"
                                        "post_hooks: []\n")
    run = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", "openapi.json",
         "--config", "config.yaml", "--meta", "none", "--output-path", "newsquotes_client"],
        cwd=folder, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    return folder, output


def test_the_client_is_generated_without_warnings(generated: tuple[Path, str]) -> None:
    _, output = generated
    assert "Warning" not in output and "WARNING" not in output, output
    assert "Unable" not in output and "Error" not in output, output


def test_the_client_has_the_named_operations(generated: tuple[Path, str]) -> None:
    folder, _ = generated
    api = folder / "newsquotes_client" / "api"
    found = {tag.name: {module.stem for module in tag.glob("*.py") if module.stem != "__init__"}
             for tag in api.iterdir() if tag.is_dir() and tag.name != "__pycache__"}
    assert found == OPERATIONS


def test_the_client_reads_pages_problems_and_aggregates(generated: tuple[Path, str],
                                                        seeded_client: TestClient) -> None:
    folder, _ = generated
    sys.path.insert(0, str(folder))
    try:
        client_module = importlib.import_module("newsquotes_client")
        list_quotes = importlib.import_module("newsquotes_client.api.quotes.list_quotes")
        count_by = importlib.import_module("newsquotes_client.api.quotes.count_quotes_by")
        get_speaker = importlib.import_module("newsquotes_client.api.speakers.get_speaker")
        models = importlib.import_module("newsquotes_client.models")
    finally:
        sys.path.remove(str(folder))

    async def calls() -> tuple[object, object, object]:
        transport = httpx.ASGITransport(app=seeded_client.app)
        client = client_module.Client(base_url="http://test",
                                      httpx_args={"transport": transport})
        async with client:
            page = await list_quotes.asyncio(client=client, speaker=["antony-blinken"], limit=3,
                                             count=True)
            facets = await count_by.asyncio(client=client, by=models.QuoteFacet.SPEAKER)
            missing = await get_speaker.asyncio(client=client, key="nobody-at-all")
        return page, facets, missing

    page, facets, missing = asyncio.run(calls())
    assert isinstance(page, models.QuotePage) and len(page.items) == 3
    assert {quote.speaker.slug for quote in page.items} == {"antony-blinken"}
    assert page.total == next(f.count for f in facets.items if f.value == "antony-blinken")
    assert isinstance(missing, models.Problem) and missing.code == "not_found"
