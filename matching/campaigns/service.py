"""Group-purchase rules (需者团购+供者让利): opening campaigns, offers and their revisions, pledges,
closing into a stored settlement, cancelling, and what each actor may see of it all.

Concurrency: pledges and withdrawals take a SHARE lock on the campaign row, closing, cancelling,
opening and offer revisions take an UPDATE lock. Pledges therefore run side by side, while a
close waits for every pledge in flight and no pledge can land after it (a waiting pledge re-reads
the row, sees it closed and gets 409). Totals are always summed from the pledge rows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, outside_scope
from catalog.access.scopes import readable
from catalog.changes import record_change
from catalog.db import utcnow
from catalog.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from catalog.listings import repository as listing_repository
from catalog.notifications.service import announce_opening, notify
from catalog.regions.repository import lies_under_any, unknown_codes_error
from catalog.schemas import CategoryRef, OrganizationRef
from catalog.taxonomy.repository import find_category, subtree_codes
from catalog.taxonomy.service import resolve_category
from matching.campaigns import repository
from matching.campaigns.models import Campaign, Offer, OfferRevision, Pledge, Settlement, SettlementLine
from matching.campaigns.schemas import (
    CampaignCounts,
    CampaignCreate,
    CampaignRead,
    CurrentBest,
    ListingRef,
    NextTierRead,
    OfferCreate,
    OfferRead,
    OfferUpdate,
    PledgeCreate,
    PledgeRead,
    SettlementLineRead,
    SettlementRead,
    TierIn,
    TierRead,
    WinningOfferRead,
)
from matching.campaigns.settlement import (
    ALLOCATED,
    DROPPED,
    FAILED,
    Line,
    OfferTerms,
    Outcome,
    PledgeTerms,
    Tier,
    choose_offers,
    ladder_errors,
    next_tier,
    settle,
    worsening,
    yuan,
)

CAMPAIGN, OFFER, PLEDGE = "campaign", "offer", "pledge"
CAMPAIGN_FIELDS = (
    "title", "description", "category_code", "region_codes", "unit", "status", "offer_deadline",
    "pledge_deadline", "min_total_quantity", "cancel_reason",
)  # fmt: skip
OFFER_FIELDS = ("listing_id", "unit_list_price", "tiers", "max_quantity", "revision")
PLEDGE_FIELDS = ("quantity", "max_unit_price", "status")
PLEDGE_STATUS_AFTER = {ALLOCATED: "settled", DROPPED: "dropped", "released": "released"}


def snapshot(obj: Campaign | Offer | Pledge) -> dict[str, Any]:
    fields = CAMPAIGN_FIELDS if isinstance(obj, Campaign) else OFFER_FIELDS if isinstance(obj, Offer) else PLEDGE_FIELDS
    return {name: getattr(obj, name) for name in fields}


def link(campaign: Campaign) -> str:
    return f"/api/v1/campaigns/{campaign.id}"


# --- who may see and do what ----------------------------------------------------------------


async def oversees(session: AsyncSession, actor: Actor, campaign: Campaign) -> bool:
    """A bureau whose scope holds every campaign region (or the platform admin)."""
    return not await outside_scope(session, actor, list(campaign.region_codes))


async def covers(session: AsyncSession, campaign: Campaign, region_code: str | None) -> bool:
    """Whether a region lies in the subtree of one of the campaign's regions."""
    return await lies_under_any(session, region_code, campaign.region_codes)


async def campaign_for(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, action: Action, lock: repository.Lock = None
) -> Campaign:
    """The campaign if `actor` may do `action` on it: bureaus in scope see and manage everything;
    suppliers see every campaign that is not a draft; buyers those covering their region. Anyone
    else gets 404, so nobody learns that a campaign exists."""
    campaign = await repository.get_campaign(session, campaign_id, lock=lock)
    if campaign is None:
        raise NotFound("团购活动不存在")
    if await oversees(session, actor, campaign):
        return campaign
    readable = campaign.status != "draft" and (
        actor.is_kind("supplier") or (actor.is_kind("buyer") and await covers(session, campaign, actor.region_code))
    )
    if not readable:
        raise NotFound("团购活动不存在")
    if action is not Action.READ:
        raise Forbidden("只有辖区内的主管部门可以管理该团购")
    return campaign


