"""Framing: how each outlet renders a speaker (cue verbs, direct quotes vs. reported speech)."""
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Outlet, Quote, Speaker


class Framing(BaseModel):
    """One outlet's rendering of one speaker."""

    outlet: str | None = Field(description="Outlet slug (null for articles without an outlet).")
    speaker: str | None = Field(default=None, description="Speaker slug.")
    quotes: int
    direct_share: float = Field(description="Share of direct quotes; the rest is reported speech.")
    cues: dict[str, int] = Field(description="Cue verbs as written, most used first.")


def _framings(rows: list[Any]) -> list[Framing]:
    grouped: dict[tuple[str | None, str | None], dict[str, Any]] = defaultdict(
        lambda: {"direct": 0, "total": 0, "cues": defaultdict(int)})
    for outlet, speaker, kind, cue, n in rows:
        entry = grouped[(outlet, speaker)]
        entry["total"] += n
        entry["direct"] += n if kind == "direct" else 0
        if cue:
            entry["cues"][cue.lower()] += n
    return sorted((Framing(
        outlet=outlet, speaker=speaker, quotes=e["total"],
        direct_share=round(e["direct"] / e["total"], 3),
        cues=dict(sorted(e["cues"].items(), key=lambda kv: (-kv[1], kv[0]))),
    ) for (outlet, speaker), e in grouped.items()), key=lambda f: (-f.quotes, f.outlet or ""))


def _statement(*conditions: Any) -> Any:
    return (select(Outlet.slug, Speaker.slug, Quote.kind, Quote.cue, func.count())
            .select_from(Quote)
            .join(Article, col(Article.id) == Quote.article_id)
            .join(Outlet, col(Outlet.id) == Quote.outlet_id, isouter=True)
            .join(Speaker, col(Speaker.id) == Quote.speaker_id, isouter=True)
            .where(col(Article.duplicate_of_id).is_(None), col(Quote.headline).is_(False),
                   *conditions)
            .group_by(Outlet.slug, Speaker.slug, Quote.kind, Quote.cue))


def frame_speaker(*, session: Session, speaker_id: int) -> list[Framing]:
    """Per outlet: the cue verbs used for this speaker and the share of direct quotes."""
    rows = session.exec(_statement(Quote.speaker_id == speaker_id)).all()
    return [f.model_copy(update={"speaker": None}) for f in _framings(list(rows))]


def frame_outlet(*, session: Session, outlet_id: int, limit: int = 50) -> list[Framing]:
    """Per speaker this outlet quotes: its cue verbs and share of direct quotes."""
    rows = session.exec(_statement(Quote.outlet_id == outlet_id,
                                   col(Quote.speaker_id).is_not(None))).all()
    return [f.model_copy(update={"outlet": None}) for f in _framings(list(rows))][:limit]
