"""topic edits and change times: topic.edited_at; updated_at on topic, outlet and entity

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGED = ('topic', 'outlet', 'entity')
BEFORE = '2026-11-23 00:00:00'


def upgrade() -> None:
    op.add_column('topic', sa.Column('edited_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                     nullable=True))
    for table in CHANGED:
        # A plain ADD COLUMN (no batch copy). SQLite refuses a non-constant default on a table
        # with rows, so rows stored before this revision are dated by the revision itself.
        op.add_column(table, sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                       nullable=False, server_default=BEFORE))
        op.create_index(f'ix_{table}_updated_at', table, ['updated_at'], unique=False)


def downgrade() -> None:
    for table in CHANGED:
        op.drop_index(f'ix_{table}_updated_at', table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_at')
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
