"""Group-purchase tables (团购): campaigns, supplier offers with their revisions, buyer pledges, and
the stored settlement with one line per pledge (or per offer a split pledge is supplied by)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.db import Base, Money, Timestamps, UUIDPk, utcnow
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.taxonomy.models import Category

CAMPAIGN_STATUSES = ("draft", "open", "settled", "failed", "cancelled")
PLEDGE_STATUSES = ("active", "withdrawn", "released", "settled", "dropped")
LINE_OUTCOMES = ("allocated", "dropped", "released")


class Campaign(UUIDPk, Timestamps, Base):
    __tablename__ = "campaigns"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    # The regions whose buyers may pledge (each with its subtree).
    region_codes: Mapped[list[str]] = mapped_column(ARRAY(String(6)))
    unit: Mapped[str] = mapped_column(String(8), default="台")
    status: Mapped[str] = mapped_column(String(16), default="open")
    offer_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    pledge_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    min_total_quantity: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organization: Mapped[Organization] = relationship(lazy="raise")
    category: Mapped[Category] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint(f"status IN {CAMPAIGN_STATUSES}", name="status"),
        CheckConstraint("min_total_quantity >= 1", name="min_total_quantity"),
        CheckConstraint("offer_deadline <= pledge_deadline", name="deadlines"),
        CheckConstraint("cardinality(region_codes) >= 1", name="region_codes"),
        Index("ix_campaigns_region_codes", "region_codes", postgresql_using="gin"),
        Index("ix_campaigns_status_deadline", "status", "pledge_deadline"),
    )


class Offer(UUIDPk, Timestamps, Base):
    """A supplier's tiered offer (供者让利) of one of its listings in a campaign."""

    __tablename__ = "offers"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("listings.id"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    unit_list_price: Mapped[Decimal] = mapped_column(Money)
    # [{"min_quantity": int, "unit_price": "66000.00"}], min quantities increasing, prices not rising.
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    max_quantity: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Creation order, the tie-break between equally priced offers.
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)

    listing: Mapped[Listing] = relationship(lazy="raise")
    organization: Mapped[Organization] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("campaign_id", "listing_id", name="uq_offers_campaign_listing"),
        CheckConstraint("unit_list_price > 0", name="unit_list_price"),
        CheckConstraint("max_quantity IS NULL OR max_quantity >= 1", name="max_quantity"),
    )


class OfferRevision(UUIDPk, Base):
    """Every version of an offer, the first included: what was offered when."""

    __tablename__ = "offer_revisions"

    offer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    unit_list_price: Mapped[Decimal] = mapped_column(Money)
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    max_quantity: Mapped[int | None] = mapped_column(Integer)
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow)

    __table_args__ = (UniqueConstraint("offer_id", "revision", name="uq_offer_revisions_offer_revision"),)


class Pledge(UUIDPk, Timestamps, Base):
    """A buyer's pledge (需者团购): a quantity, optionally only up to a unit price."""

    __tablename__ = "pledges"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    quantity: Mapped[int] = mapped_column(Integer)
    max_unit_price: Mapped[Decimal | None] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Pledge order (the database's, not the clock's): who is supplied first when capacity is short.
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint(f"status IN {PLEDGE_STATUSES}", name="status"),
        CheckConstraint("quantity >= 1", name="quantity"),
        CheckConstraint("max_unit_price IS NULL OR max_unit_price > 0", name="max_unit_price"),
        Index("ix_pledges_campaign_status", "campaign_id", "status"),
    )


class Settlement(UUIDPk, Base):
    """A closed campaign's result, stored once: settled (with winners) or failed."""

    __tablename__ = "settlements"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    pooled_quantity: Mapped[int] = mapped_column(Integer)
    total_saving: Mapped[Decimal] = mapped_column(Money)
    rounds: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    # [{"offer_id", "supplier_id", "supplier_name", "listing_id", "listing_title", "quantity",
    #   "tier_min_quantity", "unit_price", "unit_list_price", "saving"}] in the order chosen.
    winning_offers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    closed_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow)

    lines: Mapped[list[SettlementLine]] = relationship(lazy="raise", order_by="SettlementLine.position")

    __table_args__ = (CheckConstraint("status IN ('settled', 'failed')", name="status"),)


class SettlementLine(UUIDPk, Base):
    __tablename__ = "settlement_lines"

    settlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("settlements.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    pledge_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    offer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    supplier_organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    tier_min_quantity: Mapped[int | None] = mapped_column(Integer)
    unit_price: Mapped[Decimal | None] = mapped_column(Money)
    unit_list_price: Mapped[Decimal | None] = mapped_column(Money)
    saving: Mapped[Decimal | None] = mapped_column(Money)
    reason: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship(lazy="raise", foreign_keys=[organization_id])

    __table_args__ = (
        CheckConstraint(f"outcome IN {LINE_OUTCOMES}", name="outcome"),
        UniqueConstraint("settlement_id", "position", name="uq_settlement_lines_settlement_position"),
    )