async def _joining(session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, kind: str, refusal: str) -> Campaign:
    """The campaign a supplier (offering) or buyer (pledging) joins, under the SHARE lock."""
    if not actor.is_kind(kind) or actor.organization_id is None:
        raise Forbidden(refusal)
    return await campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ, lock="share")


def _require_open(campaign: Campaign) -> None:
    if campaign.status == "draft":
        raise Conflict("团购尚未开放")
    if campaign.status != "open":
        raise Conflict(f"团购已结束（{STATUS_NAMES[campaign.status]}）")


STATUS_NAMES = {"draft": "草稿", "open": "进行中", "settled": "已成交", "failed": "未成团", "cancelled": "已取消"}


# --- campaigns -------------------------------------------------------------------------------


async def create_campaign(
    session: AsyncSession, *, actor: Actor, data: CampaignCreate, draft: bool = False, now: datetime | None = None
) -> Campaign:
    """A bureau opens (or drafts) a campaign inside its own scope."""
    now = now or utcnow()
    if actor.organization_id is None or not actor.is_kind("bureau"):
        raise Forbidden("团购须由主管部门账号发起")
    errors: list[FieldError] = []
    category = await find_category(session, data.category)
    if category is None:
        errors.append(FieldError("category", f"未知品类：{data.category[:50]}（可填写品类代码、名称或别名）"))
    regions = list(dict.fromkeys(data.region_codes))
    if unknown := await unknown_codes_error(session, regions, field="region_codes"):
        errors.append(unknown)
    errors.extend(_deadline_errors(data.offer_deadline, data.pledge_deadline, now=now))
    if errors or category is None:
        raise ValidationFailed("团购信息有误", errors=errors)
    assert actor.region_code is not None
    outside = await outside_scope(session, actor, regions)
    if outside:
        raise Forbidden(f"区域 {', '.join(outside[:5])} 不在贵单位辖区内")
    opening = not draft and data.status == "open"
    campaign = Campaign(
        organization_id=actor.organization_id, created_by_user_id=actor.user_id, title=data.title,
        description=data.description, category_code=category.code, region_codes=regions, unit=data.unit,
        status="open" if opening else "draft", offer_deadline=data.offer_deadline,
        pledge_deadline=data.pledge_deadline, min_total_quantity=data.min_total_quantity,
        opened_at=now if opening else None, version=1,
    )  # fmt: skip
    session.add(campaign)
    await session.flush()
    await record_change(
        session, entity_type=CAMPAIGN, entity_id=campaign.id, action="create", actor=actor, before={},
        after=snapshot(campaign),
    )  # fmt: skip
    if opening:
        await _announce(session, campaign)
    return await _reload(session, campaign.id)


async def _announce(session: AsyncSession, campaign: Campaign) -> None:
    """An opening campaign is told to the buyers with published demands in its category and
    regions and to the suppliers with published listings in its category."""
    deadline = campaign.pledge_deadline.strftime("%Y-%m-%d %H:%M")
    offer_deadline = campaign.offer_deadline.strftime("%Y-%m-%d %H:%M")
    await announce_opening(
        session, kind="campaign.opened", title=f"新团购：{campaign.title}"[:200],
        bodies={
            "buyer": f"您发布的需求属于该团购的品类和地区，可在 {deadline}（UTC）前认购，成团后按阶梯价结算。",
            "supplier": f"该团购的品类与您的在售设备相同，可在 {offer_deadline}（UTC）前提交阶梯报价。",
        },
        category_code=campaign.category_code, region_codes=campaign.region_codes,
        entity_type=CAMPAIGN, entity_id=campaign.id, link=f"/api/v1/campaigns/{campaign.id}",
    )  # fmt: skip


def _deadline_errors(offer_deadline: datetime, pledge_deadline: datetime, *, now: datetime) -> list[FieldError]:
    errors = []
    if offer_deadline <= now:
        errors.append(FieldError("offer_deadline", "报价截止时间应晚于当前时间"))
    if pledge_deadline <= now:
        errors.append(FieldError("pledge_deadline", "认购截止时间应晚于当前时间"))
    if offer_deadline > pledge_deadline:
        errors.append(FieldError("offer_deadline", "报价截止时间不能晚于认购截止时间"))
    return errors


async def _reload(session: AsyncSession, campaign_id: uuid.UUID) -> Campaign:
    campaign = await repository.get_campaign(session, campaign_id)
    assert campaign is not None
    return campaign


