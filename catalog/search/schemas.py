"""What a search (and a match) returns for one listing or demand: the contract's item shapes."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from catalog.access import city_level
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.schemas import CategoryRef, OrganizationRef
from catalog.taxonomy.models import Category


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


def listing_hit(listing: Listing, *, score: float | None = None) -> ListingHit:
    """A listing (with `organization` and `category` loaded) as a search or match item."""
    return ListingHit(
        id=listing.id,
        title=listing.title,
        category=CategoryRef(code=listing.category.code, name=listing.category.name),
        brand=listing.brand,
        model=listing.model,
        price_min=listing.price_min,
        price_max=listing.price_max,
        energy_grade=listing.energy_grade,
        tags=list(listing.tags),
        supplier=OrganizationRef(id=listing.organization.id, name=listing.organization.name),
        recommended=listing.recommended,
        score=score,
    )


# The columns `listing_hit_of_row` reads (a select of these, listings joined to their category and
# organisation): the search's hot path builds its items from them without ORM objects, and without
# reading a listing's description or specs.
LISTING_HIT_COLUMNS = (
    Listing.id, Listing.title, Listing.category_code, Category.name.label("category_name"), Listing.brand,
    Listing.model, Listing.price_min, Listing.price_max, Listing.energy_grade, Listing.tags,
    Listing.organization_id, Organization.name.label("organization_name"), Listing.recommended,
)  # fmt: skip


def listing_hit_of_row(row: Any, *, score: float | None = None) -> ListingHit:
    """`listing_hit` for a row of `LISTING_HIT_COLUMNS`: the same item, field for field."""
    return ListingHit(
        id=row.id,
        title=row.title,
        category=CategoryRef(code=row.category_code, name=row.category_name),
        brand=row.brand,
        model=row.model,
        price_min=row.price_min,
        price_max=row.price_max,
        energy_grade=row.energy_grade,
        tags=list(row.tags),
        supplier=OrganizationRef(id=row.organization_id, name=row.organization_name),
        recommended=row.recommended,
        score=score,
    )


def demand_hit(demand: Demand, *, reveal_buyer: bool, score: float | None = None) -> DemandHit:
    """A demand (with `organization` and `category` loaded) as a search item or lead; the buyer's
    identity only when `reveal_buyer`, the region at city level otherwise."""
    return DemandHit(
        id=demand.id,
        title=demand.title,
        category=CategoryRef(code=demand.category.code, name=demand.category.name) if demand.category else None,
        quantity=demand.quantity,
        budget_max=demand.budget_max,
        region_code=demand.region_code if reveal_buyer else city_level(demand.region_code),
        industry_code=demand.organization.industry_code,
        motivations=list(demand.motivations),
        needed_by=demand.needed_by.isoformat() if demand.needed_by else None,
        buyer=OrganizationRef(id=demand.organization.id, name=demand.organization.name) if reveal_buyer else None,
        score=score,
    )


class ListingSearchPage(BaseModel):
    """GET /search/listings: hits best first, the total, and the facets asked for ({name: {value: count}})."""

    items: list[ListingHit]
    total: int
    # False when a broad search counted a sample of its matches: `total` and the facet counts are
    # then estimates scaled from it (the page is still the best of that sample)
    total_exact: bool = True
    facets: dict[str, dict[str, int]] = {}
    facet_names: dict[str, dict[str, str]] = {}  # category and region facets: {facet: {code: name}}


class DemandSearchPage(BaseModel):
    """GET /search/demands: like listings, the buyer hidden from suppliers."""

    items: list[DemandHit]
    total: int
    # False when a broad search counted a sample of its matches: `total` and the facet counts are
    # then estimates scaled from it (the page is still the best of that sample)
    total_exact: bool = True
    facets: dict[str, dict[str, int]] = {}
    facet_names: dict[str, dict[str, str]] = {}  # category and region facets: {facet: {code: name}}
