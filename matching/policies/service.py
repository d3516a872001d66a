"""Policies against the database: a demand as a project, an organisation's attributes, the estimate
with the region's real ancestors, browsing rules by region, and the bureau's 政策找企 listing. Every
decision goes through evaluator.py; the SQL here only narrows candidates with clauses built from
the same rule data (sql.py)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize, in_scope
from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.demands.service import demand_for
from catalog.errors import FieldError, Forbidden, NotFound, ValidationFailed
from catalog.organizations.models import Organization
from catalog.regions.models import Region
from catalog.regions.repository import ancestors_of
from matching.campaigns.models import Pledge
from matching.policies import sql
from matching.policies.evaluator import estimate, holds, in_region, near_miss, normalize, region_ancestors_by_code
from matching.policies.loader import default_documents, default_rules, rule_by_id
from matching.policies.models import OrganizationAttribute
from matching.policies.rules import Rule
from matching.policies.schemas import AmountRange, Estimate, EstimateRequest, ReadingOut, Support
from matching.policies.views import (
    AttributeRead,
    EnterpriseHit,
    EnterpriseItems,
    PolicyCitation,
    PolicyRule,
    PolicyRules,
    rule_view,
)
from matching.policies.vocabulary import normalize_attribute

ZERO = Decimal(0)
# A demand's motivations read as project types and item purposes (the same reading every time).
MOTIVATION_TYPES = {"smart": ("智能化技术改造", "数字化转型"), "green": ("节能改造",), "high_end": ("技术改造",),
                    "safety": ("安全生产改造",)}  # fmt: skip
MOTIVATION_PURPOSE = {"green": "节能节水", "safety": "安全生产", "smart": "数字化智能化改造"}
DEMAND_READING = ReadingOut(
    id="demand-as-project",
    document="",
    question="需求清单中的需求如何当作项目估算？",
    reading=(
        "项目类型：设备更新，另按更新动因 smart→智能化技术改造、数字化转型，green→节能改造，high_end→技术改造，"
        "safety→安全生产改造；设备投资额＝报价（或预算上限）；设备用途：green→节能节水，safety→安全生产，"
        "smart→数字化智能化改造（按先后取第一个）；被替换设备取需求的 replaces；企业属性取本企业登记的属性。"
    ),
)


async def region_ancestors(session: AsyncSession, code: str) -> list[str] | None:
    found = await ancestors_of(session, code)
    return found or None


async def estimate_project(session: AsyncSession, request: EstimateRequest) -> Estimate:
    """POST /policies/estimate: the evaluator with the region's ancestors from the region table
    (an unknown code falls back to its GB/T 2260 shape)."""
    return estimate(request, region_ancestors=await region_ancestors(session, request.region_code))


# --- attributes -------------------------------------------------------------------------------


async def attributes_of(session: AsyncSession, organization_id: uuid.UUID) -> list[OrganizationAttribute]:
    rows = await session.scalars(
        select(OrganizationAttribute)
        .where(OrganizationAttribute.organization_id == organization_id)
        .order_by(OrganizationAttribute.canonical)
    )
    return list(rows)


async def _organization_for(session: AsyncSession, actor: Actor, organization_id: uuid.UUID) -> Organization:
    org = await session.get(Organization, organization_id)
    if org is None:
        raise NotFound("企业不存在")
    await authorize(session, actor, Action.READ, owner_organization_id=org.id, region_code=org.region_code,
                    what="企业")  # fmt: skip
    return org


async def read_attributes(session: AsyncSession, *, actor: Actor, organization_id: uuid.UUID) -> list[AttributeRead]:
    await _organization_for(session, actor, organization_id)
    return [AttributeRead.of(a) for a in await attributes_of(session, organization_id)]


async def replace_attributes(
    session: AsyncSession, *, actor: Actor, organization_id: uuid.UUID, names: Sequence[str], evidence: str | None
) -> list[AttributeRead]:
    """The organisation's admin sets its attribute list. Unchanged attributes keep their
    verification; new or changed ones wait for a bureau; an unknown word is refused (422)."""
    org = await _organization_for(session, actor, organization_id)
    if not (actor.organization_id == org.id and actor.is_org_admin) and not actor.is_platform_admin:
        raise Forbidden("只有本企业管理员可以修改企业属性")
    wanted: dict[str, str] = {}
    errors: list[FieldError] = []
    for i, name in enumerate(names):
        canon = normalize_attribute(name)
        if canon is None:
            errors.append(FieldError(f"attributes[{i}]", f"未知的企业属性：{name}"))
        else:
            wanted.setdefault(canon, name.strip())
    if errors:
        raise ValidationFailed("企业属性无法识别", errors=errors)
    current = {a.canonical: a for a in await attributes_of(session, org.id)}
    for canon, row in current.items():
        if canon not in wanted:
            await session.delete(row)
    for canon, name in wanted.items():
        if canon not in current:
            session.add(OrganizationAttribute(organization_id=org.id, name=name, canonical=canon, evidence=evidence))
    await session.flush()
    return [AttributeRead.of(a) for a in await attributes_of(session, org.id)]


async def verify_attribute(
    session: AsyncSession, *, actor: Actor, organization_id: uuid.UUID, attribute_id: uuid.UUID, verified: bool
) -> AttributeRead:
    """A bureau whose scope holds the organisation (or the platform admin) verifies or un-verifies."""
    org = await _organization_for(session, actor, organization_id)
    if not (actor.is_platform_admin or (actor.is_kind("bureau") and await in_scope(session, actor, org.region_code))):
        raise Forbidden("只有辖区主管部门可以核验企业属性")
    row = await session.get(OrganizationAttribute, attribute_id)
    if row is None or row.organization_id != org.id:
        raise NotFound("企业属性不存在")
    row.verified_by = actor.user_id if verified else None
    row.verified_at = utcnow() if verified else None
    await session.flush()
    return AttributeRead.of(row)


# --- a demand as a project ----------------------------------------------------------------------


def demand_request(
    demand: Demand,
    attributes: Sequence[str],
    *,
    unit_price: Decimal | None = None,
    tags: Sequence[str] = (),
    energy_grade: int | None = None,
) -> EstimateRequest:
    """The demand as the estimator's project (reading: DEMAND_READING). `unit_price` is an offer's
    or a listing's price; without it the budget stands for the investment."""
    quantity = max(demand.quantity, 1)
    if unit_price is not None:
        amount: Decimal | None = unit_price * quantity
    else:
        amount = demand.budget_max
        unit_price = amount / quantity if amount is not None else None
    types = ["设备更新"] + [t for m in demand.motivations for t in MOTIVATION_TYPES.get(m, ())]
    purpose = next((MOTIVATION_PURPOSE[m] for m in demand.motivations if m in MOTIVATION_PURPOSE), None)
    level = next((lv for t in tags for lv in ("国家级", "省级", "市级") if "首台" in t and lv in t), None)
    item: dict[str, Any] = {
        "category": demand.category_code or demand.title, "quantity": quantity, "unit_price_yuan": unit_price,
        "amount_yuan": amount, "energy_grade": energy_grade, "tags": list(tags), "purpose": purpose,
        "shoutaitao_level": level,
    }  # fmt: skip
    replaces = demand.replaces or {}
    project: dict[str, Any] = {
        "types": list(dict.fromkeys(types)),
        "equipment_investment_yuan": amount,
        "total_investment_yuan": amount,
        "items": [item] if amount is not None else [],
        "replaces": [{"category": replaces.get("description") or "", "age_years": replaces.get("age_years"),
                      "energy_grade": replaces.get("energy_grade")}] if replaces else [],
    }  # fmt: skip
    return EstimateRequest.model_validate(
        {"region_code": demand.region_code, "enterprise": {"attributes": list(attributes)}, "project": project}
    )


