"""What a search (and a match) returns for one listing or demand: the contract's item shapes."""

from __future__ import annotations

import uuid
from decimal import Decimal

from pydantic import BaseModel

from catalog.schemas import CategoryRef, OrganizationRef


class ListingHit(BaseModel):
    """A published listing as search results and matches show it (API.md › Search)."""

    id: uuid.UUID
    title: str
    category: CategoryRef
    brand: str | None
    model: str | None
    price_min: Decimal | None
    price_max: Decimal | None
    energy_grade: int | None
    tags: list[str]
    supplier: OrganizationRef
    recommended: bool
    score: float | None = None


class DemandHit(BaseModel):
    """A published demand as suppliers see it in search results and leads: anonymised — no buyer
    name, USCC, user or contact; region at city level. `buyer` is filled only for the buyer itself,
    bureaus in scope, and a supplier the buyer accepted contact from."""

    id: uuid.UUID
    title: str
    category: CategoryRef | None
    quantity: int
    budget_max: Decimal | None
    region_code: str
    industry_code: str | None
    motivations: list[str]
    needed_by: str | None
    buyer: OrganizationRef | None = None
    score: float | None = None