async def open_campaign(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, now: datetime | None = None
) -> Campaign:
    """A draft becomes open: offers and pledges are accepted until their deadlines."""
    now = now or utcnow()
    campaign = await campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.OVERSEE, lock="update")
    if campaign.status != "draft":
        raise Conflict(f"只有草稿可以开放，当前状态：{STATUS_NAMES[campaign.status]}")
    if _deadline_errors(campaign.offer_deadline, campaign.pledge_deadline, now=now):
        raise Conflict("截止时间已过，不能开放")
    before = snapshot(campaign)
    campaign.status, campaign.opened_at = "open", now
    campaign.version += 1
    await session.flush()
    await record_change(
        session, entity_type=CAMPAIGN, entity_id=campaign.id, action="open", actor=actor, before=before,
        after=snapshot(campaign),
    )  # fmt: skip
    await _announce(session, campaign)
    return campaign


async def list_campaigns(
    session: AsyncSession, *, actor: Actor, status: str | None, category: str | None, limit: int, offset: int
) -> tuple[list[CampaignRead], int]:
    """A buyer: campaigns covering its region; a supplier: every campaign past draft; a bureau:
    those in its scope. Buyers and suppliers see open campaigns unless they ask for a status."""
    codes = None
    if category:
        codes = await subtree_codes(session, (await resolve_category(session, category)).code)
    default = None if actor.is_platform_admin or actor.is_kind("bureau") else "open"
    wanted = status or default
    rows, total = await repository.list_campaigns(
        session,
        statuses=[wanted] if wanted else None,
        category_codes=codes,
        limit=limit,
        offset=offset,
        scope=readable(Campaign, actor),
    )
    return [await campaign_view(session, actor=actor, campaign=c) for c in rows], total


async def cancel_campaign(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, reason: str = "", now: datetime | None = None
) -> Campaign:
    """The bureau calls a campaign off: pledges are released and everyone involved is told."""
    now = now or utcnow()
    campaign = await campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.OVERSEE, lock="update")
    if campaign.status not in ("draft", "open"):
        raise Conflict(f"团购已结束（{STATUS_NAMES[campaign.status]}），不能取消")
    before = snapshot(campaign)
    campaign.status, campaign.closed_at, campaign.cancel_reason = "cancelled", now, reason or None
    campaign.version += 1
    pledges = await repository.pledges_of(session, campaign.id, statuses=["active"])
    for pledge in pledges:
        await _set_pledge_status(session, pledge, "released", actor=actor, note="团购取消，认购释放")
    await session.flush()
    await record_change(
        session, entity_type=CAMPAIGN, entity_id=campaign.id, action="cancel", actor=actor, before=before,
        after=snapshot(campaign), note=reason or None,
    )  # fmt: skip
    why = f"（原因：{reason}）" if reason else ""
    title = f"「{campaign.title}」已取消"
    for organization_id in dict.fromkeys(p.organization_id for p in pledges):
        body = f"团购已取消{why}，您的认购已全部释放。"
        await _tell(session, campaign, organization_id, kind="campaign.cancelled", title=title, body=body)
    for organization_id in dict.fromkeys(o.organization_id for o in await repository.offers_of(session, campaign.id)):
        body = f"团购已取消{why}，贵司的报价不再有效。"
        await _tell(session, campaign, organization_id, kind="campaign.cancelled", title=title, body=body)
    return campaign


# --- offers ----------------------------------------------------------------------------------


def _tiers(tiers: Sequence[TierIn]) -> tuple[Tier, ...]:
    return tuple(Tier(t.min_quantity, t.unit_price) for t in tiers)


def _tiers_json(tiers: Sequence[Tier]) -> list[dict[str, Any]]:
    return [{"min_quantity": t.min_quantity, "unit_price": str(t.unit_price)} for t in tiers]


def offer_terms(offer: Offer) -> OfferTerms:
    return OfferTerms(
        offer_id=offer.id, supplier_id=offer.organization_id, unit_list_price=offer.unit_list_price,
        tiers=tuple(Tier(int(t["min_quantity"]), Decimal(str(t["unit_price"]))) for t in offer.tiers),
        max_quantity=offer.max_quantity, rank=offer.sequence,
    )  # fmt: skip


def _check_ladder(unit_list_price: Decimal, tiers: Sequence[Tier]) -> None:
    errors = ladder_errors(unit_list_price, tiers)
    if errors:
        raise ValidationFailed("阶梯报价有误", errors=[FieldError(f, m) for f, m in errors])


