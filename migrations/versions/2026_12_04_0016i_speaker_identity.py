"""speaker identity: the people each article quotes (article_speaker), and the slugs of merged
or renamed speakers (speaker_redirect)

Revision ID: 0016ia
Revises: 0016a
Create Date: 2026-12-04 19:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0016ia'
down_revision: str | None = '0016a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'speaker_redirect',
        sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('speaker_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('slug'),
    )
    op.create_index('ix_speaker_redirect_speaker_id', 'speaker_redirect', ['speaker_id'])
    op.create_table(
        'article_speaker',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('speaker_id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column('is_organization', sa.Boolean(), nullable=False),
        sa.Column('aliases', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('article_id', 'name'),
    )
    op.create_index('ix_article_speaker_speaker_id', 'article_speaker', ['speaker_id'])


def downgrade() -> None:
    op.drop_index('ix_article_speaker_speaker_id', table_name='article_speaker')
    op.drop_table('article_speaker')
    op.drop_index('ix_speaker_redirect_speaker_id', table_name='speaker_redirect')
    op.drop_table('speaker_redirect')
