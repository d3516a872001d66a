"""Listing queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.listings.models import Listing

_WITH_REFS = (joinedload(Listing.organization), joinedload(Listing.category))


async def get_listing(session: AsyncSession, listing_id: uuid.UUID, *, for_update: bool = False) -> Listing | None:
    stmt = select(Listing).options(*_WITH_REFS).where(Listing.id == listing_id)
    if for_update:
        stmt = stmt.with_for_update(of=Listing)
    return (await session.scalars(stmt)).unique().one_or_none()


async def list_for_organization(
    session: AsyncSession, organization_id: uuid.UUID, *, status: str | None, limit: int, offset: int
) -> tuple[Sequence[Listing], int]:
    where = [Listing.organization_id == organization_id]
    if status:
        where.append(Listing.status == status)
    total = await session.scalar(select(func.count()).select_from(Listing).where(*where))
    stmt = (
        select(Listing)
        .options(*_WITH_REFS)
        .where(*where)
        .order_by(Listing.created_at.desc(), Listing.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return (await session.scalars(stmt)).unique().all(), total or 0


async def get_by_external_id(session: AsyncSession, organization_id: uuid.UUID, external_id: str) -> Listing | None:
    stmt = (
        select(Listing)
        .options(*_WITH_REFS)
        .where(Listing.organization_id == organization_id, Listing.external_id == external_id)
    )
    return (await session.scalars(stmt)).unique().one_or_none()
