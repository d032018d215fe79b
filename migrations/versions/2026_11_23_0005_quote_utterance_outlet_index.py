"""quote (utterance_id, outlet_id) index: utterance counts kept up to date without recounting

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:10:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_quote_utterance_outlet', 'quote', ['utterance_id', 'outlet_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_quote_utterance_outlet', table_name='quote')
