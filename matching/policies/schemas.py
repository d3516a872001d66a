"""The estimate's request and response (contract: API.md › Policies and subsidy estimates). Words
are free strings: an unknown attribute, project type, fact or purpose is kept and reported in
`unknown_words`, never a validation error."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from catalog.schemas import RegionCode

Yuan = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2, allow_inf_nan=False)]
Word = Annotated[str, Field(max_length=100)]


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    category: Annotated[str, Field(max_length=100)] = ""
    quantity: Annotated[int, Field(ge=0, le=1_000_000)] = 1
    unit_price_yuan: Yuan | None = None
    amount_yuan: Yuan | None = None
    energy_grade: Annotated[int, Field(ge=1, le=5)] | None = None
    tags: Annotated[list[Word], Field(max_length=50)] = []
    shoutaitao_level: Word | None = None
    purpose: Word | None = None
    imported: bool = False


class ReplacesIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    category: Annotated[str, Field(max_length=100)] = ""
    age_years: Annotated[Decimal, Field(ge=0, le=200)] | None = None
    energy_grade: Annotated[int, Field(ge=1, le=5)] | None = None


class FinancingIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    loan_yuan: Yuan | None = None
    source: Word | None = None


class EnterpriseIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    attributes: Annotated[list[Word], Field(max_length=50)] = []
    industry: Word | None = None
    uses_substandard_equipment: bool = False


class ProjectIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    types: Annotated[list[Word], Field(max_length=30)] = []
    total_investment_yuan: Yuan | None = None
    equipment_investment_yuan: Yuan | None = None
    equipment_purchase_yuan: Yuan | None = None
    non_fiscal_equipment_software_yuan: Yuan | None = None
    annual_service_revenue_yuan: Yuan | None = None
    components: Annotated[dict[Word, Yuan], Field(max_length=30)] = {}
    items: Annotated[list[ItemIn], Field(max_length=500)] = []
    replaces: Annotated[list[ReplacesIn], Field(max_length=500)] = []
    facts: Annotated[dict[Word, bool], Field(max_length=50)] = {}
    financing: FinancingIn | None = None


class EstimateRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    region_code: RegionCode
    enterprise: EnterpriseIn = EnterpriseIn()
    project: ProjectIn = ProjectIn()


class AmountRange(BaseModel):
    min: Decimal
    max: Decimal


class RuleHit(BaseModel):
    id: str
    document: str = Field(description="政策文件的文件名（seeds/policy_docs/ 中）")
    document_title: str
    draft: bool = Field(description="征求意见稿：尚未定稿，数字可能变化")
    clause: str
    quote: str = Field(description="原文，逐字")
    kind: str
    title: str
    estimable: bool
    amount: AmountRange | None = None
    interest_pp: Decimal | None = None
    interest_yuan_per_year: Decimal | None = None
    fixed_rate: Decimal | None = None
    weighted_equipment_investment_yuan: Decimal | None = None
    tax_deduction_yuan: Decimal | None = None
    tracking_level: str | None = None
    explanation: str


class NeedsFacts(BaseModel):
    """A rule that would hold if the project stated facts it left out (`project.facts`); not in
    the totals until they are stated."""

    id: str
    document: str
    clause: str
    title: str
    facts: list[str] = Field(description="未说明的项目情况（project.facts 的键）")
    explanation: str


class BlockedRule(BaseModel):
    id: str
    document: str
    clause: str
    blocked_by: str
    explanation: str


class Totals(BaseModel):
    cash_yuan: AmountRange
    interest_pp: Decimal
    interest_yuan_per_year: Decimal | None
    fixed_rate: Decimal | None
    weighted_equipment_investment_yuan: Decimal | None
    tax_deduction_yuan: Decimal
    unquantified_upside: bool = Field(description="有文件写明支持但未给金额的规则成立：实际合计可能更高")


class ReadingOut(BaseModel):
    question: str
    reading: str
    id: str
    document: str


class DraftDocument(BaseModel):
    document: str
    title: str
    note: str


class UnknownWord(BaseModel):
    field: str
    value: str


class Estimate(BaseModel):
    region_code: str
    rules: list[RuleHit]
    blocked: list[BlockedRule] = []
    needs_facts: list[NeedsFacts] = Field(default=[], description="说明这些项目情况后才能判断的规则，未计入合计")
    totals: Totals
    readings: list[ReadingOut]
    drafts: list[DraftDocument] = Field(default=[], description="引用到的征求意见稿")
    unknown_words: list[UnknownWord] = []
    notes: list[str] = []


class Support(BaseModel):
    """What a match or a settlement line may receive (the cash range of the estimate) and the rules
    cited; `net_cost` is price − support, as a range."""

    cash_yuan: AmountRange
    unquantified_upside: bool
    rule_ids: list[str]
    drafts: list[str] = []
