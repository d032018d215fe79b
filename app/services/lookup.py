"""Names to ids: a path key or a filter value is a slug, or else a numeric id.

Filter values of every kind are resolved in one query; a value that names nothing is a 404
problem naming it (an empty list would read as "this speaker was never quoted").
"""
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, literal, null, or_, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.errors import NotFound, UnknownFilterValues
from app.models import Article, Entity, Outlet, Speaker, SpeakerRedirect, Topic
from app.services.rows import fetch_rows

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL

KEYED: dict[str, Any] = {"speaker": Speaker, "topic": Topic, "outlet": Outlet, "entity": Entity}
WEIGHT = {"speaker": Speaker.quote_count, "topic": Topic.quote_count,
          "outlet": Outlet.quote_count, "entity": Entity.mention_count}
"""The count stored with each kind, for the plan choices of app/services/quotes.py."""


@dataclass(frozen=True, slots=True)
class Found:
    id: int
    count: int  # the WEIGHT column: quotes (speakers, topics, outlets) or mentions (entities)


def numeric_id(key: str) -> int | None:
    """`key` as an id when it is one (digits, within range)."""
    return int(key) if key.isdigit() and 0 < int(key) <= MAX_ID else None


def key_condition(model: Any, key: str) -> ColumnElement[bool]:
    """The row whose slug is `key`, or whose id it is."""
    number = numeric_id(key)
    by_slug = col(model.slug) == key
    return by_slug if number is None else or_(by_slug, col(model.id) == number)


@lru_cache(maxsize=8)
def _by_key(model: Any) -> Any:
    table = model.__table__
    return sa_select(*table.c).where(or_(table.c.slug == bindparam("key"),
                                         table.c.id == bindparam("id")))


def get_by_key(*, session: Session, model: Any, key: str, label: str) -> Any:
    """The row (every column, by name) of `model` named by `key`: its slug, else its id (a slug
    wins over another row's id; among rows sharing a slug, the most counted); or NotFound
    naming it as a `label`."""
    rows = fetch_rows(session.connection(), _by_key(model), {"key": key, "id": numeric_id(key)})
    chosen = [row for row in rows if row.slug == key] or rows
    if not chosen:
        raise NotFound(f"No {label} {key!r}.")
    weight = WEIGHT.get(label)
    return max(chosen, key=lambda row: (getattr(row, weight.key) if weight is not None else 0,
                                        -row.id))


def _branch(kind: str) -> Any:
    model = KEYED[kind]
    return sa_select(literal(kind).label("kind"), col(model.id).label("id"),
                     col(model.slug).label("slug"), WEIGHT[kind].label("count")).where(or_(
        col(model.slug).in_(bindparam(f"slugs_{kind}", expanding=True)),
        col(model.id).in_(bindparam(f"ids_{kind}", expanding=True))))


@lru_cache(maxsize=64)
def _resolution(kinds: tuple[str, ...], articles: bool) -> Any:
    """One statement finding the rows of every kind asked for (built once per combination)."""
    branches = [_branch(kind) for kind in kinds]
    if articles:
        branches.append(sa_select(literal("article").label("kind"), col(Article.id).label("id"),
                                  null().label("slug"), literal(0).label("count"))
                        .where(col(Article.id).in_(bindparam("ids_article", expanding=True))))
    return branches[0] if len(branches) == 1 else union_all(*branches)


def resolve_filters(
    *, session: Session, articles: Sequence[int] = (), **keys: Sequence[str]
) -> dict[str, list[Found]]:
    """The rows named by each kind's filter values (`speaker=[...]`, `topic=[...]`, `outlet`,
    `entity`; `articles` are ids), in one query; UnknownFilterValues names those naming none."""
    wanted = {kind: list(dict.fromkeys(values)) for kind, values in keys.items() if values}
    if not wanted and not articles:
        return {}
    params: dict[str, Any] = {"ids_article": list(articles)}
    for kind, values in wanted.items():
        params[f"slugs_{kind}"] = values
        params[f"ids_{kind}"] = [n for value in values if (n := numeric_id(value)) is not None]
    statement = _resolution(tuple(wanted), bool(articles))
    rows = fetch_rows(session.connection(), statement, params)
    by_slug: dict[tuple[str, str], list[Found]] = defaultdict(list)
    by_id: dict[tuple[str, int], Found] = {}
    for kind, id_, slug, count in rows:
        found = Found(id_, count or 0)
        by_slug[(kind, slug)].append(found)
        by_id[(kind, id_)] = found
    resolved: dict[str, list[Found]] = {}
    unknown: dict[str, list[str]] = {}
    for kind, values in wanted.items():
        for value in values:
            number = numeric_id(value)
            matches = by_slug.get((kind, value)) or (
                [by_id[(kind, number)]] if (kind, number) in by_id else [])
            if matches:
                resolved.setdefault(kind, []).extend(matches)
            else:
                unknown.setdefault(kind, []).append(value)
    if unknown.get("speaker"):  # a speaker's former slug names the speaker holding it now
        for slug, speaker_id, count in session.execute(
                sa_select(SpeakerRedirect.slug, Speaker.id, Speaker.quote_count)
                .join(Speaker, col(Speaker.id) == SpeakerRedirect.speaker_id)
                .where(col(SpeakerRedirect.slug).in_(unknown["speaker"]))).all():
            resolved.setdefault("speaker", []).append(Found(speaker_id, count))
            unknown["speaker"].remove(slug)
        if not unknown["speaker"]:
            del unknown["speaker"]
    missing = [str(number) for number in dict.fromkeys(articles)
               if ("article", number) not in by_id]
    if missing:
        unknown["article"] = missing
    if unknown:
        raise UnknownFilterValues(unknown)
    if articles:
        resolved["article"] = [by_id[("article", number)] for number in dict.fromkeys(articles)]
    return {kind: list({found.id: found for found in found_list}.values())
            for kind, found_list in resolved.items()}