async def demand_estimate(session: AsyncSession, demand: Demand, **price: Any) -> Estimate:
    names = [a.canonical for a in await attributes_of(session, demand.organization_id)]
    result = estimate(
        demand_request(demand, names, **price), region_ancestors=await region_ancestors(session, demand.region_code)
    )
    result.readings.append(DEMAND_READING)
    return result


async def demand_policies(session: AsyncSession, *, actor: Actor, demand_id: uuid.UUID) -> Estimate:
    """GET /demands/{id}/policies: its buyer, bureaus in scope, the platform admin."""
    demand = await demand_for(session, actor=actor, demand_id=demand_id, action=Action.READ)
    return await demand_estimate(session, demand)


def support_of(result: Estimate) -> Support:
    return Support(
        cash_yuan=result.totals.cash_yuan,
        unquantified_upside=result.totals.unquantified_upside,
        rule_ids=[r.id for r in result.rules if r.amount is not None or r.kind in ("subsidy", "award")],
        drafts=[d.document for d in result.drafts],
    )


def net_cost(price_min: Decimal | None, price_max: Decimal | None, support: Support) -> AmountRange | None:
    """price − support as a range: the lowest price less the most support, the highest less the least."""
    if price_min is None and price_max is None:
        return None
    low, high = price_min if price_min is not None else price_max, price_max if price_max is not None else price_min
    assert low is not None and high is not None
    return AmountRange(min=max(low - support.cash_yuan.max, ZERO), max=max(high - support.cash_yuan.min, ZERO))


