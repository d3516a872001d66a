"""Policies over HTTP (政策找企): estimate a project's support, a demand's support, browse the rules
by region with their citations, the enterprises a rule reaches (bureau), and the enterprise
attributes the rules ask about (the organisation's admin declares, a bureau in scope verifies)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from matching.policies import service
from matching.policies.schemas import Estimate, EstimateRequest
from matching.policies.views import (
    AttributeList,
    AttributeRead,
    AttributesPut,
    EnterpriseItems,
    PolicyRules,
    VerifyBody,
)
from service.api.params import Limit, Offset
from service.auth import BureauActor, CurrentActor
from service.db import SessionDep

router = APIRouter(tags=["policies"])
RegionParam = Annotated[str | None, Query(pattern=r"^\d{6}$", description="六位行政区划代码：该地适用的规则")]
KindParam = Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$", description="规则类别，如 subsidy、award、target")]


@router.post("/policies/estimate", response_model=Estimate)
async def estimate(body: EstimateRequest, actor: CurrentActor, session: SessionDep) -> Estimate:
    """What a project may receive under the plans that cover its region, each rule citing its
    clause verbatim; unknown words are reported in `unknown_words`, never an error."""
    return await service.estimate_project(session, body)


@router.get("/policies", response_model=PolicyRules)
async def browse(
    actor: CurrentActor, session: SessionDep, region: RegionParam = None, kind: KindParam = None
) -> PolicyRules:
    """The rules (support, tracking thresholds, targets) that apply in `region`, with citations."""
    return await service.browse(session, region=region, kind=kind)


@router.get("/policies/{rule_id}/enterprises", response_model=EnterpriseItems)
async def rule_enterprises(
    rule_id: str,
    actor: BureauActor,
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
) -> EnterpriseItems:
    """政策找企: enterprises in the bureau's scope that meet the rule, then the near misses with how
    far they are from each threshold."""
    return await service.rule_enterprises(session, actor=actor, rule_id=rule_id, limit=limit, offset=offset)


@router.get("/demands/{demand_id}/policies", response_model=Estimate)
async def demand_policies(demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Estimate:
    """The demand read as a project (its buyer, bureaus in scope)."""
    return await service.demand_policies(session, actor=actor, demand_id=demand_id)


@router.get("/organizations/{organization_id}/attributes", response_model=AttributeList)
async def read_attributes(organization_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> AttributeList:
    """The organisation's attributes with their verification (itself, bureaus in scope)."""
    items = await service.read_attributes(session, actor=actor, organization_id=organization_id)
    return AttributeList(items=items, total=len(items))


@router.put("/organizations/{organization_id}/attributes", response_model=AttributeList)
async def put_attributes(
    organization_id: uuid.UUID, body: AttributesPut, actor: CurrentActor, session: SessionDep
) -> AttributeList:
    """The organisation's admin sets its attributes (规上企业, 省级专精特新, 国家级绿色工厂 …);
    unchanged ones keep their verification."""
    items = await service.replace_attributes(
        session, actor=actor, organization_id=organization_id, names=body.attributes, evidence=body.evidence
    )
    return AttributeList(items=items, total=len(items))


@router.post("/organizations/{organization_id}/attributes/{attribute_id}/verify", response_model=AttributeRead)
async def verify_attribute(
    organization_id: uuid.UUID, attribute_id: uuid.UUID, body: VerifyBody, actor: BureauActor, session: SessionDep
) -> AttributeRead:
    """A bureau whose scope holds the organisation verifies (or withdraws) an attribute."""
    return await service.verify_attribute(
        session, actor=actor, organization_id=organization_id, attribute_id=attribute_id, verified=body.verified
    )
