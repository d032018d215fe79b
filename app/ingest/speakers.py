"""The stored speaker each quoted person is, across articles and outlets; new ones created."""
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from app.ingest.inserts import insert_ignoring_duplicates, insert_returning_ids
from app.models import Speaker, SpeakerAlias, utcnow
from app.nlp.identity import (
    clean_role,
    family_key,
    match_speaker,
    names_no_one,
    speaker_name,
)
from app.nlp.people import slugify
from app.nlp.records import Person


@dataclass(slots=True)
class SpeakerRow:
    """What resolution reads of a speaker: plain attributes, no ORM bookkeeping."""
    id: int | None
    name: str
    slug: str
    family_key: str
    role: str | None
    is_organization: bool


KnownSpeakers = dict[str, list[SpeakerRow]]  # family key -> speakers, read once per transaction


def resolve_speakers(*, session: Session, people: Sequence[Sequence[Person]],
                     known: KnownSpeakers | None = None) -> list[dict[str, SpeakerRow]]:
    """The stored speaker each person of each article is (the same person across articles),
    creating new ones; one dict per article, by the person's name there.

    A batch of articles costs a few statements: its families are read once, and the speakers
    it adds are stored together (a later article's person may already match one of them)."""
    known = known if known is not None else {}
    names = {person.name: speaker_name(person.name, is_organization=person.is_organization)
             for article in people for person in article}
    keys = {written: family_key(name.name) for written, name in names.items()}
    if missing := set(keys.values()) - known.keys():
        for key in missing:
            known[key] = []
        for row in session.execute(select(
                Speaker.id, Speaker.name, Speaker.slug, Speaker.family_key, Speaker.role,
                Speaker.is_organization).where(col(Speaker.family_key).in_(missing))
                .order_by(Speaker.id)):
            known[row.family_key].append(SpeakerRow(*row))
    resolved: list[dict[str, SpeakerRow]] = []
    new: list[SpeakerRow] = []
    roles: dict[int, str] = {}
    for article in people:
        resolved.append({})
        for person in article:
            name = names[person.name]
            if names_no_one(name):
                continue
            role = clean_role(name.role or person.role)
            speaker = match_speaker(name, known[keys[person.name]])
            if speaker is None:  # stored below, all at once; a later person may still match it
                speaker = SpeakerRow(None, name.name[:300], slugify(name.name) or "speaker",
                                     keys[person.name], role, name.is_organization)
                new.append(speaker)
                known[keys[person.name]].append(speaker)
            elif role and not speaker.role:
                speaker.role = role
                if speaker.id is not None:
                    roles[speaker.id] = speaker.role
            resolved[-1][person.name] = speaker
    if new:
        _insert_speakers(session, new)
    if roles:
        table = Speaker.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("row_id")).values(
                role=bindparam("new_role"), updated_at=utcnow()),
            [dict(row_id=speaker_id, new_role=role) for speaker_id, role in roles.items()])
    aliases = {(speaker.id, alias[:300]) for article, found in zip(people, resolved, strict=True)
               for person in article if person.name in found for speaker in [found[person.name]]
               for alias in _aliases(person) if alias != speaker.name}
    if aliases:
        insert_ignoring_duplicates(session, SpeakerAlias, [
            dict(speaker_id=speaker_id, alias=alias) for speaker_id, alias in sorted(aliases)])
    return resolved


def _aliases(person: Person) -> set[str]:
    """The names an article uses for the person, without the titles and lead words."""
    return {speaker_name(form, is_organization=person.is_organization).name
            for form in (person.name, *person.aliases)}


def _insert_speakers(session: Session, speakers: Sequence[SpeakerRow]) -> None:
    _give_free_slugs(session, speakers)
    now = utcnow()
    ids = insert_returning_ids(session, Speaker.__table__, [  # type: ignore[attr-defined]
        dict(name=s.name, slug=s.slug, family_key=s.family_key, role=s.role,
             is_organization=s.is_organization, quote_count=0, created_at=now, updated_at=now)
        for s in speakers])
    for speaker, speaker_id in zip(speakers, ids, strict=True):
        speaker.id = speaker_id


def _give_free_slugs(session: Session, speakers: Sequence[SpeakerRow]) -> None:
    """Turn each new speaker's wanted slug into a free one (`name`, `name-2`, ...)."""
    wanted = {speaker.slug for speaker in speakers}
    taken = set(session.exec(select(Speaker.slug).where(col(Speaker.slug).in_(wanted))).all())
    for slug in sorted(taken):  # only then are `slug-2`, `slug-3`... looked for
        # a range, not LIKE: SQLite's case-blind LIKE can't use the slug index (slugs are ASCII)
        taken.update(session.exec(select(Speaker.slug).where(
            col(Speaker.slug) >= slug + "-", col(Speaker.slug) < slug + "-\x7f")).all())
    for speaker in speakers:
        slug, n = speaker.slug, 2
        while speaker.slug in taken:
            speaker.slug, n = f"{slug}-{n}", n + 1
        taken.add(speaker.slug)