# --- browsing and 政策找企 -----------------------------------------------------------------------


async def browse(session: AsyncSession, *, region: str | None, kind: str | None) -> PolicyRules:
    """Rules that apply in `region` (its ancestors' documents); all rules without a region."""
    ancestors = (await region_ancestors(session, region)) if region else None
    if region and ancestors is None:
        ancestors = region_ancestors_by_code(region)
    items: list[PolicyRule] = []
    for doc in default_documents():
        for rule in doc.rules:
            if ancestors is not None and not any(c in ancestors for c in rule.region_codes):
                continue
            if kind and rule.kind != kind:
                continue
            items.append(rule_view(rule))
    return PolicyRules(items=items, total=len(items))


async def rule_enterprises(
    session: AsyncSession, *, actor: Actor, rule_id: str, limit: int, offset: int
) -> EnterpriseItems:
    """政策找企: the enterprises in the bureau's scope whose registered attributes or published
    demands meet `rule`, and the near misses with how far they are."""
    rule = rule_by_id(rule_id)
    if rule is None or rule.kind == "target":
        raise NotFound("政策规则不存在")
    if not actor.is_platform_admin and not actor.is_kind("bureau"):
        raise Forbidden("此操作仅限主管部门")
    scope = None if actor.is_platform_admin else actor.region_code
    orgs: list[Organization] = list(await session.scalars(sql.candidate_organizations(rule, scope=scope)))
    by_org: dict[uuid.UUID, list[Demand]] = {o.id: [] for o in orgs}
    if orgs:
        demands = await session.scalars(
            select(Demand).where(Demand.organization_id.in_(list(by_org)), Demand.status == "published",
                                 *sql.demand_clauses(rule)).order_by(Demand.published_at.desc())
        )  # fmt: skip
        for d in demands:
            by_org[d.organization_id].append(d)
    rules = default_rules()
    regions = {r.code: list(r.ancestors) for r in await session.scalars(
        select(Region).where(Region.code.in_({o.region_code for o in orgs} | {d.region_code for ds in by_org.values() for d in ds})))}  # fmt: skip
    hits: list[EnterpriseHit] = []
    for org in orgs:
        attrs = await attributes_of(session, org.id)
        names = [a.canonical for a in attrs]
        verified = {a.canonical for a in attrs if a.verified_at is not None}
        projects: list[tuple[Demand | None, EstimateRequest]] = [(None, EstimateRequest.model_validate(
            {"region_code": org.region_code, "enterprise": {"attributes": names}}))]  # fmt: skip
        projects += [(d, demand_request(d, names)) for d in by_org[org.id]]
        best: EnterpriseHit | None = None
        for demand, request in projects:
            project = normalize(request, regions.get(request.region_code))
            if not in_region(rule, project):
                continue
            if holds(rule, project, rules):
                unverified = sorted(set(rule.conditions.attributes_any) & set(names) - verified)
                best = EnterpriseHit(
                    organization_id=org.id, name=org.name, region_code=org.region_code, meets=True,
                    demand_id=demand.id if demand else None, demand_title=demand.title if demand else None,
                    gaps=[], unverified_attributes=unverified,
                )  # fmt: skip
                break
            gaps = near_miss(rule, project, rules)
            if gaps and best is None:
                best = EnterpriseHit(
                    organization_id=org.id, name=org.name, region_code=org.region_code, meets=False,
                    demand_id=demand.id if demand else None, demand_title=demand.title if demand else None,
                    gaps=gaps, unverified_attributes=[],
                )  # fmt: skip
        if best is not None:
            hits.append(best)
    hits.sort(key=lambda h: (not h.meets, h.name))
    return EnterpriseItems(rule=rule_view(rule), items=hits[offset : offset + limit], total=len(hits))


def rules_for(ids: Sequence[str]) -> list[Rule]:
    return [r for r in default_rules() if r.id in set(ids)]