def _require_offers_open(campaign: Campaign, now: datetime) -> None:
    _require_open(campaign)
    if now >= campaign.offer_deadline:
        raise Conflict("报价已截止")


async def make_offer(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, data: OfferCreate, now: datetime | None = None
) -> Offer:
    """A supplier offers one of its published listings with a tier ladder (供者让利)."""
    now = now or utcnow()
    campaign = await _joining(
        session, actor=actor, campaign_id=campaign_id, kind="supplier", refusal="只有设备供应商可以报价"
    )
    _require_offers_open(campaign, now)
    tiers = _tiers(data.tiers)
    _check_ladder(data.unit_list_price, tiers)
    listing = await listing_repository.get_listing(session, data.listing_id)
    if listing is None or listing.organization_id != actor.organization_id:
        raise NotFound("挂牌不存在或不属于贵司")
    if listing.status != "published":
        raise Conflict("只能以已发布的挂牌报价")
    if listing.category_code not in await subtree_codes(session, campaign.category_code):
        raise Conflict(f"挂牌品类“{listing.category.name}”不在本团购品类“{campaign.category.name}”范围内")
    for code in campaign.region_codes:
        if not await lies_under_any(session, code, listing.service_regions):
            raise Conflict(f"挂牌的服务区域不覆盖团购区域 {code}")
    if await repository.offer_for_listing(session, campaign.id, listing.id) is not None:
        raise Conflict("该挂牌已在本团购报价，请修改原报价")
    offer = Offer(
        campaign_id=campaign.id, listing_id=listing.id, organization_id=actor.organization_id,
        unit_list_price=data.unit_list_price, tiers=_tiers_json(tiers), max_quantity=data.max_quantity, revision=1,
    )  # fmt: skip
    try:
        async with session.begin_nested():
            session.add(offer)
            await session.flush()
    except IntegrityError as exc:  # the same listing offered twice at the same moment
        raise Conflict("该挂牌已在本团购报价，请修改原报价") from exc
    await _kept_revision(session, offer, actor=actor, action="create", before={})
    return await _load_offer(session, campaign.id, offer.id)


async def _kept_revision(
    session: AsyncSession, offer: Offer, *, actor: Actor, action: str, before: dict[str, Any]
) -> None:
    session.add(
        OfferRevision(
            offer_id=offer.id, revision=offer.revision, unit_list_price=offer.unit_list_price, tiers=offer.tiers,
            max_quantity=offer.max_quantity, actor_user_id=actor.user_id,
        )
    )  # fmt: skip
    await session.flush()
    await record_change(
        session, entity_type=OFFER, entity_id=offer.id, action=action, actor=actor, before=before, after=snapshot(offer)
    )


async def _load_offer(session: AsyncSession, campaign_id: uuid.UUID, offer_id: uuid.UUID) -> Offer:
    offer = await repository.get_offer(session, campaign_id, offer_id)
    assert offer is not None
    return offer


async def offer_of(session: AsyncSession, *, actor: Actor, campaign: Campaign, offer_id: uuid.UUID) -> Offer:
    """An offer its supplier (or a bureau in scope) may look at in detail."""
    offer = await repository.get_offer(session, campaign.id, offer_id)
    if offer is None or not (
        offer.organization_id == actor.organization_id or await oversees(session, actor, campaign)
    ):
        raise NotFound("报价不存在")
    return offer


async def revise_offer(
    session: AsyncSession,
    *,
    actor: Actor,
    campaign_id: uuid.UUID,
    offer_id: uuid.UUID,
    data: OfferUpdate,
    now: datetime | None = None,
) -> Offer:
    """A new revision of an offer, before the offer deadline. Once pledges exist it may only get
    better for buyers (lower prices, more capacity); the UPDATE lock keeps a pledge from slipping
    in between that check and the change."""
    now = now or utcnow()
    campaign = await campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ, lock="update")
    offer = await repository.get_offer(session, campaign.id, offer_id)
    if offer is None or offer.organization_id != actor.organization_id:
        raise NotFound("报价不存在")
    _require_offers_open(campaign, now)
    old = offer_terms(offer)
    given = data.model_fields_set
    list_price = data.unit_list_price if data.unit_list_price is not None else old.unit_list_price
    tiers = _tiers(data.tiers) if data.tiers is not None else old.tiers
    max_quantity = data.max_quantity if "max_quantity" in given else old.max_quantity
    _check_ladder(list_price, tiers)
    new = OfferTerms(old.offer_id, old.supplier_id, list_price, tiers, max_quantity, old.rank)
    if new == old:
        return offer
    if (await repository.totals(session, campaign.id, statuses=["active"])).pledges:
        problems = worsening(old, new)
        if problems:
            raise Conflict("已有认购，报价只能更优惠", errors=[FieldError(f, m) for f, m in problems])
    before = snapshot(offer)
    offer.unit_list_price, offer.tiers, offer.max_quantity = list_price, _tiers_json(tiers), max_quantity
    offer.revision += 1
    await session.flush()
    await _kept_revision(session, offer, actor=actor, action="revise", before=before)
    return offer


