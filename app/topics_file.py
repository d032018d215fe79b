"""Topic definitions: read from the editable TOML file and mirrored into the `topic` table."""
from pathlib import Path

from sqlmodel import Session, select

from app.config import get_settings
from app.models import Topic
from app.nlp.records import TopicDefinition
from app.nlp.topics import parse_topic_definitions


def load_topic_definitions(path: Path | None = None) -> tuple[TopicDefinition, ...]:
    """Parse the topic definitions file (default: the one the settings name)."""
    path = path or get_settings().topics_file
    return parse_topic_definitions(path.read_text(encoding="utf-8"))


def sync_topics(*, session: Session, definitions: tuple[TopicDefinition, ...]) -> dict[str, Topic]:
    """Create or update one `topic` row per definition; returns them by slug (not committed)."""
    existing = {t.slug: t for t in session.exec(select(Topic)).all()}
    for definition in definitions:
        topic = existing.get(definition.slug)
        fields = dict(name=definition.name, description=definition.description,
                      keywords=list(definition.keywords))
        if topic is None:
            topic = Topic(slug=definition.slug, **fields)
        elif all(getattr(topic, name) == value for name, value in fields.items()):
            continue  # unchanged: no write, so concurrent ingests don't contend on topic rows
        else:
            topic.sqlmodel_update(fields)
        session.add(topic)
        existing[definition.slug] = topic
    session.flush()
    return existing
