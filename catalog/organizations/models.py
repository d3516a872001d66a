"""Organisations (supplier, buyer, bureau) and their users."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.db import Base, Timestamps, UUIDPk

ORG_KINDS = ("supplier", "buyer", "bureau")
# Roles a user may hold: platform_admin sees everything; org_admin manages its organisation
# (and, for a bureau, registers organisations inside its region); member acts for it.
ROLES = ("platform_admin", "org_admin", "member")


class Organization(UUIDPk, Timestamps, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    industry_code: Mapped[str | None] = mapped_column(String(5))
    contact_name: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(200))

    users: Mapped[list[User]] = relationship(back_populates="organization", lazy="raise")

    __table_args__ = (CheckConstraint(f"kind IN {ORG_KINDS}", name="kind"),)


class User(UUIDPk, Timestamps, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(Text)
    display_name: Mapped[str] = mapped_column(String(64))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization | None] = relationship(back_populates="users", lazy="raise")

    __table_args__ = (Index("uq_users_email_lower", text("lower(email)"), unique=True),)
