"""Apply Alembic migrations from code (`python -m app migrate`, `make run`, tests)."""
from alembic import command
from alembic.config import Config

from app.config import PROJECT_ROOT, get_settings


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url or get_settings().database_url)
    return config


def upgrade_database(url: str | None = None) -> None:
    """Bring the database at `url` (default: the configured one) to the newest revision."""
    command.upgrade(alembic_config(url), "head")
