"""search: listing_search and demand_search (filter columns, jieba tsvector, pg_trgm text), backfilled

Revision ID: 0005
Revises: 0007
Create Date: 2026-11-25 18:00:00+00:00

The rows are written by catalog.search.indexing after every write; rows that exist already are
indexed here in batches with the same code.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000
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
    _backfill()


def _out_of_line(table: str) -> None:
    """Uncompressed long values push a row past the toast threshold, and toast_tuple_target=128
    then moves them out of line: the heap keeps ~150-byte rows for the filters and counts."""
    op.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTERNAL")
    op.execute(f"ALTER TABLE {table} ALTER COLUMN search_text SET STORAGE EXTERNAL")


def _backfill() -> None:
    """Index the rows that exist already, with the same code the services use."""
    from catalog.search.documents import category_info, demand_document, listing_document
    from catalog.text import analyzer

    bind = op.get_bind()
    categories = {r.code: r for r in bind.execute(sa.text(
        "SELECT code, name, parent_code, aliases, ancestors FROM categories")).all()}
    infos = {code: category_info(row, categories) for code, row in categories.items()}  # type: ignore[arg-type]
    found = analyzer()
    for table, kind, build in (("listings", "listing", listing_document), ("demands", "demand", demand_document)):
        last = None
        while True:
            rows = bind.execute(sa.text(
                f"SELECT * FROM {table} WHERE (CAST(:last AS uuid) IS NULL OR id > CAST(:last AS uuid)) "
                "ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
            if not rows:
                break
            documents = [build(r, infos.get(r.category_code), found) for r in rows]  # type: ignore[arg-type]
            bind.execute(sa.text(_UPSERT[kind]), {
                "ids": [d.id for d in documents],
                "svs": [d.tsvector_literal() for d in documents],
                "sts": [d.search_text() for d in documents],
            })
            last = rows[-1].id


# The upsert as it was at this revision (catalog.search.indexing's has moved on: 0008).
_UPSERT: dict[str, str] = {
    "listing": """
        INSERT INTO listing_search (listing_id, status, category_code, recommended, published_at, tags,
                                    service_regions, energy_grade, price_min, search_vector, search_text)
        SELECT l.id, l.status, l.category_code, l.recommended, l.published_at, l.tags, l.service_regions,
               l.energy_grade, l.price_min, CAST(v.sv AS tsvector), v.st
        FROM unnest(CAST(:ids AS uuid[]), CAST(:svs AS text[]), CAST(:sts AS text[])) AS v(id, sv, st)
        JOIN listings l ON l.id = v.id
        ON CONFLICT (listing_id) DO UPDATE SET
            status = EXCLUDED.status, category_code = EXCLUDED.category_code, recommended = EXCLUDED.recommended,
            published_at = EXCLUDED.published_at, tags = EXCLUDED.tags, service_regions = EXCLUDED.service_regions,
            energy_grade = EXCLUDED.energy_grade, price_min = EXCLUDED.price_min,
            search_vector = EXCLUDED.search_vector, search_text = EXCLUDED.search_text
    """,
    "demand": """
        INSERT INTO demand_search (demand_id, status, category_code, region_code, motivations, budget_max,
                                   published_at, search_vector, search_text)
        SELECT d.id, d.status, d.category_code, d.region_code, d.motivations, d.budget_max, d.published_at,
               CAST(v.sv AS tsvector), v.st
        FROM unnest(CAST(:ids AS uuid[]), CAST(:svs AS text[]), CAST(:sts AS text[])) AS v(id, sv, st)
        JOIN demands d ON d.id = v.id
        ON CONFLICT (demand_id) DO UPDATE SET
            status = EXCLUDED.status, category_code = EXCLUDED.category_code, region_code = EXCLUDED.region_code,
            motivations = EXCLUDED.motivations, budget_max = EXCLUDED.budget_max, published_at = EXCLUDED.published_at,
            search_vector = EXCLUDED.search_vector, search_text = EXCLUDED.search_text
    """,
}


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
