"""Utterances: the same spoken words, every outlet's rendering of them."""
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from app.errors import NotFound
from app.models import Article, Outlet, Quote, QuoteTopic, Speaker, Utterance
from app.nlp.utterances import diff_rendering
from app.services.keyset import SortKey
from app.services.listing import Item, Listing
from app.services.lookup import resolve_filters

SORT = "-outlets"
KEYS = (SortKey(col(Utterance.outlet_count), descending=True),
        SortKey(col(Utterance.quote_count), descending=True),
        SortKey(col(Utterance.id), descending=True))
COLUMNS = (col(Utterance.id), col(Utterance.text), col(Utterance.speaker_id),
           col(Utterance.first_reported_at), col(Utterance.quote_count),
           col(Utterance.outlet_count))


def utterance_listing(*, session: Session, speakers: Sequence[str] = (),
                      topics: Sequence[str] = (), outlets: Sequence[str] = (),
                      min_outlets: int = 1, updated_since: datetime | None = None) -> Listing:
    """Utterances carried by the most outlets first; UnknownFilterValues (404) for filter
    values naming nothing."""
    found = resolve_filters(session=session, speaker=speakers, topic=topics, outlet=outlets)
    statement = sa_select(*COLUMNS).where(col(Utterance.outlet_count) >= min_outlets)
    if updated_since is not None:
        statement = statement.where(col(Utterance.updated_at) >= updated_since)
    if "speaker" in found:
        statement = statement.where(col(Utterance.speaker_id).in_(
            [f.id for f in found["speaker"]]))
    if "topic" in found:
        statement = statement.where(col(Utterance.id).in_(
            sa_select(Quote.utterance_id).join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
            .where(col(QuoteTopic.topic_id).in_([f.id for f in found["topic"]]))))
    if "outlet" in found:
        statement = statement.where(col(Utterance.id).in_(
            sa_select(Quote.utterance_id).where(col(Quote.outlet_id).in_(
                [f.id for f in found["outlet"]]))))
    return Listing(statement, KEYS, SORT, (int, int, int), build_utterances)


def speaker_refs(session: Session, ids: set[int | None]) -> dict[int, Item]:
    """{id, slug, name} of each speaker, in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(sa_select(Speaker.id, Speaker.slug, Speaker.name)
                           .where(col(Speaker.id).in_(wanted))).all()
    return {i: {"id": i, "slug": slug, "name": name} for i, slug, name in rows}


def outlets_by_utterance(*, session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """Slugs of the outlets that carried each utterance (duplicates left out)."""
    rows = session.execute(
        sa_select(Quote.utterance_id, Outlet.slug)
        .join(Outlet, col(Outlet.id) == Quote.outlet_id)
        .join(Article, col(Article.id) == Quote.article_id)
        .where(col(Quote.utterance_id).in_(ids), col(Article.duplicate_of_id).is_(None))
        .distinct()).all()
    found: dict[int, list[str]] = defaultdict(list)
    for utterance_id, slug in sorted(rows, key=lambda r: (r[0] or 0, r[1])):
        found[utterance_id].append(slug)
    return found


def build_utterances(session: Session, rows: Sequence[Any]) -> list[Item]:
    """UtterancePublic items: speakers and outlets in one query each."""
    speakers = speaker_refs(session, {row.speaker_id for row in rows})
    outlets = outlets_by_utterance(session=session, ids=[row.id for row in rows])
    return [{"id": row.id, "text": row.text, "speaker": speakers.get(row.speaker_id),
             "first_published_at": row.first_reported_at, "quote_count": row.quote_count,
             "outlet_count": row.outlet_count, "outlets": outlets.get(row.id, [])}
            for row in rows]


def describe_utterance(*, session: Session, utterance_id: int) -> Item:
    """The utterance with each rendering: its article, outlet, words, cue and differences."""
    row = session.execute(sa_select(*COLUMNS).where(col(Utterance.id) == utterance_id)).first()
    if row is None:
        raise NotFound(f"No utterance with id {utterance_id}.")
    item = build_utterances(session, [row])[0]
    rows: list[Any] = session.execute(
        sa_select(Quote.id, Quote.article_id, Article.published_at, Quote.text, Quote.cue,
                  Quote.kind, Article.title, Article.duplicate_of_id, Outlet.slug)
        .join(Article, col(Article.id) == Quote.article_id)
        .join(Outlet, col(Outlet.id) == Quote.outlet_id, isouter=True)
        .where(Quote.utterance_id == utterance_id)
        .order_by(col(Quote.reported_at), col(Quote.id))).all()
    renderings = []
    for quote_id, article_id, published_at, text, cue, kind, title, duplicate_of, outlet in rows:
        diff = diff_rendering(row.text, text)
        renderings.append({
            "quote_id": quote_id, "article_id": article_id, "article_title": title,
            "outlet": outlet, "published_at": published_at, "text": text, "cue": cue,
            "kind": kind, "duplicate": duplicate_of is not None,
            "differences": {"added": list(diff.added), "missing": list(diff.missing),
                            "changed": [list(pair) for pair in diff.changed]}})
    return item | {"renderings": renderings}
