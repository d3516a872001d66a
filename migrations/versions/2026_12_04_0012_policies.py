"""policies: organization_attributes (enterprise attributes the policy rules ask about, verified by a bureau)

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-04 22:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'organization_attributes',
        sa.Column('organization_id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('canonical', sa.String(length=100), nullable=False),
        sa.Column('evidence', sa.String(length=500), nullable=True),
        sa.Column('verified_by', sa.Uuid(), nullable=True),
        sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_organization_attributes_organization_id_organizations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['verified_by'], ['users.id'],
                                name=op.f('fk_organization_attributes_verified_by_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_attributes')),
        sa.UniqueConstraint('organization_id', 'canonical', name=op.f('uq_organization_attributes_organization_id')),
    )  # fmt: skip
    op.create_index(op.f('ix_organization_attributes_organization_id'), 'organization_attributes', ['organization_id'])
    op.create_index(op.f('ix_organization_attributes_canonical'), 'organization_attributes', ['canonical'])


def downgrade() -> None:
    op.drop_index(op.f('ix_organization_attributes_canonical'), table_name='organization_attributes')
    op.drop_index(op.f('ix_organization_attributes_organization_id'), table_name='organization_attributes')
    op.drop_table('organization_attributes')
