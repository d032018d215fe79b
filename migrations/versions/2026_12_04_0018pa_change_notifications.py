"""change notifications: on PostgreSQL every write to a table sends NOTIFY newsquotes_changed
when its transaction commits, so the response cache of each API process knows this database
changed (and not another one on the same server). Nothing on SQLite (PRAGMA data_version).

Revision ID: 0018pa
Revises: 0016ia
Create Date: 2026-12-04 19:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0018pa'
down_revision: str | None = '0016ia'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('entity', 'outlet', 'speaker', 'story', 'topic', 'article', 'speaker_alias',
          'utterance', 'article_entity', 'article_topic', 'quote', 'quote_topic',
          'article_speaker', 'speaker_redirect')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE OR REPLACE FUNCTION newsquotes_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('newsquotes_changed', '');
            RETURN NULL;
        END $$
    """)
    for table in TABLES:
        op.execute(f'CREATE TRIGGER newsquotes_changed AFTER INSERT OR UPDATE OR DELETE OR '
                   f'TRUNCATE ON "{table}" FOR EACH STATEMENT '
                   f'EXECUTE FUNCTION newsquotes_notify_change()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS newsquotes_changed ON "{table}"')
    op.execute('DROP FUNCTION IF EXISTS newsquotes_notify_change()')
