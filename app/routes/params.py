"""Query and path parameter types shared by several resources."""
from typing import Annotated, Literal

from fastapi import Path, Query
from pydantic import StringConstraints

MAX_ID = 2**63 - 1
PLAIN_TEXT = r"^[^\x00-\x1f\x7f]*$"
"""Any text without control characters (which some databases refuse outright)."""

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
