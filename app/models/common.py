from datetime import UTC, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


def utcnow() -> datetime:
    """Aware UTC now: every stored time is timezone-aware UTC (SQLModel's UTCDateTime)."""
    return datetime.now(UTC)


class Page(BaseModel, Generic[T]):
    items: list[T]
    next: str | None = Field(description="Relative URL of the next page, or null on the last one.")


class ProblemDetail(BaseModel):
    """An RFC 9457 problem, served as application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
