"""worker: the transactional outbox, notifications and procrastinate's task-queue schema

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:43:09.325343+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from procrastinate import PsycopgConnector
from procrastinate.schema import SchemaManager
from sqlalchemy.dialects import postgresql
from sqlalchemy.util import await_

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outbox_events',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('topic', sa.String(length=64), nullable=False),
    sa.Column('entity_type', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.UUID(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('available_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_events'))
    )
    op.create_table('notifications',
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('entity_type', sa.String(length=32), nullable=True),
    sa.Column('entity_id', sa.UUID(), nullable=True),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_notifications_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    op.create_index('ix_notifications_org_created', 'notifications', ['organization_id', 'created_at'], unique=False)
    op.create_index('ix_outbox_events_pending', 'outbox_events', ['available_at', 'id'], unique=False, postgresql_where=sa.text('processed_at IS NULL'))
    # procrastinate's own schema (tables procrastinate_*, its types and functions), as shipped by the
    # installed procrastinate; later procrastinate upgrades come as migrations of their own.
    # The schema is a multi-statement script: asyncpg runs those only unprepared, on its own connection.
    driver_connection = op.get_bind().connection.driver_connection
    await_(driver_connection.execute(SchemaManager(PsycopgConnector()).get_schema()))


def downgrade() -> None:
    op.drop_index('ix_notifications_org_created', table_name='notifications')
    op.drop_table('notifications')
    op.execute("DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, procrastinate_workers CASCADE")
    op.execute(
        """
        DO $$ DECLARE f record; BEGIN
          FOR f IN SELECT oid::regprocedure AS sig FROM pg_proc WHERE proname LIKE 'procrastinate\\_%' LOOP
            EXECUTE 'DROP FUNCTION IF EXISTS ' || f.sig || ' CASCADE';
          END LOOP;
        END $$;
        """
    )
    op.execute("DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_event_type, procrastinate_job_status CASCADE")
    op.drop_index('ix_outbox_events_pending', table_name='outbox_events', postgresql_where=sa.text('processed_at IS NULL'))
    op.drop_table('outbox_events')
