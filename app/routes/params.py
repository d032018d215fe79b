"""Query and path parameter types shared by several resources."""
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Depends, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import StringConstraints

from app.services.search import SearchQuery, parse_search

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
PLAIN_TEXT = r"^[^\x00-\x1f\x7f]*$"
"""Any text without control characters (which some databases refuse outright)."""

DuplicatesQuery = Annotated[
    Literal["skip", "keep", "only"],
    Query(description="Articles published twice (wire copy, mirrors) are stored as duplicates of "
          "the first: `skip` them (default), `keep` them, or list `only` them."),
]
SpeakerKeyPath = Annotated[
    str,
    Path(
        max_length=300,
        pattern=PLAIN_TEXT,
        description="Speaker id or slug.",
        examples=["antony-blinken"],
    ),
]
TopicSlugPath = Annotated[
    str,
    Path(max_length=100, pattern=PLAIN_TEXT, description="Topic slug.", examples=["turkey"]),
]
NewTopicSlugPath = Annotated[
    str,
    Path(max_length=100, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
         description="Topic slug: lowercase words joined by `-`.", examples=["nord-stream-2"]),
]
SpeakerQuery = Annotated[
    str | None,
    Query(
        max_length=300,
        pattern=PLAIN_TEXT,
        description="Only items quoting this speaker (id or slug).",
        examples=["antony-blinken"],
    ),
]
Slug = Annotated[str, StringConstraints(max_length=300, pattern=PLAIN_TEXT)]
TopicsQuery = Annotated[
    list[Slug] | None,
    Query(
        max_length=20,
        description="Only items about this topic (slug); repeat the parameter for any of several.",
        examples=[["turkey"]],
    ),
]
OutletQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=PLAIN_TEXT,
        description="Only items published by this outlet (slug).",
        examples=["euractiv"],
    ),
]
KIND_DESCRIPTION = (
    "`direct`: the speaker's own words, inside quotation marks. "
    "`indirect`: reported speech, the outlet's paraphrase of what the speaker said "
    "(`Blinken said that ...`): the wording is the reporter's, not the speaker's."
)
KindQuery = Annotated[
    Literal["direct", "indirect"] | None,
    Query(description=f"Only quotes of this kind. {KIND_DESCRIPTION}", examples=["direct"]),
]

CuesQuery = Annotated[
    list[Slug] | None,
    Query(
        max_length=20,
        description="Only quotes attributed with this cue, case-insensitive (`said`, `told`, "
        "`added`...); repeat for any of several.",
        examples=[["said"]],
    ),
]
EntitiesQuery = Annotated[
    list[Slug] | None,
    Query(
        max_length=20,
        description="Only items from articles mentioning this entity (id or slug); repeat for "
        "any of several.",
        examples=[["nato"]],
    ),
]
SortQuery = Annotated[
    Literal["-published_at", "published_at", "relevance"],
    Query(description="Order: `-published_at` newest first (default), `published_at` oldest "
          "first (articles without a date count as published when ingested), `relevance` best "
          "search match first (needs `q`)."),
]
TimeSortQuery = Annotated[
    Literal["-published_at", "published_at"],
    Query(description="Order: `-published_at` newest first (default), `published_at` oldest "
          "first (articles without a date count as published when ingested)."),
]
SearchQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        description="Full-text search, like a web search: all words must appear (stemmed, any "
        'case); `"NATO allies"` is a phrase, `OR` between terms means either, `-word` excludes, '
        "`revital*` is a prefix. An unreadable query is a 400 problem.",
        examples=["alliance -Russia", '"steadfast commitment"'],
    ),
]


def parse_q(q: str | None, sort: str) -> SearchQuery | None:
    """The parsed search query (BadRequest when unreadable); 422 for relevance without one."""
    if q is None:
        if sort == "relevance":
            raise RequestValidationError(
                [{"type": "value_error", "loc": ("query", "sort"),
                  "msg": "sort=relevance needs a search query `q`."}]
            )
        return None
    return parse_search(q)


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
