"""Full-text search: one small query language, run on SQLite FTS5 or PostgreSQL tsvector.

`q` reads like a web search: words must all appear (stemmed, case-insensitive), `"two words"`
is a phrase, `OR` between terms means either, `-word` excludes, `word*` is a prefix. A query
that cannot be read (unbalanced quotes, nothing to look for...) raises BadRequest.
"""
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Double,
    Select,
    and_,
    cast,
    column,
    exists,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
)
from sqlmodel import Session, col

from app.errors import BadRequest
from app.models import Article, Quote

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\w'’-]+")
MAX_TERMS = 16
SELECTIVE_MATCHES = 10_000
"""SQLite plan choice, as PAGE_ROWS in app/services/quotes.py explains: up to this many matches,
the FTS index drives the query; beyond, rows are read in order and each is checked."""


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """All `groups` must match (each group: any of its terms) and none of `excluded`."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


def _term(raw: str, *, phrase: bool) -> Term | None:
    prefix = not phrase and raw.endswith("*")
    words = tuple(w for w in _WORD_CHARS.sub(" ", raw).replace("_", " ").split() if w.strip("'’-"))
    if not words:
        return None
    return Term(words=words, prefix=prefix and len(words) == 1)


class BadSearch(BadRequest):
    code = "bad_search"


def parse_search(q: str) -> SearchQuery:
    """Read `q`, or raise BadSearch (400) saying what is wrong with it.

    `OR` joins the terms beside it, `NOT term` is `-term`, `AND` is what spaces mean anyway."""
    if q.count('"') % 2:
        raise BadSearch("Unbalanced quotation mark in the search query.")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending: str | None = None  # the operator waiting for its term
    for match in _TOKEN.finditer(q):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare in ("OR", "AND", "NOT"):
            if pending is not None:
                raise BadSearch(f"`{bare}` cannot follow `{pending}`.")
            if bare == "OR" and not groups or bare == "AND" and not (groups or excluded):
                raise BadSearch(f"`{bare}` must stand between two search terms.")
            pending = bare
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _term(phrase if phrase is not None else bare, phrase=phrase is not None)
        if term is None:
            continue
        if negated or pending == "NOT":
            if pending == "OR":
                raise BadSearch("`OR` cannot join an excluded term.")
            excluded.append(term)
        elif pending == "OR":
            groups[-1].append(term)
        else:
            groups.append([term])
        pending = None
    if pending is not None:
        raise BadSearch(f"The search query ends with `{pending}`.")
    if not groups:
        raise BadSearch("The search query has no word to look for.")
    if sum(map(len, groups)) + len(excluded) > MAX_TERMS:
        raise BadSearch(f"At most {MAX_TERMS} search terms.")
    return SearchQuery(groups=tuple(map(tuple, groups)), excluded=tuple(excluded))


# SQLite: FTS5 ---------------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fts5_expression(query: SearchQuery) -> str:
    """The query in FTS5 syntax, every term quoted (so nothing in it is an operator)."""
    groups = ["(" + " OR ".join(map(_fts5_term, group)) + ")" for group in query.groups]
    expression = " AND ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def _fts_table(name: str) -> Any:
    return table(name, column("rowid"), column("rank"))


# PostgreSQL: tsvector / tsquery ----------------------------------------------------------------

ENGLISH = literal_column("'english'")


def _tsquery(term: Term) -> ColumnElement[Any]:
    if term.prefix:
        word = re.sub(r"\W", "", term.words[0]) or term.words[0]
        return func.to_tsquery(ENGLISH, literal(f"{word}:*"))
    return func.phraseto_tsquery(ENGLISH, literal(" ".join(term.words)))


def pg_tsquery(query: SearchQuery) -> ColumnElement[Any]:
    """The query as a tsquery, built from functions so that no user text is ever parsed as
    tsquery syntax."""
    result: ColumnElement[Any] | None = None
    for group in query.groups:
        either = _tsquery(group[0])
        for term in group[1:]:
            either = func.tsquery_or(either, _tsquery(term))
        result = either if result is None else func.tsquery_and(result, either)
    for term in query.excluded:
        result = func.tsquery_and(result, func.tsquery_not(_tsquery(term)))
    assert result is not None
    return result


def _quote_vector() -> ColumnElement[Any]:
    return func.to_tsvector(ENGLISH, col(Quote.text))  # as in index ix_quote_text_fts


def _article_vector() -> ColumnElement[Any]:
    document = func.coalesce(col(Article.title), literal_column("''")).op("||")(
        literal_column("' '")
    ).op("||")(col(Article.body))
    return func.to_tsvector(ENGLISH, document)  # as in index ix_article_fts


# Both ------------------------------------------------------------------------------------------


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _has_fts5(session: Session, name: str) -> bool:
    found = session.exec(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name").bindparams(
            name=name
        )
    ).first()
    return found is not None


def _like_all(column_: Any, query: SearchQuery) -> ColumnElement[bool]:
    """Fallback without the FTS migration: every group has a term found as a substring."""

    def contains(term: Term) -> ColumnElement[bool]:
        return func.lower(column_).contains(" ".join(term.words).lower(), autoescape=True)

    groups = [or_(*map(contains, group)) for group in query.groups]
    return and_(*groups, *(not_(contains(term)) for term in query.excluded))


def match_condition(
    *, session: Session, query: SearchQuery, target: type[Quote] | type[Article]
) -> ColumnElement[bool]:
    """WHERE clause: rows of `target` (Quote or Article) matching `query`."""
    if _dialect(session) == "postgresql":
        vector = _quote_vector() if target is Quote else _article_vector()
        return vector.op("@@")(pg_tsquery(query))
    name = "quote_fts" if target is Quote else "article_fts"
    if not _has_fts5(session, name):
        return _like_all(col(Quote.text) if target is Quote else col(Article.body), query)
    fts = _fts_table(name)
    target_id = col(Quote.id) if target is Quote else col(Article.id)
    matches = literal_column(name).op("MATCH")(fts5_expression(query))
    sample = select(literal(1)).select_from(fts).where(matches).limit(SELECTIVE_MATCHES)
    found = session.exec(select(func.count()).select_from(sample.subquery())).scalar_one()
    if found == 0:
        return false()
    if found < SELECTIVE_MATCHES:  # few matches: read them all from the index, sort after
        return target_id.in_(select(fts.c.rowid).where(matches))
    # many: read rows in the listing's order and keep those that match, a page at a time
    return exists().where(fts.c.rowid == target_id, matches)


def ranked(
    *,
    session: Session,
    statement: Select[Any],
    query: SearchQuery,
    target: type[Quote] | type[Article],
) -> tuple[Select[Any], ColumnElement[float]]:
    """`statement` narrowed to rows of `target` matching `query`, and their relevance as a
    number where smaller is better (to sort ascending). SQLite joins the FTS table, so each
    match is scored once by the same FTS5 cursor that found it."""
    if _dialect(session) == "postgresql":
        vector = _quote_vector() if target is Quote else _article_vector()
        tsquery = pg_tsquery(query)
        # float8, so that the value in a cursor is exactly the one compared (ts_rank is float4)
        rank = -cast(func.ts_rank(vector, tsquery), Double)
        return statement.where(vector.op("@@")(tsquery)), rank
    name = "quote_fts" if target is Quote else "article_fts"
    if not _has_fts5(session, name):
        condition = match_condition(session=session, query=query, target=target)
        return statement.where(condition), literal(0.0)
    fts = _fts_table(name)
    target_id = col(Quote.id) if target is Quote else col(Article.id)
    joined = statement.join(fts, fts.c.rowid == target_id)
    return joined.where(literal_column(name).op("MATCH")(fts5_expression(query))), fts.c.rank
