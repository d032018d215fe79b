"""quote content: the reported clause around a partial quote, as served in QuotePublic.content

Revision ID: 0016a
Revises: 0008
Create Date: 2026-12-04 15:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016a'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('quote', sa.Column('content_text', sa.Text(), nullable=True))
    op.add_column('quote', sa.Column('content_start', sa.Integer(), nullable=True))
    op.add_column('quote', sa.Column('content_end', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quote') as batch:
        batch.drop_column('content_end')
        batch.drop_column('content_start')
        batch.drop_column('content_text')
