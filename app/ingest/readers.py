"""Read article files (.txt, .json, .jsonl, .html) into records; bad input becomes a ReadProblem."""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from app.ingest.cleaning import HeadlinedRecord, clean_headlined_text, normalize_text
from app.ingest.encoding import decode_bytes
from app.ingest.header_lines import parse_date
from app.ingest.metadata import NO_DEFAULTS, MetadataDefaults, outlet_from_url, with_defaults
from app.models.articles import ArticleCreate

ARTICLE_SUFFIXES = frozenset({".txt", ".json", ".jsonl", ".html", ".htm"})
SIDECAR_SUFFIX = ".meta.json"
# Field names other tools use for the same thing, accepted so common exports read as they are.
TEXT_FIELDS = ("text", "body", "content")
BYLINE_FIELDS = ("byline", "author", "authors")
DATE_FIELDS = ("published_at", "date", "published")
OUTLET_FIELDS = ("outlet", "sitename", "source")


@dataclass(frozen=True)
class ReadProblem:
    source: str
    message: str


Item = tuple[str, ArticleCreate | ReadProblem]


def iter_article_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Article files named directly or found under folders, in sorted order, hidden ones skipped."""
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            found = [path]
        else:
            continue
        for file in found:
            if file.name.lower().endswith(SIDECAR_SUFFIX):
                continue
            if file.suffix.lower() in ARTICLE_SUFFIXES and file not in seen:
                seen.add(file)
                yield file


def estimate_article_count(files: Sequence[Path]) -> int:
    """About how many articles `files` hold, without parsing them: one per line of a JSON Lines
    file (blank lines too), one per other file."""
    total = 0
    for path in files:
        lines, last = 1, b"\n"
        if path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as file:
                    lines = 0
                    for block in iter(partial(file.read, 1 << 20), b""):
                        lines, last = lines + block.count(b"\n"), block[-1:]
            except OSError:
                pass  # read (and reported) later
        total += max(lines + (last != b"\n"), 1)
    return total


def read_articles(path: Path, *, max_bytes: int = 5_000_000,
                  defaults: MetadataDefaults = NO_DEFAULTS) -> Iterator[Item]:
    """(source, record or problem) for each article in the file, its missing outlet and date
    filled from `defaults` (app.ingest.metadata); never raises for bad input."""
    for source, item in _read_file(path, max_bytes=max_bytes):
        if defaults and isinstance(item, ArticleCreate):
            item = with_defaults(item, path=path, defaults=defaults)
        yield source, item


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield source, ReadProblem(source, f"article over the size cap ({_megabytes(size)} > "
                                              f"{_megabytes(max_bytes)})")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield source, ReadProblem(source, "file vanished while reading")
        return
    except OSError as exc:
        yield source, ReadProblem(source, f"could not read the file: {exc.strerror or exc}")
        return
    if not data.strip():
        yield source, ReadProblem(source, "empty file")
        return
    if suffix in (".html", ".htm"):
        yield source, _with_sidecar(path, _read_html_file(data, source))
        return
    try:
        text = decode_bytes(data)
    except ValueError:
        yield source, ReadProblem(source, "binary file, not text")
        return
    if suffix == ".json":
        yield from _read_json(text, source)
    else:
        yield source, _with_sidecar(path, _read_txt(text, source))


def sidecar_path(path: Path) -> Path:
    """Where the metadata of a .txt or .html article may sit: `NAME.meta.json` beside it."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _with_sidecar(path: Path, record: ArticleCreate | ReadProblem) -> ArticleCreate | ReadProblem:
    """The record with the fields its sidecar gives (url, outlet, published_at, byline, title)."""
    sidecar = sidecar_path(path)
    if isinstance(record, ReadProblem) or not sidecar.is_file():
        return record
    try:
        metadata = json.loads(decode_bytes(sidecar.read_bytes()))
    except (OSError, ValueError) as exc:
        return ReadProblem(str(sidecar), f"unreadable metadata: {exc}")
    if not isinstance(metadata, Mapping):
        return ReadProblem(str(sidecar), f"expected an object, got {_json_type(metadata)}")
    known = record.model_dump(exclude_none=True, exclude={"text"})
    merged = _record_from_json({**known, **metadata, "text": record.text}, str(sidecar))
    if isinstance(record, HeadlinedRecord) and isinstance(merged, ArticleCreate) \
            and merged.title == record.title:  # the same text and title: the same cleaning
        return HeadlinedRecord(**merged.model_dump(), cleaned=record.cleaned)
    return merged


