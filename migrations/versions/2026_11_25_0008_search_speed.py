"""search speed: a position-free match vector (GIN) beside the ranking vector, long values out of line

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-25 20:00:00+00:00

Matching reads `match_vector` (strip(search_vector): the same lexemes without positions), whose GIN
index answers @@ exactly. The match vector, the positional search vector and the trigram text are
all STORAGE EXTERNAL: together they take a realistic row past PostgreSQL's ~2 kB toast threshold,
and toast_tuple_target=128 then moves all three out of line, so the heap holds ~150-byte rows of
filter and facet columns. Those (tags, service regions, motivations) are STORAGE PLAIN so the
toaster never moves them out too: counting and faceting a broad match never fetch from TOAST.
Existing rows are rewritten by the UPDATE that fills the new column; listings and demands without
a search row yet are indexed here (0005 no longer backfills: its upsert is no longer the code's).

search_facet_counts: the landing page's counts (published listings per facet value, and the total),
kept by statement-level triggers on listing_search with transition tables — one aggregated upsert
per statement, into the stripe of the writing backend (pid % 16), rows in (facet, value) order.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000
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
    _backfill()
    _facet_counts()


def _backfill() -> None:
    """Index the listings and demands that have no search row yet (a database that comes up
    through 0005 now), with the same code the services use."""
    from catalog.search.documents import category_info, demand_document, listing_document
    from catalog.search.indexing import UPSERT
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
                f"SELECT * FROM {table} x WHERE (CAST(:last AS uuid) IS NULL OR id > CAST(:last AS uuid)) "
                f"AND NOT EXISTS (SELECT 1 FROM {kind}_search s WHERE s.{kind}_id = x.id) "
                "ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
            if not rows:
                break
            documents = [build(r, infos.get(r.category_code), found) for r in rows]  # type: ignore[arg-type]
            bind.execute(sa.text(UPSERT[kind]), {
                "ids": [d.id for d in documents],
                "svs": [d.tsvector_literal() for d in documents],
                "sts": [d.search_text() for d in documents],
            })
            last = rows[-1].id


# One row per (facet, value) a published listing search row counts towards.
FACET_VALUES = """
    SELECT 'total' AS facet, '' AS value FROM {rows} r WHERE r.status = 'published'
    UNION ALL SELECT 'category', r.category_code FROM {rows} r WHERE r.status = 'published'
    UNION ALL SELECT 'energy_grade', r.energy_grade::text FROM {rows} r
        WHERE r.status = 'published' AND r.energy_grade IS NOT NULL
    UNION ALL SELECT 'tags', v FROM {rows} r, unnest(r.tags) v WHERE r.status = 'published'
    UNION ALL SELECT 'region', v FROM {rows} r, unnest(r.service_regions) v WHERE r.status = 'published'
"""
DELTA = """
    INSERT INTO search_facet_counts (kind, facet, value, slot, n)
    SELECT 'listing', facet, value, pg_backend_pid() % 16, sum(d) FROM ({changes}) c
    GROUP BY facet, value HAVING sum(d) <> 0 ORDER BY facet, value
    ON CONFLICT (kind, facet, value, slot) DO UPDATE SET n = search_facet_counts.n + EXCLUDED.n;
"""
ADDED = "SELECT facet, value, 1 AS d FROM (" + FACET_VALUES.format(rows="new_rows") + ") a"
REMOVED = "SELECT facet, value, -1 AS d FROM (" + FACET_VALUES.format(rows="old_rows") + ") o"
COUNT_FUNCTION = f"""
CREATE FUNCTION listing_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {DELTA.format(changes=ADDED)}
    ELSIF TG_OP = 'UPDATE' THEN
        {DELTA.format(changes=ADDED + " UNION ALL " + REMOVED)}
    ELSE
        {DELTA.format(changes=REMOVED)}
    END IF;
    RETURN NULL;
END $$
"""
TRIGGERS = {
    "insert": "AFTER INSERT ON listing_search REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON listing_search REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON listing_search REFERENCING OLD TABLE AS old_rows",
}


def _facet_counts() -> None:
    op.create_table('search_facet_counts',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('facet', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('slot', sa.SmallInteger(), nullable=False),
    sa.Column('n', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'facet', 'value', 'slot', name=op.f('pk_search_facet_counts'))
    )
    op.execute(COUNT_FUNCTION)
    for event, clause in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER listing_search_count_{event} {clause} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION listing_search_count()")
    op.execute("INSERT INTO search_facet_counts (kind, facet, value, slot, n) "
               "SELECT 'listing', facet, value, 0, count(*) FROM (" + FACET_VALUES.format(rows="listing_search")
               + ") f GROUP BY facet, value")


def downgrade() -> None:
    for event in TRIGGERS:
        op.execute(f"DROP TRIGGER listing_search_count_{event} ON listing_search")
    op.execute("DROP FUNCTION listing_search_count()")
    op.drop_table('search_facet_counts')
    for table, kind in (("listing_search", "listing"), ("demand_search", "demand")):
        op.drop_index(f'ix_{kind}_search_match', table_name=table, postgresql_using='gin', postgresql_where=PUBLISHED)
        op.create_index(f'ix_{kind}_search_vector', table, ['search_vector'], postgresql_using='gin', postgresql_where=PUBLISHED)
        op.drop_column(table, 'match_vector')
        for column in PLAIN[table]:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED")
