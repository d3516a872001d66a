"""Listing queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, any_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.listings.models import Listing
from catalog.organizations.models import Organization

_WITH_REFS = (joinedload(Listing.organization), joinedload(Listing.category))


async def get_listing(session: AsyncSession, listing_id: uuid.UUID, *, for_update: bool = False) -> Listing | None:
    # populate_existing: after a change of category_code the loaded `category` must follow.
    stmt = (
        select(Listing).options(*_WITH_REFS).where(Listing.id == listing_id).execution_options(populate_existing=True)
    )
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


async def review_queue(
    session: AsyncSession,
    *,
    scope: ColumnElement[bool],
    review_status: str,
    category_codes: Sequence[str] | None,
    limit: int,
    offset: int,
    supplier: str | None = None,
    tag: str | None = None,
    has_warnings: bool | None = None,
) -> tuple[Sequence[Listing], int]:
    """Published listings in `review_status` inside `scope` (an `overseen` clause), optionally of
    one supplier (its id, or a part of its name), carrying a tag, and with (or without) import /
    validation warnings. Pending ones oldest request first; decided ones latest decision first."""
    where = [Listing.status == "published", Listing.review_status == review_status, scope]
    if supplier is not None:
        try:
            where.append(Listing.organization_id == uuid.UUID(supplier))
        except ValueError:
            named = select(Organization.id).where(Organization.name.contains(supplier, autoescape=True))
            where.append(Listing.organization_id.in_(named))
    if tag is not None:
        where.append(literal(tag) == any_(Listing.tags))
    if has_warnings is not None:
        count = func.jsonb_array_length(Listing.warnings)
        where.append(count > 0 if has_warnings else count == 0)
    if category_codes is not None:
        where.append(Listing.category_code.in_(list(category_codes)))
    total = await session.scalar(select(func.count()).select_from(Listing).where(*where))
    order: list[ColumnElement[Any]] = (
        [Listing.review_requested_at.asc().nulls_first(), Listing.created_at.asc()]
        if review_status == "pending"
        else [Listing.reviewed_at.desc().nulls_last()]
    )
    order.append(Listing.id.asc())
    stmt = select(Listing).options(*_WITH_REFS).where(*where).order_by(*order).limit(limit).offset(offset)
    return (await session.scalars(stmt)).unique().all(), total or 0
