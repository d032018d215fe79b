"""How answers are written: JSON pages (orjson, straight from dicts), `fields=`, `count=true`,
and CSV / NDJSON exports of every list."""
import csv
import io
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

import orjson
from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field, create_model
from sqlmodel import Session

from app.models import ExportFormat, Page
from app.negotiation import CSV, JSON, NDJSON
from app.pagination import CursorQuery, LimitQuery, next_url
from app.services.listing import Item, Listing, count_all, read_all, read_page

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
    ExportFormat | None,
    Query(
        description="`json`: one page. `csv` or `ndjson`: every matching row, streamed in one "
        "answer, ignoring `limit` and `cursor`. Wins over the `Accept` header, which chooses "
        "the same way (`text/csv`, `application/x-ndjson`; JSON by default).",
        examples=["csv"],
    ),
]
CountQuery = Annotated[
    bool,
    Query(description="Also answer `total`, how many items the whole list holds (it costs a "
          "scan of the matching rows).", examples=[True]),
]
MEDIA_TYPES = {ExportFormat.CSV: "text/csv; charset=utf-8", ExportFormat.NDJSON: NDJSON}
FORMAT_OF_MEDIA_TYPE = {JSON: ExportFormat.JSON, CSV: ExportFormat.CSV,
                        NDJSON: ExportFormat.NDJSON}
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of JSON; or, for `format=csv|ndjson` (or the same `Accept`), "
        "every matching row: CSV with a header row (nested objects as `x_y` columns, lists "
        "joined by `;`), or one JSON object a line.",
        "content": {"text/csv": {"schema": {"type": "string"}},
                    "application/x-ndjson": {"schema": {"type": "string"}}},
    }
}
JSON_OPTIONS = orjson.OPT_UTC_Z


def json_response(content: Any, *, headers: dict[str, str] | None = None,
                  status_code: int = 200) -> Response:
    """`content` (dicts, lists, datetimes...) as JSON, serialised once by orjson."""
    return Response(orjson.dumps(content, option=JSON_OPTIONS), status_code=status_code,
                    headers=headers, media_type=JSON)


@dataclass(frozen=True, slots=True)
class ListParams:
    limit: int
    cursor: str | None
    fields: str | None
    format: ExportFormat | None
    count: bool


async def list_params(  # async: no thread-pool hop for pure parsing
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
    fields: FieldsQuery = None,
    format: FormatQuery = None,  # noqa: A002 - the public parameter name
    count: CountQuery = False,
) -> ListParams:
    """The paging and output parameters every list takes."""
    return ListParams(limit, cursor, fields, format, count)


ListDep = Annotated[ListParams, Depends(list_params)]


@lru_cache
def partial_model(model: type[BaseModel]) -> type[BaseModel]:
    """`model` with every field optional: the documented shape of an item under `fields=`."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, Field(default=None, description=info.description,
                                             examples=info.examples))
        for name, info in model.model_fields.items()
    }
    return create_model(
        f"{model.__name__}Fields",
        __doc__=f"The fields of {model.__name__} chosen with `fields=`.",
        **fields,
    )


@lru_cache
def named_page(model: type[BaseModel], name: str) -> Any:
    """`Page[model]`, named `{name}Page` in the schema."""
    return create_model(f"{name}Page", __base__=Page[model],  # type: ignore[valid-type]
                        __doc__=f"A page of {name.lower()} items.")


def page_of(model: type[BaseModel], name: str) -> Any:
    """The documented answer of a list of `model`: `{name}Page`, or `{name}FieldsPage` when
    `fields=` chooses the fields."""
    return named_page(model, name) | named_page(partial_model(model), f"{name}Fields")


def parse_fields(fields: str | None, model: type[BaseModel]) -> list[str] | None:
    """The chosen field names, checked against `model` (422 on unknown ones)."""
    if fields is None:
        return None
    names = list(dict.fromkeys(fields.split(",")))
    unknown = sorted(set(names) - set(model.model_fields))
    if unknown:
        known = ", ".join(model.model_fields)
        message = f"Unknown field(s) {', '.join(unknown)}; choose from {known}."
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", "fields"), "msg": message}]
        )
    return names


def pick(item: Item, fields: list[str] | None) -> Item:
    """`item` with only `fields` (all when None)."""
    return item if fields is None else {name: item[name] for name in fields if name in item}


def chosen_format(request: Request, format_: ExportFormat | None) -> ExportFormat:
    """`format=` when given, else what the negotiated `Accept` chose (see app.main)."""
    if format_ is not None:
        return format_
    return FORMAT_OF_MEDIA_TYPE[getattr(request.state, "media_type", JSON)]


def is_page(request: Request, params: ListParams) -> bool:
    """The answer is one JSON page without a total: a bounded read (see app.db.run_db)."""
    return chosen_format(request, params.format) is ExportFormat.JSON and not params.count


def answer_list(
    *,
    session: Session,
    request: Request,
    params: ListParams,
    listing: Callable[[bool], Listing],
    model: type[BaseModel],
    export_model: type[BaseModel] | None = None,
    name: str,
) -> Response:
    """A page of `listing(False)` as JSON (with `total` on request), or every row of
    `listing(True)` streamed as CSV or NDJSON."""
    format_ = chosen_format(request, params.format)
    if format_ is not ExportFormat.JSON:
        export_model = export_model or model
        fields = parse_fields(params.fields, export_model)
        columns = fields or list(export_model.model_fields)
        columns.sort(key=lambda field: field != "id")  # id first, then the model's order
        rows = read_all(session=session, listing=listing(True))
        return stream_export(rows, format_=format_, model=export_model, columns=columns,
                             name=name)
    fields = parse_fields(params.fields, model)
    chosen = listing(False)
    items, next_cursor = read_page(session=session, listing=chosen, cursor=params.cursor,
                                   limit=params.limit)
    page: dict[str, Any] = {"items": [pick(item, fields) for item in items] if fields
                            else items, "next": None}
    headers = {}
    if next_cursor:
        page["next"] = next_url(request, next_cursor)
        headers["Link"] = f'<{page["next"]}>; rel="next"'
    if params.count:
        page["total"] = count_all(session=session, listing=chosen)
    return json_response(page, headers=headers)


def answer_item(item: Item, *, fields: str | None, model: type[BaseModel]) -> Response:
    """One item as JSON, with only the chosen fields when `fields` is given."""
    return json_response(pick(item, parse_fields(fields, model)))


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
        return ";".join(_csv_cell(v) if not isinstance(v, list) else "/".join(map(str, v))
                        for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat().replace("+00:00", "Z")
    return "" if value is None else value


def _csv_lines(rows: Iterable[Item], columns: list[tuple[str, str | None]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"{name}_{part}" if part else name for name, part in columns])
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow([_csv_cell((row.get(name) or {}).get(part) if part else row.get(name))
                         for name, part in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def stream_export(
    rows: Iterable[Item], *, format_: ExportFormat, model: type[BaseModel], columns: list[str],
    name: str,
) -> StreamingResponse:
    """Every row as CSV (header row, nested objects as `x_y` columns, lists `;`-joined) or
    NDJSON (one JSON object a line), streamed as it is read from the database."""
    if format_ is ExportFormat.CSV:
        body: Iterator[Any] = _csv_lines(rows, _csv_columns(model, columns))
    else:
        body = (orjson.dumps({key: row.get(key) for key in columns},
                             option=JSON_OPTIONS | orjson.OPT_APPEND_NEWLINE) for row in rows)
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[format_],
        headers={"Content-Disposition": f'attachment; filename="{name}.{format_.value}"'},
    )
