"""Statements built once, run straight on the database driver's cursor.

A page runs a few small statements, and SQLAlchemy's work around each execution (checking the
compiled cache, rendering the values of every `IN` list into the SQL, building a result and its
rows) costs about as much as the query itself. `fetch_rows` does that work once per statement
and dialect (and per number of values of each `IN` list): the SQL text, the parameter order, the
values SQLAlchemy fills in, its bind and result processors (so values go in and come out exactly
as through SQLAlchemy). A driver error is raised as SQLAlchemy's own exception class.

Only a statement run before is compiled so: one built for a single request (a search's words in
it) goes through SQLAlchemy, whose cache knows it by its shape. So do statements whose SQL
depends on parameter values in other ways.
"""
import keyword
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any]


@lru_cache(maxsize=64)
def _row_class(keys: tuple[str, ...]) -> type[tuple[Any, ...]]:
    """A tuple with the columns' names as attributes and `_asdict()`, like SQLAlchemy's Row."""
    namespace: dict[str, Any] = {
        name: property(itemgetter(i)) for i, name in enumerate(keys)
        if name.isidentifier() and not keyword.iskeyword(name)
    }
    namespace |= {"__slots__": (), "_fields": keys,
                  "_asdict": lambda self: dict(zip(keys, self, strict=True))}
    return type("FetchedRow", (tuple,), namespace)


@dataclass(slots=True)
class _Shape:
    """The statement rendered for one count of values of each `IN` list."""

    sql: str
    names: tuple[str, ...] | None  # positional parameter order; None: by name
    expansion: Mapping[str, Sequence[str]]  # an `IN` list's name -> its values' names
    defaults: Mapping[str, Any]  # values the statement carries itself
    binds: Mapping[str, Processor]  # by (expanded) name
    results: list[tuple[int, Processor]] | None = None  # from the first cursor description
    row: type[tuple[Any, ...]] | None = None


@dataclass(slots=True)
class _Compiled:
    compiled: SQLCompiler
    expanding: tuple[str, ...]
    defaults: dict[str, Any]
    shapes: dict[tuple[int, ...], _Shape] = field(default_factory=dict)

    def shape(self, lengths: tuple[int, ...]) -> _Shape:
        found = self.shapes.get(lengths)
        if found is None:
            values = {**dict.fromkeys(self.compiled.bind_names.values()), **self.defaults,
                      **{name: [None] * n for name, n in zip(self.expanding, lengths,
                                                              strict=True)}}
            state = self.compiled.construct_expanded_state(values)
            found = self.shapes[lengths] = _Shape(
                state.statement,
                tuple(state.positiontup) if state.positiontup is not None else None,
                dict(state.parameter_expansion),
                self.defaults,
                {**{name: process for name, process in self.compiled._bind_processors.items()
                    if callable(process) and name not in self.expanding},
                 **state.processors},
            )
        return found


@lru_cache(maxsize=256)
def _sighting(_statement: ClauseElement, _dialect: Dialect) -> list[bool]:
    return [False]


def _compiled(statement: ClauseElement, dialect: Dialect) -> "_Compiled | None":
    """The statement worked out for the driver, from its second run on."""
    seen = _sighting(statement, dialect)
    if not seen[0]:
        seen[0] = True
        return None
    return _compile(statement, dialect)


@lru_cache(maxsize=1024)
def _compile(statement: ClauseElement, dialect: Dialect) -> _Compiled | None:
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    if (compiled.literal_execute_params or compiled.escaped_bind_names
            or not compiled._result_columns):
        return None  # values rendered into the SQL text, renamed ones, no rows: SQLAlchemy's
    names = compiled.bind_names
    if any(bind.expanding and not bind.required for bind in names):
        return None  # an `IN` list of values built into the statement: one made per request
    expanding = tuple(name for bind, name in names.items() if bind.expanding)
    defaults = {name: bind.effective_value for bind, name in names.items()
                if not bind.required and not bind.expanding and bind.callable is None}
    return _Compiled(compiled, expanding, defaults)


def fetch_rows(connection: Connection, statement: ClauseElement,
               params: Mapping[str, Any] | None = None) -> list[Any]:
    """Every row of `statement` with `params`: tuples that also answer to column names."""
    params = params or {}
    compiled = _compiled(statement, connection.dialect)
    if compiled is None:
        return list(connection.execute(statement, dict(params)).all())  # type: ignore[arg-type]
    shape = compiled.shape(tuple(len(params[name]) for name in compiled.expanding))
    values = dict(shape.defaults)
    for name, value in params.items():
        expanded = shape.expansion.get(name)
        if expanded is None:
            values[name] = value
        else:
            values.update(zip(expanded, value, strict=True))
    for name, process in shape.binds.items():
        if name in values:
            values[name] = process(values[name])
    arguments: Any = values if shape.names is None else [values[name] for name in shape.names]
    dialect = connection.dialect
    cursor = connection.connection.cursor()
    try:
        cursor.execute(shape.sql, arguments)
        rows = cursor.fetchall()
        if shape.results is None:
            shape.results = _result_processors(compiled.compiled, dialect, cursor.description)
            shape.row = _row_class(tuple(entry.keyname
                                         for entry in compiled.compiled._result_columns))
    except dialect.loaded_dbapi.Error as error:
        raise exc.DBAPIError.instance(
            shape.sql, arguments, error, dialect.loaded_dbapi.Error,
            hide_parameters=connection.engine.hide_parameters, dialect=dialect,
        ) from error
    finally:
        cursor.close()
    make = shape.row
    assert make is not None
    if shape.results:
        processed = []
        for row in rows:
            row = list(row)
            for i, process in shape.results:
                row[i] = process(row[i])
            processed.append(make(row))
        return processed
    return [make(row) for row in rows]


def _result_processors(compiled: SQLCompiler, dialect: Dialect,
                       description: Sequence[Any]) -> list[tuple[int, Processor]]:
    found = []
    for i, (entry, column) in enumerate(zip(compiled._result_columns, description,
                                            strict=True)):
        process = entry.type._cached_result_processor(dialect, column[1])
        if process is not None:
            found.append((i, process))
    return found
