"""The region table: GB/T 2260 code, name, parent and the ancestor path used for scope checks."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from catalog.db import Base

NATIONWIDE = "000000"


class Region(Base):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    level: Mapped[str] = mapped_column(String(16))  # nation | province | city | county | zone
    # Codes from the root down to this region, itself included: "is X inside Y" is `Y = ANY(ancestors)`.
    ancestors: Mapped[list[str]] = mapped_column(ARRAY(String(6)))

    __table_args__ = (Index("ix_regions_ancestors", "ancestors", postgresql_using="gin"),)