# --- support on match items and settlement lines (response shaping only) ------------------------


async def _priced_support(
    session: AsyncSession, request_of: Any, region_code: str, price_min: Decimal | None, price_max: Decimal | None
) -> tuple[Support, AmountRange | None]:
    """Support at the lowest and the highest price (one estimate when they agree) and the net cost
    range: lowest price − most support … highest price − least support."""
    ancestors = await region_ancestors(session, region_code)
    low = estimate(request_of(price_min), region_ancestors=ancestors)
    high = low if price_max in (None, price_min) else estimate(request_of(price_max), region_ancestors=ancestors)
    support = support_of(low)
    support.cash_yuan = AmountRange(min=low.totals.cash_yuan.min, max=high.totals.cash_yuan.max)
    support.unquantified_upside = low.totals.unquantified_upside or high.totals.unquantified_upside
    support.rule_ids = list(dict.fromkeys(support.rule_ids + support_of(high).rule_ids))
    if price_min is None and price_max is None:
        return support, None
    lo_price = price_min if price_min is not None else price_max
    hi_price = price_max if price_max is not None else price_min
    assert lo_price is not None and hi_price is not None
    return support, AmountRange(
        min=max(lo_price - low.totals.cash_yuan.max, ZERO), max=max(hi_price - high.totals.cash_yuan.min, ZERO)
    )


async def attach_match_support(session: AsyncSession, demand_id: uuid.UUID, items: Sequence[Any]) -> None:
    """Set `support` and `net_cost` on each match item of a demand (the caller already passed the
    demand's access check). Price = the listing's unit price × the demand's quantity; a listing
    without a price is estimated on the demand's budget and has no net cost."""
    demand = await session.get(Demand, demand_id)
    if demand is None or not items:
        return
    names = [a.canonical for a in await attributes_of(session, demand.organization_id)]
    quantity = max(demand.quantity, 1)
    for item in items:
        listing = item.listing

        def request_of(total: Decimal | None, listing: Any = listing) -> EstimateRequest:
            unit = total / quantity if total is not None else None
            return demand_request(demand, names, unit_price=unit, tags=listing.tags, energy_grade=listing.energy_grade)

        item.support, item.net_cost = await _priced_support(
            session, request_of, demand.region_code,
            listing.price_min * quantity if listing.price_min is not None else None,
            listing.price_max * quantity if listing.price_max is not None else None,
        )  # fmt: skip


async def attach_settlement_support(session: AsyncSession, campaign_category: str, lines: Sequence[Any]) -> None:
    """Set `support` and `net_cost` on each allocated settlement line the viewer may attribute (its
    buyer shown): the pledging buyer's project at the settled unit price."""
    for line in lines:
        if line.buyer is None or line.unit_price is None or line.outcome != "allocated":
            continue
        pledge = await session.get(Pledge, line.pledge_id)
        org = await session.get(Organization, pledge.organization_id) if pledge else None
        if org is None:
            continue
        names = [a.canonical for a in await attributes_of(session, org.id)]
        quantity = line.quantity
        unit = line.unit_price

        def request_of(total: Decimal | None, org: Organization = org, names: list[str] = names,
                       quantity: int = quantity, unit: Decimal = unit) -> EstimateRequest:  # fmt: skip
            return EstimateRequest.model_validate({
                "region_code": org.region_code, "enterprise": {"attributes": names},
                "project": {"types": ["设备更新"], "equipment_investment_yuan": total, "total_investment_yuan": total,
                            "items": [{"category": campaign_category, "quantity": quantity, "unit_price_yuan": unit,
                                       "amount_yuan": total}]},
            })  # fmt: skip

        total = unit * quantity
        line.support, line.net_cost = await _priced_support(session, request_of, org.region_code, total, total)


async def demand_support(session: AsyncSession, demand_id: uuid.UUID) -> tuple[Support, list[PolicyCitation]] | None:
    """A drafted demand's support and the money rules it cites (the ledger report shows them)."""
    demand = await session.get(Demand, demand_id)
    if demand is None:
        return None
    result = await demand_estimate(session, demand)
    cited = [
        PolicyCitation(
            rule_id=r.id, document=r.document, clause=r.clause, quote=r.quote, draft=r.draft, estimable=r.estimable
        )
        for r in result.rules
        if r.kind not in ("tracking_threshold", "procedure", "priority")
    ]
    return support_of(result), cited
