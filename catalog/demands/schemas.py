"""Demand schemas: DemandCreate / DemandUpdate (what a buyer may set), DemandClose, DemandRead (owner
and bureaus) and DemandAnonymous (what suppliers see before the buyer accepts contact)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from catalog.schemas import (
    CategoryRef,
    ExternalId,
    MoneyIn,
    OrganizationRef,
    ReadModel,
    RecordWarning,
    RegionCode,
    refuse_null,
)

SpecValue = int | float | str
Motivation = Literal["high_end", "smart", "green", "safety"]


class Replaces(BaseModel):
    """The old equipment the demand replaces; every field may be unknown."""

    model_config = ConfigDict(extra="ignore")

    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    age_years: Annotated[int, Field(ge=0, le=100)] | None = None
    count: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    energy_grade: Annotated[int, Field(ge=1, le=5)] | None = None


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CategoryText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)]
Quantity = Annotated[int, Field(ge=1, le=1_000_000)]
Motivations = Annotated[list[Motivation], Field(max_length=4)]
Specs = Annotated[dict[str, SpecValue], Field(max_length=100)]


class DemandCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Title
    category: CategoryText | None = None
    description: Description
    quantity: Quantity
    budget_max: MoneyIn | None = None
    region_code: RegionCode
    needed_by: date | None = None
    motivations: Motivations = []
    replaces: Replaces | None = None
    specs: Specs = {}
    external_id: ExternalId = None


# Fields a demand cannot be without: in a PATCH they may be left out, but not set to null.
REQUIRED_FIELDS = ("title", "description", "quantity", "region_code", "motivations", "specs")


class DemandUpdate(BaseModel):
    """A partial change (PATCH): only the fields present change; null clears an optional field
    (`category: null` hands the category back to inference). Owner, status, close reason, expiry,
    version and timestamps are not settable and are ignored."""

    model_config = ConfigDict(extra="ignore")

    title: Title | None = None
    category: CategoryText | None = None
    description: Description | None = None
    quantity: Quantity | None = None
    budget_max: MoneyIn | None = None
    region_code: RegionCode | None = None
    needed_by: date | None = None
    motivations: Motivations | None = None
    replaces: Replaces | None = None
    specs: Specs | None = None
    external_id: ExternalId = None

    _required_not_null = field_validator(*REQUIRED_FIELDS)(refuse_null)


class DemandClose(BaseModel):
    """Why the buyer closes a demand; `expired` is the system's own reason."""

    reason: Literal["fulfilled", "withdrawn"]


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
    warnings: list[RecordWarning]
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
