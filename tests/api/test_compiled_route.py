"""CompiledQueryRoute answers as FastAPI does: the same values, the same 422 errors in the same
order, request checks and resources (a session) solved and closed the same way, dependency
overrides honoured, the same OpenAPI document. Each row is asked of a route of each kind built
from the same declarations (the real quote filters and paging options), without a database."""
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.errors import NotAcceptable, install_problem_handlers
from app.routes.compiled_route import CompiledQueryRoute, compiled_handler
from app.routes.output import ListDep, json_response
from app.routes.params import (
    ArticlesQuery,
    KindsQuery,
    SortQuery,
    SpeakersQuery,
    TimeWindowDep,
)
from app.services.quotes import QuoteFilters


async def quote_filters(
    speaker: SpeakersQuery = None,
    kind: KindsQuery = None,
    article: ArticlesQuery = None,
    window: TimeWindowDep = None,  # type: ignore[assignment]
) -> QuoteFilters:
    return QuoteFilters(speakers=tuple(speaker or ()), kinds=tuple(kind or ()),
                        articles=tuple(article or ()),
                        since=window.since, until=window.until)


CLOSED: list[str] = []


def resource() -> Iterator[str]:
    yield "opened"
    CLOSED.append("closed")


def overridden_resource() -> Iterator[str]:
    yield "overridden"


async def check(request: Request) -> None:
    if "x-refuse" in request.headers:
        raise NotAcceptable("Refused.")


def build_app(route_class: type[APIRoute]) -> FastAPI:
    router = APIRouter(route_class=route_class)

    @router.get("/things/{thing_id}")
    async def read(
        request: Request,
        thing_id: Annotated[int, Path(ge=1, le=1000)],
        params: ListDep,
        held: Annotated[str, Depends(resource)],
        filters: Annotated[QuoteFilters, Depends(quote_filters)],
        sort: SortQuery = "-published_at",  # type: ignore[assignment]
        flag: bool = False,
        tags: Annotated[list[int], Query()] = [],  # noqa: B006 - FastAPI copies defaults
        needed: Annotated[str | None, Query(min_length=2)] = None,
    ) -> Response:
        return json_response({"thing_id": thing_id, "params": repr(params),
                              "filters": repr(filters), "sort": str(sort), "flag": flag,
                              "tags": tags, "needed": needed, "held": held,
                              "path": request.url.path})

    app = FastAPI(dependencies=[Depends(check)])
    install_problem_handlers(app)
    app.include_router(router)
    return app


PLAIN, COMPILED = TestClient(build_app(APIRoute)), TestClient(build_app(CompiledQueryRoute))

URLS = [
    "/things/1",
    "/things/5?limit=7&cursor=abc&fields=id,text&format=csv&count=true",
    "/things/5?speaker=a&speaker=b&kind=direct&kind=indirect",
    "/things/5?since=2021-03-23&until=2021-03-24T10:00:00%2B02:00&updated_since=2021-01-01T00:00:00",
    "/things/5?sort=published_at&flag=yes&tags=3&tags=4&needed=ok",
    "/things/5?" + "&".join(f"speaker=s{i}" for i in range(21)),
    "/things/5?article=1&article=0&article=x&speaker=%00",
    "/things/0?limit=0&kind=sarcastic&since=yesterday&sort=sideways&flag=maybe&tags=x&needed=x",
    "/things/abc?limit=ten",
    "/things/2000?count=perhaps&format=xml&cursor=%20",
    "/things/5?since=9999-12-31T23:59:59-14:00",
    "/things/5?limit=",
    "/things/5?tags=",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("headers", [{}, {"x-refuse": "1"}])
def test_same_answer_as_fastapi(url: str, headers: dict[str, str]) -> None:
    CLOSED.clear()
    plain = PLAIN.get(url, headers=headers)
    closed_by_plain = len(CLOSED)
    compiled = COMPILED.get(url, headers=headers)
    assert (compiled.status_code, compiled.json()) == (plain.status_code, plain.json())
    assert len(CLOSED) == 2 * closed_by_plain  # the resource closed after the answer


@pytest.mark.parametrize("client", [PLAIN, COMPILED], ids=["plain", "compiled"])
def test_overrides_are_honoured(client: TestClient) -> None:
    client.app.dependency_overrides[resource] = overridden_resource
    try:
        assert client.get("/things/1").json()["held"] == "overridden"
    finally:
        client.app.dependency_overrides.clear()


def test_fastapi_solves_nothing_on_the_compiled_route(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastapi.routing

    solved: list[str] = []
    real = fastapi.routing.solve_dependencies

    async def counting(**kwargs: Any) -> Any:
        solved.append(kwargs["dependant"].path)
        return await real(**kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    assert COMPILED.get("/things/3").status_code == 200 and solved == []
    assert PLAIN.get("/things/3").status_code == 200 and solved


def test_same_openapi_document() -> None:
    assert COMPILED.app.openapi() == PLAIN.app.openapi()


def test_invalid_rows_are_invalid() -> None:
    statuses = {url: PLAIN.get(url).status_code for url in URLS}
    assert sorted(set(statuses.values())) == [200, 422]  # the table covers both


def test_list_routes_are_compiled() -> None:
    from app.routes import articles, quotes, speakers, topics

    for router in (quotes.router, articles.router, speakers.router, topics.router):
        assert all(isinstance(route, CompiledQueryRoute) for route in router.routes)
    listing = next(route for route in quotes.router.routes
                   if isinstance(route, APIRoute) and route.path == "/quotes")
    assert compiled_handler(listing.dependant, None) is not None
