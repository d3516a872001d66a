"""Group-purchase schemas: what a bureau, supplier or buyer may send (…Create/…Update) and what
each of them sees (…Read, with other buyers' identities left out where the rules say so)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field

from catalog.schemas import CategoryRef, Deadline, MoneyIn, OrganizationRef, ReadModel, RegionCode
from matching.policies.schemas import AmountRange, Support

Quantity = Annotated[int, Field(ge=1, le=1_000_000)]
PositiveMoney = Annotated[MoneyIn, Field(gt=0)]


class TierIn(BaseModel):
    min_quantity: Quantity
    unit_price: PositiveMoney


class CampaignCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    category: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    region_codes: Annotated[list[RegionCode], Field(min_length=1, max_length=50)]
    offer_deadline: Deadline
    pledge_deadline: Deadline
    min_total_quantity: Quantity
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)] = ""
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8)] = "台"
    # "draft" keeps the campaign unpublished until POST /campaigns/{id}/open.
    status: Literal["open", "draft"] = "open"


class CampaignCancel(BaseModel):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""


class OfferCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    listing_id: uuid.UUID
    unit_list_price: PositiveMoney
    tiers: Annotated[list[TierIn], Field(min_length=1, max_length=20)]
    max_quantity: Quantity | None = None


class OfferUpdate(BaseModel):
    """A revision: fields left out keep their value; `max_quantity: null` removes the cap."""

    model_config = ConfigDict(extra="ignore")

    unit_list_price: PositiveMoney | None = None
    tiers: Annotated[list[TierIn], Field(min_length=1, max_length=20)] | None = None
    max_quantity: Quantity | None = None


class PledgeCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    quantity: Quantity
    max_unit_price: PositiveMoney | None = None


class TierRead(BaseModel):
    min_quantity: int
    unit_price: Decimal


class ListingRef(ReadModel):
    id: uuid.UUID
    title: str
    brand: str | None
    model: str | None


class OfferRead(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    listing: ListingRef
    supplier: OrganizationRef
    unit_list_price: Decimal
    tiers: list[TierRead]
    max_quantity: int | None
    revision: int
    created_at: datetime
    updated_at: datetime


class OfferRevisionRead(ReadModel):
    revision: int
    unit_list_price: Decimal
    tiers: list[TierRead]
    max_quantity: int | None
    created_at: datetime


class PledgeRead(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    buyer: OrganizationRef | None  # hidden from other buyers and from suppliers
    quantity: int
    max_unit_price: Decimal | None  # only for the pledging buyer and bureaus
    status: str
    created_at: datetime
    withdrawn_at: datetime | None


class CurrentBest(BaseModel):
    offer_id: uuid.UUID
    unit_price: Decimal
    tier_min_quantity: int | None


class NextTierRead(BaseModel):
    offer_id: uuid.UUID
    quantity_needed: int
    unit_price: Decimal
    message: str


class CampaignCounts(BaseModel):
    offers: int
    pledges: int
    buyers: int


class CampaignRead(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    category: CategoryRef
    region_codes: list[str]
    unit: str
    status: str
    bureau: OrganizationRef
    offer_deadline: datetime
    pledge_deadline: datetime
    min_total_quantity: int
    total_pledged: int
    current_best: CurrentBest | None
    next_tier: NextTierRead | None
    counts: CampaignCounts
    offers: list[OfferRead]
    my_pledges: list[PledgeRead]
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    cancel_reason: str | None
    version: int


class WinningOfferRead(BaseModel):
    offer_id: uuid.UUID
    supplier: OrganizationRef
    listing_id: uuid.UUID
    listing_title: str
    quantity: int
    tier_min_quantity: int | None
    unit_price: Decimal
    unit_list_price: Decimal
    saving: Decimal


class SettlementLineRead(BaseModel):
    pledge_id: uuid.UUID
    buyer: OrganizationRef | None  # hidden unless the viewer may know who it is
    quantity: int
    outcome: Literal["allocated", "dropped", "released"]
    offer_id: uuid.UUID | None
    supplier: OrganizationRef | None
    tier_min_quantity: int | None
    unit_price: Decimal | None
    unit_list_price: Decimal | None
    saving: Decimal | None
    reason: str | None
    support: Support | None = Field(default=None, description="该买方按政策估算的支持（仅对可见买方的行）")
    net_cost: AmountRange | None = Field(default=None, description="成交金额 − 估算支持，区间")


class SettlementRead(BaseModel):
    campaign_id: uuid.UUID
    status: Literal["settled", "failed"]
    pooled_quantity: int
    min_total_quantity: int
    total_saving: Decimal
    rounds: int
    reason: str | None
    winning_offers: list[WinningOfferRead]
    lines: list[SettlementLineRead]
    settled_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def pledges(self) -> list[SettlementLineRead]:
        """The per-pledge lines again under the name the contract's prose uses ("per-pledge
        unit_price, saving"), for clients that look for `pledges`."""
        return self.lines
