"""profiles and deliveries: an organisation's contact profile; per-handler outbox delivery state

Revision ID: 0010
Revises: 0014
Create Date: 2026-12-04 22:30:00+00:00

organizations gains contact_email, address and website (contact_name and contact_phone exist since
0001), so what a buyer reveals on accepting contact is something its admin has set.

outbox_deliveries: one row per (event, handler) once a handler of that event has failed, so each
handler retries on its own back-off and a handler that succeeded is not run again (a Meilisearch
outage no longer holds back re-matching of the same events).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('organizations', sa.Column('contact_email', sa.String(length=254), nullable=True))
    op.add_column('organizations', sa.Column('address', sa.String(length=200), nullable=True))
    op.add_column('organizations', sa.Column('website', sa.String(length=200), nullable=True))
    op.create_table('outbox_deliveries',
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('handler', sa.String(length=200), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('available_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['outbox_events.id'], name=op.f('fk_outbox_deliveries_event_id_outbox_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'handler', name=op.f('pk_outbox_deliveries'))
    )


def downgrade() -> None:
    op.drop_table('outbox_deliveries')
    op.drop_column('organizations', 'website')
    op.drop_column('organizations', 'address')
    op.drop_column('organizations', 'contact_email')
