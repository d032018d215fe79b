"""Speaker records settled after a batch: the fragments of one person merged into the record
holding the person's full name (their slugs kept as redirects), and each record given the name
and role its articles use most. The decisions are app.nlp.identity's; this applies them."""
from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Protocol

from sqlalchemy import bindparam, delete, func, null, update
from sqlmodel import Session, col, select

from app.ingest.inserts import insert_ignoring_duplicates
from app.models import (
    Article,
    ArticleSpeaker,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerRedirect,
    Utterance,
    utcnow,
)
from app.nlp.identity import article_role, record_name, speaker_name
from app.nlp.people import slugify
from app.nlp.speaker_roles import record_role


class Merged(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def name(self) -> str: ...

    @property
    def slug(self) -> str: ...


def settle_speakers(*, session: Session, merges: Sequence[tuple[Merged, Merged]],
                    speaker_ids: Collection[int]) -> None:
    """Merge each fragment into the record it belongs to (app.ingest.speakers decides which,
    article after article), then bring the name and role of every record touched up to date."""
    into_of = {fragment.id: into for fragment, into in merges}
    final = []
    for fragment, into in merges:
        while into.id in into_of:  # merged itself later in the batch
            into = into_of[into.id]
        final.append((fragment, into))
    merge_speakers(session=session, merges=final)
    merged = {fragment.id for fragment, _ in final}
    refresh_speakers(session=session, speaker_ids=(set(speaker_ids) - merged)  # type: ignore[arg-type]
                     | {into.id for _, into in final})


def merge_speakers(*, session: Session, merges: Sequence[tuple[Merged, Merged]]) -> None:
    """Move each fragment's quotes, utterances, articles, aliases and redirects to the record it
    belongs to, keep its slug as a redirect there, and delete it."""
    ids = {speaker.id for pair in merges for speaker in pair}
    alive = set(session.execute(select(Speaker.id).where(col(Speaker.id).in_(ids))).scalars())
    merges = [(a, b) for a, b in merges if a.id in alive and b.id in alive]  # orphans deleted
    if not merges:
        return
    moves = [dict(old=fragment.id, new=into.id) for fragment, into in merges]
    connection = session.connection()
    for table in (Quote, Utterance, ArticleSpeaker, SpeakerRedirect):
        connection.execute(update(table).where(  # type: ignore[arg-type]
            table.speaker_id == bindparam("old")).values(speaker_id=bindparam("new")), moves)  # type: ignore[attr-defined]
    into_of = {fragment.id: into.id for fragment, into in merges}
    aliases = {(into_of[owner], alias) for owner, alias in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(
            col(SpeakerAlias.speaker_id).in_(into_of))).all()}
    aliases |= {(into.id, fragment.name) for fragment, into in merges}
    insert_ignoring_duplicates(session, SpeakerAlias, [
        dict(speaker_id=owner, alias=alias) for owner, alias in sorted(aliases)])
    session.execute(delete(Speaker).where(col(Speaker.id).in_(into_of)))
    insert_ignoring_duplicates(session, SpeakerRedirect, [
        dict(slug=fragment.slug, speaker_id=into.id) for fragment, into in merges])
    recount_speakers(session=session, speaker_ids=set(into_of.values()))  # type: ignore[arg-type]


def recount_speakers(*, session: Session, speaker_ids: Collection[int] | None = None) -> None:
    """Recompute the quote counts of these speakers (default: every speaker)."""
    # the duplicates left out (few, read through the index), not every original read
    counted = col(Quote.article_id).not_in(select(Article.id).where(
        col(Article.duplicate_of_id).is_not(None)))
    statement = update(Speaker).values(quote_count=select(func.count()).where(
        Quote.speaker_id == Speaker.id, counted).scalar_subquery(), updated_at=utcnow())
    if speaker_ids is not None:
        statement = statement.where(col(Speaker.id).in_(speaker_ids))
    session.execute(statement)


