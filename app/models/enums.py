"""The closed sets of values the API takes and gives, each one shared component of the schema.

Enums (not `Literal`s) so that OpenAPI names each set once and a generated client has one class
for it, whichever parameter or field uses it.
"""
from enum import StrEnum


class QuoteKind(StrEnum):
    """`direct`: the speaker's own words, inside quotation marks. `indirect`: reported speech,
    the outlet's paraphrase of what the speaker said (`Blinken said that ...`): the wording is
    the reporter's, not the speaker's."""

    DIRECT = "direct"
    INDIRECT = "indirect"


class EntityType(StrEnum):
    """What an entity named in an article is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class Duplicates(StrEnum):
    """Articles published twice (wire copy, mirrors) are stored as duplicates of the first:
    `skip` them (default), `keep` them, or list `only` them."""

    SKIP = "skip"
    KEEP = "keep"
    ONLY = "only"


class ExportFormat(StrEnum):
    """`json`: one page. `csv` or `ndjson`: every matching row in one streamed answer."""

    JSON = "json"
    CSV = "csv"
    NDJSON = "ndjson"


class SearchSort(StrEnum):
    """`-published_at` newest first, `published_at` oldest first (an article without a date
    sorts as published when it was ingested; its `published_at` stays null), `relevance` best
    search match first (needs `q`)."""

    NEWEST = "-published_at"
    OLDEST = "published_at"
    RELEVANCE = "relevance"


class TimeSort(StrEnum):
    """`-published_at` newest first, `published_at` oldest first."""

    NEWEST = "-published_at"
    OLDEST = "published_at"


class SpeakerSort(StrEnum):
    """`-quote_count` most quoted first, `quote_count` least quoted first, `name` alphabetical,
    `relevance` best name match of `q` first (exact name, then a name word starting with it,
    then an alias), most quoted first among equals."""

    MOST_QUOTED = "-quote_count"
    LEAST_QUOTED = "quote_count"
    NAME = "name"
    RELEVANCE = "relevance"


class QuoteFacet(StrEnum):
    """What quotes are counted by."""

    SPEAKER = "speaker"
    TOPIC = "topic"
    OUTLET = "outlet"
    KIND = "kind"
    CUE = "cue"


class ArticleFacet(StrEnum):
    """What articles are counted by (`speaker`: the articles quoting each speaker)."""

    OUTLET = "outlet"
    TOPIC = "topic"
    SPEAKER = "speaker"
    ENTITY = "entity"


class Interval(StrEnum):
    """Length of one timeline period, in UTC: a `week` starts on Monday."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class QuoteInclude(StrEnum):
    """Related objects embedded in each quote: `article`, the article's summary."""

    ARTICLE = "article"
