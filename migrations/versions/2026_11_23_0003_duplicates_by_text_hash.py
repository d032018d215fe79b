"""duplicates by text hash: article.text_hash, the body's hash without its headline

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:19:56
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy), so SQLite keeps the full-text triggers on `article`.
    op.add_column('article', sa.Column('text_hash', sa.String(length=64), nullable=False,
                                       server_default=''))
    op.create_index('ix_article_text_hash', 'article', ['text_hash'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_article_text_hash', table_name='article')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_column('text_hash')
