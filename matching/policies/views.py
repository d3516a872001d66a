"""Response shapes of the browse, attribute and 政策找企 endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from matching.policies.models import OrganizationAttribute
from matching.policies.rules import Rule


class ThresholdView(BaseModel):
    measure: str
    op: str
    value: Decimal
    word: str
    reading: str | None


class PolicyRule(BaseModel):
    id: str
    document: str
    document_title: str
    draft: bool
    issuer_level: str
    region_codes: list[str]
    clause: str
    quote: str
    kind: str
    title: str
    estimable: bool
    types_any: list[str]
    attributes_any: list[str]
    facts_all: list[str]
    thresholds: list[ThresholdView]
    readings: list[dict[str, str]]


def rule_view(rule: Rule) -> PolicyRule:
    c = rule.conditions
    return PolicyRule(
        id=rule.id, document=rule.document, document_title=rule.document_title, draft=rule.draft,
        issuer_level=rule.issuer_level, region_codes=list(rule.region_codes), clause=rule.clause, quote=rule.quote,
        kind=rule.kind, title=rule.title, estimable=rule.estimable, types_any=list(c.types_any),
        attributes_any=list(c.attributes_any), facts_all=list(c.facts_all),
        thresholds=[ThresholdView(measure=t.measure, op=t.op, value=t.value, word=t.word, reading=t.reading)
                    for t in c.thresholds],
        readings=[{"id": r.id, "question": r.question, "reading": r.reading} for r in rule.readings],
    )  # fmt: skip


class PolicyRules(BaseModel):
    items: list[PolicyRule]
    total: int


class AttributeRead(BaseModel):
    id: uuid.UUID
    name: str
    canonical: str
    evidence: str | None
    verified: bool
    verified_at: datetime | None

    @classmethod
    def of(cls, row: OrganizationAttribute) -> AttributeRead:
        return cls(id=row.id, name=row.name, canonical=row.canonical, evidence=row.evidence,
                   verified=row.verified_at is not None, verified_at=row.verified_at)  # fmt: skip


class AttributeList(BaseModel):
    items: list[AttributeRead]
    total: int


class AttributesPut(BaseModel):
    attributes: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]],
                          Field(max_length=50)]  # fmt: skip
    evidence: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class VerifyBody(BaseModel):
    verified: bool = True


class EnterpriseHit(BaseModel):
    organization_id: uuid.UUID
    name: str
    region_code: str
    meets: bool
    demand_id: uuid.UUID | None
    demand_title: str | None
    gaps: list[str] = Field(description="近似命中：差多少达到门槛，如“设备投资额差 10万元达到 200万元门槛（不低于）”")
    unverified_attributes: list[str]


class EnterpriseItems(BaseModel):
    rule: PolicyRule
    items: list[EnterpriseHit]
    total: int


class PolicyCitation(BaseModel):
    rule_id: str
    document: str
    clause: str
    quote: str
    draft: bool
    estimable: bool
