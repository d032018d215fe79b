"""Utterances: the same spoken words, every outlet's rendering of them."""
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import (
    Article,
    Outlet,
    Quote,
    Rendering,
    RenderingDiffPublic,
    Speaker,
    SpeakerRef,
    Utterance,
    UtteranceDetail,
    UtterancePublic,
)
from app.nlp.utterances import diff_rendering
from app.pagination import decode_cursor, encode_cursor
from app.services.keyset import SortKey, fetch_page
from app.services.quotes import resolve_outlet_ids, resolve_speaker_ids, resolve_topic_ids

SORT = "-outlets"
KEYS = [SortKey(col(Utterance.outlet_count), descending=True),
        SortKey(col(Utterance.quote_count), descending=True),
        SortKey(col(Utterance.id), descending=True)]


def list_utterances(*, session: Session, speaker: str | None, topic: str | None,
                    outlet: str | None, min_outlets: int, cursor: str | None,
                    limit: int, updated_since: datetime | None = None,
                    ) -> tuple[list[UtterancePublic], str | None]:
    """Utterances carried by the most outlets first."""
    statement = sa_select(Utterance).where(col(Utterance.outlet_count) >= min_outlets)
    if updated_since is not None:
        statement = statement.where(col(Utterance.updated_at) >= updated_since)
    if speaker is not None:
        statement = statement.where(col(Utterance.speaker_id).in_(
            resolve_speaker_ids(session=session, key=speaker)))
    if topic is not None:
        from app.models import QuoteTopic

        statement = statement.where(col(Utterance.id).in_(
            sa_select(Quote.utterance_id).join(QuoteTopic, col(QuoteTopic.quote_id) == Quote.id)
            .where(col(QuoteTopic.topic_id).in_(resolve_topic_ids(session=session,
                                                                  slugs=[topic])))))
    if outlet is not None:
        statement = statement.where(col(Utterance.id).in_(
            sa_select(Quote.utterance_id).where(col(Quote.outlet_id).in_(
                resolve_outlet_ids(session=session, slug=outlet)))))
    after = decode_cursor(cursor, sort=SORT, types=[int, int, int])
    rows, next_key = fetch_page(session=session, statement=statement, keys=KEYS, after=after,
                                limit=limit)
    items = build_utterance_publics(session=session, utterances=[row[0] for row in rows])
    return items, encode_cursor(sort=SORT, key=next_key) if next_key else None


def _speaker_refs(session: Session, ids: set[int | None]) -> dict[int, SpeakerRef]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(Speaker.id, Speaker.slug, Speaker.name)
                        .where(col(Speaker.id).in_(wanted))).all()
    return {i: SpeakerRef(id=i, slug=slug, name=name) for i, slug, name in rows}  # type: ignore[misc]


def outlets_by_utterance(*, session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """Slugs of the outlets that carried each utterance (duplicates left out)."""
    rows = session.exec(
        select(Quote.utterance_id, Outlet.slug).join(Outlet, col(Outlet.id) == Quote.outlet_id)
        .join(Article, col(Article.id) == Quote.article_id)
        .where(col(Quote.utterance_id).in_(ids), col(Article.duplicate_of_id).is_(None))
        .distinct()).all()
    found: dict[int, list[str]] = defaultdict(list)
    for utterance_id, slug in sorted(rows, key=lambda r: (r[0] or 0, r[1])):
        found[utterance_id].append(slug)  # type: ignore[index]
    return found


def build_utterance_publics(*, session: Session,
                            utterances: Sequence[Utterance]) -> list[UtterancePublic]:
    speakers = _speaker_refs(session, {u.speaker_id for u in utterances})
    outlets = outlets_by_utterance(session=session, ids=[u.id for u in utterances if u.id])
    return [UtterancePublic(id=u.id or 0, text=u.text, speaker=speakers.get(u.speaker_id or 0),
                            first_reported_at=u.first_reported_at, quote_count=u.quote_count,
                            outlet_count=u.outlet_count, outlets=outlets.get(u.id or 0, []))
            for u in utterances]


def describe_utterance(*, session: Session, utterance_id: int) -> UtteranceDetail:
    """The utterance with each rendering: its article, outlet, words, cue and differences."""
    utterance = session.get(Utterance, utterance_id)
    if utterance is None:
        raise NotFound(f"No utterance with id {utterance_id}.")
    public = build_utterance_publics(session=session, utterances=[utterance])[0]
    rows: list[Any] = session.exec(
        select(Quote, Article.title, Article.duplicate_of_id, Outlet.slug)
        .join(Article, col(Article.id) == Quote.article_id)
        .join(Outlet, col(Outlet.id) == Quote.outlet_id, isouter=True)
        .where(Quote.utterance_id == utterance_id)
        .order_by(col(Quote.reported_at), col(Quote.id))).all()
    renderings = []
    for quote, title, duplicate_of, outlet in rows:
        diff = diff_rendering(utterance.text, quote.text)
        renderings.append(Rendering(
            quote_id=quote.id, article_id=quote.article_id, article_title=title, outlet=outlet,
            reported_at=quote.reported_at, text=quote.text, cue=quote.cue, kind=quote.kind,
            duplicate=duplicate_of is not None,
            differences=RenderingDiffPublic(added=list(diff.added), missing=list(diff.missing),
                                            changed=[list(c) for c in diff.changed])))  # type: ignore[misc]
    return UtteranceDetail(**public.model_dump(), renderings=renderings)
