"""The search tables: one narrow row per listing or demand holding what search filters, facets and
ranks on — the filter columns copied from the row, our jieba tsvector and the pg_trgm text.

Narrow on purpose: a broad query (机床) matches a fifth of all listings, and every match is read
to count the total and the facets. Matching uses `match_vector` (the tsvector without positions,
GIN-indexed, answered exactly by the index); ranking uses the positional `search_vector`, read only
for the few hundred candidates that are ranked. The three long values (match vector, search vector,
trigram text) are stored uncompressed out of line (STORAGE EXTERNAL, toast_tuple_target=128;
migration 0008): together they take a realistic row past PostgreSQL's ~2 kB toast threshold, so the
heap keeps ~150-byte rows (~50 per page) of filter and facet columns, which are themselves never
moved out (STORAGE PLAIN), so counting and faceting never fetch from TOAST. Written by
catalog.search.indexing after every write, in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from catalog.db import Base, Money

PUBLISHED = text("status = 'published'")


class ListingSearch(Base):
    __tablename__ = "listing_search"

    listing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    category_code: Mapped[str] = mapped_column(String(16))
    recommended: Mapped[bool] = mapped_column(Boolean)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text))
    service_regions: Mapped[list[str]] = mapped_column(ARRAY(String(6)))
    energy_grade: Mapped[int | None] = mapped_column(SmallInteger)
    price_min: Mapped[Decimal | None] = mapped_column(Money)
    search_vector: Mapped[str] = mapped_column(TSVECTOR)
    match_vector: Mapped[str] = mapped_column(TSVECTOR)
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        # The match vector with the filters a text search is narrowed by (migration 0015): a filtered
        # search is intersected inside the index, not row by row. The category and the energy grade
        # as one-element arrays, so a group's leaves or grades 1..k are one `&&` (postgres._filters).
        Index(
            "ix_listing_search_match",
            "match_vector",
            text("(ARRAY[category_code])"),
            "tags",
            text("(ARRAY[energy_grade])"),
            postgresql_using="gin",
            postgresql_where=PUBLISHED,
        ),
        Index(
            "ix_listing_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            postgresql_where=PUBLISHED,
        ),
        Index("ix_listing_search_regions", "service_regions", postgresql_using="gin", postgresql_where=PUBLISHED),
        Index("ix_listing_search_browse", "recommended", "published_at", "listing_id", postgresql_where=PUBLISHED),
        {"postgresql_with": {"toast_tuple_target": "128"}},
    )


class DemandSearch(Base):
    __tablename__ = "demand_search"

    demand_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    category_code: Mapped[str | None] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(6))
    motivations: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    budget_max: Mapped[Decimal | None] = mapped_column(Money)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search_vector: Mapped[str] = mapped_column(TSVECTOR)
    match_vector: Mapped[str] = mapped_column(TSVECTOR)
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_demand_search_match", "match_vector", postgresql_using="gin", postgresql_where=PUBLISHED),
        Index(
            "ix_demand_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            postgresql_where=PUBLISHED,
        ),
        Index("ix_demand_search_browse", "published_at", "demand_id", postgresql_where=PUBLISHED),
        {"postgresql_with": {"toast_tuple_target": "128"}},
    )


class SearchFacetCount(Base):
    """How many published listings carry each facet value (and `total`/`""` for all of them):
    what the landing page (no text, no filter) shows, read without counting 100k rows. Kept by
    statement-level triggers on listing_search (migration 0008), so they move in the same
    transaction as the rows and every snapshot sees counts exactly consistent with them, whatever
    wrote the rows (services, imports, cascaded deletes). A transaction adds its deltas to the
    stripe `slot` = its backend pid % 16, so concurrent writers seldom wait on the same row; reads
    sum the stripes."""

    __tablename__ = "search_facet_counts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(Text, primary_key=True)
    slot: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)
