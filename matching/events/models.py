"""Matchmaking-event tables (供需对接会): events, co-organising bureaus, registrations, meeting
requests and the scheduled meetings with their outcomes. The schedule's hard rules that a row can
state (one meeting per table, per side and slot, per pair) are unique constraints as well."""

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
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.db import Base, Money, Timestamps, UUIDPk
from catalog.organizations.models import Organization
from catalog.taxonomy.models import Category

EVENT_STATUSES = ("draft", "registration", "scheduled", "held", "closed")
ROLES = ("supplier", "buyer")
PRIORITIES = ("must", "meet")
REQUEST_STATUSES = ("pending", "accepted", "declined", "cancelled")
SOURCES = ("request", "proposed")
OUTCOMES = ("no_show", "held", "follow_up", "intention", "contract")


class Event(UUIDPk, Timestamps, Base):
    __tablename__ = "events"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"))
    # Buyers located in these regions (each with its subtree) may register; suppliers from anywhere.
    region_codes: Mapped[list[str]] = mapped_column(ARRAY(String(6)))
    venue: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date)
    # [{"start": "09:00", "end": "09:20"}] in order, local (China) time; a slot is its index.
    slots: Mapped[list[dict[str, str]]] = mapped_column(JSONB)
    tables: Mapped[int] = mapped_column(Integer)
    registration_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    max_meetings_per_participant: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="registration")
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last schedule's report: unplaced requests with reasons, solver figures.
    schedule_report: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organization: Mapped[Organization] = relationship(lazy="raise")
    category: Mapped[Category | None] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint(f"status IN {EVENT_STATUSES}", name="status"),
        CheckConstraint("tables >= 1", name="tables"),
        CheckConstraint("max_meetings_per_participant >= 1", name="max_meetings"),
        CheckConstraint("cardinality(region_codes) >= 1", name="region_codes"),
        Index("ix_events_region_codes", "region_codes", postgresql_using="gin"),
    )


class EventCoOrganizer(Base):
    """A bureau co-organising an event for the participants of its own region (a county for a
    city's event)."""

    __tablename__ = "event_co_organizers"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )


class Registration(UUIDPk, Timestamps, Base):
    __tablename__ = "event_registrations"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    listing_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), default=list)
    demand_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), default=list)
    available_slots: Mapped[list[int] | None] = mapped_column(ARRAY(Integer))  # None: every slot
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    registered_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The bureau that registered the company on its behalf (None: the company itself).
    registered_by_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship(lazy="raise", foreign_keys=[organization_id])

    __table_args__ = (
        UniqueConstraint("event_id", "organization_id", name="uq_event_registrations_event_organization"),
        CheckConstraint(f"role IN {ROLES}", name="role"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 1", name="max_meetings"),
    )


class MeetingRequest(UUIDPk, Timestamps, Base):
    __tablename__ = "event_requests"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    from_registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"))
    to_registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"))
    supplier_registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE")
    )
    buyer_registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"))
    priority: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sent_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"priority IN {PRIORITIES}", name="priority"),
        CheckConstraint(f"status IN {REQUEST_STATUSES}", name="status"),
        CheckConstraint("from_registration_id <> to_registration_id", name="not_self"),
        # A pair has at most one live request.
        Index(
            "uq_event_requests_live_pair",
            "supplier_registration_id",
            "buyer_registration_id",
            unique=True,
            postgresql_where=text("status IN ('pending', 'accepted')"),
        ),
    )


class Meeting(UUIDPk, Timestamps, Base):
    __tablename__ = "event_meetings"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(Integer)
    table_no: Mapped[int] = mapped_column(Integer)
    supplier_registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    buyer_registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event_requests.id", ondelete="SET NULL"))
    score: Mapped[float | None] = mapped_column(Float)
    # The demand and listing the two sides talk about (the best-scoring pair of their lists).
    demand_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("demands.id", ondelete="SET NULL"))
    listing_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("listings.id", ondelete="SET NULL"))
    outcome: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    outcome_note: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    match_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        CheckConstraint(f"source IN {SOURCES}", name="source"),
        CheckConstraint(f"outcome IS NULL OR outcome IN {OUTCOMES}", name="outcome"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount"),
        CheckConstraint("slot >= 0 AND table_no >= 1", name="place"),
        UniqueConstraint("event_id", "slot", "table_no", name="uq_event_meetings_event_slot_table"),
        UniqueConstraint("event_id", "slot", "supplier_registration_id", name="uq_event_meetings_supplier_slot"),
        UniqueConstraint("event_id", "slot", "buyer_registration_id", name="uq_event_meetings_buyer_slot"),
        UniqueConstraint(
            "event_id", "supplier_registration_id", "buyer_registration_id", name="uq_event_meetings_pair"
        ),
    )
