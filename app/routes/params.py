"""Query and path parameter types shared by several resources."""
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import Field, StringConstraints

from app.models import Duplicates, QuoteKind, SearchSort, TimeSort
from app.services.lookup import MAX_ID
from app.services.search import SearchQuery, parse_search

PLAIN_TEXT = r"^[^\x00-\x1f\x7f]*$"
"""Any text without control characters (which some databases refuse outright)."""

MAX_VALUES = 20
Key = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=PLAIN_TEXT)]
KEY_NOTE = ("a slug or an id; repeat the parameter for any of several. A value naming nothing "
            "stored is a 404 problem naming it.")


def _keys(what: str, example: str) -> Any:
    return Annotated[list[Key] | None, Query(
        max_length=MAX_VALUES, description=f"Only {what}: {KEY_NOTE}", examples=[[example]])]


def _key_path(what: str, example: str) -> Any:
    return Annotated[str, Path(max_length=300, pattern=PLAIN_TEXT,
                               description=f"The {what}'s slug, or its id.", examples=[example])]


DuplicatesQuery = Annotated[
    Duplicates, Query(description=Duplicates.__doc__ or "", examples=["skip"])]
SpeakerKeyPath = _key_path("speaker", "antony-blinken")
TopicKeyPath = _key_path("topic", "turkey")
OutletKeyPath = _key_path("outlet", "euractiv")
EntityKeyPath = _key_path("entity", "nato")
NewTopicSlugPath = Annotated[
    str,
    Path(max_length=100, pattern=r"^(?:[0-9]+-)*[0-9]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
         description="Topic slug: lowercase words joined by `-`, with at least one letter (an "
         "all-digit key is an id).", examples=["nord-stream-2"]),
]
SpeakersQuery = _keys("items quoting one of these speakers", "antony-blinken")
TopicsQuery = _keys("items about one of these topics", "turkey")
OutletsQuery = _keys("items published by one of these outlets", "euractiv")
EntitiesQuery = _keys("items from articles naming one of these people, organisations or "
                      "places", "nato")
KindsQuery = Annotated[
    list[QuoteKind] | None,
    Query(max_length=2, description=f"Only quotes of this kind; repeat for both. "
          f"{QuoteKind.__doc__}", examples=[["direct"]]),
]
ArticlesQuery = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
    Query(max_length=MAX_VALUES, description="Only quotes from one of these articles (ids); "
          "an id naming no article is a 404 problem.", examples=[[1]]),
]
Cue = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=PLAIN_TEXT)]
CuesQuery = Annotated[
    list[Cue] | None,
    Query(
        max_length=MAX_VALUES,
        description="Only quotes attributed with one of these cues, case-insensitive (`said`, "
        "`told`, `added`...); repeat for any of several.",
        examples=[["said"]],
    ),
]
SortQuery = Annotated[SearchSort, Query(description=SearchSort.__doc__ or "",
                                        examples=["-published_at"])]
TimeSortQuery = Annotated[TimeSort, Query(description=TimeSort.__doc__ or "",
                                          examples=["-published_at"])]
SearchQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        description="Full-text search, like a web search: all words must appear (stemmed, any "
        'case); `"NATO allies"` is a phrase, `OR` between terms means either, `-word` or '
        "`NOT word` excludes, `revital*` is a prefix (`AND` may be written, it changes "
        "nothing). An unreadable query is a 400 problem.",
        examples=["alliance -Russia"],
    ),
]


def parse_q(q: str | None) -> SearchQuery | None:
    """The parsed search query, or a 400 problem saying why it cannot be read."""
    return None if q is None else parse_search(q)


def check_sort(q: SearchQuery | None, sort: str) -> None:
    """422 for `sort=relevance` without a search query."""
    if q is None and sort == "relevance":
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", "sort"),
              "msg": "sort=relevance needs a search query `q`."}]
        )


@dataclass(frozen=True, slots=True)
class TimeWindow:
    since: datetime | None = None
    until: datetime | None = None
    updated_since: datetime | None = None


def _utc(name: str, value: datetime | None) -> datetime | None:
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", name), "msg": "Date out of range."}]
        ) from None


async def time_window(  # async: no thread-pool hop for pure parsing (see reject_unknown_...)
    since: Annotated[
        datetime | None,
        Query(description="Only items published at or after this time (ISO 8601; UTC when no "
              "offset is given).", examples=["2021-03-23T00:00:00Z"]),
    ] = None,
    until: Annotated[
        datetime | None,
        Query(description="Only items published before this time (ISO 8601).",
              examples=["2021-03-25T00:00:00Z"]),
    ] = None,
    updated_since: Annotated[
        datetime | None,
        Query(description="Only items stored or changed at or after this time (ISO 8601): "
              "poll with the time of your last sync.", examples=["2021-03-24T00:00:00Z"]),
    ] = None,
) -> TimeWindow:
    """Publication and update time bounds, normalised to UTC."""
    return TimeWindow(
        since=_utc("since", since),
        until=_utc("until", until),
        updated_since=_utc("updated_since", updated_since),
    )


TimeWindowDep = Annotated[TimeWindow, Depends(time_window)]


async def updated_since_param(  # async: no thread-pool hop, as time_window
    updated_since: Annotated[
        datetime | None,
        Query(description="Only items added or changed (counts included) at or after this time "
              "(ISO 8601): poll with the time of your last sync.",
              examples=["2021-03-24T00:00:00Z"]),
    ] = None,
) -> datetime | None:
    """The `updated_since` change-feed bound of a list, normalised to UTC."""
    return _utc("updated_since", updated_since)


UpdatedSinceDep = Annotated[datetime | None, Depends(updated_since_param)]
