"""The statistics overview as served: the same figure blocks overall, per region, per category
group and per month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

ENERGY_GRADES = ("1", "2", "3", "4", "5", "unknown")


class ListingFigures(BaseModel):
    published: int = Field(0, description="已发布的供给（草稿、下架、归档不计）")
    recommended: int = Field(0, description="其中已入推荐目录")
    pending_review: int = Field(0, description="其中待审核")
    by_energy_grade: dict[str, int] = Field(
        default_factory=lambda: dict.fromkeys(ENERGY_GRADES, 0), description="能效等级 1–5 及未填"
    )


class DemandFigures(BaseModel):
    published: int = Field(0, description="已发布的需求")
    budget_total: Decimal = Field(Decimal(0), description="其预算合计（元）")
    with_strong_match: int = Field(0, description="其中至少有一个强匹配（得分 ≥ 通知阈值）")
    contacted: int = Field(0, description="其中已有供应商获准联系")
    first_contact_hours_median: float | None = Field(
        None, description="发布到首次获准联系的小时数（中位数，保留一位小数）"
    )


class MatchFigures(BaseModel):
    contacted: int = Field(0, description="获准联系（该时段内）")
    quoted: int = Field(0, description="已报价")
    contracted: int = Field(0, description="已签约")
    contracted_amount: Decimal = Field(Decimal(0), description="签约金额合计（元）")
    declined: int = Field(0, description="已婉拒")


class CampaignFigures(BaseModel):
    settled: int = Field(0, description="成团结算的团购")
    failed: int = Field(0, description="未成团")
    pooled_quantity: int = Field(0, description="成团团购的认购合计")
    total_saving: Decimal = Field(Decimal(0), description="让利合计（元）")


EVENT_STATUSES = ("registration", "scheduled", "held", "closed")


class EventFigures(BaseModel):
    """Matchmaking events organised by a bureau in scope (each counts once, under its organiser's
    region; drafts never count), dated by the event's date; meeting figures are the outcomes
    recorded for those events' meetings."""

    held: int = Field(0, description="已举行的对接会（状态为已举行或已结束）")
    by_status: dict[str, int] = Field(
        default_factory=lambda: dict.fromkeys(EVENT_STATUSES, 0),
        description="按状态：registration 报名中 · scheduled 已排程 · held 已举行 · closed 已结束（草稿不计）",
    )
    meetings: int = Field(0, description="已洽谈的场次（登记了成果且不是未到场）")
    no_shows: int = Field(0, description="登记为未到场的场次")
    intentions: int = Field(0, description="成果为达成意向的场次（签约另计）")
    intention_amount: Decimal = Field(Decimal(0), description="意向金额合计（元）")
    contracts: int = Field(0, description="成果为签约的场次")
    contract_amount: Decimal = Field(Decimal(0), description="签约金额合计（元）")


class Figures(BaseModel):
    listings: ListingFigures = Field(default_factory=ListingFigures)
    demands: DemandFigures = Field(default_factory=DemandFigures)
    matches: MatchFigures = Field(default_factory=MatchFigures)
    campaigns: CampaignFigures = Field(default_factory=CampaignFigures)
    events: EventFigures = Field(default_factory=EventFigures)


class RegionRow(Figures):
    code: str
    name: str


class CategoryRow(Figures):
    code: str | None = Field(description="品类组代码；未分类的需求为 null")
    name: str


class MonthRow(Figures):
    month: str = Field(description="YYYY-MM（UTC）")


class ScopeRead(BaseModel):
    code: str
    name: str
    level: str


class Overview(Figures):
    scope: ScopeRead
    category: str | None = None
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")
    by_region: list[RegionRow]
    by_category: list[CategoryRow]
    by_month: list[MonthRow]
    notes: list[str] = Field(default_factory=list)

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class RegionRef(BaseModel):
    code: str
    name: str


class TargetPeriod(BaseModel):
    text: str = Field(description="文件写明的期限（每年 / 到2027年）；未写期限为“未注明期限 (no period stated)”")
    kind: str = Field(description="per_year | until | none")
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class GroupProgress(BaseModel):
    code: str | None = Field(description="品类组代码（产业链按品类组计）；未分类为 null")
    name: str
    value: Decimal
    share: float | None = Field(description="value / target")


class TargetProgress(BaseModel):
    value: Decimal = Field(description="平台口径的当前数值（按品类组的目标：各组合计）")
    share: float | None = Field(
        description="value / target（目标无数值时为 null；按品类组的目标见 by_group，此处为 null）"
    )
    measured_in: RegionRef
    by_group: list[GroupProgress] | None = Field(
        None, description="目标按产业链（品类组）计时，各品类组的数值与完成比例；只列有数值的组"
    )


class TargetRead(BaseModel):
    id: str
    title: str
    region: RegionRef = Field(description="发文地区")
    document: str
    file: str = Field(description="seeds/policy_docs/ 下的原文文件")
    quote: str = Field(description="文件原文")
    period_quote: str | None = Field(None, description="期限不在 quote 本句中时所依据的原文")
    target: Decimal | None
    unit: str
    period: TargetPeriod
    measure: str | None = Field(description="平台统计口径；null = 平台无此数据")
    measure_note: str
    progress: TargetProgress | None = Field(description="平台无此数据时为 null，不以 0 代替")
    policy_rule: str | None = Field(None, description="政策规则中引用同一条文的规则编号（GET /policies）")


class TargetsRead(BaseModel):
    scope: RegionRef
    items: list[TargetRead]
