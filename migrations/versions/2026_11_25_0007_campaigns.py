"""campaigns: group purchases (需者团购+供者让利) — campaigns, offers with their revisions, pledges,
settlements and settlement lines

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-25 16:58:46.401037
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0007'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('campaigns',
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('created_by_user_id', sa.UUID(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category_code', sa.String(length=16), nullable=False),
    sa.Column('region_codes', postgresql.ARRAY(sa.String(length=6)), nullable=False),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('offer_deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pledge_deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('min_total_quantity', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'open', 'settled', 'failed', 'cancelled')", name=op.f('ck_campaigns_status')),
    sa.CheckConstraint('cardinality(region_codes) >= 1', name=op.f('ck_campaigns_region_codes')),
    sa.CheckConstraint('min_total_quantity >= 1', name=op.f('ck_campaigns_min_total_quantity')),
    sa.CheckConstraint('offer_deadline <= pledge_deadline', name=op.f('ck_campaigns_deadlines')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_campaigns_category_code_categories')),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['users.id'], name=op.f('fk_campaigns_created_by_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_campaigns_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns'))
    )
    op.create_index(op.f('ix_campaigns_category_code'), 'campaigns', ['category_code'], unique=False)
    op.create_index(op.f('ix_campaigns_organization_id'), 'campaigns', ['organization_id'], unique=False)
    op.create_index('ix_campaigns_region_codes', 'campaigns', ['region_codes'], unique=False, postgresql_using='gin')
    op.create_index('ix_campaigns_status_deadline', 'campaigns', ['status', 'pledge_deadline'], unique=False)
    op.create_table('offers',
    sa.Column('campaign_id', sa.UUID(), nullable=False),
    sa.Column('listing_id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('unit_list_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('tiers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('max_quantity', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.BigInteger(), sa.Identity(always=True), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('max_quantity IS NULL OR max_quantity >= 1', name=op.f('ck_offers_max_quantity')),
    sa.CheckConstraint('unit_list_price > 0', name=op.f('ck_offers_unit_list_price')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_offers_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_offers_listing_id_listings')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_offers_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    sa.UniqueConstraint('campaign_id', 'listing_id', name='uq_offers_campaign_listing'),
    sa.UniqueConstraint('sequence', name=op.f('uq_offers_sequence'))
    )
    op.create_index(op.f('ix_offers_campaign_id'), 'offers', ['campaign_id'], unique=False)
    op.create_index(op.f('ix_offers_organization_id'), 'offers', ['organization_id'], unique=False)
    op.create_table('pledges',
    sa.Column('campaign_id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('user_id', sa.UUID(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('max_unit_price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sequence', sa.BigInteger(), sa.Identity(always=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('active', 'withdrawn', 'released', 'settled', 'dropped')", name=op.f('ck_pledges_status')),
    sa.CheckConstraint('max_unit_price IS NULL OR max_unit_price > 0', name=op.f('ck_pledges_max_unit_price')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_pledges_quantity')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_pledges_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_pledges_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_pledges_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges')),
    sa.UniqueConstraint('sequence', name=op.f('uq_pledges_sequence'))
    )
    op.create_index('ix_pledges_campaign_status', 'pledges', ['campaign_id', 'status'], unique=False)
    op.create_index(op.f('ix_pledges_organization_id'), 'pledges', ['organization_id'], unique=False)
    op.create_table('settlements',
    sa.Column('campaign_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pooled_quantity', sa.Integer(), nullable=False),
    sa.Column('total_saving', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('rounds', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('winning_offers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('closed_by_user_id', sa.UUID(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.CheckConstraint("status IN ('settled', 'failed')", name=op.f('ck_settlements_status')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_settlements_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_by_user_id'], ['users.id'], name=op.f('fk_settlements_closed_by_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements')),
    sa.UniqueConstraint('campaign_id', name=op.f('uq_settlements_campaign_id'))
    )
    op.create_table('offer_revisions',
    sa.Column('offer_id', sa.UUID(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('unit_list_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('tiers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('max_quantity', sa.Integer(), nullable=True),
    sa.Column('actor_user_id', sa.UUID(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_offer_revisions_actor_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_revisions_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_revisions')),
    sa.UniqueConstraint('offer_id', 'revision', name='uq_offer_revisions_offer_revision')
    )
    op.create_table('settlement_lines',
    sa.Column('settlement_id', sa.UUID(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pledge_id', sa.UUID(), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('offer_id', sa.UUID(), nullable=True),
    sa.Column('supplier_organization_id', sa.UUID(), nullable=True),
    sa.Column('tier_min_quantity', sa.Integer(), nullable=True),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('unit_list_price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('saving', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.CheckConstraint("outcome IN ('allocated', 'dropped', 'released')", name=op.f('ck_settlement_lines_outcome')),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_settlement_lines_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_settlement_lines_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], name=op.f('fk_settlement_lines_pledge_id_pledges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_settlement_lines_settlement_id_settlements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supplier_organization_id'], ['organizations.id'], name=op.f('fk_settlement_lines_supplier_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_lines')),
    sa.UniqueConstraint('settlement_id', 'position', name='uq_settlement_lines_settlement_position')
    )
    op.create_index(op.f('ix_settlement_lines_pledge_id'), 'settlement_lines', ['pledge_id'], unique=False)
    op.create_index(op.f('ix_settlement_lines_settlement_id'), 'settlement_lines', ['settlement_id'], unique=False)


def downgrade() -> None:
    # Indexes and constraints go with their tables.
    for table in ("settlement_lines", "offer_revisions", "settlements", "pledges", "offers", "campaigns"):
        op.drop_table(table)
