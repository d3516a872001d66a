"""After a bulk write (a spreadsheet import): the planner's statistics and the GIN indexes' pending
lists brought up to date at once, instead of whenever autovacuum next passes.

A search right after a large import is otherwise planned with the statistics of the table as it
was (an empty table's, for a first import): measured on 20,000 freshly imported listings, p95 610 ms
with the statistics missing against 83 ms once analyzed. And rows a GIN index has not merged yet
sit in its pending list, which every search reads through whole.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.search.models import DemandSearch, ListingSearch

# kind → (its table, its search table)
TABLES = {"listing": ("listings", "listing_search"), "demand": ("demands", "demand_search")}
# Search columns whose statistics no estimate reads: `search_vector` is only ranked, never in a WHERE
# clause, and `search_text` is only compared with pg_trgm's `<%`, estimated by a constant (contsel).
# Computing them was most of an ANALYZE of the search table (listing_search at 30,000 rows: 0.62 s
# with them, 0.25 s without), so this ANALYZE leaves them to autovacuum.
UNREAD = ("search_vector", "search_text")
ANALYZED = {
    model.__tablename__: ", ".join(c.name for c in model.__table__.columns if c.name not in UNREAD)
    for model in (ListingSearch, DemandSearch)
}
# Analyze once a bulk write brings this share of the search table's rows (as last counted) or more.
SHARE = 0.1


async def after_bulk_write(session: AsyncSession, kind: str, rows: int) -> bool:
    """ANALYZE the record and search tables and merge the search table's GIN pending lists, when
    `rows` written are a tenth of the search table or more, or it was never analyzed. Run it in a
    transaction of its own after the write committed (ANALYZE holds its lock to the end of the
    transaction). Returns whether it did."""
    table, search = TABLES[kind]
    counted = await session.scalar(
        text("SELECT reltuples FROM pg_class WHERE oid = CAST(:table AS regclass)"), {"table": search}
    )
    if rows <= 0 or (counted is not None and counted >= 0 and rows < SHARE * counted):
        return False
    await session.execute(text(f"ANALYZE {table}, {search} ({ANALYZED[search]})"))
    await session.execute(
        text(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = CAST(:table AS regclass) AND a.amname = 'gin'"
        ),
        {"table": search},
    )
    return True
