"""search: listing_search and demand_search (filter columns, jieba tsvector, pg_trgm text)

Revision ID: 0005
Revises: 0007
Create Date: 2026-11-25 18:00:00+00:00

The rows are written by catalog.search.indexing after every write; rows that exist already are
indexed by migration 0008, with the same code (catalog.search.indexing's upsert writes 0008's schema).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLISHED = sa.text("status = 'published'")


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('listing_search',
    sa.Column('listing_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('category_code', sa.String(length=16), nullable=False),
    sa.Column('recommended', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('service_regions', postgresql.ARRAY(sa.String(length=6)), nullable=False),
    sa.Column('energy_grade', sa.SmallInteger(), nullable=True),
    sa.Column('price_min', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_listing_search_listing_id_listings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('listing_id', name=op.f('pk_listing_search')),
    postgresql_with={'toast_tuple_target': '128'}
    )
    _out_of_line('listing_search')
    op.create_index('ix_listing_search_vector', 'listing_search', ['search_vector'], postgresql_using='gin', postgresql_where=PUBLISHED)
    op.create_index('ix_listing_search_text', 'listing_search', ['search_text'], postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'}, postgresql_where=PUBLISHED)
    op.create_index('ix_listing_search_regions', 'listing_search', ['service_regions'], postgresql_using='gin', postgresql_where=PUBLISHED)
    op.create_index('ix_listing_search_browse', 'listing_search', ['recommended', 'published_at', 'listing_id'], postgresql_where=PUBLISHED)
    op.create_table('demand_search',
    sa.Column('demand_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('category_code', sa.String(length=16), nullable=True),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('motivations', postgresql.ARRAY(sa.String(length=16)), nullable=False),
    sa.Column('budget_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_demand_search_demand_id_demands'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('demand_id', name=op.f('pk_demand_search')),
    postgresql_with={'toast_tuple_target': '128'}
    )
    _out_of_line('demand_search')
    op.create_index('ix_demand_search_vector', 'demand_search', ['search_vector'], postgresql_using='gin', postgresql_where=PUBLISHED)
    op.create_index('ix_demand_search_text', 'demand_search', ['search_text'], postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'}, postgresql_where=PUBLISHED)
    op.create_index('ix_demand_search_browse', 'demand_search', ['published_at', 'demand_id'], postgresql_where=PUBLISHED)


def _out_of_line(table: str) -> None:
    """Uncompressed long values push a row past the toast threshold, and toast_tuple_target=128
    then moves them out of line: the heap keeps ~150-byte rows for the filters and counts."""
    op.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTERNAL")
    op.execute(f"ALTER TABLE {table} ALTER COLUMN search_text SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_index('ix_demand_search_browse', table_name='demand_search', postgresql_where=PUBLISHED)
    op.drop_index('ix_demand_search_text', table_name='demand_search', postgresql_using='gin', postgresql_where=PUBLISHED)
    op.drop_index('ix_demand_search_vector', table_name='demand_search', postgresql_using='gin', postgresql_where=PUBLISHED)
    op.drop_table('demand_search')
    op.drop_index('ix_listing_search_browse', table_name='listing_search', postgresql_where=PUBLISHED)
    op.drop_index('ix_listing_search_regions', table_name='listing_search', postgresql_using='gin', postgresql_where=PUBLISHED)
    op.drop_index('ix_listing_search_text', table_name='listing_search', postgresql_using='gin', postgresql_where=PUBLISHED)
    op.drop_index('ix_listing_search_vector', table_name='listing_search', postgresql_using='gin', postgresql_where=PUBLISHED)
    op.drop_table('listing_search')
