"""Framing: how each outlet renders a speaker (cue verbs, direct quotes vs. reported speech)."""
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Outlet, Quote, Speaker, SpeakerRef


class Framing(BaseModel):
    """One outlet's rendering of one speaker."""

    outlet: str | None = Field(default=None, description="Outlet slug (in a speaker's framing).",
                               examples=["euractiv"])
    speaker: SpeakerRef | None = Field(default=None, description="Speaker (in an outlet's).")
    quote_count: int = Field(description="Quotes of the speaker in the outlet, with or without "
                             "a cue (headlines and duplicates left out).", examples=[9])
    direct_share: float = Field(description="Share of direct quotes; the rest is reported "
                                "speech.", examples=[0.667])
    cues: dict[str, int] = Field(description="Cue verbs in lower case, with how often each is "
                                 "used, most used first.", examples=[{"said": 6, "told": 2}])


def _framings(rows: list[Any]) -> list[Framing]:
    grouped: dict[tuple[str | None, int | None], dict[str, Any]] = defaultdict(
        lambda: {"direct": 0, "total": 0, "cues": defaultdict(int)})
    speakers: dict[int | None, SpeakerRef | None] = {None: None}
    for outlet, speaker_id, slug, name, kind, cue, n in rows:
        if speaker_id not in speakers:
            speakers[speaker_id] = SpeakerRef(id=speaker_id, slug=slug, name=name)
        entry = grouped[(outlet, speaker_id)]
        entry["total"] += n
        entry["direct"] += n if kind == "direct" else 0
        if cue:
            entry["cues"][cue.lower()] += n
    return sorted((Framing(
        outlet=outlet, speaker=speakers[speaker_id], quote_count=e["total"],
        direct_share=round(e["direct"] / e["total"], 3),
        cues=dict(sorted(e["cues"].items(), key=lambda kv: (-kv[1], kv[0]))),
    ) for (outlet, speaker_id), e in grouped.items()),
        key=lambda f: (-f.quote_count, f.outlet or "", f.speaker.id if f.speaker else 0))


def _statement(*conditions: Any) -> Any:
    return (select(Outlet.slug, Speaker.id, Speaker.slug, Speaker.name, Quote.kind, Quote.cue,
                   func.count())
            .select_from(Quote)
            .join(Article, col(Article.id) == Quote.article_id)
            .join(Outlet, col(Outlet.id) == Quote.outlet_id, isouter=True)
            .join(Speaker, col(Speaker.id) == Quote.speaker_id, isouter=True)
            .where(col(Article.duplicate_of_id).is_(None), col(Quote.headline).is_(False),
                   *conditions)
            .group_by(Outlet.slug, Speaker.id, Speaker.slug, Speaker.name, Quote.kind,
                      Quote.cue))


def frame_speaker(*, session: Session, speaker_id: int) -> list[Framing]:
    """Per outlet: the cue verbs used for this speaker and the share of direct quotes."""
    rows = session.exec(_statement(Quote.speaker_id == speaker_id)).all()
    return [f.model_copy(update={"speaker": None}) for f in _framings(list(rows))]


def frame_outlet(*, session: Session, outlet_id: int, limit: int = 50) -> list[Framing]:
    """Per speaker this outlet quotes: its cue verbs and share of direct quotes."""
    rows = session.exec(_statement(Quote.outlet_id == outlet_id,
                                   col(Quote.speaker_id).is_not(None))).all()
    return [f.model_copy(update={"outlet": None}) for f in _framings(list(rows))][:limit]