def refresh_speakers(*, session: Session, speaker_ids: Collection[int]) -> None:
    """Give each record the name and role its articles use most (see app.nlp.identity); a
    record renamed keeps its old slug as a redirect."""
    if not speaker_ids:
        return
    names: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str | None]] = defaultdict(list)
    published = func.coalesce(Article.published_at, Article.created_at)
    for speaker_id, name, role, is_organization in session.execute(
            select(ArticleSpeaker.speaker_id, ArticleSpeaker.name, ArticleSpeaker.role,
                   ArticleSpeaker.is_organization).join(Article)
            .where(col(ArticleSpeaker.speaker_id).in_(speaker_ids))
            .order_by(published, Article.id)).all():
        names[speaker_id].append(speaker_name(name, is_organization=is_organization).name)
        roles[speaker_id].append(article_role(name, role, is_organization=is_organization))
    stored = session.execute(select(Speaker.id, Speaker.name, Speaker.slug, Speaker.role).where(
        col(Speaker.id).in_(names))).all()
    changed = []
    for speaker_id, name, slug, role in stored:
        new_name, new_role = record_name(names[speaker_id])[:300], record_role(roles[speaker_id])
        if (new_name, new_role) != (name, role):
            changed.append((speaker_id, name, slug, new_name, new_role))
    if not changed:
        return
    renamed = [(speaker_id, slug, slugify(new_name) or "speaker")
               for speaker_id, name, slug, new_name, _ in changed
               if slugify(new_name) != slugify(name)]
    slugs = {speaker_id: slug for speaker_id, _, slug, _, _ in changed}
    if renamed:
        free = free_slugs(session, [wanted for _, _, wanted in renamed],
                          [speaker_id for speaker_id, _, _ in renamed])
        slugs |= {speaker_id: new for (speaker_id, _, _), new in zip(renamed, free, strict=True)}
        # the old slug moves to the redirects first: it is unique across both tables
        insert_ignoring_duplicates(session, SpeakerRedirect, [
            dict(slug=old, speaker_id=speaker_id) for speaker_id, old, _ in renamed])
    session.connection().execute(update(Speaker).where(Speaker.id == bindparam("row_id")).values(  # type: ignore[arg-type]
        name=bindparam("new_name"), slug=bindparam("new_slug"), role=bindparam("new_role"),
        updated_at=utcnow()), [
        dict(row_id=speaker_id, new_name=new_name, new_slug=slugs[speaker_id], new_role=new_role)
        for speaker_id, _, _, new_name, new_role in changed])


def free_slugs(session: Session, wanted: Sequence[str],
               owners: Sequence[int] | None = None) -> list[str]:
    """Each wanted slug, or `slug-2`, `slug-3`... when a speaker has it or had it (a redirect;
    but a speaker renamed back, one of `owners`, takes its own old slug again): a slug never
    passes to another person, so an old link never reaches someone else, and slugs do not
    depend on when merges happen (resolve gives those of ingestion)."""
    held: dict[str, int | None] = {}  # slug -> the speaker a redirect keeps it for
    for slug_column, holder in ((Speaker.slug, None), (SpeakerRedirect.slug,
                                                      SpeakerRedirect.speaker_id)):
        columns = (slug_column, holder if holder is not None else null())
        rows = dict(session.execute(select(*columns).where(col(slug_column).in_(wanted))).all())
        for slug in sorted(rows):  # only then are `slug-2`, `slug-3`... looked for
            # a range, not LIKE: SQLite's case-blind LIKE can't use the slug index (ASCII slugs)
            rows.update(session.execute(select(*columns).where(
                col(slug_column) >= slug + "-", col(slug_column) < slug + "-\x7f")).all())
        held |= rows
    free, reclaimed = [], []
    for slug, owner in zip(wanted, owners or [None] * len(wanted), strict=True):
        candidate, n = slug, 2
        while candidate in held and (owner is None or held[candidate] != owner):
            candidate, n = f"{slug}-{n}", n + 1
        if candidate in held:
            reclaimed.append(candidate)
        held[candidate] = None
        free.append(candidate)
    if reclaimed:
        session.execute(delete(SpeakerRedirect).where(col(SpeakerRedirect.slug).in_(reclaimed)))
    return free
