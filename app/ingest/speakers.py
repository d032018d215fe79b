"""The stored speaker each quoted person is, across articles and outlets; new ones created.

Each article's people are kept (article_speaker) with the record they were given, so that the
records can be settled after the batch (app.ingest.speaker_merges) and rebuilt from scratch
(app.ingest.resolve)."""
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from app.ingest.inserts import insert_ignoring_duplicates, insert_returning_ids, insert_rows
from app.ingest.speaker_merges import free_slugs
from app.models import ArticleSpeaker, Speaker, SpeakerAlias, utcnow
from app.nlp.identity import (
    article_role,
    family_key,
    fragments,
    match_speaker,
    names_a_place,
    names_no_one,
    speaker_name,
)
from app.nlp.people import slugify
from app.nlp.records import Person
from app.nlp.speaker_roles import role_words

# Speaker resolution reads families of records, then adds and merges records: on PostgreSQL,
# writers take this transaction-level advisory lock around it, one at a time (on SQLite the
# database's single writer already serialises them).
RESOLUTION_LOCK = 0x5EA1_0016


@dataclass(slots=True)
class SpeakerRow:
    """What resolution reads of a speaker: plain attributes, no ORM bookkeeping."""
    id: int | None
    name: str
    slug: str
    family_key: str
    is_organization: bool
    articles: int = 0  # articles quoting it, for telling whom a bare surname names
    role_words: set[str] = field(default_factory=set)  # the job words of its roles, likewise


@dataclass
class KnownSpeakers:
    """Speaker families read in this transaction (family key -> records, oldest first, the
    merged fragments left out), and what the batch touched and merged, for settling the records
    after it (app.ingest.speaker_merges)."""
    families: dict[str, list[SpeakerRow]] = field(default_factory=dict)
    touched_speakers: set[int] = field(default_factory=set)  # whose name or role may change
    merges: list[tuple[SpeakerRow, SpeakerRow]] = field(default_factory=list)
    """(fragment, record it belongs to), decided after each article, applied after the batch."""


def resolve_speakers(*, session: Session, people: Sequence[Sequence[Person]],
                     article_ids: Sequence[int], known: KnownSpeakers
                     ) -> list[dict[str, SpeakerRow]]:
    """The stored speaker each person of each article is (the same person across articles),
    creating new ones; one dict per article, by the person's name there (a person whose name
    names no one, "He", is left out).

    A batch of articles costs a few statements: its families are read once, and the speakers
    it adds are stored together (a later article's person may already match one of them)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RESOLUTION_LOCK})
    names = {person.name: speaker_name(person.name, is_organization=person.is_organization)
             for article in people for person in article}
    keys = {written: family_key(name.name) for written, name in names.items()}
    families = known.families
    if missing := set(keys.values()) - families.keys():
        for key in missing:
            families[key] = []
        articles = select(func.count()).where(
            ArticleSpeaker.speaker_id == Speaker.id).scalar_subquery()
        for row in session.execute(select(
                Speaker.id, Speaker.name, Speaker.slug, Speaker.family_key,
                Speaker.is_organization, articles).where(col(Speaker.family_key).in_(missing))
                .order_by(Speaker.id)):
            families[row.family_key].append(SpeakerRow(*row))
        _read_role_words([s for key in missing for s in families[key]], session)
    resolved: list[dict[str, SpeakerRow]] = []
    new: list[SpeakerRow] = []
    for article in people:
        resolved.append({})
        for person in article:
            name = names[person.name]
            if names_no_one(name):
                continue
            words = role_words(article_role(person.name, person.role,
                                            is_organization=person.is_organization))
            speaker = match_speaker(name, families[keys[person.name]], words)
            if names_a_place(name) and (speaker is None or speaker.name == name.name):
                continue  # a place that names no person of the corpus
            if speaker is None:  # stored below, all at once; a later person may still match it
                speaker = SpeakerRow(None, name.name[:300], slugify(name.name) or "speaker",
                                     keys[person.name], name.is_organization)
                new.append(speaker)
                families[keys[person.name]].append(speaker)
            resolved[-1][person.name] = speaker
            speaker.articles += 1
            speaker.role_words |= words
        for key in {keys[person.name] for person in article}:
            for fragment, into in fragments(families[key]):
                families[key].remove(fragment)
                into.articles += fragment.articles
                into.role_words |= fragment.role_words
                known.merges.append((fragment, into))
    if new:
        _insert_speakers(session, new)
    # a record's name and role change only with a form other than its name, or a role
    known.touched_speakers.update(
        speaker.id for article, found in zip(people, resolved, strict=True)
        for person in article if person.name in found for speaker in [found[person.name]]
        if speaker.id and (names[person.name].name != speaker.name or article_role(
            person.name, person.role, is_organization=person.is_organization)))
    insert_rows(session, ArticleSpeaker.__table__, [  # type: ignore[attr-defined]
        dict(article_id=article_id, speaker_id=found[person.name].id, name=person.name[:300],
             role=person.role and person.role[:300], is_organization=person.is_organization,
             aliases="\n".join(person.aliases))
        for article_id, article, found in zip(article_ids, people, resolved, strict=True)
        for person in article if person.name in found])
    aliases = {(speaker.id, alias[:300]) for article, found in zip(people, resolved, strict=True)
               for person in article if person.name in found
               for speaker in [found[person.name]]
               for alias in _aliases(person) if alias != speaker.name}
    if aliases:
        insert_ignoring_duplicates(session, SpeakerAlias, [
            dict(speaker_id=speaker_id, alias=alias) for speaker_id, alias in sorted(aliases)])
    return resolved


def _read_role_words(speakers: Sequence[SpeakerRow], session: Session) -> None:
    """The job words of the roles the stored articles give these speakers."""
    by_id = {speaker.id: speaker for speaker in speakers}
    for speaker_id, name, role, is_organization in session.execute(select(
            ArticleSpeaker.speaker_id, ArticleSpeaker.name, ArticleSpeaker.role,
            ArticleSpeaker.is_organization).distinct().where(
            col(ArticleSpeaker.speaker_id).in_(by_id))).all():
        by_id[speaker_id].role_words |= role_words(article_role(
            name, role, is_organization=is_organization))


def _aliases(person: Person) -> set[str]:
    """The names an article uses for the person, without the titles and lead words."""
    return {speaker_name(form, is_organization=person.is_organization).name
            for form in (person.name, *person.aliases)}


def _insert_speakers(session: Session, speakers: Sequence[SpeakerRow]) -> None:
    for speaker, slug in zip(speakers, free_slugs(session, [s.slug for s in speakers]),
                             strict=True):
        speaker.slug = slug
    now = utcnow()
    ids = insert_returning_ids(session, Speaker.__table__, [  # type: ignore[attr-defined]
        dict(name=s.name, slug=s.slug, family_key=s.family_key, role=None,
             is_organization=s.is_organization, quote_count=0, created_at=now, updated_at=now)
        for s in speakers])
    for speaker, speaker_id in zip(speakers, ids, strict=True):
        speaker.id = speaker_id
