"""Topic definitions: read from the editable TOML file and mirrored into the `topic` table."""
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import Session, col, select

from app.config import get_settings
from app.models import Topic, utcnow
from app.nlp.records import TopicDefinition
from app.nlp.topics import parse_topic_definitions


def load_topic_definitions(path: Path | None = None) -> tuple[TopicDefinition, ...]:
    """Parse the topic definitions file (default: the one the settings name)."""
    path = path or get_settings().topics_file
    return parse_topic_definitions(path.read_text(encoding="utf-8"))


def effective_topic_definitions(*, session: Session,
                                file_definitions: Sequence[TopicDefinition],
                                ) -> tuple[TopicDefinition, ...]:
    """The file's definitions, where topics edited through the API take their stored form."""
    edited = {topic.slug: TopicDefinition(topic.slug, topic.name, topic.description,
                                          tuple(topic.keywords))
              for topic in session.exec(select(Topic).where(col(Topic.edited_at).is_not(None)))}
    merged = [edited.pop(definition.slug, definition) for definition in file_definitions]
    return (*merged, *sorted(edited.values(), key=lambda definition: definition.slug))


def sync_topics(*, session: Session, definitions: tuple[TopicDefinition, ...]) -> dict[str, Topic]:
    """Create or update one `topic` row per definition; returns them by slug (not committed)."""
    existing = {t.slug: t for t in session.exec(select(Topic)).all()}
    for definition in definitions:
        topic = existing.get(definition.slug)
        fields = dict(name=definition.name, description=definition.description,
                      keywords=list(definition.keywords))
        if topic is None:
            topic = Topic(slug=definition.slug, **fields)
        elif topic.edited_at is not None or all(
                getattr(topic, name) == value for name, value in fields.items()):
            continue  # edited through the API, or unchanged: no write, so no contention
        else:
            topic.sqlmodel_update(fields | {"updated_at": utcnow()})
        session.add(topic)
        existing[definition.slug] = topic
    session.flush()
    return existing
