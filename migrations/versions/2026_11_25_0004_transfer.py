"""transfer: demands.origin (where a generated demand came from, e.g. an asset-ledger row and its rules)

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-25 18:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('demands', sa.Column('origin', postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column('demands', 'origin')