def offer_read(offer: Offer) -> OfferRead:
    return OfferRead(
        id=offer.id, campaign_id=offer.campaign_id, listing=ListingRef.model_validate(offer.listing),
        supplier=OrganizationRef.model_validate(offer.organization), unit_list_price=offer.unit_list_price,
        tiers=[TierRead(min_quantity=t["min_quantity"], unit_price=Decimal(str(t["unit_price"]))) for t in offer.tiers],
        max_quantity=offer.max_quantity, revision=offer.revision, created_at=offer.created_at,
        updated_at=offer.updated_at,
    )  # fmt: skip


# --- pledges ---------------------------------------------------------------------------------


async def make_pledge(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, data: PledgeCreate, now: datetime | None = None
) -> Pledge:
    """A buyer in the campaign's regions pledges a quantity (需者团购)."""
    now = now or utcnow()
    campaign = await _joining(
        session, actor=actor, campaign_id=campaign_id, kind="buyer", refusal="只有需求企业可以认购"
    )
    _require_open(campaign)
    if now >= campaign.pledge_deadline:
        raise Conflict("认购已截止")
    pledge = Pledge(
        campaign_id=campaign.id, organization_id=actor.organization_id, user_id=actor.user_id,
        quantity=data.quantity, max_unit_price=data.max_unit_price, status="active",
    )  # fmt: skip
    session.add(pledge)
    await session.flush()
    await record_change(
        session,
        entity_type=PLEDGE,
        entity_id=pledge.id,
        action="create",
        actor=actor,
        before={},
        after=snapshot(pledge),
    )
    return pledge


async def withdraw_pledge(
    session: AsyncSession, *, actor: Actor, campaign_id: uuid.UUID, pledge_id: uuid.UUID, now: datetime | None = None
) -> Pledge:
    """The pledging buyer withdraws, while the campaign is open and before the pledge deadline."""
    now = now or utcnow()
    campaign = await campaign_for(session, actor=actor, campaign_id=campaign_id, action=Action.READ, lock="share")
    pledge = await repository.get_pledge(session, campaign.id, pledge_id)
    if pledge is None or pledge.organization_id != actor.organization_id:
        raise NotFound("认购不存在")
    _require_open(campaign)
    if now >= campaign.pledge_deadline:
        raise Conflict("认购已截止，不能撤回")
    if pledge.status != "active":
        raise Conflict("该认购已撤回")
    pledge.withdrawn_at = now
    await _set_pledge_status(session, pledge, "withdrawn", actor=actor)
    return pledge


async def _set_pledge_status(
    session: AsyncSession, pledge: Pledge, status: str, *, actor: Actor | None, note: str | None = None
) -> None:
    before = snapshot(pledge)
    pledge.status = status
    await session.flush()
    await record_change(
        session, entity_type=PLEDGE, entity_id=pledge.id, action=status, actor=actor, before=before,
        after=snapshot(pledge), note=note,
    )  # fmt: skip


def pledge_terms(pledge: Pledge) -> PledgeTerms:
    return PledgeTerms(pledge.id, pledge.organization_id, pledge.quantity, pledge.max_unit_price, pledge.sequence)


def pledge_read(pledge: Pledge, *, reveal: bool) -> PledgeRead:
    return PledgeRead(
        id=pledge.id, campaign_id=pledge.campaign_id,
        buyer=OrganizationRef.model_validate(pledge.organization) if reveal else None, quantity=pledge.quantity,
        max_unit_price=pledge.max_unit_price if reveal else None, status=pledge.status,
        created_at=pledge.created_at, withdrawn_at=pledge.withdrawn_at,
    )  # fmt: skip


