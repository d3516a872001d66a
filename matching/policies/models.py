"""Enterprise attributes the policies ask about (规上企业, 专精特新 level, 未来工厂/绿色工厂 level,
新型研发机构, 中试验证平台, 白名单企业 …): one row per attribute of an organisation, in its own table
(the organisation's admin declares, a bureau in scope verifies)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from catalog.db import Base, Timestamps, UUIDPk


class OrganizationAttribute(UUIDPk, Timestamps, Base):
    __tablename__ = "organization_attributes"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # The word as the organisation wrote it (省级未来工厂) and its canonical form (未来工厂:省级).
    name: Mapped[str] = mapped_column(String(100))
    canonical: Mapped[str] = mapped_column(String(100), index=True)
    evidence: Mapped[str | None] = mapped_column(String(500))
    verified_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("organization_id", "canonical"),)
