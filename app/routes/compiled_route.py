"""A route answered without FastAPI's per-request dependency solving, by a plan made once.

For each request FastAPI walks the route's dependency tree and inspects every declared
parameter's annotation again (is it a sequence, a model, which alias...): for a quote list's
twenty parameters that cost more than the rest of the answer but the query. `CompiledQueryRoute`
keeps the declarations as they are (they make the OpenAPI document and the list of known
parameters) and answers with a plan made from them when the route is built: the request checks
and resources (the session, closed after the answer is sent) in declared order, honouring
`app.dependency_overrides`; then per parameter its name, whether it repeats, and FastAPI's own
validator, run only on the values a request carries (an absent one takes its default), through
the dependencies made of nothing but parameters (filters, paging options); all errors raised as
one RequestValidationError, in FastAPI's order; then the endpoint, whose Response is the answer.
A route with anything else in it (a body, headers, security, an answer to serialise) is
FastAPI's as usual.
"""
import dataclasses
import inspect
from collections.abc import Callable, Coroutine
from contextlib import asynccontextmanager, contextmanager
from copy import deepcopy
from typing import Any, get_type_hints

import fastapi.routing
from fastapi import Request, Response
from fastapi._compat import ModelField, field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_missing_field_error
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


def _is_request_check(dependant: Dependant) -> bool:
    """`async def check(request)`: nothing else in, its answer unused or named."""
    return (inspect.iscoroutinefunction(dependant.call) and not dependant.dependencies
            and not _params(dependant) and _only_request(dependant))


def _is_resource(dependant: Dependant) -> bool:
    """A generator without parameters (a session), closed after the answer is sent."""
    call = dependant.call
    return ((inspect.isasyncgenfunction(call) or inspect.isgeneratorfunction(call))
            and not dependant.dependencies and not _params(dependant)
            and dependant.request_param_name is None and _only_request(dependant))


def _only_request(dependant: Dependant) -> bool:
    return not (dependant.header_params or dependant.cookie_params or dependant.body_params
                or dependant.websocket_param_name or dependant.http_connection_param_name
                or dependant.response_param_name or dependant.background_tasks_param_name
                or dependant.security_scopes_param_name or dependant.own_oauth_scopes)


@dataclasses.dataclass(frozen=True, slots=True)
class _Handler:
    """Answers a request as FastAPI's handler would for such a route: the request checks and
    resources (solved in order, with `dependency_overrides`), then every parameter by the
    plan, all their errors in one RequestValidationError, then the endpoint, whose Response
    is the answer."""

    endpoint: Callable[..., Coroutine[Any, Any, Response]]
    request_name: str | None
    checks: tuple[Dependant, ...]  # request checks and resources, in declared order
    plan: _Plan
    overrides: Any  # the app, or None

    async def __call__(self, request: Request) -> Response:
        overridden = getattr(self.overrides, "dependency_overrides", None) or {}
        values: dict[str, Any] = {}
        for dependant in self.checks:
            call = overridden.get(dependant.call, dependant.call)
            if _is_request_check(dependant):
                value = await call(**({dependant.request_param_name: request}
                                      if dependant.request_param_name else {}))
            else:
                stack_key = ("fastapi_function_astack" if dependant.scope == "function"
                             else "fastapi_inner_astack")
                stack = request.scope[stack_key]
                if inspect.isasyncgenfunction(call):
                    value = await stack.enter_async_context(asynccontextmanager(call)())
                else:
                    value = stack.enter_context(contextmanager(call)())
            if dependant.name is not None:
                values[dependant.name] = value
        errors: list[Any] = []
        parameters = await self.plan.solve(request.query_params, request.path_params, errors,
                                           {})
        if errors:
            raise RequestValidationError(errors)
        if self.request_name is not None:
            values[self.request_name] = request
        return await self.endpoint(**values, **parameters)


def compiled_handler(declared: Dependant, overrides: Any) -> _Handler | None:
    """The handler of a route declared by `declared`, or None when something in it is not one
    of: the request, request checks, resources, parameters alone, an `async def` endpoint
    answering a Response."""
    endpoint = declared.call
    if not inspect.iscoroutinefunction(endpoint):
        return None
    answer = get_type_hints(endpoint).get("return")
    if not (isinstance(answer, type) and issubclass(answer, Response)):
        return None
    checks = [sub for sub in declared.dependencies
              if _is_request_check(sub) or _is_resource(sub)]
    parameters = [sub for sub in declared.dependencies if _is_compilable(sub)]
    if (len(checks) + len(parameters) != len(declared.dependencies)
            or not _only_request(declared)
            or not all(_is_plain(field) for field in [*declared.path_params,
                                                      *declared.query_params])):
        return None
    plan = _plan(dataclasses.replace(declared, dependencies=parameters, name=None), call=None)
    return _Handler(endpoint, declared.request_param_name, tuple(checks), plan, overrides)


class CompiledQueryRoute(APIRoute):
    """An APIRoute answering with parameters read by a plan (see the module's docstring); its
    declared dependant, unchanged, still makes the OpenAPI document. Routes with anything
    else in them are FastAPI's."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        context_var = getattr(fastapi.routing, "_effective_route_context_var", None)
        context = context_var.get() if context_var is not None else None
        route: Any = context if getattr(context, "original_route", None) is self else self
        handler = compiled_handler(route.dependant, route.dependency_overrides_provider)
        return handler if handler is not None else super().get_route_handler()
