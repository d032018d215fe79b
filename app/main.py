"""The FastAPI application: routers, problem handlers, middleware, CORS, strict queries,
content negotiation, and the API docs served offline."""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline

from app.config import get_settings
from app.errors import NotAcceptable, install_problem_handlers
from app.negotiation import CSV, JSON, NDJSON, choose
from app.openapi import build_openapi
from app.request_log import RequestLog, configure_request_log
from app.routes import (
    articles,
    entities,
    health,
    outlets,
    quotes,
    search,
    speakers,
    stories,
    topics,
    utterances,
)
from app.routes.middleware import (
    BodySizeLimit,
    HeadAsGet,
    HttpCache,
    RateLimit,
    RateLimitSettings,
)
from app.routes.response_cache import ResponseCache

DESCRIPTION = """
Who said what, about which topic, in which outlet: quotations extracted from news articles.

**Quote kinds.** A `direct` quote is the speaker's own words, printed inside quotation marks
(“The last thing we can afford to do is take this alliance for granted,” said Blinken).
An `indirect` quote is reported speech: the outlet's paraphrase of what someone said
(Blinken said that the US and NATO had a strong interest in keeping Turkey anchored in the
alliance). Its wording is the reporter's, not the speaker's; cite it as such.

**Lists** answer `{"items": [...], "next": "<relative URL>" | null}`; follow `next` (also sent
as a `Link: <...>; rel="next"` header) to page. `limit` is 20 by default, at most 100.
Cursors are opaque and stable under inserts. `count=true` adds `total`. Every list is also a
CSV or NDJSON export of all its rows (`Accept: text/csv`, or `format=csv`).

**Filters** repeat for any of several values (`speaker=a&speaker=b`) and combine with AND; a
speaker, topic, outlet or entity is named by its slug or its id, and one naming nothing stored
is a 404 problem naming it.

**Errors** are RFC 9457 problems (`application/problem+json`) with a stable `code`: 400 for an
unreadable search, 404 for unknown ids, slugs and filter values, 406 for an `Accept` we cannot
serve, 422 for bad or unknown parameters (`errors` lists them).
"""

TAGS = [
    {"name": "articles", "description": "News articles, their text, quotes, topics and entities."},
    {"name": "quotes", "description": "Quotations, `direct` or `indirect`, with their speaker."},
    {"name": "speakers", "description": "People and organisations quoted, merged across outlets."},
    {"name": "topics", "description": "Topics defined in `topics.toml`, matched by keywords."},
    {"name": "outlets", "description": "News outlets and how they attribute quotes."},
    {"name": "entities", "description": "People, organisations and places named in articles."},
    {"name": "search", "description": "Full-text search over quotes and articles."},
    {"name": "utterances", "description": "One statement, every outlet's rendering of it."},
    {"name": "stories", "description": "Articles about one event, and what each outlet carried."},
    {"name": "health", "description": "Liveness."},
]

_query_names: dict[int, frozenset[str]] = {}
LIST_TYPES = (JSON, CSV, NDJSON)  # a route taking `format=` exports
ITEM_TYPES = (JSON,)


def _collect_query_names(dependant: Any) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _collect_query_names(sub)
    return names


async def check_request(request: Request) -> None:
    """Answer 422 when the query string carries a parameter the route does not declare, and 406
    when `Accept` allows none of the media types the route serves (else remember the preferred
    one in `request.state.media_type`).

    `async` although it awaits nothing: FastAPI runs a plain `def` dependency in the thread pool,
    a hop that costs more than the check."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return  # the docs pages
    allowed = _query_names.get(id(route))
    if allowed is None:
        allowed = _query_names[id(route)] = frozenset(_collect_query_names(route.dependant))
    offered = LIST_TYPES if "format" in allowed else ITEM_TYPES
    media_type = choose(request.headers.get("accept"), offered)
    if media_type is None:
        raise NotAcceptable(f"This route serves {', '.join(offered)}; the Accept header "
                            "allows none of them.")
    request.state.media_type = media_type
    unknown = [name for name in request.query_params if name not in allowed]
    if unknown:
        raise RequestValidationError(
            [
                {"type": "extra_forbidden", "loc": ("query", name), "msg": "Unknown parameter."}
                for name in unknown
            ]
        )


def create_app() -> FastAPI:
    """Build the application from the current settings."""
    settings = get_settings()
    cache = ResponseCache.from_settings()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if cache is not None:  # its data-version connection is its own, outside the pool
            cache.version.close()

    app = FastAPIOffline(  # Swagger UI at /docs, ReDoc at /redoc, their assets from a package
        title="Newsquotes",
        summary="Who said what, about which topic, in which outlet.",
        description=DESCRIPTION,
        version="0.1.0",
        openapi_tags=TAGS,
        dependencies=[Depends(check_request)],
        lifespan=lifespan,
    )
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    install_problem_handlers(app)
    for module in (articles, quotes, speakers, topics, outlets, entities, utterances, stories,
                   search, health):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/docs")

    app.add_middleware(HttpCache, cache=cache)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_article_bytes)
    limits = RateLimitSettings()
    if limits.rate_limit_per_minute > 0:
        app.add_middleware(
            RateLimit, per_minute=limits.rate_limit_per_minute, burst=limits.rate_limit_burst
        )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag", "Link", "Retry-After", "X-RateLimit-Limit",
                            "X-RateLimit-Remaining", "X-RateLimit-Reset"],
        )
    app.add_middleware(HeadAsGet)
    if settings.log_requests:
        configure_request_log()
        app.add_middleware(RequestLog)  # outermost: logs every answer, 4xx from middleware too
    return app


app = create_app()
