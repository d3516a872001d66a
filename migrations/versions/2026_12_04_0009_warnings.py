"""warnings kept with listings and demands (unusual spec values, specs that were not understood)

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-04 22:40:00+00:00

Typical spec ranges no longer reject a row: a value outside them is stored and the warning with
it, so the bureau's reviewer sees it (GET /reviews, GET /listings/{id}).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0009'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("listings", "demands"):
        op.add_column(
            table,
            sa.Column('warnings', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"),
                      nullable=False),
        )


def downgrade() -> None:
    for table in ("listings", "demands"):
        op.drop_column(table, 'warnings')
