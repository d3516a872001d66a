"""Categories (groups and leaves) and the tag vocabulary."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from catalog.db import Base


class Category(Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"), index=True)
    level: Mapped[str] = mapped_column(String(8))  # group | leaf
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    # Names of the old equipment this category replaces (普通车床 → 数控车床): used by matching.
    replaces: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    # [{key, name, type: integer|number|string, unit, better: higher|lower|none, min, max}]
    spec_schema: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    ancestors: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_categories_aliases", "aliases", postgresql_using="gin"),
        Index("ix_categories_ancestors", "ancestors", postgresql_using="gin"),
    )


class Tag(Base):
    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    meaning: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
