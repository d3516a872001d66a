"""The matches table: one scored (demand, listing) pair and where the two sides stand with it.

Lifecycle: suggested → contacted (the buyer accepted contact: the supplier now sees the buyer) →
quoted → contracted (amount) | declined (reason, by either side). Re-scoring updates score,
breakdown and reasons and keeps the status.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.db import Base, Money, Timestamps, UUIDPk, utcnow
from catalog.demands.models import Demand
from catalog.listings.models import Listing

MATCH_STATUSES = ("suggested", "contacted", "quoted", "contracted", "declined")
SIDES = ("buyer", "supplier")


class Match(UUIDPk, Timestamps, Base):
    __tablename__ = "matches"

    demand_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"))
    listing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    breakdown: Mapped[dict[str, float]] = mapped_column(JSONB, default=dict)
    reasons: Mapped[list[str]] = mapped_column(JSONB, default=list)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="suggested")
    interest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    quote_amount: Mapped[Decimal | None] = mapped_column(Money)
    quote_note: Mapped[str | None] = mapped_column(Text)
    quoted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contract_amount: Mapped[Decimal | None] = mapped_column(Money)
    contracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contracted_by: Mapped[str | None] = mapped_column(String(16))
    decline_reason: Mapped[str | None] = mapped_column(Text)
    declined_by: Mapped[str | None] = mapped_column(String(16))
    declined_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the strong-match notifications went out (never twice for the same pair).
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)

    demand: Mapped[Demand] = relationship(lazy="raise")
    listing: Mapped[Listing] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("demand_id", "listing_id", name="uq_matches_demand_listing"),
        CheckConstraint(f"status IN {MATCH_STATUSES}", name="status"),
        CheckConstraint("score >= 0 AND score <= 1", name="score"),
        CheckConstraint(f"declined_by IS NULL OR declined_by IN {SIDES}", name="declined_by"),
        CheckConstraint(f"contracted_by IS NULL OR contracted_by IN {SIDES}", name="contracted_by"),
        CheckConstraint("quote_amount IS NULL OR quote_amount >= 0", name="quote_amount"),
        CheckConstraint("contract_amount IS NULL OR contract_amount >= 0", name="contract_amount"),
        # A demand's matches come through the unique (demand_id, listing_id) index; a listing's
        # leads through this one. Few indexes: re-matching writes hundreds of thousands of rows.
        Index("ix_matches_listing_score", "listing_id", "score"),
    )


# Candidate retrieval reads published listings of a few leaves, and published demands of a
# category: these indexes belong to matching's queries, so they are declared (and migrated) here.
Index("ix_listings_status_category", Listing.status, Listing.category_code)
Index("ix_demands_status_category", Demand.status, Demand.category_code)
