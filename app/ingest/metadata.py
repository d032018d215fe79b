"""An article's outlet and publication date when the file itself does not give them: from its
file name (`--meta-from-filename`) or for the whole run (`--outlet`, `--published-at`).

What the article gives (a JSON field, a `NAME.meta.json`, a date line or byline in the text,
an HTML page's metadata) always wins; then the file name; then the run's values; an outlet
guessed from the URL's domain comes last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app.ingest.header_lines import parse_date
from app.models.articles import ArticleCreate

if TYPE_CHECKING:
    from app.ingest.pipeline import PreparedArticle

_FIELD = re.compile(r"\{(outlet|date)\}|\*|\{[^}]*\}")
FIELDS = ("outlet", "date")
# A date in a file name is most often ISO or eight digits: tried first, so that "{date}-{outlet}"
# reads "2016-03-03-reuters" as 2016-03-03 and reuters.
_FIELD_SHAPES = {"outlet": ".+?", "date": r"\d{4}-\d{1,2}-\d{1,2}|\d{8}|.+?"}
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
OUTLET_MAX_CHARS = 200  # ArticleCreate.outlet's limit


def filename_pattern(pattern: str) -> re.Pattern[str]:
    """The regular expression of a --meta-from-filename PATTERN, matched against the whole file
    name without its extension. Either a template: `{outlet}` and `{date}` stand for any text,
    `*` for anything, every other character for itself (`{outlet}_{date}_*` reads
    `wash-post_2016-09-25_federal-court.txt`); or a regular expression with named groups
    `outlet` and/or `date` (`(?P<date>\\d{8})-(?P<outlet>\\w+)`). ValueError when it is neither."""
    if "(?P<" in pattern:
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
    else:
        parts: list[str] = []
        position = 0
        for match in _FIELD.finditer(pattern):
            parts.append(re.escape(pattern[position:match.start()]))
            if match.group(0) == "*":
                parts.append(".*")
            elif match.group(1) is None:
                raise ValueError(f"unknown field {match.group(0)}: use {{outlet}} and {{date}}")
            elif f"(?P<{match.group(1)}>" in "".join(parts):
                raise ValueError(f"{{{match.group(1)}}} appears twice")
            else:
                parts.append(f"(?P<{match.group(1)}>{_FIELD_SHAPES[match.group(1)]})")
            position = match.end()
        parts.append(re.escape(pattern[position:]))
        compiled = re.compile("".join(parts))
    if not set(FIELDS) & set(compiled.groupindex):
        raise ValueError("the pattern names neither {outlet} nor {date}")
    return compiled


@dataclass(frozen=True, slots=True)
class MetadataDefaults:
    """The run's metadata options; empty by default (nothing is filled in)."""

    outlet: str | None = None
    published_at: datetime | None = None
    filename: re.Pattern[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.outlet or self.published_at or self.filename)


NO_DEFAULTS = MetadataDefaults()


def from_filename(path: Path | None, pattern: re.Pattern[str] | None
                  ) -> tuple[str | None, datetime | None]:
    """(outlet, date) the file's name gives under `pattern` (None for what it does not give)."""
    if path is None or pattern is None:
        return None, None
    name = path.name[:-len(path.suffix)] if path.suffix else path.name
    match = pattern.fullmatch(name)
    if match is None:
        return None, None
    found = match.groupdict()
    outlet = (found.get("outlet") or "").strip()[:OUTLET_MAX_CHARS] or None
    date = found.get("date")
    if date and (compact := _COMPACT_DATE.fullmatch(date)):
        date = "-".join(compact.groups())
    return outlet, parse_date(date) if date else None


def with_defaults(record: ArticleCreate, *, path: Path | None,
                  defaults: MetadataDefaults) -> ArticleCreate:
    """`record` with its missing outlet and date filled from the file name and the run."""
    if not defaults:
        return record
    name_outlet, name_date = from_filename(path, defaults.filename)
    changes: dict[str, object] = {}
    if record.published_at is None and (date := name_date or defaults.published_at):
        changes["published_at"] = date
    guessed = record.outlet is not None and record.outlet == outlet_from_url(record.url)
    if (record.outlet is None or guessed) and (outlet := name_outlet or defaults.outlet):
        changes["outlet"] = outlet
    return record.model_copy(update=changes) if changes else record


def missing_metadata(prepared: PreparedArticle) -> tuple[str, ...]:
    """What a prepared article is stored without: ('outlet', 'date'), either, or neither."""
    record = prepared.record
    missing = []
    if not (record.outlet or "").strip() and outlet_from_url(record.url) is None:
        missing.append("outlet")
    if record.published_at is None and prepared.clean.published_at is None:
        missing.append("date")
    return tuple(missing)


def outlet_from_url(url: str | None) -> str | None:
    """'https://www.example.com/a' -> 'example.com'."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or None