async def pledges_view(session: AsyncSession, *, actor: Actor, campaign: Campaign) -> list[PledgeRead]:
    """Bureaus see every pledge with its buyer; a buyer only its own; a supplier every quantity but
    no buyer — except, once settled, the buyers its winning offer must deliver to."""
    if await oversees(session, actor, campaign):
        return [pledge_read(p, reveal=True) for p in await repository.pledges_of(session, campaign.id)]
    if actor.is_kind("buyer"):
        own = await repository.pledges_of(session, campaign.id, organization_id=actor.organization_id)
        return [pledge_read(p, reveal=True) for p in own]
    delivers_to = await _delivers_to(session, actor, campaign)
    return [
        pledge_read(p, reveal=p.id in delivers_to)
        for p in await repository.pledges_of(session, campaign.id, statuses=repository.COUNTED)
    ]


async def _delivers_to(session: AsyncSession, actor: Actor, campaign: Campaign) -> set[uuid.UUID]:
    if campaign.status != "settled" or actor.organization_id is None:
        return set()
    settlement = await repository.get_settlement(session, campaign.id)
    lines = settlement.lines if settlement else []
    return {line.pledge_id for line in lines if line.supplier_organization_id == actor.organization_id}


# --- closing ---------------------------------------------------------------------------------


async def close_campaign(
    session: AsyncSession, *, campaign_id: uuid.UUID, actor: Actor | None, now: datetime | None = None
) -> Settlement:
    """Close a campaign into its settlement (by a bureau early, or by the worker at the pledge
    deadline with `actor=None`). Holds the UPDATE lock: pledges in flight finish first, later ones
    find the campaign closed."""
    now = now or utcnow()
    if actor is not None:
        campaign = await campaign_for(
            session, actor=actor, campaign_id=campaign_id, action=Action.OVERSEE, lock="update"
        )
    else:
        found = await repository.get_campaign(session, campaign_id, lock="update")
        if found is None:
            raise NotFound("团购活动不存在")
        campaign = found
    if campaign.status == "draft":
        raise Conflict("草稿状态的团购不能结算，请先开放")
    if campaign.status != "open":
        raise Conflict(f"团购已结束（{STATUS_NAMES[campaign.status]}）")
    offers = list(await repository.offers_of(session, campaign.id))
    pledges = list(await repository.pledges_of(session, campaign.id, statuses=["active"]))
    outcome = settle(
        [offer_terms(o) for o in offers], [pledge_terms(p) for p in pledges],
        min_total_quantity=campaign.min_total_quantity,
    )  # fmt: skip
    settlement = _stored(campaign, outcome, offers, closed_by=actor)
    session.add(settlement)
    await session.flush()
    status_of = {line.pledge_id: PLEDGE_STATUS_AFTER[line.outcome] for line in outcome.lines}
    for pledge in pledges:
        await _set_pledge_status(session, pledge, status_of[pledge.id], actor=actor, note="团购结算")
    before = snapshot(campaign)
    campaign.status, campaign.closed_at = outcome.status, now
    campaign.version += 1
    await session.flush()
    await record_change(
        session, entity_type=CAMPAIGN, entity_id=campaign.id, action="settle" if outcome.status != FAILED else "fail",
        actor=actor, before=before, after=snapshot(campaign), note=outcome.reason,
    )  # fmt: skip
    await _notify_outcome(session, campaign, outcome, offers)
    stored = await repository.get_settlement(session, campaign.id)
    assert stored is not None
    return stored


def _stored(campaign: Campaign, outcome: Outcome, offers: Sequence[Offer], *, closed_by: Actor | None) -> Settlement:
    by_id = {o.id: o for o in offers}
    winners = [
        {
            "offer_id": str(a.offer_id), "supplier_id": str(a.supplier_id),
            "supplier_name": by_id[a.offer_id].organization.name, "listing_id": str(by_id[a.offer_id].listing_id),
            "listing_title": by_id[a.offer_id].listing.title, "quantity": a.quantity,
            "tier_min_quantity": a.tier_min_quantity, "unit_price": str(a.unit_price),
            "unit_list_price": str(a.unit_list_price), "saving": str(a.saving),
        }
        for a in outcome.awards
    ]  # fmt: skip
    settlement = Settlement(
        campaign_id=campaign.id, status=outcome.status, pooled_quantity=outcome.pooled_quantity,
        total_saving=outcome.total_saving, rounds=outcome.rounds, reason=outcome.reason, winning_offers=winners,
        closed_by_user_id=closed_by.user_id if closed_by else None,
    )  # fmt: skip
    settlement.lines = [
        SettlementLine(
            position=i, pledge_id=line.pledge_id, organization_id=line.buyer_id, quantity=line.quantity,
            outcome=line.outcome, offer_id=line.offer_id, supplier_organization_id=line.supplier_id,
            tier_min_quantity=line.tier_min_quantity, unit_price=line.unit_price,
            unit_list_price=line.unit_list_price, saving=line.saving, reason=line.reason,
        )
        for i, line in enumerate(outcome.lines)
    ]  # fmt: skip
    return settlement


