"""quote (speaker_id, reported_at) index: story candidates read a bounded range per speaker

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_quote_speaker_reported', 'quote', ['speaker_id', 'reported_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_quote_speaker_reported', table_name='quote')
