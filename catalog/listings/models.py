"""The listing table: one piece of advanced equipment a supplier offers."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.db import Base, Money, Timestamps, UUIDPk
from catalog.organizations.models import Organization
from catalog.taxonomy.models import Category

LISTING_STATUSES = ("draft", "published", "archived")
REVIEW_STATUSES = ("none", "pending", "approved", "rejected")


class Listing(UUIDPk, Timestamps, Base):
    __tablename__ = "listings"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    external_id: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    brand: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    price_min: Mapped[Decimal | None] = mapped_column(Money)
    price_max: Mapped[Decimal | None] = mapped_column(Money)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    energy_grade: Mapped[int | None] = mapped_column(SmallInteger)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    service_regions: Mapped[list[str]] = mapped_column(ARRAY(String(6)), default=list)
    specs: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # Values outside the typical range, specs that could not be understood …: kept with the record
    # for the bureau's reviewer, [{"field", "message"}]. Warnings never stop a write.
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    recommended: Mapped[bool] = mapped_column(Boolean, default=False)
    # Review into the recommended catalogue (推荐目录): none → pending → approved | rejected; a later
    # change to a reviewed field puts an approved listing back to pending.
    review_status: Mapped[str] = mapped_column(String(16), default="none")
    review_note: Mapped[str | None] = mapped_column(Text)
    # When the listing last entered the queue (pending): the queue is served oldest first.
    review_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    # Bumped on every change; the ETag is derived from it (optimistic concurrency).
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship(lazy="raise", foreign_keys=[organization_id])
    category: Mapped[Category] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("organization_id", "external_id", name="uq_listings_org_external_id"),
        CheckConstraint(f"status IN {LISTING_STATUSES}", name="status"),
        CheckConstraint(f"review_status IN {REVIEW_STATUSES}", name="review_status"),
        CheckConstraint("energy_grade BETWEEN 1 AND 5", name="energy_grade"),
        CheckConstraint("price_min IS NULL OR price_max IS NULL OR price_min <= price_max", name="price_range"),
        CheckConstraint("price_min >= 0 AND price_max >= 0", name="price_positive"),
        Index("ix_listings_org_created", "organization_id", "created_at"),
        Index("ix_listings_service_regions", "service_regions", postgresql_using="gin"),
        Index("ix_listings_tags", "tags", postgresql_using="gin"),
        Index("ix_listings_status", "status"),
        Index(
            "ix_listings_review_queue",
            "review_status",
            "review_requested_at",
            postgresql_where=text("status = 'published'"),
        ),
    )