async def _tell(
    session: AsyncSession, campaign: Campaign, organization_id: uuid.UUID, *, kind: str, title: str, body: str
) -> None:
    await notify(
        session, organization_id=organization_id, kind=kind, title=title, body=body, entity_type=CAMPAIGN,
        entity_id=campaign.id, link=link(campaign),
    )  # fmt: skip


async def _notify_outcome(session: AsyncSession, campaign: Campaign, outcome: Outcome, offers: Sequence[Offer]) -> None:
    """Every pledging buyer and every offering supplier hears the result, with its price and saving."""
    unit = campaign.unit
    suppliers = list(dict.fromkeys(o.organization_id for o in offers))
    if outcome.status == FAILED:
        title = f"「{campaign.title}」未成团"
        summary = (
            f"团购未成：认购合计 {outcome.pooled_quantity} {unit}，最低成团 {campaign.min_total_quantity} {unit}。"
        )
        for buyer in dict.fromkeys(line.buyer_id for line in outcome.lines):
            await _tell(
                session, campaign, buyer, kind="campaign.failed", title=title, body=summary + "您的认购已释放。"
            )
        for supplier in suppliers:
            await _tell(session, campaign, supplier, kind="campaign.failed", title=title, body=summary)
        return
    title = f"「{campaign.title}」已成交"
    names = {o.organization_id: o.organization.name for o in offers}
    by_buyer: dict[uuid.UUID, list[Line]] = defaultdict(list)
    for line in outcome.lines:
        by_buyer[line.buyer_id].append(line)
    for buyer, lines in by_buyer.items():
        body = "；".join(_line_text(line, unit, names) for line in lines) + "。"
        await _tell(session, campaign, buyer, kind="campaign.settled", title=title, body=body)
    awarded = {a.supplier_id: a for a in outcome.awards}
    best = outcome.awards[0]
    for supplier in suppliers:
        award = awarded.get(supplier)
        body = (
            f"团购已成交：贵司中标 {award.quantity} {unit}，每{unit} {yuan(award.unit_price)} 元，"
            f"让利合计 {yuan(award.saving)} 元。请在结算单中查看需交付的企业。"
            if award
            else f"团购已成交，贵司报价本次未中标（成交价每{unit} {yuan(best.unit_price)} 元）。"
        )
        await _tell(session, campaign, supplier, kind="campaign.settled", title=title, body=body)


def _line_text(line: Line, unit: str, names: dict[uuid.UUID, str]) -> str:
    """团购已成交：每台 66,000 元（原价 90,000 元），4 台，节省 96,000 元 …"""
    if line.outcome != ALLOCATED or line.unit_price is None or line.unit_list_price is None:
        return f"{line.quantity} {unit}未成交：{line.reason}"
    per_unit = line.unit_list_price - line.unit_price
    supplier = names.get(line.supplier_id, "") if line.supplier_id else ""
    return (
        f"团购已成交：每{unit} {yuan(line.unit_price)} 元（原价 {yuan(line.unit_list_price)} 元），{line.quantity} {unit}，"
        f"节省 {yuan(line.saving or Decimal(0))} 元（每{unit}让利 {yuan(per_unit)} 元），供货方 {supplier}"
    )


