"""Listing schemas: ListingCreate (what a supplier may set), ListingRead (what clients see)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from catalog.schemas import CategoryRef, MoneyIn, OrganizationRef, ReadModel, RegionCode, ShortText

SpecValue = int | float | str


class ListingCreate(BaseModel):
    # Fields a client must not set (owner, status, recommended, timestamps) are ignored.
    model_config = ConfigDict(extra="ignore")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    category: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    brand: ShortText | None = None
    model: ShortText | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)]
    price_min: MoneyIn | None = None
    price_max: MoneyIn | None = None
    lead_time_days: Annotated[int, Field(ge=0, le=3650)] | None = None
    energy_grade: Annotated[int, Field(ge=1, le=5)] | None = None
    tags: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True)]], Field(max_length=30)] = []
    service_regions: Annotated[list[RegionCode], Field(max_length=200)] = []
    specs: Annotated[dict[str, SpecValue], Field(max_length=100)] = {}
    external_id: ShortText | None = None

    @model_validator(mode="after")
    def _price_range(self) -> ListingCreate:
        if self.price_min is not None and self.price_max is not None and self.price_min > self.price_max:
            raise ValueError("price_min 不能大于 price_max")
        return self


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
    status: str
    recommended: bool
    review_status: str
    review_note: str | None
    supplier: OrganizationRef = Field(validation_alias="organization")
    version: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
