"""Group-purchase queries: campaigns (with row locks), offers, pledges, totals and settlements."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from matching.campaigns.models import Campaign, Offer, OfferRevision, Pledge, Settlement, SettlementLine

Lock = Literal["update", "share"] | None
_CAMPAIGN_REFS = (joinedload(Campaign.organization), joinedload(Campaign.category))


async def get_campaign(session: AsyncSession, campaign_id: uuid.UUID, *, lock: Lock = None) -> Campaign | None:
    """The campaign; `lock="update"` (close, cancel, open) or `"share"` (pledge, withdraw, offer)
    takes the row lock that orders pledges against closing."""
    stmt = select(Campaign).options(*_CAMPAIGN_REFS).where(Campaign.id == campaign_id)
    if lock is not None:
        # A locked read must see the row as committed now, not as this session cached it.
        stmt = stmt.with_for_update(of=Campaign, read=lock == "share").execution_options(populate_existing=True)
    return (await session.scalars(stmt)).unique().one_or_none()


async def list_campaigns(
    session: AsyncSession,
    *,
    scope: ColumnElement[bool],
    statuses: Sequence[str] | None = None,
    category_codes: Sequence[str] | None = None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Campaign], int]:
    where = [scope]
    if statuses:
        where.append(Campaign.status.in_(list(statuses)))
    if category_codes is not None:
        where.append(Campaign.category_code.in_(list(category_codes)))
    condition = and_(True, *where)
    total = await session.scalar(select(func.count()).select_from(Campaign).where(condition))
    stmt = (
        select(Campaign)
        .options(*_CAMPAIGN_REFS)
        .where(condition)
        .order_by(Campaign.pledge_deadline, Campaign.created_at.desc(), Campaign.id)
        .limit(limit)
        .offset(offset)
    )
    return (await session.scalars(stmt)).unique().all(), total or 0


async def due_campaign_ids(session: AsyncSession, *, now: datetime) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Campaign.id)
        .where(Campaign.status == "open", Campaign.pledge_deadline <= now)
        .order_by(Campaign.pledge_deadline)
    )
    return list(rows)


async def offers_of(session: AsyncSession, campaign_id: uuid.UUID) -> Sequence[Offer]:
    stmt = (
        select(Offer)
        .options(joinedload(Offer.listing), joinedload(Offer.organization))
        .where(Offer.campaign_id == campaign_id)
        .order_by(Offer.sequence)
    )
    return (await session.scalars(stmt)).unique().all()


async def get_offer(session: AsyncSession, campaign_id: uuid.UUID, offer_id: uuid.UUID) -> Offer | None:
    stmt = (
        select(Offer)
        .options(joinedload(Offer.listing), joinedload(Offer.organization))
        .where(Offer.id == offer_id, Offer.campaign_id == campaign_id)
        .with_for_update(of=Offer)
    )
    return (await session.scalars(stmt)).unique().one_or_none()


async def offer_for_listing(session: AsyncSession, campaign_id: uuid.UUID, listing_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(
        select(Offer.id).where(Offer.campaign_id == campaign_id, Offer.listing_id == listing_id)
    )


async def revisions_of(session: AsyncSession, offer_id: uuid.UUID) -> Sequence[OfferRevision]:
    stmt = select(OfferRevision).where(OfferRevision.offer_id == offer_id).order_by(OfferRevision.revision)
    return (await session.scalars(stmt)).all()


async def pledges_of(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    *,
    statuses: Sequence[str] | None = None,
    organization_id: uuid.UUID | None = None,
) -> Sequence[Pledge]:
    stmt = select(Pledge).options(joinedload(Pledge.organization)).where(Pledge.campaign_id == campaign_id)
    if statuses:
        stmt = stmt.where(Pledge.status.in_(list(statuses)))
    if organization_id is not None:
        stmt = stmt.where(Pledge.organization_id == organization_id)
    return (await session.scalars(stmt.order_by(Pledge.sequence))).unique().all()


async def get_pledge(session: AsyncSession, campaign_id: uuid.UUID, pledge_id: uuid.UUID) -> Pledge | None:
    stmt = (
        select(Pledge)
        .options(joinedload(Pledge.organization))
        .where(Pledge.id == pledge_id, Pledge.campaign_id == campaign_id)
        .with_for_update(of=Pledge)
    )
    return (await session.scalars(stmt)).unique().one_or_none()


@dataclass(frozen=True)
class PledgeTotals:
    quantity: int
    pledges: int
    buyers: int
    offers: int


# Pledges that count towards the pool: everything but withdrawals (after closing they are
# settled, dropped or released, and still were pledged).
COUNTED = ("active", "settled", "dropped", "released")


async def totals(session: AsyncSession, campaign_id: uuid.UUID, *, statuses: Sequence[str] = COUNTED) -> PledgeTotals:
    """Derived from the rows every time: no counter to drift."""
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(Pledge.quantity), 0),
                func.count(),
                func.count(distinct(Pledge.organization_id)),
            ).where(Pledge.campaign_id == campaign_id, Pledge.status.in_(list(statuses)))
        )
    ).one()
    offers = await session.scalar(select(func.count()).select_from(Offer).where(Offer.campaign_id == campaign_id))
    return PledgeTotals(quantity=int(row[0]), pledges=int(row[1]), buyers=int(row[2]), offers=offers or 0)


async def get_settlement(session: AsyncSession, campaign_id: uuid.UUID) -> Settlement | None:
    stmt = (
        select(Settlement)
        .options(
            selectinload(Settlement.lines).joinedload(SettlementLine.organization),
        )
        .where(Settlement.campaign_id == campaign_id)
    )
    return (await session.scalars(stmt)).unique().one_or_none()
