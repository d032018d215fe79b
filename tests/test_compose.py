"""compose.yaml, as the README describes it: PostgreSQL, the API with several workers, and an
ingest job, all on one DATABASE_URL."""
import pytest

from tests.conftest import ROOT

yaml = pytest.importorskip("yaml")


def test_compose_runs_postgresql_the_api_with_workers_and_an_ingest_job() -> None:
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert set(services) == {"db", "api", "ingest"}
    assert services["db"]["image"].startswith("postgres")
    urls = {services[name]["environment"]["DATABASE_URL"] for name in ("api", "ingest")}
    assert len(urls) == 1 and urls.pop().startswith("postgresql+psycopg://")
    assert "--workers" in " ".join(services["api"]["command"])
    assert services["ingest"]["entrypoint"][:4] == ["python", "-m", "app", "ingest"]
    assert "CURSOR_SECRET" in services["api"]["environment"]
