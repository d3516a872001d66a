"""lists: the review queue (when a listing entered it) and the demand-expiry scan

Revision ID: 0003
Revises: 0004
Create Date: 2026-11-25 18:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('listings', sa.Column('review_requested_at', sa.DateTime(timezone=True), nullable=True))
    # Listings already waiting when this runs keep their place by their last change.
    op.execute("UPDATE listings SET review_requested_at = updated_at WHERE review_status = 'pending'")
    op.create_index(
        'ix_listings_review_queue', 'listings', ['review_status', 'review_requested_at'], unique=False,
        postgresql_where=sa.text("status = 'published'"),
    )
    op.create_index(
        'ix_demands_expiry', 'demands', ['expires_at'], unique=False,
        postgresql_where=sa.text("status = 'published'"),
    )


def downgrade() -> None:
    op.drop_index('ix_demands_expiry', table_name='demands', postgresql_where=sa.text("status = 'published'"))
    op.drop_index('ix_listings_review_queue', table_name='listings', postgresql_where=sa.text("status = 'published'"))
    op.drop_column('listings', 'review_requested_at')
