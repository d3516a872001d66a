"""Group purchases over HTTP (需者团购+供者让利): campaigns, tiered offers, pledges, settlement."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, Query, Response

from catalog.access import Action
from catalog.schemas import Page
from matching.campaigns import repository, service
from matching.campaigns.export import settlement_workbook
from matching.campaigns.schemas import (
    CampaignCancel,
    CampaignCreate,
    CampaignRead,
    OfferCreate,
    OfferRead,
    OfferRevisionRead,
    OfferUpdate,
    PledgeCreate,
    PledgeRead,
    SettlementRead,
)
from matching.policies import service as policies
from service.api.params import Limit, Offset
from service.auth import BureauActor, BuyerActor, CurrentActor, SupplierActor
from service.db import SessionDep
from service.idempotency import run_idempotent

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CampaignStatus = Literal["draft", "open", "settled", "failed", "cancelled"]


@router.post("", response_model=CampaignRead, status_code=201)
async def post_campaign(
    data: CampaignCreate,
    actor: BureauActor,
    session: SessionDep,
    draft: Annotated[bool, Query(description="保存为草稿，稍后开放")] = False,
) -> CampaignRead:
    """Open a group-purchase campaign in the bureau's regions (or keep it as a draft)."""
    campaign = await service.create_campaign(session, actor=actor, data=data, draft=draft)
    return await service.campaign_view(session, actor=actor, campaign=campaign)


@router.get("", response_model=Page[CampaignRead])
async def get_campaigns(
    actor: CurrentActor,
    session: SessionDep,
    status: CampaignStatus | None = None,
    category: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[CampaignRead]:
    """Campaigns the caller may join or oversee, soonest pledge deadline first."""
    items, total = await service.list_campaigns(
        session, actor=actor, status=status, category=category, limit=limit, offset=offset
    )
    return Page(items=items, total=total)


@router.get("/{campaign_id}", response_model=CampaignRead)
async def get_campaign(campaign_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> CampaignRead:
    """One campaign: pledged total, current best offer and tier, distance to the next tier."""
    campaign = await service.campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ)
    return await service.campaign_view(session, actor=actor, campaign=campaign)


@router.post("/{campaign_id}/open", response_model=CampaignRead)
async def open_campaign(campaign_id: uuid.UUID, actor: BureauActor, session: SessionDep) -> CampaignRead:
    """Open a draft campaign: offers and pledges are accepted from now on."""
    campaign = await service.open_campaign(session, actor=actor, campaign_id=campaign_id)
    return await service.campaign_view(session, actor=actor, campaign=campaign)


@router.post("/{campaign_id}/offers", response_model=OfferRead, status_code=201)
async def post_offer(campaign_id: uuid.UUID, data: OfferCreate, actor: SupplierActor, session: SessionDep) -> OfferRead:
    """Offer one of the supplier's published listings with a tier ladder (供者让利)."""
    offer = await service.make_offer(session, actor=actor, campaign_id=campaign_id, data=data)
    return service.offer_read(offer)


@router.patch("/{campaign_id}/offers/{offer_id}", response_model=OfferRead)
async def patch_offer(
    campaign_id: uuid.UUID, offer_id: uuid.UUID, data: OfferUpdate, actor: SupplierActor, session: SessionDep
) -> OfferRead:
    """Revise an offer before the offer deadline; once pledges exist only for the better."""
    offer = await service.revise_offer(session, actor=actor, campaign_id=campaign_id, offer_id=offer_id, data=data)
    return service.offer_read(offer)


@router.get("/{campaign_id}/offers/{offer_id}/revisions", response_model=list[OfferRevisionRead])
async def get_offer_revisions(
    campaign_id: uuid.UUID, offer_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> list[OfferRevisionRead]:
    """Every revision of an offer, oldest first (its supplier and bureaus in scope)."""
    campaign = await service.campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ)
    offer = await service.offer_of(session, actor=actor, campaign=campaign, offer_id=offer_id)
    return [OfferRevisionRead.model_validate(r) for r in await repository.revisions_of(session, offer.id)]


@router.post("/{campaign_id}/pledges", response_model=PledgeRead, status_code=201)
async def post_pledge(
    campaign_id: uuid.UUID,
    data: PledgeCreate,
    actor: BuyerActor,
    session: SessionDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> Response:
    """Pledge a quantity (需者团购), optionally only up to a unit price; honours Idempotency-Key."""

    async def create() -> PledgeRead:
        pledge = await service.make_pledge(session, actor=actor, campaign_id=campaign_id, data=data)
        await session.refresh(pledge, ["organization"])
        return service.pledge_read(pledge, reveal=True)

    return await run_idempotent(
        session, actor=actor, key=idempotency_key, endpoint=f"POST /campaigns/{campaign_id}/pledges",
        payload=data, create=create,
    )  # fmt: skip


@router.get("/{campaign_id}/pledges", response_model=Page[PledgeRead])
async def get_pledges(campaign_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Page[PledgeRead]:
    """Pledges as the caller may see them (buyers: their own; suppliers: quantities only)."""
    campaign = await service.campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ)
    items = await service.pledges_view(session, actor=actor, campaign=campaign)
    return Page(items=items, total=len(items))


@router.delete("/{campaign_id}/pledges/{pledge_id}", response_model=PledgeRead)
async def delete_pledge(
    campaign_id: uuid.UUID, pledge_id: uuid.UUID, actor: BuyerActor, session: SessionDep
) -> PledgeRead:
    """Withdraw one's own pledge while the campaign is open."""
    pledge = await service.withdraw_pledge(session, actor=actor, campaign_id=campaign_id, pledge_id=pledge_id)
    return service.pledge_read(pledge, reveal=True)


@router.post("/{campaign_id}/close", response_model=SettlementRead)
async def close_campaign(campaign_id: uuid.UUID, actor: BureauActor, session: SessionDep) -> SettlementRead:
    """Close the campaign now and settle it: winning offers, each pledge's price and saving."""
    await service.close_campaign(session, campaign_id=campaign_id, actor=actor)
    campaign = await service.campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ)
    settlement = await service.settlement_view(session, actor=actor, campaign=campaign)
    await policies.attach_settlement_support(session, campaign.category_code, settlement.lines)
    return settlement


@router.post("/{campaign_id}/cancel", response_model=CampaignRead)
async def cancel_campaign(
    campaign_id: uuid.UUID,
    actor: BureauActor,
    session: SessionDep,
    data: Annotated[CampaignCancel | None, Body()] = None,
) -> CampaignRead:
    """Cancel the campaign: every pledge is released and everyone involved is notified."""
    reason = data.reason if data else ""
    campaign = await service.cancel_campaign(session, actor=actor, campaign_id=campaign_id, reason=reason)
    return await service.campaign_view(session, actor=actor, campaign=campaign)


@router.get("/{campaign_id}/settlement", response_model=SettlementRead)
async def get_settlement(
    campaign_id: uuid.UUID,
    actor: CurrentActor,
    session: SessionDep,
    format: Literal["json", "xlsx"] = "json",
) -> Response | SettlementRead:
    """The stored settlement as the caller may see it; `?format=xlsx` exports it to Excel."""
    campaign = await service.campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ)
    settlement = await service.settlement_view(session, actor=actor, campaign=campaign)
    await policies.attach_settlement_support(session, campaign.category_code, settlement.lines)
    if format == "json":
        return settlement
    view = await service.campaign_view(session, actor=actor, campaign=campaign)
    return Response(
        settlement_workbook(view, settlement), media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="settlement-{campaign_id}.xlsx"'},
    )  # fmt: skip
