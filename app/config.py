"""Settings, read from the environment (or a .env file), with a default for everything."""
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'data' / 'newsquotes.db'}"
    topics_file: Path = Path(__file__).resolve().parent / "topics.toml"
    max_article_bytes: int = 5_000_000
    # articles per transaction of a bulk ingest: larger batches write each index page once
    # for more rows; a batch is lost whole if the job is killed
    ingest_batch: int = Field(default=512, ge=1, le=10_000)
    api_key: str | None = None
    cors_origins: list[str] = []
    log_requests: bool = True
    response_cache_mb: int = 32  # JSON answers kept until the data changes; 0 turns it off
    # signs page cursors; set the same value on every API host (default: from DATABASE_URL)
    cursor_secret: str | None = None


@lru_cache
def get_settings() -> Settings:
    return Settings()
