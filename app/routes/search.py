"""GET /search: quotes, articles and speakers matching one query, best matches first."""
from urllib.parse import urlencode

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.db import SessionDep
from app.errors import problem_responses
from app.models import ArticlePublic, Page, QuotePublic
from app.pagination import LimitQuery
from app.routes.params import SearchQ, parse_q
from app.services.articles import ArticleFilters, list_articles
from app.services.quotes import QuoteFilters, list_quotes
from app.services.speakers import SpeakerSummary, find_speakers

router = APIRouter(tags=["search"])


class SearchResults(BaseModel):
    quotes: Page[QuotePublic] = Field(description="Best matching quotes; `next` continues on "
                                      "`/quotes?q=...&sort=relevance`.")
    articles: Page[ArticlePublic] = Field(description="Best matching articles; `next` continues "
                                          "on `/articles?q=...&sort=relevance`.")
    speakers: list[SpeakerSummary] = Field(description="Speakers whose name or an alias "
                                           "contains the query's words, most quoted first.")


def _next(path: str, q: str, limit: int, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return f"{path}?{urlencode({'q': q, 'sort': 'relevance', 'limit': limit, 'cursor': cursor})}"


@router.get(
    "/search",
    summary="Search everything",
    description="Full-text search over quotes and articles (see `q` for the syntax), and speaker "
    "names. Each section holds at most `limit` items.",
    responses=problem_responses(400, 422),
)
def search(session: SessionDep, q: SearchQ, limit: LimitQuery = 5) -> SearchResults:
    query = parse_q(q, "relevance")
    quotes, quotes_next = list_quotes(
        session=session, filters=QuoteFilters(q=query), cursor=None, limit=limit, sort="relevance"
    )
    articles, articles_next = list_articles(
        session=session, filters=ArticleFilters(q=query), cursor=None, limit=limit,
        sort="relevance",
    )
    return SearchResults(
        quotes=Page(items=quotes, next=_next("/quotes", q or "", limit, quotes_next)),
        articles=Page(items=articles, next=_next("/articles", q or "", limit, articles_next)),
        speakers=find_speakers(session=session, query=query, limit=limit),
    )
