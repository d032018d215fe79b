"""quote indexes that story candidates read hold the article id: no quote row is read

ix_quote_utterance_id (utterance_id) -> (utterance_id, id, article_id)
ix_quote_speaker_id (speaker_id) -> (speaker_id, id, article_id)
ix_quote_speaker_reported (speaker_id, reported_at) -> (speaker_id, reported_at, article_id)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 08:40:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = {
    'ix_quote_utterance_id': ['utterance_id', 'id', 'article_id'],
    'ix_quote_speaker_id': ['speaker_id', 'id', 'article_id'],
    'ix_quote_speaker_reported': ['speaker_id', 'reported_at', 'article_id'],
}
OLD = {
    'ix_quote_utterance_id': ['utterance_id'],
    'ix_quote_speaker_id': ['speaker_id'],
    'ix_quote_speaker_reported': ['speaker_id', 'reported_at'],
}


def _replace(indexes: dict[str, list[str]]) -> None:
    for name, columns in indexes.items():
        op.drop_index(name, table_name='quote')
        op.create_index(name, 'quote', columns, unique=False)


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    _replace(OLD)
