"""Demand queries."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.demands.models import Demand

_WITH_REFS = (joinedload(Demand.organization), joinedload(Demand.category))


async def get_demand(session: AsyncSession, demand_id: uuid.UUID, *, for_update: bool = False) -> Demand | None:
    # populate_existing: after a change of category_code the loaded `category` must follow.
    stmt = select(Demand).options(*_WITH_REFS).where(Demand.id == demand_id).execution_options(populate_existing=True)
    if for_update:
        stmt = stmt.with_for_update(of=Demand)
    return (await session.scalars(stmt)).unique().one_or_none()


async def list_for_organization(
    session: AsyncSession, organization_id: uuid.UUID, *, status: str | None, limit: int, offset: int
) -> tuple[Sequence[Demand], int]:
    where = [Demand.organization_id == organization_id]
    if status:
        where.append(Demand.status == status)
    total = await session.scalar(select(func.count()).select_from(Demand).where(*where))
    stmt = (
        select(Demand)
        .options(*_WITH_REFS)
        .where(*where)
        .order_by(Demand.created_at.desc(), Demand.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return (await session.scalars(stmt)).unique().all(), total or 0


async def get_by_external_id(session: AsyncSession, organization_id: uuid.UUID, external_id: str) -> Demand | None:
    stmt = (
        select(Demand)
        .options(*_WITH_REFS)
        .where(Demand.organization_id == organization_id, Demand.external_id == external_id)
    )
    return (await session.scalars(stmt)).unique().one_or_none()


async def lock_expired(
    session: AsyncSession, *, now: datetime, limit: int, skip: Collection[uuid.UUID] = frozenset()
) -> Sequence[Demand]:
    """Published demands past their expiry (but `skip`), locked; rows another worker holds are skipped."""
    where = [Demand.status == "published", Demand.expires_at < now]
    if skip:
        where.append(Demand.id.not_in(list(skip)))
    stmt = (
        select(Demand)
        .options(*_WITH_REFS)
        .where(*where)
        .order_by(Demand.expires_at)
        .limit(limit)
        .with_for_update(of=Demand, skip_locked=True)
    )
    return (await session.scalars(stmt)).unique().all()
