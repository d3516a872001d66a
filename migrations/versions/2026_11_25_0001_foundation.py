"""foundation: extensions, reference data, organisations and users, listings, demands, audit, idempotency

Revision ID: 0001
Revises:
Create Date: 2026-11-25 16:39:18.055907+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # pg_trgm: fuzzy and partial text matching for search; btree_gist: exclusion constraints (schedules).
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table('audit_events',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('entity_type', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.UUID(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('actor_user_id', sa.UUID(), nullable=True),
    sa.Column('actor_organization_id', sa.UUID(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('changes', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    op.create_index('ix_audit_events_entity', 'audit_events', ['entity_type', 'entity_id', 'at'], unique=False)
    op.create_table('categories',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('parent_code', sa.String(length=16), nullable=True),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('aliases', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('replaces', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('spec_schema', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('ancestors', postgresql.ARRAY(sa.String(length=16)), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_code'], ['categories.code'], name=op.f('fk_categories_parent_code_categories')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_categories')),
    sa.UniqueConstraint('name', name=op.f('uq_categories_name'))
    )
    op.create_index('ix_categories_aliases', 'categories', ['aliases'], unique=False, postgresql_using='gin')
    op.create_index('ix_categories_ancestors', 'categories', ['ancestors'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_categories_parent_code'), 'categories', ['parent_code'], unique=False)
    op.create_table('idempotency_keys',
    sa.Column('user_id', sa.UUID(), nullable=False),
    sa.Column('endpoint', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('response_body', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'endpoint', 'key', name=op.f('pk_idempotency_keys'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('parent_code', sa.String(length=6), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('ancestors', postgresql.ARRAY(sa.String(length=6)), nullable=False),
    sa.ForeignKeyConstraint(['parent_code'], ['regions.code'], name=op.f('fk_regions_parent_code_regions')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_index('ix_regions_ancestors', 'regions', ['ancestors'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_regions_parent_code'), 'regions', ['parent_code'], unique=False)
    op.create_table('tags',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('meaning', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_tags'))
    )
    op.create_table('organizations',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('industry_code', sa.String(length=5), nullable=True),
    sa.Column('contact_name', sa.String(length=64), nullable=True),
    sa.Column('contact_phone', sa.String(length=32), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('supplier', 'buyer', 'bureau')", name=op.f('ck_organizations_kind')),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_organizations_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('uscc', name=op.f('uq_organizations_uscc'))
    )
    op.create_index(op.f('ix_organizations_region_code'), 'organizations', ['region_code'], unique=False)
    op.create_table('demands',
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category_code', sa.String(length=16), nullable=True),
    sa.Column('category_inferred', sa.Boolean(), nullable=False),
    sa.Column('category_confidence', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('budget_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('needed_by', sa.Date(), nullable=True),
    sa.Column('motivations', postgresql.ARRAY(sa.String(length=16)), nullable=False),
    sa.Column('replaces', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('specs', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('close_reason', sa.String(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("close_reason IS NULL OR close_reason IN ('fulfilled', 'withdrawn', 'expired')", name=op.f('ck_demands_close_reason')),
    sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name=op.f('ck_demands_status')),
    sa.CheckConstraint('budget_max IS NULL OR budget_max >= 0', name=op.f('ck_demands_budget')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_demands_quantity')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_demands_category_code_categories')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_demands_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_demands_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demands')),
    sa.UniqueConstraint('organization_id', 'external_id', name='uq_demands_org_external_id')
    )
    op.create_index(op.f('ix_demands_category_code'), 'demands', ['category_code'], unique=False)
    op.create_index('ix_demands_org_created', 'demands', ['organization_id', 'created_at'], unique=False)
    op.create_index(op.f('ix_demands_region_code'), 'demands', ['region_code'], unique=False)
    op.create_index('ix_demands_status', 'demands', ['status'], unique=False)
    op.create_table('listings',
    sa.Column('organization_id', sa.UUID(), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category_code', sa.String(length=16), nullable=False),
    sa.Column('brand', sa.String(length=100), nullable=True),
    sa.Column('model', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('price_min', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('price_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('energy_grade', sa.SmallInteger(), nullable=True),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('service_regions', postgresql.ARRAY(sa.String(length=6)), nullable=False),
    sa.Column('specs', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recommended', sa.Boolean(), nullable=False),
    sa.Column('review_status', sa.String(length=16), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by_organization_id', sa.UUID(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published', 'archived')", name=op.f('ck_listings_status')),
    sa.CheckConstraint("review_status IN ('none', 'pending', 'approved', 'rejected')", name=op.f('ck_listings_review_status')),
    sa.ForeignKeyConstraint(['reviewed_by_organization_id'], ['organizations.id'], name=op.f('fk_listings_reviewed_by_organization_id_organizations')),
    sa.CheckConstraint('energy_grade BETWEEN 1 AND 5', name=op.f('ck_listings_energy_grade')),
    sa.CheckConstraint('price_min >= 0 AND price_max >= 0', name=op.f('ck_listings_price_positive')),
    sa.CheckConstraint('price_min IS NULL OR price_max IS NULL OR price_min <= price_max', name=op.f('ck_listings_price_range')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_listings_category_code_categories')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_listings_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listings')),
    sa.UniqueConstraint('organization_id', 'external_id', name='uq_listings_org_external_id')
    )
    op.create_index(op.f('ix_listings_category_code'), 'listings', ['category_code'], unique=False)
    op.create_index('ix_listings_org_created', 'listings', ['organization_id', 'created_at'], unique=False)
    op.create_index('ix_listings_service_regions', 'listings', ['service_regions'], unique=False, postgresql_using='gin')
    op.create_index('ix_listings_status', 'listings', ['status'], unique=False)
    op.create_index('ix_listings_tags', 'listings', ['tags'], unique=False, postgresql_using='gin')
    op.create_table('users',
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('organization_id', sa.UUID(), nullable=True),
    sa.Column('roles', postgresql.ARRAY(sa.String(length=32)), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_users_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_index(op.f('ix_users_organization_id'), 'users', ['organization_id'], unique=False)
    op.create_index('uq_users_email_lower', 'users', [sa.literal_column('lower(email)')], unique=True)


def downgrade() -> None:
    op.drop_index('uq_users_email_lower', table_name='users')
    op.drop_index(op.f('ix_users_organization_id'), table_name='users')
    op.drop_table('users')
    op.drop_index('ix_listings_tags', table_name='listings', postgresql_using='gin')
    op.drop_index('ix_listings_status', table_name='listings')
    op.drop_index('ix_listings_service_regions', table_name='listings', postgresql_using='gin')
    op.drop_index('ix_listings_org_created', table_name='listings')
    op.drop_index(op.f('ix_listings_category_code'), table_name='listings')
    op.drop_table('listings')
    op.drop_index('ix_demands_status', table_name='demands')
    op.drop_index(op.f('ix_demands_region_code'), table_name='demands')
    op.drop_index('ix_demands_org_created', table_name='demands')
    op.drop_index(op.f('ix_demands_category_code'), table_name='demands')
    op.drop_table('demands')
    op.drop_index(op.f('ix_organizations_region_code'), table_name='organizations')
    op.drop_table('organizations')
    op.drop_table('tags')
    op.drop_index(op.f('ix_regions_parent_code'), table_name='regions')
    op.drop_index('ix_regions_ancestors', table_name='regions', postgresql_using='gin')
    op.drop_table('regions')
    op.drop_table('idempotency_keys')
    op.drop_index(op.f('ix_categories_parent_code'), table_name='categories')
    op.drop_index('ix_categories_ancestors', table_name='categories', postgresql_using='gin')
    op.drop_index('ix_categories_aliases', table_name='categories', postgresql_using='gin')
    op.drop_table('categories')
    op.drop_index('ix_audit_events_entity', table_name='audit_events')
    op.drop_table('audit_events')
    # The extensions stay: other databases objects may use them and dropping needs ownership.
