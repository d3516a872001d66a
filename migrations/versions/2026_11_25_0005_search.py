"""search: jieba-segmented tsvector and pg_trgm text on listings and demands, with their indexes

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25 18:00:00+00:00

The columns are filled by catalog.search.indexing (after every write); existing rows are
backfilled here in batches with the same code.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in ("listings", "demands"):
        op.add_column(table, sa.Column('search_vector', postgresql.TSVECTOR(), nullable=True))
        op.add_column(table, sa.Column('search_text', sa.Text(), nullable=True))
        # keep the tsvector inline (compressed) rather than out-of-line: ranking reads it per row
        op.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN")
        op.create_index(f'ix_{table}_search_vector', table, ['search_vector'], unique=False,
                        postgresql_using='gin', postgresql_where=sa.text("status = 'published'"))
        op.create_index(f'ix_{table}_search_text', table, ['search_text'], unique=False,
                        postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'},
                        postgresql_where=sa.text("status = 'published'"))
    _backfill()


def _backfill() -> None:
    """Index the rows that exist already, with the same code the services use."""
    from catalog.search.documents import category_info, demand_document, listing_document
    from catalog.text import analyzer

    bind = op.get_bind()
    categories = {r.code: r for r in bind.execute(sa.text(
        "SELECT code, name, parent_code, aliases, ancestors FROM categories")).all()}
    infos = {code: category_info(row, categories) for code, row in categories.items()}  # type: ignore[arg-type]
    found = analyzer()
    update = sa.text(
        "UPDATE {table} AS t SET search_vector = CAST(v.sv AS tsvector), search_text = v.st "
        "FROM unnest(CAST(:ids AS uuid[]), CAST(:svs AS text[]), CAST(:sts AS text[])) AS v(id, sv, st) "
        "WHERE t.id = v.id"
    )
    for table, build in (("listings", listing_document), ("demands", demand_document)):
        last = None
        while True:
            rows = bind.execute(sa.text(
                f"SELECT * FROM {table} WHERE (CAST(:last AS uuid) IS NULL OR id > CAST(:last AS uuid)) "
                "ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
            if not rows:
                break
            documents = [build(r, infos.get(r.category_code), found) for r in rows]  # type: ignore[arg-type]
            bind.execute(sa.text(update.text.format(table=table)), {
                "ids": [d.id for d in documents],
                "svs": [d.tsvector_literal() for d in documents],
                "sts": [d.search_text() for d in documents],
            })
            last = rows[-1].id


def downgrade() -> None:
    for table in ("demands", "listings"):
        op.drop_index(f'ix_{table}_search_text', table_name=table, postgresql_using='gin',
                      postgresql_where=sa.text("status = 'published'"))
        op.drop_index(f'ix_{table}_search_vector', table_name=table, postgresql_using='gin',
                      postgresql_where=sa.text("status = 'published'"))
        op.drop_column(table, 'search_text')
        op.drop_column(table, 'search_vector')
