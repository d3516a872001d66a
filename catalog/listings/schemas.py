"""Listing schemas: ListingCreate / ListingUpdate (what a supplier may set), ListingReview (a bureau's
decision) and ListingRead (what clients see)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from catalog.schemas import (
    CategoryRef,
    ExternalId,
    MoneyIn,
    OrganizationRef,
    ReadModel,
    RecordWarning,
    RegionCode,
    ShortText,
    refuse_null,
)

SpecValue = int | float | str


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CategoryText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)]
LeadTime = Annotated[int, Field(ge=0, le=3650)]
EnergyGrade = Annotated[int, Field(ge=1, le=5)]
Tags = Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True)]], Field(max_length=30)]
ServiceRegions = Annotated[list[RegionCode], Field(max_length=200)]
Specs = Annotated[dict[str, SpecValue], Field(max_length=100)]


def price_range_error(price_min: Decimal | None, price_max: Decimal | None) -> str | None:
    if price_min is not None and price_max is not None and price_min > price_max:
        return "price_min 不能大于 price_max"
    return None


class ListingCreate(BaseModel):
    # Fields a client must not set (owner, status, recommended, timestamps) are ignored.
    model_config = ConfigDict(extra="ignore")

    title: Title
    category: CategoryText
    brand: ShortText | None = None
    model: ShortText | None = None
    description: Description
    price_min: MoneyIn | None = None
    price_max: MoneyIn | None = None
    lead_time_days: LeadTime | None = None
    energy_grade: EnergyGrade | None = None
    tags: Tags = []
    service_regions: ServiceRegions = []
    specs: Specs = {}
    external_id: ExternalId = None

    @model_validator(mode="after")
    def _price_range(self) -> ListingCreate:
        if message := price_range_error(self.price_min, self.price_max):
            raise ValueError(message)
        return self


# Fields a listing cannot be without: in a PATCH they may be left out, but not set to null.
REQUIRED_FIELDS = ("title", "category", "description", "tags", "service_regions", "specs")


class ListingUpdate(BaseModel):
    """A partial change (PATCH): only the fields present change; null clears an optional field.
    Owner, status, review state, version and timestamps are not settable and are ignored."""

    model_config = ConfigDict(extra="ignore")

    title: Title | None = None
    category: CategoryText | None = None
    brand: ShortText | None = None
    model: ShortText | None = None
    description: Description | None = None
    price_min: MoneyIn | None = None
    price_max: MoneyIn | None = None
    lead_time_days: LeadTime | None = None
    energy_grade: EnergyGrade | None = None
    tags: Tags | None = None
    service_regions: ServiceRegions | None = None
    specs: Specs | None = None
    external_id: ExternalId = None

    _required_not_null = field_validator(*REQUIRED_FIELDS)(refuse_null)


class ListingReview(BaseModel):
    """A bureau's decision on a published listing for the recommended catalogue (推荐目录)."""

    model_config = ConfigDict(extra="ignore")

    decision: Literal["approve", "reject"]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = Field(
        default="", validate_default=True
    )

    @field_validator("note")
    @classmethod
    def _note_for_rejection(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("decision") == "reject" and not value:
            raise ValueError("驳回时须填写审核意见")
        return value


class ListingRead(ReadModel):
    id: uuid.UUID
    external_id: str | None
    title: str
    category: CategoryRef
    brand: str | None
    model: str | None
    description: str
    price_min: Decimal | None
    price_max: Decimal | None
    lead_time_days: int | None
    energy_grade: int | None
    tags: list[str]
    service_regions: list[str]
    specs: dict[str, SpecValue]
    warnings: list[RecordWarning]
    status: str
    recommended: bool
    review_status: str
    review_note: str | None
    reviewed_at: datetime | None
    supplier: OrganizationRef = Field(validation_alias="organization")
    version: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
