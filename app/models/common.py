from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


def utcnow() -> datetime:
    """Aware UTC now: every stored time is timezone-aware UTC (SQLModel's UTCDateTime)."""
    return datetime.now(UTC)


class Page(BaseModel, Generic[T]):
    """One page of a list, newest or most relevant first as the list's `sort` says."""

    items: list[T] = Field(description="The items of this page, at most `limit` of them.")
    next: str | None = Field(
        description="Relative URL of the next page (also sent as `Link: <...>; rel=\"next\"`), "
        "or null on the last page.",
        examples=["/quotes?limit=20&cursor=eyJzIjoicXVvdGVzLXB1Ymxpc2hlZF9hdCJ9"],
    )
    total: int | None = Field(
        default=None,
        description="How many items the whole list holds, every page together; only with "
        "`count=true` (counting costs a scan of the matching rows).",
        examples=[143],
    )


class ProblemError(BaseModel):
    """One thing wrong with the request."""

    loc: list[str | int] = Field(
        description="Where: `query`, `path` or `body`, then the parameter or field name.",
        examples=[["query", "speaker"]],
    )
    msg: str = Field(description="What is wrong, for a person.",
                     examples=["No speaker 'no-such-person'."])
    type: str = Field(description="What is wrong, for a program (`missing`, `int_parsing`, "
                      "`extra_forbidden`, `not_found`...).", examples=["not_found"])


class Problem(BaseModel):
    """An RFC 9457 problem, served as `application/problem+json` with every 4xx answer."""

    type: str = Field(default="about:blank", description="A URI naming the problem type; "
                      "`about:blank` means the HTTP status says it all.",
                      examples=["about:blank"])
    title: str = Field(description="The HTTP status phrase.", examples=["Not Found"])
    status: int = Field(description="The HTTP status code.", examples=[404])
    code: str = Field(description="A stable machine-readable name of the problem: `not_found`, "
                      "`unknown_filter_value`, `validation_error`, `bad_search`, "
                      "`not_acceptable`, `rate_limited`, `unauthorized`, `forbidden`, "
                      "`payload_too_large`, `unsupported_media_type`, `conflict`, "
                      "`method_not_allowed`.", examples=["unknown_filter_value"])
    detail: str | None = Field(default=None, description="What went wrong with this request.",
                               examples=["No speaker 'no-such-person'."])
    instance: str | None = Field(default=None, description="The path that was asked for.",
                                 examples=["/quotes"])
    errors: list[ProblemError] | None = Field(
        default=None,
        description="With 422 (and a 404 for unknown filter values): each parameter or field "
        "at fault.",
    )


class FacetCount(BaseModel):
    """How many items share one value."""

    value: str | None = Field(
        description="The value: a speaker, topic, outlet or entity slug, a kind or a cue (in "
        "lower case). Null counts the items that have none (no speaker found, no topic...).",
        examples=["antony-blinken"],
    )
    name: str | None = Field(default=None, description="Display name of a speaker, topic, "
                             "outlet or entity; null for kinds and cues.",
                             examples=["Antony Blinken"])
    count: int = Field(description="How many items have it: what the list answers with the "
                       "same filters and this value as a filter.", examples=[31])


class Facets(BaseModel):
    """Counts of the items matching the filters, by one dimension, largest first."""

    items: list[FacetCount] = Field(description="One count per value, largest first.")


class PeriodCount(BaseModel):
    """How many items were published in one period."""

    start: date = Field(description="First day of the period (UTC).", examples=["2021-03-22"])
    count: int = Field(description="How many items were published from `start` up to the next "
                       "period: what the list answers with `since` and `until` on those bounds.",
                       examples=[12])


class Timeline(BaseModel):
    """Counts of the items matching the filters per period, oldest first; periods without
    any item are left out."""

    items: list[PeriodCount] = Field(description="One count per period holding items, oldest "
                                     "first.")


def column_doc(description: str, example: object) -> dict[str, Any]:
    """SQLModel `Field` keywords documenting a column a table shares with its public schema."""
    return {"description": description, "schema_extra": {"examples": [example]}}
