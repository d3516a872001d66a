"""The demand table: one renewal need of a buyer — what goes, what should come, and why."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
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

DEMAND_STATUSES = ("draft", "published", "closed")
CLOSE_REASONS = ("fulfilled", "withdrawn", "expired")
MOTIVATIONS = ("high_end", "smart", "green", "safety")


class Demand(UUIDPk, Timestamps, Base):
    __tablename__ = "demands"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    external_id: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"), index=True)
    # When the buyer gave no category, matching infers one from the text and records how sure it was.
    category_inferred: Mapped[bool] = mapped_column(default=False)
    category_confidence: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(Integer)
    budget_max: Mapped[Decimal | None] = mapped_column(Money)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    needed_by: Mapped[date | None] = mapped_column(Date)
    motivations: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    # {"description", "age_years", "count", "energy_grade"}: the old equipment that goes.
    replaces: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    specs: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # Values outside the typical range, specs that could not be understood …: kept with the record
    # for the bureau's reviewer, [{"field", "message"}]. Warnings never stop a write.
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    close_reason: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Where a generated demand came from: {"source": "ledger", "row", "rule_ids", "citations"}.
    origin: Mapped[dict[str, Any] | None] = mapped_column(JSONB)

    organization: Mapped[Organization] = relationship(lazy="raise")
    category: Mapped[Category | None] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("organization_id", "external_id", name="uq_demands_org_external_id"),
        CheckConstraint(f"status IN {DEMAND_STATUSES}", name="status"),
        CheckConstraint(f"close_reason IS NULL OR close_reason IN {CLOSE_REASONS}", name="close_reason"),
        CheckConstraint("quantity > 0", name="quantity"),
        CheckConstraint("budget_max IS NULL OR budget_max >= 0", name="budget"),
        Index("ix_demands_org_created", "organization_id", "created_at"),
        Index("ix_demands_status", "status"),
        # The expiry job's scan: published demands by deadline.
        Index("ix_demands_expiry", "expires_at", postgresql_where=text("status = 'published'")),
    )
