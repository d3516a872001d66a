"""Writing notifications (inside the caller's transaction) and reading an organisation's feed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, any_, false, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import regions_within
from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.errors import NotFound
from catalog.listings.models import Listing
from catalog.notifications.models import Notification
from catalog.organizations.models import Organization
from catalog.taxonomy.models import Category


async def notify(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    entity_type: str | None = None,
    entity_id: uuid.UUID | None = None,
    link: str | None = None,
) -> Notification:
    note = Notification(
        organization_id=organization_id, kind=kind, title=title[:200], body=body,
        entity_type=entity_type, entity_id=entity_id, link=link,
    )  # fmt: skip
    session.add(note)
    await session.flush()
    return note


async def notify_all(session: AsyncSession, notes: Sequence[dict[str, Any]]) -> int:
    """`notify` for many notifications (each a dict of `notify`'s keyword arguments) in one bulk
    INSERT: a batch job that tells thousands of organisations pays one statement, not thousands
    of ORM flushes. Returns how many were written."""
    rows = [
        {"body": "", "entity_type": None, "entity_id": None, "link": None, **n, "title": n["title"][:200]}
        for n in notes
    ]
    if rows:
        await session.execute(insert(Notification), rows)
    return len(rows)


async def feed(
    session: AsyncSession, *, organization_id: uuid.UUID, unread_only: bool, limit: int, offset: int
) -> tuple[Sequence[Notification], int, int]:
    """(page, total, unread count) of an organisation's notifications, newest first."""
    where = [Notification.organization_id == organization_id]
    if unread_only:
        where.append(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(Notification).where(*where)) or 0
    unread = (
        await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.organization_id == organization_id, Notification.read_at.is_(None))
        )
        or 0
    )
    rows = await session.scalars(
        select(Notification)
        .where(*where)
        .order_by(Notification.created_at.desc(), Notification.id)
        .limit(limit)
        .offset(offset)
    )
    return rows.all(), total, unread


async def mark_read(session: AsyncSession, *, organization_id: uuid.UUID, notification_id: uuid.UUID | None) -> int:
    """Mark one notification (or, with None, all) of the organisation read; returns how many changed."""
    stmt = update(Notification).where(Notification.organization_id == organization_id, Notification.read_at.is_(None))
    if notification_id is not None:
        exists = await session.scalar(
            select(Notification.id).where(
                Notification.id == notification_id, Notification.organization_id == organization_id
            )
        )
        if exists is None:
            raise NotFound("通知不存在")
        stmt = stmt.where(Notification.id == notification_id)
    result = await session.execute(stmt.values(read_at=utcnow()))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def announce_opening(
    session: AsyncSession,
    *,
    kind: str,
    title: str,
    bodies: dict[str, str],
    category_code: str | None,
    region_codes: Sequence[str],
    entity_type: str,
    entity_id: uuid.UUID,
    link: str,
) -> dict[str, int]:
    """Tell the organisations an opening concerns (a group purchase, a matchmaking event): buyers
    with a published demand in the category's subtree inside one of `region_codes`, and suppliers
    with a published listing in that subtree (wherever they are: suppliers come from anywhere).
    Without a category (an event open to every category) the buyers are those with any published
    demand inside the regions, and the suppliers those with a published listing whose own
    organisation lies inside them — not every supplier in the country. One notification per
    organisation, `bodies["buyer"]` or `bodies["supplier"]` as its text, written in one statement.
    Returns how many of each."""
    within = [select(regions_within(code).c.code) for code in region_codes]
    inside = or_(*[Demand.region_code.in_(codes) for codes in within]) if within else false()
    demand_where: list[ColumnElement[bool]] = [Demand.status == "published", inside]
    listing_where: list[ColumnElement[bool]] = [Listing.status == "published"]
    if category_code is not None:
        subtree = select(Category.code).where(literal(category_code) == any_(Category.ancestors))
        demand_where.append(Demand.category_code.in_(subtree))
        listing_where.append(Listing.category_code.in_(subtree))
    else:
        local = select(Organization.id).where(
            or_(*[Organization.region_code.in_(codes) for codes in within]) if within else false()
        )
        listing_where.append(Listing.organization_id.in_(local))
    buyers = await session.scalars(select(Demand.organization_id).where(*demand_where).distinct())
    suppliers = await session.scalars(select(Listing.organization_id).where(*listing_where).distinct())
    told = {"buyer": sorted(set(buyers), key=str), "supplier": sorted(set(suppliers), key=str)}
    notes = [
        {"organization_id": org, "kind": kind, "title": title, "body": bodies[role], "entity_type": entity_type,
         "entity_id": entity_id, "link": link}
        for role, orgs in told.items() for org in orgs
    ]  # fmt: skip
    await notify_all(session, notes)
    return {role: len(orgs) for role, orgs in told.items()}
