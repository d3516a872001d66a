"""Match schemas: the ranked items of /demands/{id}/matches and /listings/{id}/leads (the
contract's shape plus match_id and status), one match with its lifecycle, the lifecycle bodies,
and the bureau statistics."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from catalog.schemas import MoneyIn
from catalog.search.schemas import DemandHit, ListingHit
from matching.policies.schemas import AmountRange, Support

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class _Scored(BaseModel):
    score: float
    breakdown: dict[str, float]
    reasons: list[str]
    match_id: uuid.UUID | None = Field(default=None, description="存储的匹配编号；未发布需求的预览为空")
    status: str | None = None
    computed_at: datetime | None = None


class MatchItem(_Scored):
    listing: ListingHit
    support: Support | None = Field(default=None, description="按政策估算的支持（现金区间与引用的规则）")
    net_cost: AmountRange | None = Field(default=None, description="报价 − 估算支持，区间")


class LeadItem(_Scored):
    demand: DemandHit


class MatchItems(BaseModel):
    items: list[MatchItem]
    total: int


class LeadItems(BaseModel):
    items: list[LeadItem]
    total: int
    # published demands for this listing's leaf outside its service regions, and a sentence
    # saying so ("另有 6 个匹配需求在您的服务区域之外") when there are any
    outside_regions: int = 0
    note: str | None = None


class BuyerContact(BaseModel):
    """Shown to the supplier once the buyer accepted contact."""

    name: str
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None = None
    address: str | None = None


class MatchRead(_Scored):
    id: uuid.UUID
    listing: ListingHit
    demand: DemandHit
    buyer_contact: BuyerContact | None
    interest_at: datetime | None
    contacted_at: datetime | None
    quote_amount: Decimal | None
    quote_note: str | None
    quoted_at: datetime | None
    contract_amount: Decimal | None
    contracted_at: datetime | None
    contracted_by: str | None
    decline_reason: str | None
    declined_by: str | None
    declined_at: datetime | None
    version: int


class QuoteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: MoneyIn
    note: Note | None = None


class ContractBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Annotated[MoneyIn, Field(gt=0)]


class DeclineBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class StatisticsRow(BaseModel):
    code: str
    name: str
    by_status: dict[str, int]
    total: int
    contracted_amount: Decimal


class MatchStatistics(BaseModel):
    scope: str | None = Field(description="统计范围（行政区划代码）；平台管理员为全部")
    by_status: dict[str, int]
    total: int
    contracted_amount: Decimal
    by_category_group: list[StatisticsRow]
    by_city: list[StatisticsRow]
