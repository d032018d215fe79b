"""CompiledQueryRoute reads parameters as FastAPI does: the same values, the same 422 errors in
the same order, the same OpenAPI document. Each row is asked of a route of each kind built from
the same declarations (the real quote filters and paging options), without a database."""
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, FastAPI, Path, Query
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.errors import install_problem_handlers
from app.routes.compiled_route import CompiledQueryRoute
from app.routes.output import ListDep
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


def build_app(route_class: type[APIRoute]) -> FastAPI:
    router = APIRouter(route_class=route_class)

    @router.get("/things/{thing_id}")
    async def read(
        thing_id: Annotated[int, Path(ge=1, le=1000)],
        params: ListDep,
        filters: Annotated[QuoteFilters, Depends(quote_filters)],
        sort: SortQuery = "-published_at",  # type: ignore[assignment]
        flag: bool = False,
        tags: Annotated[list[int], Query()] = [],  # noqa: B006 - FastAPI copies defaults
        needed: Annotated[str | None, Query(min_length=2)] = None,
    ) -> dict[str, Any]:
        return {"thing_id": thing_id, "params": repr(params), "filters": repr(filters),
                "sort": str(sort), "flag": flag, "tags": tags, "needed": needed}

    app = FastAPI()
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
def test_same_answer_as_fastapi(url: str) -> None:
    plain, compiled = PLAIN.get(url), COMPILED.get(url)
    assert (compiled.status_code, compiled.json()) == (plain.status_code, plain.json())


def test_same_openapi_document() -> None:
    assert COMPILED.app.openapi() == PLAIN.app.openapi()


def test_invalid_rows_are_invalid() -> None:
    statuses = {url: PLAIN.get(url).status_code for url in URLS}
    assert sorted(set(statuses.values())) == [200, 422]  # the table covers both


def test_list_routes_are_compiled() -> None:
    from app.routes import quotes

    assert all(isinstance(route, CompiledQueryRoute) for route in quotes.router.routes)
