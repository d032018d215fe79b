"""A route whose query and path parameters are read by a plan made once, not worked out again
on every request.

FastAPI inspects each declared parameter's annotation on every request (is it a sequence, a
model, which alias...): for a quote list's twenty parameters that costs about as much as a whole
`/health` answer. `CompiledQueryRoute` keeps the declarations as they are (they make the OpenAPI
document and the list of known parameters), and answers requests with a plan made from them when
the route is built: per parameter its name, whether it repeats, and FastAPI's own validator, run
only on the values a request carries. The dependencies made of nothing but such parameters (the
filters, the paging options) are called from the plan too; the others (the session, the request
checks) are still solved by FastAPI. Errors are the same `RequestValidationError` entries, in the
same order. `app.dependency_overrides` applies to the dependencies FastAPI still solves only.
"""
import dataclasses
import inspect
from collections.abc import Callable, Coroutine
from copy import deepcopy
from typing import Any

import fastapi.routing
from fastapi import Request, Response
from fastapi._compat import ModelField, field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant, get_missing_field_error
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import Json

_UNSET = object()


@dataclasses.dataclass(frozen=True, slots=True)
class _Param:
    field: ModelField
    name: str  # the endpoint's or dependency's argument
    alias: str  # in the query string or path
    repeated: bool  # a list: every value of the name, none is "absent"
    source: str  # "query" or "path"
    absent: Any  # the value when not given, when it can be shared; else _UNSET

    @classmethod
    def of(cls, field: ModelField, source: str) -> "_Param":
        repeated = source == "query" and field_annotation_is_sequence(field.field_info.annotation)
        info = field.field_info
        plain = not info.is_required() and not info.validate_default
        immutable = field.default is None or isinstance(field.default, str | int | float | bool)
        absent = field.default if plain and immutable else _UNSET
        return cls(field, field.name, field.alias, repeated, source, absent)

    def read(self, query: Any, path: dict[str, Any], errors: list[Any]) -> Any:
        """The validated value, its default when absent, or _UNSET with `errors` extended."""
        if self.source == "path":
            value = path.get(self.alias)
        elif self.repeated:
            value = query.getlist(self.alias) or None
        else:
            value = query.get(self.alias)
        if value is None:
            if self.absent is not _UNSET:
                return self.absent
            return self._default(errors)
        checked, found = self.field.validate(value, {}, loc=(self.source, self.alias))
        if found:
            errors.extend(found)
            return _UNSET
        return checked

    def _default(self, errors: list[Any]) -> Any:
        """As FastAPI: missing when required, else a copy of the default, validated when the
        parameter says so."""
        info, loc = self.field.field_info, (self.source, self.alias)
        if info.is_required():
            errors.append(get_missing_field_error(loc=loc))
            return _UNSET
        value = deepcopy(self.field.default)
        if not info.validate_default:
            return value
        checked, found = self.field.validate(value, {}, loc=loc)
        if found:
            errors.extend(found)
            return _UNSET
        return checked


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    """How to compute one dependency (or the endpoint's own parameters) from the request."""

    call: Callable[..., Any] | None  # None: the endpoint's own parameters, returned as a dict
    name: str | None
    parts: tuple["_Plan", ...]
    params: tuple[_Param, ...]

    async def solve(self, query: Any, path: dict[str, Any], errors: list[Any],
                    done: dict[Any, Any]) -> Any:
        values: dict[str, Any] = {}
        failed = False
        for part in self.parts:  # dependencies first, as FastAPI solves them
            if part.call in done:
                value = done[part.call]
            else:
                value = await part.solve(query, path, errors, done)
            if value is _UNSET:
                failed = True
            elif part.name is not None:
                values[part.name] = value
        for param in self.params:
            value = param.read(query, path, errors)
            if value is _UNSET:
                failed = True
            else:
                values[param.name] = value
        if failed:
            return _UNSET
        if self.call is None:
            return values
        done[self.call] = result = await self.call(**values)
        return result


def _is_plain(field: ModelField) -> bool:
    """Read under its own name, as text (no other alias, no JSON-in-a-parameter)."""
    info = field.field_info
    return (getattr(info, "validation_alias", None) in (None, field.alias)
            and not any(type(item) is Json for item in info.metadata))


def _params(dependant: Dependant) -> tuple[_Param, ...]:
    return tuple(
        _Param.of(field, source)
        for source, fields in (("path", dependant.path_params), ("query", dependant.query_params))
        for field in fields
    )


def _is_compilable(dependant: Dependant) -> bool:
    """Made of query and path parameters only, through an `async def` (no generator, no
    request, header, cookie, body or security)."""
    return (
        inspect.iscoroutinefunction(dependant.call)
        and not (dependant.header_params or dependant.cookie_params or dependant.body_params)
        and dependant.request_param_name is None
        and dependant.websocket_param_name is None
        and dependant.http_connection_param_name is None
        and dependant.response_param_name is None
        and dependant.background_tasks_param_name is None
        and dependant.security_scopes_param_name is None
        and not dependant.own_oauth_scopes
        and all(_is_plain(field) for field in [*dependant.path_params,
                                               *dependant.query_params])
        and all(_is_compilable(sub) for sub in dependant.dependencies)
    )


def _plan(dependant: Dependant, *, call: Callable[..., Any] | None) -> _Plan:
    return _Plan(call, dependant.name,
                 tuple(_plan(sub, call=sub.call) for sub in dependant.dependencies),
                 _params(dependant))


def compiled_dependant(declared: Dependant) -> Dependant | None:
    """A dependant for FastAPI to solve that reads the parameters of `declared` by a plan:
    FastAPI solves the dependencies that are not parameters alone; one more dependency computes
    the rest. None when nothing could be compiled."""
    kept = [sub for sub in declared.dependencies if not _is_compilable(sub)]
    compiled = [sub for sub in declared.dependencies if _is_compilable(sub)]
    if not compiled and not declared.query_params:
        return None
    if not all(_is_plain(field) for field in [*declared.path_params,
                                              *declared.query_params]):
        return None
    own = dataclasses.replace(declared, dependencies=compiled, name=None)
    plan = _plan(own, call=None)
    endpoint = declared.call
    assert endpoint is not None

    async def read_parameters(request: Request) -> dict[str, Any]:
        errors: list[Any] = []
        values = await plan.solve(request.query_params, request.path_params, errors, {})
        if errors:
            raise RequestValidationError(errors)
        return values  # type: ignore[no-any-return]

    async def call_endpoint(_parameters: dict[str, Any], **values: Any) -> Any:
        return await endpoint(**values, **_parameters)

    reader = get_dependant(path=declared.path or "", call=read_parameters,
                           name="_parameters")
    return dataclasses.replace(declared, call=call_endpoint, path_params=[], query_params=[],
                               dependencies=[*kept, reader])


class CompiledQueryRoute(APIRoute):
    """An APIRoute answering with parameters read by a plan (see the module's docstring); its
    declared dependant, unchanged, still makes the OpenAPI document."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        context_var = getattr(fastapi.routing, "_effective_route_context_var", None)
        context = context_var.get() if context_var is not None else None
        route: Any = context if getattr(context, "original_route", None) is self else self
        declared = route.dependant
        runtime = (compiled_dependant(declared) if inspect.iscoroutinefunction(declared.call)
                   else None)
        if runtime is None:
            return super().get_route_handler()
        route.dependant = runtime
        try:
            return super().get_route_handler()
        finally:
            route.dependant = declared