def validation_message(exc: ValidationError) -> str:
    """The first schema error as one sentence: "'title' is too long (String should have ...)"."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "record"
    return f"invalid '{field}': {error['msg']}"


def _read_txt(text: str, source: str) -> ArticleCreate | ReadProblem:
    if not text.strip():
        return ReadProblem(source, "empty file")
    header = clean_headlined_text(text)
    try:
        return HeadlinedRecord(title=header.title, byline=header.byline,
                               published_at=header.published_at,
                               text=normalize_text(text).strip(), cleaned=header)
    except ValidationError as exc:
        return ReadProblem(source, validation_message(exc))


def _read_html_file(data: bytes, source: str) -> ArticleCreate | ReadProblem:
    from app.ingest.html import read_html  # html.py imports ReadProblem from here

    result = read_html(data)
    return ReadProblem(source, result.message) if isinstance(result, ReadProblem) else result


def _read_json(text: str, source: str) -> Iterator[Item]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield source, ReadProblem(source, f"invalid JSON: {exc.msg} at line {exc.lineno} "
                                          f"column {exc.colno}")
        return
    if isinstance(value, list):
        if not value:
            yield source, ReadProblem(source, "empty list, no articles")
        for index, item in enumerate(value):
            item_source = f"{source}[{index}]"
            yield item_source, _record_from_json(item, item_source)
    else:
        yield source, _record_from_json(value, source)


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    any_line = False
    try:
        with path.open("rb") as file:
            for number, line in enumerate(_bounded_lines(file, max_bytes), start=1):
                line_source = f"{source}:{number}"
                if line is None:
                    yield line_source, ReadProblem(
                        line_source, f"article over the size cap (line > {_megabytes(max_bytes)})")
                    continue
                if not line.strip():
                    continue
                any_line = True
                yield line_source, _record_from_jsonl_line(line, line_source)
    except FileNotFoundError:
        yield source, ReadProblem(source, "file vanished while reading")
        return
    except OSError as exc:
        yield source, ReadProblem(source, f"could not read the file: {exc.strerror or exc}")
        return
    if not any_line:
        yield source, ReadProblem(source, "empty file")


def _bounded_lines(file, max_bytes: int) -> Iterator[bytes | None]:  # type: ignore[no-untyped-def]
    """Lines of a binary file; None for a line over the cap (the rest of it is skipped unread)."""
    while True:
        line = file.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := file.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _record_from_jsonl_line(line: bytes, source: str) -> ArticleCreate | ReadProblem:
    try:
        text = decode_bytes(line)
    except ValueError:
        return ReadProblem(source, "binary data, not text")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadProblem(source, f"invalid JSON: {exc.msg} at column {exc.colno}")
    return _record_from_json(value, source)


def _record_from_json(value: object, source: str) -> ArticleCreate | ReadProblem:
    if not isinstance(value, Mapping):
        return ReadProblem(source, f"expected an article object, got {_json_type(value)}")
    text = _first(value, TEXT_FIELDS)
    if text is None:
        return ReadProblem(source, "no 'text' field")
    if not isinstance(text, str):
        return ReadProblem(source, f"'text' should be a string, got {_json_type(text)}")
    if not text.strip():
        return ReadProblem(source, "'text' is empty")
    for name in ("title", "url"):
        if value.get(name) is not None and not isinstance(value[name], str):
            return ReadProblem(source, f"'{name}' should be a string, got "
                                       f"{_json_type(value[name])}")
    url = value.get("url") or None
    outlet = _first(value, OUTLET_FIELDS)
    try:
        return ArticleCreate(
            title=value.get("title") or None, url=url, text=text,
            byline=_byline(_first(value, BYLINE_FIELDS)),
            published_at=_published_at(_first(value, DATE_FIELDS)),
            outlet=outlet if isinstance(outlet, str) and outlet.strip() else outlet_from_url(url))
    except ValidationError as exc:
        return ReadProblem(source, validation_message(exc))


def _first(value: Mapping[str, object], names: Sequence[str]) -> object:
    return next((value[name] for name in names if value.get(name) is not None), None)


def _byline(value: object) -> str | None:
    if isinstance(value, list):
        names = [item if isinstance(item, str) else str(item.get("name", ""))
                 for item in value if isinstance(item, str | dict)]
        value = ", ".join(name for name in names if name)
    return (value.strip() or None) if isinstance(value, str) else None


def _published_at(value: object) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return parse_date(value) if isinstance(value, str) else None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
