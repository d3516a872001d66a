"""search speed: a position-free match vector (GIN) beside the ranking vector, long values out of line

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-25 20:00:00+00:00

Matching reads `match_vector` (strip(search_vector): the same lexemes without positions), whose GIN
index answers @@ exactly. The match vector, the positional search vector and the trigram text are
all STORAGE EXTERNAL: together they take a realistic row past PostgreSQL's ~2 kB toast threshold,
and toast_tuple_target=128 then moves all three out of line, so the heap holds ~150-byte rows of
filter and facet columns. Those (tags, service regions, motivations) are STORAGE PLAIN so the
toaster never moves them out too: counting and faceting a broad match never fetch from TOAST.
Existing rows are rewritten by the UPDATE that fills the new column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLISHED = sa.text("status = 'published'")
PLAIN = {"listing_search": ("tags", "service_regions"), "demand_search": ("motivations",)}


def upgrade() -> None:
    for table, kind in (("listing_search", "listing"), ("demand_search", "demand")):
        op.add_column(table, sa.Column('match_vector', postgresql.TSVECTOR(), nullable=True))
        op.execute(f"ALTER TABLE {table} ALTER COLUMN match_vector SET STORAGE EXTERNAL")
        for column in PLAIN[table]:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE PLAIN")
        # rewrites every row, toasted with the storage above; `|| '{}'` makes each array a new value
        # (an unchanged out-of-line value would keep its TOAST pointer)
        inline = ", ".join(f"{c} = {c} || '{{}}'" for c in PLAIN[table])
        op.execute(f"UPDATE {table} SET match_vector = strip(search_vector), {inline}")
        op.alter_column(table, 'match_vector', nullable=False)
        op.drop_index(f'ix_{kind}_search_vector', table_name=table, postgresql_using='gin', postgresql_where=PUBLISHED)
        op.create_index(f'ix_{kind}_search_match', table, ['match_vector'], postgresql_using='gin', postgresql_where=PUBLISHED)


def downgrade() -> None:
    for table, kind in (("listing_search", "listing"), ("demand_search", "demand")):
        op.drop_index(f'ix_{kind}_search_match', table_name=table, postgresql_using='gin', postgresql_where=PUBLISHED)
        op.create_index(f'ix_{kind}_search_vector', table, ['search_vector'], postgresql_using='gin', postgresql_where=PUBLISHED)
        op.drop_column(table, 'match_vector')
        for column in PLAIN[table]:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED")