async def settlement_view(session: AsyncSession, *, actor: Actor, campaign: Campaign) -> SettlementRead:
    """The stored settlement as `actor` may see it: bureaus everything; a buyer its own lines; a
    supplier every line, with the buyers' names only on the lines its own offer supplies."""
    settlement = await repository.get_settlement(session, campaign.id)
    if settlement is None:
        raise NotFound("团购尚未结算")
    overseer = await oversees(session, actor, campaign)
    suppliers = {w["supplier_id"]: w["supplier_name"] for w in settlement.winning_offers}
    lines = []
    for line in settlement.lines:
        own = line.organization_id == actor.organization_id
        if actor.is_kind("buyer") and not own and not overseer:
            continue
        reveal = (
            overseer
            or own
            or (line.supplier_organization_id is not None and line.supplier_organization_id == actor.organization_id)
        )
        supplier_id = str(line.supplier_organization_id) if line.supplier_organization_id else None
        lines.append(
            SettlementLineRead(
                pledge_id=line.pledge_id, buyer=OrganizationRef.model_validate(line.organization) if reveal else None,
                quantity=line.quantity, outcome=line.outcome,
                offer_id=line.offer_id,
                supplier=OrganizationRef(id=uuid.UUID(supplier_id), name=suppliers.get(supplier_id, "")) if supplier_id else None,
                tier_min_quantity=line.tier_min_quantity, unit_price=line.unit_price,
                unit_list_price=line.unit_list_price, saving=line.saving, reason=line.reason,
            )
        )  # fmt: skip
    winners = [
        WinningOfferRead(
            offer_id=w["offer_id"], supplier=OrganizationRef(id=w["supplier_id"], name=w["supplier_name"]),
            listing_id=w["listing_id"], listing_title=w["listing_title"], quantity=w["quantity"],
            tier_min_quantity=w["tier_min_quantity"], unit_price=Decimal(w["unit_price"]),
            unit_list_price=Decimal(w["unit_list_price"]), saving=Decimal(w["saving"]),
        )
        for w in settlement.winning_offers
    ]  # fmt: skip
    return SettlementRead(
        campaign_id=campaign.id, status=settlement.status,
        pooled_quantity=settlement.pooled_quantity, min_total_quantity=campaign.min_total_quantity,
        total_saving=settlement.total_saving, rounds=settlement.rounds, reason=settlement.reason,
        winning_offers=winners, lines=lines, settled_at=settlement.created_at,
    )  # fmt: skip


# --- the campaign as a reader sees it --------------------------------------------------------


async def campaign_view(session: AsyncSession, *, actor: Actor, campaign: Campaign) -> CampaignRead:
    """The campaign with its live figures: pledged total, the best offer at today's pool and how
    far the next cheaper tier is."""
    offers = list(await repository.offers_of(session, campaign.id))
    totals = await repository.totals(session, campaign.id)
    terms = [offer_terms(o) for o in offers]
    best: CurrentBest | None = None
    coming: NextTierRead | None = None
    if campaign.status == "settled":
        settlement = await repository.get_settlement(session, campaign.id)
        if settlement and settlement.winning_offers:
            w = settlement.winning_offers[0]
            best = CurrentBest(
                offer_id=w["offer_id"], unit_price=Decimal(w["unit_price"]), tier_min_quantity=w["tier_min_quantity"]
            )
    elif terms:
        award = choose_offers(terms, max(totals.quantity, 1))[0]
        best = CurrentBest(
            offer_id=award.offer_id, unit_price=award.unit_price, tier_min_quantity=award.tier_min_quantity
        )
        found = next_tier(terms, totals.quantity) if campaign.status in ("open", "draft") else None
        if found is not None:
            coming = NextTierRead(
                offer_id=found.offer_id, quantity_needed=found.quantity_needed, unit_price=found.unit_price,
                message=f"再有 {found.quantity_needed} {campaign.unit}可降至 {yuan(found.unit_price)} 元/{campaign.unit}",
            )  # fmt: skip
    mine = []
    if actor.is_kind("buyer") and actor.organization_id is not None:
        own = await repository.pledges_of(session, campaign.id, organization_id=actor.organization_id)
        mine = [pledge_read(p, reveal=True) for p in own]
    return CampaignRead(
        id=campaign.id, title=campaign.title, description=campaign.description,
        category=CategoryRef.model_validate(campaign.category), region_codes=list(campaign.region_codes),
        unit=campaign.unit, status=campaign.status, bureau=OrganizationRef.model_validate(campaign.organization),
        offer_deadline=campaign.offer_deadline, pledge_deadline=campaign.pledge_deadline,
        min_total_quantity=campaign.min_total_quantity, total_pledged=totals.quantity, current_best=best,
        next_tier=coming, counts=CampaignCounts(offers=totals.offers, pledges=totals.pledges, buyers=totals.buyers),
        offers=[offer_read(o) for o in offers], my_pledges=mine, created_at=campaign.created_at,
        opened_at=campaign.opened_at, closed_at=campaign.closed_at, cancel_reason=campaign.cancel_reason,
        version=campaign.version,
    )  # fmt: skip
