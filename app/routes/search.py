"""GET /search: quotes, articles and speakers matching one query, best matches first."""
from urllib.parse import urlencode

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.db import SessionDep, run_db
from app.errors import problem_responses
from app.models import ArticlePublic, QuotePublic, SpeakerSummary
from app.pagination import LimitQuery
from app.routes.output import json_response, named_page
from app.routes.params import SearchQ, parse_q
from app.services.articles import ArticleFilters, article_listing
from app.services.listing import read_page
from app.services.quotes import QuoteFilters, quote_listing
from app.services.search import SearchQuery
from app.services.speakers import speaker_listing

router = APIRouter(tags=["search"])


QUOTES = named_page(QuotePublic, "Quote")
ARTICLES = named_page(ArticlePublic, "Article")


class SearchResults(BaseModel):
    """The best matches of one query among quotes, articles and speakers."""

    quotes: QUOTES = Field(  # type: ignore[valid-type]
        description="Best matching quotes; `next` continues on `/quotes?q=...&sort=relevance`.")
    articles: ARTICLES = Field(  # type: ignore[valid-type]
        description="Best matching articles; `next` continues on "
        "`/articles?q=...&sort=relevance`.")
    speakers: list[SpeakerSummary] = Field(description="Speakers whose name or an alias "
                                           "contains the query's words, best match first.")


def _next(path: str, q: str, limit: int, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return f"{path}?{urlencode({'q': q, 'sort': 'relevance', 'limit': limit, 'cursor': cursor})}"


def _search(*, session: Session, q: str, query: SearchQuery, limit: int) -> dict[str, object]:
    quotes, quotes_next = read_page(
        session=session, cursor=None, limit=limit,
        listing=quote_listing(session=session, filters=QuoteFilters(q=query), sort="relevance"))
    articles, articles_next = read_page(
        session=session, cursor=None, limit=limit,
        listing=article_listing(session=session, filters=ArticleFilters(q=query),
                                sort="relevance"))
    names = " ".join(" ".join(group[0].words) for group in query.groups)
    speakers, _ = read_page(session=session, cursor=None, limit=limit,
                            listing=speaker_listing(session=session, q=names,
                                                    sort="relevance"))
    return {
        "quotes": {"items": quotes, "next": _next("/quotes", q, limit, quotes_next)},
        "articles": {"items": articles, "next": _next("/articles", q, limit, articles_next)},
        "speakers": speakers,
    }


@router.get(
    "/search",
    operation_id="search",
    summary="Search everything",
    description="Full-text search over quotes and articles (see `q` for the syntax), and speaker "
    "names. Each section holds at most `limit` items.",
    response_model=SearchResults,
    responses=problem_responses(400),
)
async def search(session: SessionDep, q: SearchQ, limit: LimitQuery = 5) -> Response:
    query = parse_q(q)
    assert query is not None and q is not None  # `q` is required here
    return json_response(await run_db(_search, session=session, q=q, query=query, limit=limit))
