"""Demand schemas: DemandCreate (what a buyer may set), DemandRead (owner and bureaus) and
DemandAnonymous (what suppliers see before the buyer accepts contact)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from catalog.schemas import CategoryRef, MoneyIn, OrganizationRef, ReadModel, RegionCode, ShortText

SpecValue = int | float | str
Motivation = Literal["high_end", "smart", "green", "safety"]


class Replaces(BaseModel):
    """The old equipment the demand replaces; every field may be unknown."""

    model_config = ConfigDict(extra="ignore")

    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    age_years: Annotated[int, Field(ge=0, le=100)] | None = None
    count: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    energy_grade: Annotated[int, Field(ge=1, le=5)] | None = None


class DemandCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    category: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)]
    quantity: Annotated[int, Field(ge=1, le=1_000_000)]
    budget_max: MoneyIn | None = None
    region_code: RegionCode
    needed_by: date | None = None
    motivations: Annotated[list[Motivation], Field(max_length=4)] = []
    replaces: Replaces | None = None
    specs: Annotated[dict[str, SpecValue], Field(max_length=100)] = {}
    external_id: ShortText | None = None


class DemandRead(ReadModel):
    id: uuid.UUID
    external_id: str | None
    title: str
    category: CategoryRef | None
    category_inferred: bool
    category_confidence: float | None
    description: str
    quantity: int
    budget_max: Decimal | None
    region_code: str
    needed_by: date | None
    motivations: list[str]
    replaces: Replaces | None
    specs: dict[str, SpecValue]
    status: str
    close_reason: str | None
    buyer: OrganizationRef = Field(validation_alias="organization")
    version: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    expires_at: datetime | None
    origin: dict[str, Any] | None = None


class DemandAnonymous(ReadModel):
    """A published demand as a supplier sees it: no buyer name, USCC, user or contact; the region
    only at city level."""

    id: uuid.UUID
    title: str
    category: CategoryRef | None
    description: str
    quantity: int
    budget_max: Decimal | None
    region_code: str
    industry_code: str | None
    needed_by: date | None
    motivations: list[str]
    replaces: Replaces | None
    specs: dict[str, SpecValue]
    status: str
    published_at: datetime | None
