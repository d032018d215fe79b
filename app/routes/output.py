"""How answers are written: `fields=` to choose returned fields, and CSV / NDJSON bulk export."""
import csv
import io
import types
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import orjson
from fastapi import Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field, create_model

from app.models import Page
from app.pagination import build_page

FieldsQuery = Annotated[
    str | None,
    Query(
        max_length=500,
        pattern=r"^[a-z_]+(,[a-z_]+)*$",
        description="Comma-separated fields to return for each item (default: all), "
        "e.g. `id,text,speaker`. Also chooses the columns of a CSV or NDJSON export.",
        examples=["id,text,speaker"],
    ),
]
FormatQuery = Annotated[
    Literal["json", "csv", "ndjson"] | None,
    Query(
        description="`json` (default): one page. `csv` or `ndjson`: every matching row, streamed "
        "in one answer, ignoring `limit` and `cursor`. The same as sending "
        "`Accept: text/csv` or `Accept: application/x-ndjson`.",
        examples=["csv"],
    ),
]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of JSON; or, for `format=csv|ndjson`, every matching row.",
        "content": {"text/csv": {}, "application/x-ndjson": {}},
    }
}


@lru_cache
def partial_model(model: type[BaseModel]) -> type[BaseModel]:
    """`model` with every field optional: the documented shape of an item under `fields=`."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, Field(default=None, description=info.description))
        for name, info in model.model_fields.items()
    }
    return create_model(
        f"{model.__name__}Fields",
        __doc__=f"The fields of {model.__name__} chosen with `fields=`.",
        **fields,
    )


def parse_fields(fields: str | None, model: type[BaseModel]) -> set[str] | None:
    """The chosen field names, checked against `model` (422 on unknown ones)."""
    if fields is None:
        return None
    names = set(fields.split(","))
    unknown = sorted(names - set(model.model_fields))
    if unknown:
        known = ", ".join(model.model_fields)
        message = f"Unknown field(s) {', '.join(unknown)}; choose from {known}."
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", "fields"), "msg": message}]
        )
    return names


def export_format(request: Request, format_: str | None) -> str | None:
    """`csv` or `ndjson` when a bulk export is asked for (by `format=` or Accept), else None."""
    if format_ is not None:
        return None if format_ == "json" else format_
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return "csv"
    if "application/x-ndjson" in accept:
        return "ndjson"
    return None


def render_page(
    items: list[Any],
    next_cursor: str | None,
    *,
    request: Request,
    response: Response,
    fields: set[str] | None,
) -> Page[Any] | JSONResponse:
    """The page envelope, with only the chosen fields of each item when `fields` is given."""
    page = build_page(items, next_cursor, request=request, response=response)
    if fields is None:
        return page
    content = {
        "items": [item.model_dump(mode="json", include=fields) for item in items],
        "next": page.next,
    }
    return JSONResponse(content, headers=dict(response.headers))


def render_item(item: BaseModel, *, fields: set[str] | None) -> Any:
    """One item, with only the chosen fields when `fields` is given."""
    if fields is None:
        return item
    return JSONResponse(item.model_dump(mode="json", include=fields))


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next((a for a in get_args(annotation) if a is not type(None)), None)
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation if is_model else None


def _csv_columns(model: type[BaseModel], fields: list[str]) -> list[tuple[str, str | None]]:
    columns: list[tuple[str, str | None]] = []
    for name in fields:
        sub = _submodel(model.model_fields[name].annotation)
        columns += [(name, part) for part in sub.model_fields] if sub else [(name, None)]
    return columns


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def _csv_lines(
    rows: Iterable[dict[str, Any]], columns: list[tuple[str, str | None]]
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"{name}_{part}" if part else name for name, part in columns])
    for row in rows:
        writer.writerow(
            [
                _csv_cell((row[name] or {}).get(part) if part else row[name])
                for name, part in columns
            ]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def stream_export(
    items: Iterable[BaseModel],
    *,
    format_: str,
    model: type[BaseModel],
    fields: set[str] | None,
    name: str,
) -> StreamingResponse:
    """Every item as CSV (header row, nested objects as `x_y` columns, lists `;`-joined) or
    NDJSON (one JSON object a line), streamed as it is read from the database."""
    chosen = [field for field in model.model_fields if fields is None or field in fields]
    chosen.sort(key=lambda field: field != "id")  # id first, then the model's order
    rows = (item.model_dump(mode="json", include=set(chosen)) for item in items)
    if format_ == "csv":
        body: Iterator[Any] = _csv_lines(rows, _csv_columns(model, chosen))
    else:
        body = (orjson.dumps(row) + b"\n" for row in rows)
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[format_],
        headers={"Content-Disposition": f'attachment; filename="{name}.{format_}"'},
    )
